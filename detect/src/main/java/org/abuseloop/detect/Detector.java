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
 *
 * <p>A key is tracked from its second sighting: the first one of a key that one event can not fire
 * waits among the {@link Newcomers} (about as many as the key cap), and is replayed when the key comes
 * again (see {@link #admit} for why the incidents are the same).
 */
public final class Detector {

  private final Settings settings;
  private final List<Rule> rules = new ArrayList<>();
  /** The scopes some scenario groups by, in declaration order, and the rules of each (flat arrays: hot path). */
  private final Scope[] scopes;
  private final Rule[][] rulesByScope;
  /** The rules of each scope by {@link Scope#ordinal()} (null for a scope no rule keys by): for replays. */
  private final Rule[][] rulesOfScope = new Rule[Scope.values().length][];
  /** Per scope and column: the rule lets a new key's first sighting wait among the {@link #newcomers}. */
  private final boolean[][] canWait;
  private final FamilyMatches familyMatches;
  private final SourceFilter filter;
  private final Function<IpAddress, String> ownerLookup;
  private final InstantSource clock;
  private final KeyTable table;
  private final Offenders offenders;
  /** The keys seen once, not tracked yet; null when admission is off (the exactness tests' reference). */
  private final Newcomers newcomers;
  private final PriorityQueue<OpenIncident> deadlines = new PriorityQueue<>(new QueuedDeadlines());
  private long now = Long.MIN_VALUE;
  /** The parts of the key being counted, set by {@link #keyParts} (fields, so no key is built per event). */
  private long keyHigh;
  private long keyLow;
  private int keyMeta;
  private String keyOwner;
  /** The current event's sighting, and its number (events counted so far, this one included). */
  private Sighting eventSighting;
  private long eventNumber;
  /** The current event's packed sighting once a ring needed it, else null (see {@link #packed}). */
  private SightingRings.Packed eventPacked;

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
    this.canWait = new boolean[scopes.length][];
    for (int g = 0; g < scopes.length; g++) {
      rulesOfScope[scopes[g].ordinal()] = rulesByScope[g];
      canWait[g] = new boolean[rulesByScope[g].length];
      for (int column = 0; column < canWait[g].length; column++) {
        canWait[g][column] = b.newcomers != 0 && Newcomers.canWait(rulesByScope[g][column], scopes[g], column);
      }
    }
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
    this.newcomers = b.newcomers == 0 ? null : new Newcomers(b.newcomers < 0 ? settings.maxKeys() : b.newcomers);
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
    eventSighting = s;
    eventNumber++;
    eventPacked = null;
    IpAddress source = e.source();
    for (int g = 0; g < scopes.length; g++) {
      boolean keyed = false;
      Rule[] scoped = rulesByScope[g];
      boolean[] waits = canWait[g];
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
          count(r, column, waits[column], meta, s, t, out);
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
    if (newcomers != null) {
      newcomers.clear();
    }
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

  /** The keys seen once that wait, untracked, for a second sighting (tests). */
  int waitingKeys() {
    return newcomers == null ? 0 : newcomers.size();
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
  private void count(Rule r, int column, boolean canWait, int meta, Sighting s, long t,
      List<Incident> out) {
    int key = table.find(keyHigh, keyLow, meta, keyOwner);
    if (key < 0) {
      key = newcomers == null ? create(meta, out) : admit(r, column, canWait, meta, s, t, out);
      if (key < 0) {
        return;
      }
    }
    table.keepUntil(key, t + r.quietMs);
    Slot slot = table.slot(key, column, r);
    if (slot.incident == null || !table.allOpen(key)) {
      table.see(key, packed(s));
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

  /**
   * The current event's sighting as rings keep it, made when a ring first needs it: an event whose
   * keys all have open incidents or wait among the newcomers (which keep its fields) needs none.
   */
  private SightingRings.Packed packed(Sighting s) {
    if (eventPacked == null) {
      eventPacked = new SightingRings.Packed(s);
    }
    return eventPacked;
  }

  /** Tracks the key of the current parts with this meta; returns its number. */
  private int create(int meta, List<Incident> out) {
    return table.create(keyHigh, keyLow, meta, keyOwner, now, evicted -> closeAll(evicted, out));
  }

  /**
   * Admission of a key that is not tracked, counted by rule {@code r} in {@code column}: returns the
   * key's number when it is tracked now (its first sighting, if it waited, replayed), or -1 when this
   * sighting waits among the newcomers instead.
   *
   * <p>Why this is exact: a key's state changes only where its own sightings are counted, and one
   * sighting can not open an incident under a rule that {@link Newcomers#canWait} allows; so a key seen
   * once is, to every output, as if it had not been seen. When it comes again its first sighting is
   * counted as it would have been at its own time (same time, same ring entry, same rules in the same
   * column order), and then the new one: the slots, ring and expiry are then what counting at the time
   * gave. A first sighting dropped because it no longer matters (its time plus the quiet time is before
   * now) would have left state that every counter treats as empty at any later event time (each drops
   * what lies beyond its window or drained), as a fresh key's. Only the touch order differs (the key
   * enters it when tracked), which the cap's choice of the coldest key may see; and for events out of
   * order by more than a quiet time, where tracking from the first sighting already depended on that
   * order (whether the stale key had been dropped yet), a waiting key acts as one not dropped yet.
   */
  private int admit(Rule r, int column, boolean canWait, int meta, Sighting s, long t,
      List<Incident> out) {
    int waiting = newcomers.find(keyHigh, keyLow, meta, keyOwner);
    if (waiting >= 0) {
      if (canWait && newcomers.event(waiting) == eventNumber) {
        newcomers.addColumn(waiting, column, t + r.quietMs);
        return -1;
      }
      return promote(waiting, out);
    }
    if (!canWait) {
      return create(meta, out);
    }
    int place = newcomers.placeFor(keyHigh, keyLow, meta, keyOwner, now);
    if (newcomers.holdsLiveAt(place, now)) {
      promote(place, out);
    }
    newcomers.put(place, keyHigh, keyLow, meta, keyOwner, t, t + r.quietMs, column, s, eventNumber);
    return -1;
  }

  /**
   * Tracks a waiting key and counts its first sighting as it was counted at its own time, rule by rule
   * in column order (expiry, slot, ring, counter); returns the key's number. Its entry is freed.
   */
  private int promote(int waiting, List<Incident> out) {
    Newcomers n = newcomers;
    int meta = n.meta(waiting);
    int key = table.create(n.high(waiting), n.low(waiting), meta, n.owner(waiting), now,
        evicted -> closeAll(evicted, out));
    Rule[] scoped = rulesOfScope[Key.scopeOf(meta).ordinal()];
    long t = n.time(waiting);
    // The current event's own sighting and packed form when it is the one that waited (the rings of
    // its other keys share that packed form).
    boolean current = n.event(waiting) == eventNumber;
    SightingRings.Packed packed = current ? packed(eventSighting) : n.first(waiting);
    Sighting s = current ? eventSighting : packed.unpack();
    for (long columns = n.columns(waiting); columns != 0; columns &= columns - 1) {
      int column = Long.numberOfTrailingZeros(columns);
      Rule r = scoped[column];
      table.keepUntil(key, t + r.quietMs);
      Slot slot = table.slot(key, column, r);
      table.see(key, packed);
      slot.lastTime = Math.max(t, slot.lastTime);
      if (slot.offer(slot.lastTime, s)) {
        throw new IllegalStateException("a first sighting fired " + r.scenario.id() + ": it should not have waited");
      }
    }
    n.remove(waiting);
    return key;
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
    /** The newcomers' capacity: -1 for the key cap's, 0 for none (admission off). */
    private int newcomers = -1;

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

    /**
     * Whether keys seen once wait among the newcomers before they are tracked (the default); off, every
     * key is tracked from its first sighting: the reference the exactness tests compare with.
     */
    Builder admission(boolean on) {
      this.newcomers = on ? -1 : 0;
      return this;
    }

    /** Admission with room for about {@code capacity} newcomers (tests: a small table to overwrite). */
    Builder newcomers(int capacity) {
      this.newcomers = capacity;
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
