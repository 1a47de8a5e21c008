package org.abuseloop.logs.attempt;

import static org.abuseloop.logs.mail.DovecotParser.LOGIN_AUTH_FAILED;
import static org.abuseloop.logs.mail.DovecotParser.PAM_FAILURE;
import static org.abuseloop.logs.mail.DovecotParser.PASSWORD_MISMATCH;
import static org.abuseloop.logs.mail.DovecotParser.UNKNOWN_USER;
import static org.abuseloop.logs.sip.AsteriskFamilies.AMI_ACL;
import static org.abuseloop.logs.sip.AsteriskFamilies.AMI_AUTH_FAILED;
import static org.abuseloop.logs.sip.AsteriskFamilies.AMI_UNKNOWN_USER;
import static org.abuseloop.logs.sip.AsteriskFamilies.PJSIP_AUTH_ERROR;
import static org.abuseloop.logs.sip.AsteriskFamilies.PJSIP_AUTH_FAILED;
import static org.abuseloop.logs.sip.AsteriskFamilies.PJSIP_CONTACT_ACL;
import static org.abuseloop.logs.sip.AsteriskFamilies.PJSIP_ENDPOINT_ACL;
import static org.abuseloop.logs.sip.AsteriskFamilies.PJSIP_NO_ENDPOINT;
import static org.abuseloop.logs.sip.AsteriskFamilies.SECURITY_CHALLENGE_FAILED;
import static org.abuseloop.logs.sip.AsteriskFamilies.SECURITY_FAILED_ACL;
import static org.abuseloop.logs.sip.AsteriskFamilies.SECURITY_INVALID_ACCOUNT;
import static org.abuseloop.logs.sip.AsteriskFamilies.SECURITY_INVALID_PASSWORD;
import static org.abuseloop.logs.sip.AsteriskFamilies.SECURITY_INVALID_TRANSPORT;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_AUTH_NAME_MISMATCH;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_DEVICE_ACL;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_NOT_DYNAMIC;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_NOT_LOCAL_DOMAIN;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_NO_PEER;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_WRONG_PASSWORD;
import static org.abuseloop.logs.sip.AsteriskFamilies.SIP_WRONG_TRANSPORT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;

/**
 * Counts one failed attempt once when the service wrote it on several lines: Asterisk writes a NOTICE
 * and, with the security log on, a SECURITY event for the same request (and manager.c a second NOTICE);
 * Dovecot writes an auth line per failure (with {@code auth_verbose}), PAM its own, and the login process
 * one line per connection when the client leaves. Lines of DIFFERENT families that one attempt is known
 * to write ({@link #GROUPS}, each family at most once per attempt) from the same source address and
 * service, within the group's window and with the same source port (and user, for AMI and Dovecot) when both
 * lines give one, are joined one-to-one, oldest attempt first: the attempt keeps one event and the other
 * lines are counted as folded ({@link #folded()}), never dropped silently. Two lines of one family are
 * always two attempts, so a flood of many attempts a second is counted in full, and a forged partner
 * line can only take the place of one real line: an attempt's count never falls below the number of
 * lines of any one family. Not thread-safe: one instance sees one merged stream of events.
 *
 * <p>Two ways to use it. {@link #accept} holds each line that may have a partner for {@code hold} of
 * event time and keeps the richer of the two (the one giving more of source port, target, target port,
 * user and protocol), handing events on in their order; {@link #flush} hands on what is still held.
 * {@link #corroborates} decides at once, for a live stream that must not wait: the first line of an
 * attempt is kept and a later partner is folded.
 */
public final class SameAttempt {

  /** Asterisk logs both lines of a request in one go; the security event may land in the next second. */
  static final Duration ASTERISK_WINDOW = Duration.ofSeconds(1);
  /** Dovecot's login process writes its line when the client leaves, up to its 3-minute idle timeout. */
  static final Duration DOVECOT_WINDOW = Duration.ofSeconds(200);

