package org.abuseloop.firewall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;

/**
 * The bans in force, in memory, and the kernel set changes each ban or unban needs. Thread-safe
 * (every method synchronized); time comes from the injected clock.
 *
 * <p>Network bans are kept disjoint, so the kernel holds no ban another one already covers (and an
 * interval set, which rejects overlaps, could hold them): a ban inside a wider banned network is
 * absorbed by it (lengthening it when needed), and a ban on a network that holds narrower bans
 * replaces them. Host bans are kept apart from network bans. An entry is kept for a grace period after it ends, since the
 * kernel's own timer started a little later and may still hold the element.
 */
final class BanList {

  static final Duration GRACE = Duration.ofSeconds(5);
  private static final int SWEEP_EVERY = 4096;
  private static final Comparator<IpPrefix> ORDER =
      Comparator.comparing(IpPrefix::network).thenComparingInt(IpPrefix::length);

  /** A plan: the kernel changes to make, and what to report once they are applied. Immutable. */
  record Plan(List<SetChange> changes, BanOutcome outcome) {
  }

  private final Clock clock;
  private final Duration maxTimeout;
  private final Map<IpPrefix, Ban> hosts = new HashMap<>();
  private final NavigableMap<IpAddress, Ban> nets = new TreeMap<>();
  private int untilSweep = SWEEP_EVERY;

  BanList(Clock clock, Duration maxTimeout) {
    this.clock = clock;
    this.maxTimeout = maxTimeout;
  }

  synchronized Plan ban(IpPrefix target, Duration duration) {
    Instant now = clock.instant();
    Instant until = now.plus(duration.compareTo(maxTimeout) > 0 ? maxTimeout : duration);
    if (--untilSweep <= 0) {
      sweep(now);
    }
    return PrefixRanges.isHost(target) ? banHost(target, now, until) : banNet(target, now, until);
  }

  synchronized Plan unban(IpPrefix target) {
    Instant now = clock.instant();
    List<SetChange> changes = new ArrayList<>();
    if (PrefixRanges.isHost(target)) {
      removeIfPresent(hosts.remove(target), now, changes);
    } else {
      hosts.values().removeIf(b -> target.contains(b.target().network()) && removeIfPresent(b, now, changes));
    }
    for (Ban b : new ArrayList<>(inside(target).values())) {
      if (b.target().length() >= target.length()) {
        nets.remove(b.target().network());
        removeIfPresent(b, now, changes);
      }
    }
    if (!changes.isEmpty()) {
      return new Plan(changes, new BanOutcome(BanOutcome.Status.APPLIED, target, null, "unbanned " + changes.size()));
    }
    Ban wider = covering(target, now);
    String why = wider == null ? "not banned" : "inside " + wider.target() + ", banned until " + wider.until();
    return new Plan(changes, BanOutcome.unchanged(target, null, why));
  }

  /** The bans in force now, ordered by target. */
  synchronized List<Ban> list() {
    Instant now = clock.instant();
    sweep(now);
    List<Ban> out = new ArrayList<>();
    for (Ban b : hosts.values()) {
      if (b.activeAt(now)) {
        out.add(b);
      }
    }
    for (Ban b : nets.values()) {
      if (b.activeAt(now)) {
        out.add(b);
      }
    }
    out.sort(Comparator.comparing(Ban::target, ORDER));
    return out;
  }

  /** Forgets the ban of {@code target} ending at {@code until}, whose kernel change failed. */
  synchronized void forget(IpPrefix target, Instant until) {
    Map<?, Ban> map = PrefixRanges.isHost(target) ? hosts : nets;
    Object key = PrefixRanges.isHost(target) ? target : target.network();
    Ban b = map.get(key);
    if (b != null && b.until().equals(until)) {
      map.remove(key);
    }
  }

  /** What {@link #reset} planned: the changes that fill fresh sets, and how many bans they hold. */
  record Reset(List<SetChange> changes, int targets) {
  }

  /**
   * Starts again from empty sets holding every ban in force here and in {@code others} (the later end
   * of the two), those {@code allowed} refuses left out: wider prefixes first, so that narrower ones
   * inside them are absorbed.
   */
  synchronized Reset reset(List<Ban> others, java.util.function.Predicate<IpPrefix> allowed) {
    Instant now = clock.instant();
    Map<IpPrefix, Instant> wanted = new HashMap<>();
    for (Ban b : list()) {
      wanted.merge(b.target(), b.until(), (a, c) -> a.isAfter(c) ? a : c);
    }
    for (Ban b : others) {
      if (b.activeAt(now)) {
        wanted.merge(b.target(), b.until(), (a, c) -> a.isAfter(c) ? a : c);
      }
    }
    clear();
    List<IpPrefix> order = new ArrayList<>(wanted.keySet());
    order.sort(Comparator.comparingInt(IpPrefix::length).thenComparing(ORDER));
    List<SetChange> changes = new ArrayList<>();
    int targets = 0;
    for (IpPrefix t : order) {
      Instant until = wanted.get(t);
      if (allowed.test(t) && until.isAfter(now)) {
        changes.addAll(ban(t, Duration.between(now, until)).changes());
        targets++;
      }
    }
    return new Reset(changes, targets);
  }

