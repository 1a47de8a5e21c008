package org.abuseloop.firewall;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.abuseloop.core.IpPrefix;

/**
 * The {@link Firewall} every backend shares: checks the allow list, keeps the ban list, and sends the
 * set changes through a {@link BanBatcher} to its {@link Backend}. Thread-safe.
 */
final class BatchedFirewall implements Firewall {

  private static final System.Logger LOG = System.getLogger(Firewall.class.getName());

  private final Backend backend;
  private final AllowList allow;
  private final BanList bans;
  private final BanBatcher batcher;

  BatchedFirewall(Backend backend, FirewallSettings settings, AllowList allow, Clock clock) {
    this.backend = backend;
    this.allow = allow;
    this.bans = new BanList(clock, settings.maxTimeout());
    this.batcher = new BanBatcher(backend::apply, settings.maxBatch(), settings.linger());
  }

  @Override
  public void install() {
    backend.install(allow);
    bans.clear();
  }

  /**
   * The ban list is reset under its lock to the union of what it holds and the ruleset's bans, so a ban
   * planned before counts in the new table and one planned after is applied to it (the backend runs the
   * install and each batch one at a time; every set change is idempotent).
   */
  @Override
  public int reinstall(Ruleset ruleset) {
    BanList.Reset reset = bans.reset(ruleset.bans(), t -> allow.refusal(t).isEmpty());
    backend.install(allow, ruleset.limits(), ruleset.blocks(), reset.changes());
    return reset.targets();
  }

  @Override
  public void remove() {
    backend.remove();
    bans.clear();
  }

  @Override
  public CompletableFuture<BanOutcome> ban(IpPrefix target, Duration duration) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("ban duration must be positive, got " + duration);
    }
    Optional<String> refusal = allow.refusal(target);
    if (refusal.isPresent()) {
      LOG.log(Level.WARNING, "refused to ban {0}: {1}", target, refusal.get());
      return CompletableFuture.completedFuture(BanOutcome.refused(target, refusal.get()));
    }
    return send(bans.ban(target, duration));
  }

  @Override
  public boolean isInstalled() {
    return backend.isInstalled();
  }

  @Override
  public CompletableFuture<BanOutcome> unban(IpPrefix target) {
    return send(bans.unban(target));
  }

  @Override
  public List<Ban> list() {
    return bans.list();
  }

  @Override
  public void rateLimit(RateLimit limit) {
    backend.rateLimit(limit);
  }

  @Override
  public void blockRanges(RangeBlock block) {
    backend.blockRanges(block);
  }

  @Override
  public void dropRanges(String name) {
    RangeBlock.checkName(name);
    backend.dropRanges(name);
  }

  @Override
  public void close() {
    batcher.close();
    backend.close();
  }

  private CompletableFuture<BanOutcome> send(BanList.Plan plan) {
    if (plan.changes().isEmpty()) {
      return CompletableFuture.completedFuture(plan.outcome());
    }
    return batcher.submit(plan.changes(), plan.outcome()).thenApply(outcome -> {
      if (outcome.status() == BanOutcome.Status.FAILED && plan.outcome().until() != null) {
        bans.forget(plan.outcome().target(), plan.outcome().until());
      }
      return outcome;
    });
  }
}
