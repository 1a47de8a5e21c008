package org.abuseloop.logs.mail;

import org.abuseloop.core.IpAddress;

/**
 * A client address read from a mail log line, its port (0 when the line has none) and the index just
 * after the text it was read from. Immutable and thread-safe.
 */
record Peer(IpAddress address, int port, int end) {}
