package org.abuseloop.cli.watch;

/**
 * STAND-IN until branch {@code follow} lands {@code org.abuseloop.logs.source.SourceLine}: one line
 * read, without its line end, with the position after it. The bytes may be reused after the call.
 */
record SourceLine(String source, byte[] bytes, long lineNumber, Position after) {
}