  /** The groups of families one attempt writes, each with the time its lines may lie apart. */
  static final List<Group> GROUPS = List.of(
      // chan_sip, handle_request_register then sip_report_security_event with the same result
      asterisk(SIP_WRONG_PASSWORD, SECURITY_INVALID_PASSWORD),
      asterisk(SIP_AUTH_NAME_MISMATCH, SECURITY_CHALLENGE_FAILED),
      asterisk(SIP_NO_PEER, SECURITY_INVALID_ACCOUNT),
      asterisk(SIP_NOT_LOCAL_DOMAIN, SECURITY_FAILED_ACL),
      asterisk(SIP_NOT_DYNAMIC, SECURITY_FAILED_ACL),
      asterisk(SIP_DEVICE_ACL, SECURITY_FAILED_ACL),
      asterisk(SIP_WRONG_TRANSPORT, SECURITY_INVALID_TRANSPORT),
      // res_pjsip's distributor: log_failed_request then the ast_sip_report_* call, for one request
      asterisk(PJSIP_NO_ENDPOINT, SECURITY_INVALID_ACCOUNT),
      asterisk(PJSIP_AUTH_FAILED, SECURITY_CHALLENGE_FAILED),
      asterisk(PJSIP_AUTH_ERROR, SECURITY_CHALLENGE_FAILED),
      asterisk(PJSIP_ENDPOINT_ACL, SECURITY_FAILED_ACL),
      asterisk(PJSIP_CONTACT_ACL, SECURITY_FAILED_ACL),
      // manager.c authenticate(): the reason, the security event, then "failed to authenticate as"
      // (every line names the Username the client sent, so their users must agree)
      manager(AMI_UNKNOWN_USER, AMI_AUTH_FAILED, SECURITY_INVALID_ACCOUNT),
      manager(AMI_ACL, AMI_AUTH_FAILED, SECURITY_FAILED_ACL),
      manager(AMI_AUTH_FAILED, SECURITY_INVALID_PASSWORD),
      manager(AMI_AUTH_FAILED, SECURITY_CHALLENGE_FAILED),
      // Dovecot: PAM's line, the auth process's line, and the login process's line at disconnect
      dovecot(PAM_FAILURE, PASSWORD_MISMATCH, LOGIN_AUTH_FAILED),
      dovecot(PAM_FAILURE, UNKNOWN_USER, LOGIN_AUTH_FAILED));

  /** How many attempts are remembered at most; beyond it the oldest are forgotten (counted, not folded). */
  static final int MAX_ATTEMPTS = 1 << 17;
  /** How many waiting attempts of one source are looked at for a partner: bounds the work per line. */
  private static final int SCAN = 16;
  /**
   * The first capacity of a source's queue of attempts for one family: most sources have one or two
   * attempts in their window, and {@code ArrayDeque}'s default (16) made each new source write a
   * fresh array of 17 references per family it waits for.
   */
  private static final int WAITING_CAPACITY = 2;

  private static final Map<Family, Integer> INDEX = new HashMap<>();
  private static final Family[] FAMILIES;
  /** For each family index, the indices in {@link #GROUPS} of the groups holding it. */
  private static final int[][] GROUPS_OF;
  /** Each group's families as bits of their indices, and its window and user rule. */
  private static final long[] GROUP_MASK;
  private static final long[] GROUP_WINDOW_MILLIS;
  private static final boolean[] GROUP_SAME_USER;
  /** For each family index, the longest window of its groups: how long its attempts are remembered. */
  private static final Duration[] WINDOW_OF;
  /** For each family index, what an attempt begun by a line of that family may still take. */
  private static final long[] WANTS_ALONE;
  /** The distinct windows of {@link #WINDOW_OF} in increasing order (the queues by age), in milliseconds. */
  private static final long[] AGES;
  /** For each family index, the index in {@link #AGES} of its window. */
  private static final int[] AGE_OF;

