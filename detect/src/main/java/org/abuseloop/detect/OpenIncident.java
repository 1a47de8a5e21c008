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
import org.abuseloop.core.Tally;

/**
 * An incident while it is open: the counts, bounded target tallies and evidence it accumulates as
 * events extend it, and the deadline after which it closes. Not thread-safe; {@link #snapshot} gives
 * the immutable {@link Incident}.
 *
 * <p>An event that extends an open incident mostly repeats the one before in all but one field (the
 * same source and target address for a port scan, the same port for a sweep, always the same kind):
 * each field's current run of equal values is counted in a field of this object and handed to its
 * tally (or the kinds) when a different value comes or a snapshot is taken, which counts the same
 * values in the same first-seen order. So an event reads and writes this object and at most the tallies
 * whose value changed, not the four tallies, the kinds and the evidence list, each a cache miss on an
 * incident that other keys' events pushed out of the cache; the latest time is compared with a copy
 * of its seconds and nanoseconds, not through the previous event's {@link Instant}. Once an address
 * or port tally is full (a value went to its "others"), a copy of the tally's filter of listed hashes
 * is kept beside the run (in {@link AddressRun} for the targets and sources): a value it does not list
 * is counted in "others" there, without reading the tally.
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
  private final AddressRun targets;
  private final TallyBuilder<Integer> ports;
  private final TallyBuilder<String> users;
  private final AddressRun sources;
  private final List<Evidence> evidence = new ArrayList<>();
  /** The evidence lines still to take (the cap less those taken). */
  private int evidenceRoom;
  /** {@link #last}'s seconds and nanoseconds. */
  private long lastSecond;
  private int lastNano;
  /** The current run of each field: its value and how many events repeated it since it was last counted. */
  private int runKind = -1;
  private long kindRun;
  private int runPort;
  private long portRun;
  private String runUser;
  private long userRun;
  /** The port tally, once full: its filter of listed hashes, and the "others" counted here (as {@link AddressRun}). */
  private boolean portsFull;
  private long portsListedLow;
  private long portsListedHigh;
  private long portOthers;
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
    this.evidenceRoom = Math.max(0, evidenceCap);
    this.targets = new AddressRun(settings.targets());
    this.ports = new TallyBuilder<>(settings.targets());
    this.users = new TallyBuilder<>(settings.targets());
    this.sources = new AddressRun(settings.targets());
    this.offenses = offenses;
  }

  /**
   * Starts the incident from the sightings of the burst that fired it and the burst's event count.
   * The values a distinct scenario counted, and the sources of an aggregate, come from the slot's
   * exact sets, which hold them all where the sightings hold only the last few.
   */
  void open(List<Sighting> burst, Instant since, Instant now, long events) {
    first = since;
    last(now);
    DistinctField field = slot.rule.scenario.distinct();
    for (Sighting s : burst) {
      detail(s, field, slot.sources == null);
      if (s.time().isBefore(first)) {
        first = s.time();
      }
      later(s.time());
    }
    if (field != null) {
      TallyBuilder<?> tally = switch (field) {
        case USER -> users;
        case TARGET_PORT -> ports;
        case TARGET_ADDRESS -> targets.tally();
      };
      ((DistinctCounter) slot).forEach((v, n) -> tally.addUnchecked(v, n));
    }
    if (slot.sources != null) {
      TallyBuilder<IpAddress> listed = sources.tally();
      slot.sources.forEach((v, n) -> listed.addUnchecked(v, n));
    }
    count = Math.max(events, burst.size());
  }

  /** Adds an event that came while the incident was open. */
  void extend(Sighting s) {
    detail(s, null, true);
    count++;
    later(s.time());
  }

  private void last(Instant t) {
    last = t;
    lastSecond = t.getEpochSecond();
    lastNano = t.getNano();
  }

  /** Moves {@link #last} to {@code t} if {@code t} is after it. */
  private void later(Instant t) {
    long second = t.getEpochSecond();
    if (second > lastSecond || second == lastSecond && t.getNano() > lastNano) {
      last(t);
    }
  }

  private void detail(Sighting s, DistinctField counted, boolean withSources) {
    int kind = s.family().kind().ordinal();
    if (kind != runKind) {
      countKinds();
      runKind = kind;
    }
    kindRun++;
    IpAddress target = s.target();
    if (counted != DistinctField.TARGET_ADDRESS && target != null) {
      targets.see(target);
    }
    int port = s.port();
    if (counted != DistinctField.TARGET_PORT && port > 0) {
      if (port != runPort) {
        countPorts();
        runPort = port;
      }
      portRun++;
    }
    String user = s.user();
    if (counted != DistinctField.USER && user != null) {
      if (!user.equals(runUser)) {
        countUsers();
        runUser = user;
      }
      userRun++;
    }
    IpAddress source = s.source();
    if (withSources && source != null) {
      sources.see(source);
    }
    if (evidenceRoom > 0) {
      evidenceRoom--;
      evidence.add(s.evidence());
    }
  }

  private void countKinds() {
    if (kindRun > 0) {
      kinds[runKind] += kindRun;
      kindRun = 0;
    }
  }

  private void countPorts() {
    if (portRun == 0) {
      return;
    }
    if (portsFull && !TallyBuilder.mayList(portsListedLow, portsListedHigh, runPort)) {
      portOthers += portRun;
    } else if (!ports.addPort(runPort, portRun) && !portsFull) {
      portsFull = true;
      portsListedLow = ports.listedLow();
      portsListedHigh = ports.listedHigh();
    }
    portRun = 0;
  }

  private void countUsers() {
    if (userRun > 0) {
      users.add(runUser, userRun);
      userRun = 0;
    }
  }

  Incident snapshot(boolean active) {
    countKinds();
    countPorts();
    countUsers();
    ports.addOthers(portOthers);
    portOthers = 0;
    Tally<IpAddress> targetTally = targets.build();
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
        targetTally, ports.build(), users.build(), sources.build(), evidence, offenses, active);
  }
}