  /** Forgets every ban (the kernel sets were recreated empty). */
  synchronized void clear() {
    hosts.clear();
    nets.clear();
  }

  private Plan banHost(IpPrefix target, Instant now, Instant until) {
    Ban old = hosts.get(target);
    if (old != null && old.activeAt(now) && !old.until().isBefore(until)) {
      return unchanged(target, old, "already banned");
    }
    boolean present = old != null && present(old, now);
    hosts.put(target, new Ban(target, old != null && old.activeAt(now) ? old.since() : now, until));
    long ms = millisBetween(now, until);
    return applied(List.of(present ? SetChange.renew(target, ms) : SetChange.add(target, ms)), target, until);
  }

  private Plan banNet(IpPrefix target, Instant now, Instant until) {
    Ban wider = covering(target, now);
    if (wider != null && !wider.target().equals(target)) {
      if (wider.activeAt(now) && !wider.until().isBefore(until)) {
        return unchanged(target, wider, "inside banned " + wider.target());
      }
      nets.put(wider.target().network(), new Ban(wider.target(), since(wider, now), until));
      return applied(List.of(SetChange.renew(wider.target(), millisBetween(now, until))), target, until);
    }
    Ban same = wider;
    if (same != null && same.activeAt(now) && !same.until().isBefore(until)) {
      return unchanged(target, same, "already banned");
    }
    List<SetChange> changes = new ArrayList<>();
    for (Ban b : new ArrayList<>(inside(target).values())) {
      nets.remove(b.target().network());
      if (present(b, now) && !b.target().equals(target)) {
        changes.add(SetChange.remove(b.target()));
      }
    }
    nets.put(target.network(), new Ban(target, same == null ? now : since(same, now), until));
    long ms = millisBetween(now, until);
    changes.add(same != null && present(same, now) ? SetChange.renew(target, ms) : SetChange.add(target, ms));
    return applied(changes, target, until);
  }

  /** The network ban holding {@code target} (the same prefix or a wider one), if the kernel may still hold it. */
  private Ban covering(IpPrefix target, Instant now) {
    Map.Entry<IpAddress, Ban> e = nets.floorEntry(target.network());
    if (e == null || !e.getValue().target().contains(target.network())
        || e.getValue().target().length() > target.length()) {
      return null;
    }
    if (!present(e.getValue(), now)) {
      nets.remove(e.getKey());
      return null;
    }
    return e.getValue();
  }

  private NavigableMap<IpAddress, Ban> inside(IpPrefix target) {
    return nets.subMap(target.network(), true, PrefixRanges.last(target), true);
  }

  private boolean removeIfPresent(Ban b, Instant now, List<SetChange> changes) {
    if (b != null && present(b, now)) {
      changes.add(SetChange.remove(b.target()));
    }
    return true;
  }

  private void sweep(Instant now) {
    untilSweep = Math.max(SWEEP_EVERY, hosts.size());
    Instant gone = now.minus(GRACE);
    sweep(hosts.values().iterator(), gone);
    sweep(nets.values().iterator(), gone);
  }

  /** Drops the entries that ended before {@code gone}; sweeps are spaced by the list's size, so amortized O(1). */
  private static void sweep(Iterator<Ban> it, Instant gone) {
    while (it.hasNext()) {
      if (!it.next().until().isAfter(gone)) {
        it.remove();
      }
    }
  }

  private static boolean present(Ban b, Instant now) {
    return b.until().plus(GRACE).isAfter(now);
  }

  private static Instant since(Ban b, Instant now) {
    return b.activeAt(now) ? b.since() : now;
  }

  private static long millisBetween(Instant from, Instant to) {
    return Math.max(1, Duration.between(from, to).toMillis());
  }

  private static Plan applied(List<SetChange> changes, IpPrefix target, Instant until) {
    return new Plan(changes, new BanOutcome(BanOutcome.Status.APPLIED, target, until, null));
  }

  private static Plan unchanged(IpPrefix target, Ban by, String why) {
    return new Plan(List.of(), BanOutcome.unchanged(target, by.until(), why + " until " + by.until()));
  }
}
