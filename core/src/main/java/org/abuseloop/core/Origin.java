package org.abuseloop.core;

/** Where an event was read: the file (or source name), its 1-based line number and the line's byte offset. */
public record Origin(String file, long line, long byteOffset) {}