  static {
    for (Group g : GROUPS) {
      for (Family f : g.families()) {
        INDEX.putIfAbsent(f, INDEX.size());
      }
    }
    FAMILIES = new Family[INDEX.size()];
    INDEX.forEach((f, i) -> FAMILIES[i] = f);
    GROUP_MASK = new long[GROUPS.size()];
    GROUP_WINDOW_MILLIS = new long[GROUPS.size()];
    GROUP_SAME_USER = new boolean[GROUPS.size()];
    for (int g = 0; g < GROUPS.size(); g++) {
      for (Family f : GROUPS.get(g).families()) {
        GROUP_MASK[g] |= 1L << INDEX.get(f);
      }
      GROUP_WINDOW_MILLIS[g] = GROUPS.get(g).window().toMillis();
      GROUP_SAME_USER[g] = GROUPS.get(g).sameUser();
    }
    GROUPS_OF = new int[FAMILIES.length][];
    WINDOW_OF = new Duration[FAMILIES.length];
    for (int i = 0; i < FAMILIES.length; i++) {
      long bit = 1L << i;
      GROUPS_OF[i] = java.util.stream.IntStream.range(0, GROUPS.size()).filter(g -> (GROUP_MASK[g] & bit) != 0).toArray();
      Duration w = Duration.ZERO;
      for (int g : GROUPS_OF[i]) {
        w = GROUPS.get(g).window().compareTo(w) > 0 ? GROUPS.get(g).window() : w;
      }
      WINDOW_OF[i] = w;
    }
    java.util.TreeSet<Long> ages = new java.util.TreeSet<>();
    for (Duration w : WINDOW_OF) {
      ages.add(w.toMillis());
    }
    AGES = new long[ages.size()];
    int n = 0;
    for (long age : ages) {
      AGES[n++] = age;
    }
    WANTS_ALONE = new long[FAMILIES.length];
    for (int i = 0; i < FAMILIES.length; i++) {
      WANTS_ALONE[i] = wants(1L << i);
    }
    AGE_OF = new int[FAMILIES.length];
    for (int i = 0; i < FAMILIES.length; i++) {
      AGE_OF[i] = java.util.Arrays.binarySearch(AGES, WINDOW_OF[i].toMillis());
    }
  }

  private final Duration hold;
  /** {@link #hold} in whole seconds and the nanoseconds beyond them, to time held lines without an {@code Instant} each. */
  private final long holdSeconds;
  private final int holdNanos;
  private final Map<Key, Source> sources = new HashMap<>();
  /** Looks sources up without a new key per event; never stored in {@link #sources}. */
  private final Key probe = new Key();
  /** Remembered attempts by window ({@link #AGES}, shortest first), each queue in the order the attempts began. */
  @SuppressWarnings("unchecked")
  private final ArrayDeque<Attempt>[] byAge = new ArrayDeque[AGES.length];
  private final ArrayDeque<Slot> pending = new ArrayDeque<>();
  /** Folded lines by family index, and the family indices in the order they were first folded. */
  private final long[] folded = new long[FAMILIES.length];
  private final int[] foldOrder = new int[FAMILIES.length];
  private int foldKinds;
  private Instant clock = Instant.MIN;
  private int remembered;
  /** The last families met (by identity) and their indices: a small ring in front of {@link #INDEX}. */
  private final Family[] recentFamilies = new Family[RECENT_FAMILIES];
  private final int[] recentIndices = new int[RECENT_FAMILIES];
  private int recentNext;

  /** @param hold how long (event time) a line that may have a partner is held to pick the richer; zero decides at once */
  public SameAttempt(Duration hold) {
    if (hold.isNegative()) {
      throw new IllegalArgumentException("hold must not be negative: " + hold);
    }
    this.hold = hold;
    this.holdSeconds = hold.getSeconds();
    this.holdNanos = hold.getNano();
  }

