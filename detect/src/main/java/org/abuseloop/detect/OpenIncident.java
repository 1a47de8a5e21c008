package org.abuseloop.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * An incident while it is open: the counts, bounded target tallies and evidence it accumulates as
 * events extend it, and the deadline after which it closes. Not thread-safe; {@link #snapshot} gives
 * the immutable {@link Incident}.
 */
final class OpenIncident {

  final Slot slot;
  final Key key;
  private final String owner;
  private final int evidenceCap;
  private Instant first;
  private Instant last;
  private long count;
  private final long[] kinds = new long[EventKind.values().length];
  private final TallyBuilder<IpAddress> addresses;
  private final TallyBuilder<Integer> ports;
  private final TallyBuilder<String> users;
  private final TallyBuilder<IpAddress> sources;
  private final List<Evidence> evidence = new ArrayList<>();
  final int offenses;
  /** The time after which the incident closes if no event extends it. */
  long deadline;
  /** The deadline under which it sits in the detector's queue. */
  long queuedDeadline;
  boolean closed;

  OpenIncident(Slot slot, Key key, Settings settings, int offenses) {
    this.slot = slot;
    this.key = key;
    this.owner = key.owner();
    this.evidenceCap = settings.evidence();
    this.addresses = new TallyBuilder<>(settings.targets());
    this.ports = new TallyBuilder<>(settings.targets());
    this.users = new TallyBuilder<>(settings.targets());
    this.sources = new TallyBuilder<>(settings.targets());
    this.offenses = offenses;
  }

  /**
   * Starts the incident from the sightings of the burst that fired it and the burst's event count.
   * The values a distinct scenario counted, and the sources of an aggregate, come from the slot's
   * exact sets, which hold them all where the sightings hold only the last few.
   */
  void open(List<Sighting> burst, Instant since, Instant now, long events) {
    first = since;
    last = now;
    DistinctField field = slot.rule.scenario.distinct();
    for (Sighting s : burst) {
      detail(s, field, slot.sources == null);
      if (s.time().isBefore(first)) {
        first = s.time();
      }
      if (s.time().isAfter(last)) {
        last = s.time();
      }
    }
    if (field != null) {
      TallyBuilder<?> tally = switch (field) {
        case USER -> users;
        case TARGET_PORT -> ports;
        case TARGET_ADDRESS -> addresses;
      };
      ((DistinctCounter) slot).forEach((v, n) -> tally.addUnchecked(v, n));
    }
    if (slot.sources != null) {
      slot.sources.forEach((v, n) -> sources.addUnchecked(v, n));
    }
    count = Math.max(events, burst.size());
  }

  /** Adds an event that came while the incident was open. */
  void extend(Sighting s) {
    detail(s, null, true);
    count++;
    if (s.time().isAfter(last)) {
      last = s.time();
    }
  }

  private void detail(Sighting s, DistinctField counted, boolean withSources) {
    kinds[s.family().kind().ordinal()]++;
    if (counted != DistinctField.TARGET_ADDRESS) {
      addresses.addAddress(s.target(), 1);
    }
    if (counted != DistinctField.TARGET_PORT) {
      ports.addPort(s.port(), 1);
    }
    if (counted != DistinctField.USER) {
      users.add(s.user(), 1);
    }
    if (withSources) {
      sources.addAddress(s.source(), 1);
    }
    if (evidence.size() < evidenceCap) {
      evidence.add(s.evidence());
    }
  }

  Incident snapshot(boolean active) {
    Map<EventKind, Long> byKind = new EnumMap<>(EventKind.class);
    for (EventKind k : EventKind.values()) {
      if (kinds[k.ordinal()] > 0) {
        byKind.put(k, kinds[k.ordinal()]);
      }
    }
    long spanMs = Math.max(1000, last.toEpochMilli() - first.toEpochMilli());
    double rate = count * 60_000.0 / spanMs;
    IpPrefix source = key.prefix();
    return new Incident(slot.rule.scenario.id(), key.scope(), source, owner, first, last, count, rate, byKind,
        addresses.build(), ports.build(), users.build(), sources.build(), evidence, offenses, active);
  }
}
