package org.abuseloop.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One log line quoted in an incident: when, in which offset, which message family, from which source
 * address and port, against which target address and port over which protocol, and where to find it
 * (file and line). Immutable and thread-safe; {@code raw} is the line's text only when the event carried
 * it (events do not today, so reports cite file and line).
 *
 * @param time the instant of the line
 * @param offset the UTC offset the line's timestamp was written in
 * @param family the message family of the line
 * @param source the attacking address the line names
 * @param sourcePort the attacking port, 0 when the line does not give it
 * @param target the attacked address, or null when the line does not say
 * @param targetPort the attacked port, 0 when the line does not give it
 * @param protocol the transport, {@link Protocol#UNKNOWN} when the line does not say
 * @param file the file or source name the line was read from
 * @param line the 1-based line number in that file
 * @param raw the line's text, or null
 */
public record Evidence(
    Instant time, ZoneOffset offset, Family family, IpAddress source, int sourcePort, IpAddress target,
    int targetPort, Protocol protocol, String file, long line, String raw) {

  public Evidence {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(protocol, "protocol");
  }

  /** Evidence that names no port, target or protocol (a line that does not give them). */
  public Evidence(Instant time, ZoneOffset offset, Family family, IpAddress source, String file, long line, String raw) {
    this(time, offset, family, source, 0, null, 0, Protocol.UNKNOWN, file, line, raw);
  }

  /** The evidence of one event: its time, family, source, target, ports, protocol and origin (no raw text). */
  public static Evidence of(Event e) {
    Origin o = e.origin();
    return new Evidence(e.time(), e.offset(), e.family(), e.source(), e.sourcePort(), e.target(), e.targetPort(),
        e.protocol(), o == null ? null : o.file(), o == null ? 0 : o.line(), null);
  }

  /** This evidence with the line's text (e.g. read back from the file by its line number). */
  public Evidence withRaw(String text) {
    return new Evidence(time, offset, family, source, sourcePort, target, targetPort, protocol, file, line, text);
  }
}