  /**
   * Takes the next event of the stream; {@code out} gets the events that leave the hold, in order, less
   * the folded ones.
   */
  public void accept(Event e, Consumer<Event> out) {
    tick(e.time());
    release(out, false); // what waited long enough leaves first, so a partner never moves further than the hold
    int family = index(e.family());
    if (family < 0) {
      if (pending.isEmpty()) {
        out.accept(e);
      } else {
        pending.add(new Slot(e, null));
      }
    } else {
      Source source = sources.get(probe.of(e));
      Attempt a = partnerOf(source, e, family);
      if (a != null) {
        join(a, e, family);
        if (a.slot != null && richness(e) > richness(a.slot.event)) {
          count(a.slot.event);
          a.slot.event = e;
        } else {
          count(e);
        }
      } else {
        Attempt started = begin(source, e, family);
        if (hold.isZero() && pending.isEmpty()) {
          out.accept(e);
        } else {
          Slot s = new Slot(e, started);
          s.holdUntil(e.time(), holdSeconds, holdNanos);
          if (started != null) {
            started.slot = s;
          }
          pending.add(s);
        }
      }
    }
    release(out, false);
  }

  /** Hands on every event still held (at the end of the stream). */
  public void flush(Consumer<Event> out) {
    release(out, true);
  }

  /**
   * Decides at once, for a live stream: true when {@code e} is a further line of an attempt already
   * seen (it is then counted as folded and should not be counted again), false when it is new.
   */
  public boolean corroborates(Event e) {
    tick(e.time());
    int family = index(e.family());
    if (family < 0) {
      return false;
    }
    Source source = sources.get(probe.of(e));
    Attempt a = partnerOf(source, e, family);
    if (a == null) {
      begin(source, e, family);
      return false;
    }
    join(a, e, family);
    count(e);
    return true;
  }

  /** Lines folded into another line of the same attempt so far. */
  public long folded() {
    long n = 0;
    for (long c : folded) {
      n += c;
    }
    return n;
  }

  /** Folded lines per family (of the line not handed on), in the order first seen. */
  public Map<Family, Long> foldedByFamily() {
    Map<Family, Long> out = new LinkedHashMap<>();
    for (int k = 0; k < foldKinds; k++) {
      out.put(FAMILIES[foldOrder[k]], folded[foldOrder[k]]);
    }
    return Collections.unmodifiableMap(out);
  }

  /** The families that may fold, for documentation and tests. */
  public static List<List<Family>> groups() {
    return GROUPS.stream().map(Group::families).toList();
  }

  /** Counts {@code e} as folded; its family is one of the groups' (the only ones that fold). */
  private void count(Event e) {
    int f = index(e.family());
    if (folded[f]++ == 0) {
      foldOrder[foldKinds++] = f;
    }
  }

  private void release(Consumer<Event> out, boolean all) {
    while (!pending.isEmpty()) {
      Slot s = pending.peek();
      if (!all && s.timed && !s.passedBy(clock)) {
        return;
      }
      pending.poll();
      if (s.attempt != null) {
        s.attempt.slot = null;
      }
      out.accept(s.event);
    }
  }

  /** Moves event time forward (never back, for lines out of order) and forgets attempts past their window. */
  private void tick(Instant t) {
    if (t.isAfter(clock)) {
      clock = t;
    }
    if (remembered == 0) {
      return;
    }
    long now = clock.toEpochMilli();
    for (int q = 0; q < AGES.length; q++) {
      ArrayDeque<Attempt> attempts = byAge[q];
      if (attempts == null) {
        continue;
      }
      long oldest = now - AGES[q];
      while (!attempts.isEmpty() && (attempts.peek().firstMillis < oldest || remembered > MAX_ATTEMPTS)) {
        forget(attempts.poll());
      }
    }
  }

  private void forget(Attempt a) {
    a.forgotten = true;
    remembered--;
    if (--a.source.live == 0) {
      sources.remove(a.source);
    }
  }

  /** The oldest remembered attempt of {@code s} (e's source, or null) that may take {@code e} as one of its lines, or null. */
  private Attempt partnerOf(Source s, Event e, int family) {
    ArrayDeque<Attempt> waiting = s == null ? null : s.waiting[family];
    if (waiting == null) {
      return null;
    }
    long bit = 1L << family;
    while (!waiting.isEmpty() && (waiting.peek().forgotten || (waiting.peek().wants & bit) == 0)) {
      waiting.poll();
    }
    int looked = 0;
    for (Attempt a : waiting) {
      if (++looked > SCAN) {
        break;
      }
      if (!a.forgotten && (a.wants & bit) != 0 && fits(a, e, family)) {
        return a;
      }
    }
    return null;
  }

