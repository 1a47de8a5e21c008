package org.abuseloop.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One attack line, typed: when, from where, against what, which message family and kind, and where
 * it was read. Immutable and thread-safe; ports are 0 when the line does not give them.
 *
 * @param time the instant the service wrote the line
 * @param offset the UTC offset the line's timestamp was written in
 * @param source the attacking address, or null when the service logged a host name instead
 * @param sourceHost the host name as written when the service logged a name, else null
 * @param sourcePort the attacking port, 0 when unknown
 * @param target the attacked address, or null when the line does not say
 * @param targetPort the attacked port, 0 when unknown
 * @param protocol the transport, UNKNOWN when the line does not say
 * @param family the message family, which also names the service and the kind
 * @param user the user, account or extension tried, or null
 * @param origin the file and line this came from
 */
public record Event(
    Instant time,
    ZoneOffset offset,
    IpAddress source,
    String sourceHost,
    int sourcePort,
    IpAddress target,
    int targetPort,
    Protocol protocol,
    Family family,
    String user,
    Origin origin) {

  public Event {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(protocol, "protocol");
    if (source == null && sourceHost == null) {
      throw new IllegalArgumentException("an event needs a source address or host");
    }
  }

  public Service service() {
    return family.service();
  }

  public EventKind kind() {
    return family.kind();
  }

  /** The source as written: the address, or the host name when the service logged one. */
  public String sourceText() {
    return source != null ? source.toString() : sourceHost;
  }
}
