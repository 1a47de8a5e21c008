package org.abuseloop.logs.conformance;

/**
 * One case of SSHGuard's parser tests: the section it stands in ({@code SSH}, {@code Dropbear},
 * {@code exim} ...), the input line, and the expected attacker address, or null for "no attack".
 */
public record SshguardCase(String section, int corpusLine, String text, String expectedAddress) {}