  private static boolean fits(Attempt a, Event e, int family) {
    if (a.port != 0 && e.sourcePort() != 0 && a.port != e.sourcePort()) {
      return false;
    }
    long apart = Math.abs(e.time().toEpochMilli() - a.firstMillis);
    long joined = a.mask | (1L << family);
    for (int g : GROUPS_OF[family]) {
      if ((joined & ~GROUP_MASK[g]) == 0 && apart <= GROUP_WINDOW_MILLIS[g]
          && (!GROUP_SAME_USER[g] || a.user == null || e.user() == null || a.user.equals(e.user()))) {
        return true;
      }
    }
    return false;
  }

  private static void join(Attempt a, Event e, int family) {
    a.mask |= 1L << family;
    a.wants = wants(a.mask);
    if (a.port == 0) {
      a.port = e.sourcePort();
    }
    if (a.user == null) {
      a.user = e.user();
    }
  }

  /** Remembers a new attempt that later lines may join ({@code s}: e's source, or null when it has none yet); null when none could. */
  private Attempt begin(Source s, Event e, int family) {
    long mask = 1L << family;
    long wants = WANTS_ALONE[family];
    if (wants == 0) {
      return null;
    }
    if (s == null) {
      s = new Source(e);
      sources.put(s, s);
    }
    Attempt a = new Attempt(s, e.time(), mask, wants, e.sourcePort(), e.user());
    for (int i = 0; i < FAMILIES.length; i++) {
      if ((wants & (1L << i)) != 0) {
        ArrayDeque<Attempt> waiting = s.waiting[i];
        if (waiting == null) {
          waiting = new ArrayDeque<>(WAITING_CAPACITY);
          s.waiting[i] = waiting;
        }
        dropForgotten(waiting);
        waiting.add(a);
      }
    }
    s.live++;
    remembered++;
    int age = AGE_OF[family];
    if (byAge[age] == null) {
      byAge[age] = new ArrayDeque<>();
    }
    byAge[age].add(a);
    return a;
  }

  /**
   * Drops the forgotten attempts at the head of a source's queue. Without it a source that floods lines
   * of one family whose partner family never comes (no security log, say) kept every attempt it ever
   * began in that partner's queue for as long as it kept sending: the queue, only ever read by a partner
   * line, grew with the flood. The lookup ({@link #partnerOf}) skips the same head first, and an attempt
   * once forgotten stays forgotten, so what it finds is unchanged.
   */
  private static void dropForgotten(ArrayDeque<Attempt> waiting) {
    while (!waiting.isEmpty() && waiting.peek().forgotten) {
      waiting.poll();
    }
  }

  /** The families an attempt of {@code mask} may still take: those of the groups holding all of it. */
  private static long wants(long mask) {
    long wants = 0;
    for (long m : GROUP_MASK) {
      if ((mask & ~m) == 0) {
        wants |= m & ~mask;
      }
    }
    return wants;
  }

  /** How many families {@link #index} remembers: a log's lines come from a few families (a firewall's chains). */
  private static final int RECENT_FAMILIES = 8;

  /**
   * The family's index in {@link #FAMILIES}, or -1. The answers for the last few families met are kept
   * and found by identity, as a log's lines come from a few family constants: a firewall log's lines
   * alternate between its chains' families, and a map lookup per line showed in its profile.
   */
  private int index(Family f) {
    for (int k = 0; k < RECENT_FAMILIES; k++) {
      if (recentFamilies[k] == f) {
        return recentIndices[k];
      }
    }
    Integer i = INDEX.get(f);
    int index = i == null ? -1 : i;
    recentFamilies[recentNext] = f;
    recentIndices[recentNext] = index;
    recentNext = (recentNext + 1) % RECENT_FAMILIES;
    return index;
  }

