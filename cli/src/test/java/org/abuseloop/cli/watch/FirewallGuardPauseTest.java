package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.testing.SettableClock;
import org.abuseloop.firewall.AllowList;
import org.abuseloop.firewall.Ban;
import org.abuseloop.firewall.Firewall;
import org.abuseloop.firewall.FirewallSettings;
import org.abuseloop.store.FirewallChange;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's pause: a removal noted by {@code firewall remove} stops every kernel change until a rebuild,
 * while the decision thread still hears of the hand bans; on a dry-run firewall (whose script shows what
 * the kernel would get), a SQLite store and an injected clock. Not thread-safe; one instance per test.
 */
class FirewallGuardPauseTest {

  private static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");
  private static final IpPrefix BY_HAND = IpPrefix.parse("203.0.113.50");
  private static final IpPrefix WHILE_PAUSED = IpPrefix.parse("198.51.100.7");
  private static final IpPrefix DECIDED = IpPrefix.parse("192.0.2.70");

  @TempDir
  Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final ByteArrayOutputStream script = new ByteArrayOutputStream();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final List<HandBan> told = new ArrayList<>();
  private Store store;
  private Firewall firewall;
  private FirewallGuard guard;

  @BeforeEach
  void start() {
    store = Store.openIn(dir);
    firewall = Firewall.dryRun(new PrintStream(script, true, StandardCharsets.UTF_8), FirewallSettings.defaults(),
        AllowList.builder().build(), clock);
    guard = new FirewallGuard(firewall, store, HandRules.NONE, clock, new PrintStream(printed, true, StandardCharsets.UTF_8));
    guard.onHandBan(told::add);
    guard.installAndRestore();
  }

  @AfterEach
  void stop() {
    guard.close();
    firewall.close();
    store.close();
  }

  @Test
  void aRemovalPausesEveryKernelChangeUntilARebuildPutsTheStoreBack() {
    store.bans().recordByHand(BY_HAND, "manual", clock.instant(), Duration.ofHours(1));
    guard.check();
    assertThat(targets()).containsExactly(BY_HAND);
    assertThat(guard.paused()).isFalse();

    store.firewallChanges().note(FirewallChange.Kind.REMOVE, null, clock.instant());
    guard.check();
    assertThat(guard.paused()).isTrue();
    assertThat(text(printed)).contains("firewall removed by hand: paused");
    assertThat(text(script)).contains("delete table inet abuseloop");
    assertThat(targets()).as("the removal emptied the firewall's list").isEmpty();

    script.reset();
    clock.advance(Duration.ofMinutes(1));
    store.bans().recordByHand(WHILE_PAUSED, "manual", clock.instant(), Duration.ofHours(1));
    guard.check();
    BanAction.Applied applied = new BanAction(firewall, () -> { }, guard::paused).ban(DECIDED, Duration.ofMinutes(10)).join();
    store.bans().record(DECIDED, "sshd-bf", clock.instant(), Duration.ofMinutes(10));
    guard.check();
    assertThat(applied.ok()).isFalse();
    assertThat(applied.paused()).isTrue();
    assertThat(targets()).isEmpty();
    assertThat(text(script)).as("nothing reaches the kernel while paused").doesNotContain("198.51.100.7", "192.0.2.70");
    assertThat(told).extracting(HandBan::target).as("the decision thread still hears of hand bans")
        .containsExactly(BY_HAND, WHILE_PAUSED);
    assertThat(text(printed)).doesNotContain("reinstalling");

    store.firewallChanges().note(FirewallChange.Kind.REBUILD, null, clock.instant());
    guard.check();
    assertThat(guard.paused()).isFalse();
    assertThat(text(printed)).contains("firewall resumed by hand", "firewall changed by hand: reinstalling");
    assertThat(targets()).containsExactlyInAnyOrder(BY_HAND, WHILE_PAUSED, DECIDED);
    assertThat(text(script)).contains("203.0.113.50", "198.51.100.7", "192.0.2.70");
  }

  @Test
  void aRebuildAfterARemovalInOneLookLeavesTheFirewallRunning() {
    store.firewallChanges().note(FirewallChange.Kind.REMOVE, null, clock.instant());
    store.firewallChanges().note(FirewallChange.Kind.REBUILD, null, clock.instant());
    guard.check();
    assertThat(guard.paused()).isFalse();
    assertThat(text(printed)).doesNotContain("paused").contains("firewall changed by hand: reinstalling");

    store.firewallChanges().note(FirewallChange.Kind.REBUILD, null, clock.instant());
    store.firewallChanges().note(FirewallChange.Kind.REMOVE, null, clock.instant());
    guard.check();
    assertThat(guard.paused()).as("the later of the two wins").isTrue();
  }

  private List<IpPrefix> targets() {
    return firewall.list().stream().map(Ban::target).toList();
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }
}
