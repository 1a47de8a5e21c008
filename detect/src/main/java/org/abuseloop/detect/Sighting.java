package org.abuseloop.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import org.abuseloop.core.Event;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;

/**
 * What the detector keeps of one event for the incident it may become part of: time, family, source
 * and source port, target and target port, protocol, user and origin, sharing the event's objects
 * rather than copying them. Immutable; a key keeps
 * only its last few sightings, for evidence and targets.
 */
record Sighting(
    Instant time, ZoneOffset offset, Family family, IpAddress source, int sourcePort, IpAddress target, int port,
    Protocol protocol, String user, Origin origin) {

  /** Users longer than this are cut: the field is attacker-controlled. */
  static final int MAX_USER = 128;

  static Sighting of(Event e) {
    String user = e.user();
    if (user != null && user.length() > MAX_USER) {
      user = user.substring(0, MAX_USER);
    }
    return new Sighting(e.time(), e.offset(), e.family(), e.source(), e.sourcePort(), e.target(), e.targetPort(),
        e.protocol(), user, e.origin());
  }

  Evidence evidence() {
    return new Evidence(time, offset, family, source, sourcePort, target, port, protocol,
        origin == null ? null : origin.file(), origin == null ? 0 : origin.line(), null);
  }
}