  /** How much an event tells: source port, target, target port, user, protocol. */
  static int richness(Event e) {
    int n = 0;
    n += e.sourcePort() != 0 ? 1 : 0;
    n += e.target() != null ? 1 : 0;
    n += e.targetPort() != 0 ? 1 : 0;
    n += e.user() != null ? 1 : 0;
    n += e.protocol() != Protocol.UNKNOWN ? 1 : 0;
    return n;
  }

  private static Group asterisk(Family... families) {
    return new Group(List.of(families), ASTERISK_WINDOW, false);
  }

  private static Group manager(Family... families) {
    return new Group(List.of(families), ASTERISK_WINDOW, true);
  }

  private static Group dovecot(Family... families) {
    return new Group(List.of(families), DOVECOT_WINDOW, true);
  }

  /** Families one attempt writes, the time they may lie apart, and whether their users must agree. */
  record Group(List<Family> families, Duration window, boolean sameUser) {}

  /**
   * Lines of one attempt come from one source address (or host name) and one service. Equality by hand
   * (a record's generated methods go through method handles, slow before the JIT's second tier), and
   * settable so that one probe looks every event up; a key stored in the map is never set again.
   */
  private static class Key {
    private Object source;
    private Service service;

    Key of(Event e) {
      source = e.source() != null ? e.source() : e.sourceHost();
      service = e.service();
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && service == k.service && java.util.Objects.equals(source, k.source);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Objects.hashCode(source) + (service == null ? 0 : service.ordinal());
    }
  }

  /**
   * One source's remembered attempts, queued under each family they may still take; it is its own key
   * in {@link #sources} (set once, from the event that began its first attempt, never again).
   */
  private static final class Source extends Key {
    @SuppressWarnings("unchecked")
    final ArrayDeque<Attempt>[] waiting = new ArrayDeque[FAMILIES.length];
    int live;

    Source(Event e) {
      of(e);
    }
  }

  /** One attempt: the families seen so far, what may still join, and the held slot of its kept event. */
  private static final class Attempt {
    final Source source;
    final Instant first;
    final long firstMillis;
    long mask;
    long wants;
    int port;
    String user;
    Slot slot;
    boolean forgotten;

    Attempt(Source source, Instant first, long mask, long wants, int port, String user) {
      this.source = source;
      this.first = first;
      this.firstMillis = first.toEpochMilli();
      this.mask = mask;
      this.wants = wants;
      this.port = port;
      this.user = user;
    }
  }

  /**
   * An event waiting to be handed on, until an instant of event time ({@code untilSecond} and
   * {@code untilNano}, its line's time plus the hold) or, not {@code timed}, only for those before it.
   */
  private static final class Slot {
    Event event;
    final Attempt attempt;
    boolean timed;
    long untilSecond;
    int untilNano;

    Slot(Event event, Attempt attempt) {
      this.event = event;
      this.attempt = attempt;
    }

    /** Holds this slot until {@code time} plus the hold, as {@code Instant.plus(Duration)} would add them. */
    void holdUntil(Instant time, long holdSeconds, int holdNanos) {
      long second = Math.addExact(time.getEpochSecond(), holdSeconds);
      int nano = time.getNano() + holdNanos;
      if (nano >= 1_000_000_000) {
        nano -= 1_000_000_000;
        second = Math.addExact(second, 1);
      }
      timed = true;
      untilSecond = second;
      untilNano = nano;
    }

    /** Whether {@code clock} is after the instant this slot waits for. */
    boolean passedBy(Instant clock) {
      long second = clock.getEpochSecond();
      return second > untilSecond || second == untilSecond && clock.getNano() > untilNano;
    }
  }


  /** Attempts queued under some family across all sources, forgotten ones included (for tests of memory). */
  int queued() {
    int n = 0;
    for (Source s : sources.values()) {
      for (ArrayDeque<Attempt> q : s.waiting) {
        n += q == null ? 0 : q.size();
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "SameAttempt[hold=" + hold + ", folded=" + folded() + ", remembered=" + remembered + "]";
  }
}
