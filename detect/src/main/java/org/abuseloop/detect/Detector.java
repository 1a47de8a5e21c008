package org.abuseloop.detect;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.abuseloop.core.Event;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Incident.Scope;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * Runs scenarios over events and reports incidents: events in, incidents out, with no threads, no I/O
 * and no clock of its own. Not thread-safe: one detector per thread, or per key group in Flink.
 *
 * <p>Time comes from the events: the detector's "now" is the latest event time it saw, moved on by
 * {@link #advanceTo}, or by {@link #tick()} from an injected {@link InstantSource} in live use. Every call
 * returns the incidents that changed: opened ones ({@link Incident#active()} true) and closed ones
 * (false). An incident closes when no event has extended it for its scenario's quiet time (the
 * window, or the time a full bucket takes to drain), when its key is evicted, or on {@link #flush()}.
 * State is bounded by {@link Settings#maxKeys()} tracked keys and a few small arrays per key.
 */
public final class Detector {

  private final Settings settings;
  private final List<Rule> rules = new ArrayList<>();
  /** The scopes some scenario groups by, in declaration order, and the rules of each (flat arrays: hot path). */
  private final Scope[] scopes;
  private final Rule[][] rulesByScope;
  private final FamilyMatches familyMatches;
  private final SourceFilter filter;
  private final Function<IpAddress, String> ownerLookup;
  private final InstantSource clock;
  private final KeyTable table;
  private final Offenders offenders;
  private final PriorityQueue<OpenIncident> deadlines = new PriorityQueue<>(new QueuedDeadlines());
  private long now = Long.MIN_VALUE;
  /** The parts of the key being counted, set by {@link #keyParts} (fields, so no key is built per event). */
  private long keyHigh;
  private long keyLow;
  private int keyMeta;
  private String keyOwner;

  private Detector(Builder b) {
    this.settings = b.config.settings();
    Map<Scope, List<Rule>> byScope = new EnumMap<>(Scope.class);
    for (Scenario s : b.config.scenarios()) {
      Rule r = new Rule(rules.size(), s);
      rules.add(r);
      for (Scope scope : s.groupBy()) {
        byScope.computeIfAbsent(scope, k -> new ArrayList<>()).add(r);
      }
    }
    this.scopes = byScope.keySet().toArray(new Scope[0]);
    this.rulesByScope = byScope.values().stream().map(l -> l.toArray(new Rule[0])).toArray(Rule[][]::new);
    this.familyMatches = new FamilyMatches(rules);
    this.filter = new SourceFilter(settings, b.hostAddresses);
    this.ownerLookup = b.ownerLookup;
    this.clock = b.clock;
    int slotsPerKey = 0;
    for (Rule[] scoped : rulesByScope) {
      slotsPerKey = Math.max(slotsPerKey, scoped.length);
    }
    this.table = new KeyTable(settings.maxKeys(), Math.min(64, Math.max(16, settings.evidence())), settings.targets(),
        slotsPerKey);
    this.offenders = new Offenders(settings.maxKeys());
  }

  /** A builder for a detector running {@code config}. */
  public static Builder builder(DetectionConfig config) {
    return new Builder(config);
  }

  /** Counts one event; returns the incidents it opened and those that time (or eviction) closed. */
  public List<Incident> accept(Event e) {
    List<Incident> out = new ArrayList<>(0);
    long t = millis(e.time());
    advance(t, out);
    if (e.source() == null || !filter.admits(e.source())) {
      return out;
    }
    boolean[] matching = familyMatches.of(e.family());
    if (matching == null) {
      return out;
    }
    Sighting s = Sighting.of(e);
    SightingRings.Packed packed = null;
    IpAddress source = e.source();
    for (int g = 0; g < scopes.length; g++) {
      boolean keyed = false;
      Rule[] scoped = rulesByScope[g];
      for (int column = 0; column < scoped.length; column++) {
        Rule r = scoped[column];
        if (matching[r.index] && r.hasCountedField(s)) {
          if (!keyed) {
            keyed = true;
            if (!keyParts(scopes[g], source)) {
              break;
            }
          }
          int meta = r.perTargetPort ? Key.withPort(keyMeta, s.port()) : keyMeta;
          if (packed == null) {
            packed = new SightingRings.Packed(s);
          }
          count(r, column, meta, s, packed, t, out);
        }
      }
    }
    return out;
  }

  /** Moves "now" to {@code time} if it is later; returns the incidents that closed by then. */
  public List<Incident> advanceTo(Instant time) {
    List<Incident> out = new ArrayList<>(0);
    advance(millis(time), out);
    return out;
  }

  /**
   * Moves "now" to the injected clock's instant (live use, when no events come); returns the
   * incidents that closed by then. Without a clock (replay) time moves with the events only.
   */
  public List<Incident> tick() {
    return clock == null ? new ArrayList<>(0) : advanceTo(clock.instant());
  }

  /**
   * Closes every open incident and forgets all state but the offense counts, time included (end of a
   * replay; the detector can then replay other logs).
   */
  public List<Incident> flush() {
    List<Incident> out = new ArrayList<>();
    List<OpenIncident> open = new ArrayList<>(deadlines);
    open.sort(Comparator.comparingLong(i -> i.deadline));
    for (OpenIncident i : open) {
      close(i, out);
    }
    deadlines.clear();
    table.clear();
    now = Long.MIN_VALUE;
    return out;
  }

  /** Snapshots of the incidents open now, oldest first. */
  public List<Incident> active() {
    return deadlines.stream().filter(i -> !i.closed).map(i -> i.snapshot(true))
        .sorted(Comparator.comparing(Incident::first)).toList();
  }

  /** Incidents opened so far for this source (an address as a full-length prefix, or a prefix). */
  public int offenses(IpPrefix source) {
    boolean host = source.length() == source.network().bitLength();
    return offenders.count(host ? Key.address(source.network()) : Key.prefix(source));
  }

  /** Incidents opened so far for this network owner. */
  public int offenses(String owner) {
    return offenders.count(Key.owner(owner));
  }

  /** The keys tracked now: never more than {@link Settings#maxKeys()}. */
  public int trackedKeys() {
    return table.size();
  }

  /** The sources with an offense count kept now: never more than {@link Settings#maxKeys()}. */
  public int trackedOffenders() {
    return offenders.size();
  }

  /**
   * Sets {@link #keyHigh}, {@link #keyLow}, {@link #keyMeta} and {@link #keyOwner} to the parts of the
   * source's key under {@code scope} (see {@link Key}), without building the key: most events find
   * their keys tracked already. False when the source has no key there (no known owner).
   */
  private boolean keyParts(Scope scope, IpAddress source) {
    keyOwner = null;
    switch (scope) {
      case ADDRESS -> {
        keyHigh = source.high();
        keyLow = source.low();
        keyMeta = Key.addressMeta(source);
      }
      case PREFIX -> {
        int length = settings.prefixLength(source);
        if (source.isIPv4()) {
          keyHigh = 0;
          keyLow = (length == 0 ? 0 : source.ipv4Bits() & (-1 << (32 - length))) & 0xFFFFFFFFL;
          keyMeta = Key.ipv4PrefixMeta(length);
        } else {
          Key k = Key.prefix(IpPrefix.of(source, length));
          keyHigh = k.high();
          keyLow = k.low();
          keyMeta = k.meta();
        }
      }
      case OWNER -> {
        String owner = ownerLookup == null ? null : ownerLookup.apply(source);
        if (owner == null || owner.isBlank()) {
          return false;
        }
        keyHigh = 0;
        keyLow = 0;
        keyMeta = Key.ownerMeta();
        keyOwner = owner;
      }
    }
    return true;
  }

  /**
   * Counts the sighting under rule {@code r} (in {@code column} of its scope) for the key of the parts
   * {@link #keyParts} set, narrowed by {@code meta}.
   *
   * <p>The sighting goes to the key's ring unless every slot of the key has an open incident: the ring
   * is read only when a slot opens, for the last {@code events} sightings it counted, and a counter's
   * events are never more than the offers since its reset (an incident's close resets its slot), which
   * all came while that slot was not open and so were written. So the evidence is the same; an
   * attacker's events, which their own open incidents take, skip the ring's write.
   */
  private void count(Rule r, int column, int meta, Sighting s, SightingRings.Packed packed, long t,
      List<Incident> out) {
    int key = table.find(keyHigh, keyLow, meta, keyOwner);
    if (key < 0) {
      key = table.create(keyHigh, keyLow, meta, keyOwner, now, evicted -> closeAll(evicted, out));
    }
    table.keepUntil(key, t + r.quietMs);
    Slot slot = table.slot(key, column, r);
    if (slot.incident == null || !table.allOpen(key)) {
      table.see(key, packed);
    }
    long tk = Math.max(t, slot.lastTime);
    slot.lastTime = tk;
    if (slot.incident != null) {
      slot.offer(tk, s);
      slot.incident.extend(s);
      slot.incident.deadline = tk + r.quietMs;
      return;
    }
    if (slot.offer(tk, s)) {
      open(slot, key, s, tk, out);
    }
  }

  /** Opens the incident of {@code slot}, of the key numbered {@code number}, on sighting {@code s}. */
  private void open(Slot slot, int number, Sighting s, long t, List<Incident> out) {
    long since = slot.since();
    long events = slot.events();
    List<Sighting> recent = table.recent(number);
    List<Sighting> burst = new ArrayList<>();
    for (int i = recent.size() - 1; i >= 0 && burst.size() < events; i--) {
      if (slot.rule.matches(recent.get(i))) {
        burst.add(recent.get(i));
      }
    }
    Collections.reverse(burst);
    Key key = table.key(number);
    int offenses = offenders.increment(key.source());
    OpenIncident incident = new OpenIncident(slot, key, settings, offenses);
    incident.open(burst, Instant.ofEpochMilli(since), s.time(), events);
    incident.deadline = t + slot.rule.quietMs;
    incident.queuedDeadline = incident.deadline;
    slot.incident = incident;
    deadlines.add(incident);
    out.add(incident.snapshot(true));
  }

  private void advance(long t, List<Incident> out) {
    if (t <= now) {
      return;
    }
    now = t;
    while (!deadlines.isEmpty() && deadlines.peek().queuedDeadline < now) {
      OpenIncident i = deadlines.poll();
      if (i.closed) {
        continue;
      }
      if (i.deadline < now) {
        close(i, out);
      } else {
        i.queuedDeadline = i.deadline;
        deadlines.add(i);
      }
    }
    table.expire(now);
  }

  private void closeAll(int evicted, List<Incident> out) {
    for (OpenIncident i : table.openIncidents(evicted)) {
      close(i, out);
      deadlines.remove(i);
    }
  }

  private void close(OpenIncident i, List<Incident> out) {
    if (i.closed) {
      return;
    }
    i.closed = true;
    i.slot.incident = null;
    i.slot.reset();
    out.add(i.snapshot(false));
  }

  /** Epoch milliseconds, saturated for instants beyond the long range. */
  static long millis(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
    }
  }

  /**
   * Configures a detector: the scenarios, the host's own addresses (never detected), the network
   * owner lookup for OWNER keys and the clock for live use. Not thread-safe; build once.
   */
  public static final class Builder {
    private final DetectionConfig config;
    private Set<IpAddress> hostAddresses = Set.of();
    private Function<IpAddress, String> ownerLookup;
    private InstantSource clock;

    private Builder(DetectionConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** The host's own addresses: never a source of incidents. */
    public Builder hostAddresses(Collection<IpAddress> addresses) {
      this.hostAddresses = Set.copyOf(addresses);
      return this;
    }

    /**
     * The network owner (provider and region) of an address, or null when unknown; without it, OWNER
     * keys are not counted. Called once per counted event, so it should be a fast in-memory lookup.
     */
    public Builder ownerLookup(Function<IpAddress, String> lookup) {
      this.ownerLookup = lookup;
      return this;
    }

    /** The clock {@link Detector#tick()} reads; none by default (time from the events only). */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public Detector build() {
      return new Detector(this);
    }
  }

  /**
   * Orders open incidents by the deadline they are queued under: a class rather than
   * {@code Comparator.comparingLong}, which calls a lambda and a key extractor per comparison where
   * this reads two fields (the queue compares on every extended incident's re-queue). Stateless and
   * thread-safe.
   */
  private static final class QueuedDeadlines implements Comparator<OpenIncident> {
    @Override
    public int compare(OpenIncident a, OpenIncident b) {
      return Long.compare(a.queuedDeadline, b.queuedDeadline);
    }
  }
}
