package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.abuseloop.core.IpPrefix;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link BanStore} must do, run by one subclass per database: each subclass
 * says how to reach an empty database. Not thread-safe itself; one instance serves one test.
 */
abstract class BanStoreContract {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final IpPrefix HOST = IpPrefix.parse("203.0.113.9");
  static final IpPrefix OTHER = IpPrefix.parse("198.51.100.7");
  static final IpPrefix RANGE = IpPrefix.parse("2001:db8:4::/48");

  /** The URL of this test's database, empty before the first open. */
  abstract String url();

  Store open() {
    return Store.open(url());
  }

  @Test
  void recordsABanActiveForItsLength() {
    try (Store store = open()) {
      Ban ban = store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(1));

      assertThat(ban.target()).isEqualTo(HOST);
      assertThat(ban.scenario()).isEqualTo("sshd-bruteforce");
      assertThat(ban.created()).isEqualTo(T0);
      assertThat(ban.expires()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(ban.offenses()).isEqualTo(1);
      assertThat(ban.removed()).isNull();
      assertThat(store.bans().activeAt(T0.plusSeconds(3599))).containsExactly(ban);
      assertThat(store.bans().activeAt(T0.plusSeconds(3600))).isEmpty();
      assertThat(store.bans().activeAt(T0.minusMillis(1))).isEmpty();
    }
  }

  @Test
  void keepsPrefixesAndIPv6() {
    try (Store store = open()) {
      store.bans().record(RANGE, "sip-scan", T0, Duration.ofDays(1));

      List<Ban> active = store.bans().activeAt(T0.plusSeconds(60));

      assertThat(active).extracting(Ban::target).containsExactly(RANGE);
      assertThat(active.get(0).target().length()).isEqualTo(48);
      assertThat(store.bans().find(IpPrefix.parse("2001:db8:4::/64"))).isEmpty();
    }
  }

  @Test
  void recordingTheSameTargetAgainExtendsItAndCountsTheOffense() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(1));
      Ban again = store.bans().record(HOST, "sshd-bruteforce", T0.plusSeconds(1800), Duration.ofHours(1));

      assertThat(again.offenses()).isEqualTo(2);
      assertThat(again.created()).isEqualTo(T0);
      assertThat(again.lastOffense()).isEqualTo(T0.plusSeconds(1800));
      assertThat(again.expires()).isEqualTo(T0.plusSeconds(1800 + 3600));
      assertThat(store.bans().activeAt(T0.plusSeconds(1800))).hasSize(1);
    }
  }

  @Test
  void aShorterRepeatNeverShortensTheBan() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofDays(1));
      Ban again = store.bans().record(HOST, "sshd-bruteforce", T0.plusSeconds(60), Duration.ofMinutes(10));

      assertThat(again.expires()).isEqualTo(T0.plus(Duration.ofDays(1)));
      assertThat(again.offenses()).isEqualTo(2);
    }
  }

  @Test
  void survivesCloseAndReopenWithTheRightRemainingTime() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(2));
      store.bans().record(OTHER, "sip-scan", T0.plusSeconds(600), Duration.ofHours(1));
    }
    Instant restart = T0.plusSeconds(3000);

    try (Store reopened = open()) {
      List<Ban> active = reopened.bans().activeAt(restart);

      assertThat(active).extracting(Ban::target).containsExactly(OTHER, HOST);
      assertThat(active.get(0).remainingAt(restart)).isEqualTo(Duration.ofSeconds(600 + 3600 - 3000));
      assertThat(active.get(1).remainingAt(restart)).isEqualTo(Duration.ofSeconds(7200 - 3000));
      assertThat(active.get(1).scenario()).isEqualTo("sshd-bruteforce");
    }
  }

  @Test
  void removeLiftsTheBanOnlyWhileItIsInForce() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofHours(1));

      assertThat(store.bans().remove(OTHER, T0.plusSeconds(10))).isFalse();
      assertThat(store.bans().remove(HOST, T0.plusSeconds(10))).isTrue();
      assertThat(store.bans().remove(HOST, T0.plusSeconds(20))).isFalse();
      assertThat(store.bans().activeAt(T0.plusSeconds(10))).isEmpty();
      assertThat(store.bans().find(HOST).orElseThrow().removed()).isEqualTo(T0.plusSeconds(10));
    }
  }

  @Test
  void aTargetBannedAgainAfterRemovalStartsANewBanAndKeepsItsCount() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofDays(1));
      store.bans().remove(HOST, T0.plusSeconds(60));

      Ban again = store.bans().record(HOST, "sip-scan", T0.plusSeconds(120), Duration.ofMinutes(5));

      assertThat(again.created()).isEqualTo(T0.plusSeconds(120));
      assertThat(again.expires()).isEqualTo(T0.plusSeconds(120 + 300));
      assertThat(again.offenses()).isEqualTo(2);
      assertThat(again.removed()).isNull();
      assertThat(again.scenario()).isEqualTo("sip-scan");
    }
  }

  @Test
  void expireClosesWhatHasRunOutOnce() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofMinutes(10));
      store.bans().record(OTHER, "sip-scan", T0, Duration.ofMinutes(30));

      assertThat(store.bans().expire(T0.plusSeconds(599))).isEmpty();
      List<Ban> ended = store.bans().expire(T0.plus(Duration.ofMinutes(20)));

      assertThat(ended).extracting(Ban::target).containsExactly(HOST);
      assertThat(store.bans().expire(T0.plus(Duration.ofMinutes(20)))).isEmpty();
      assertThat(store.bans().find(HOST).orElseThrow().removed()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
      assertThat(store.bans().activeAt(T0.plus(Duration.ofMinutes(20)))).extracting(Ban::target).containsExactly(OTHER);
    }
  }

  @Test
  void anExpiredBanCountsTowardTheNextOne() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ofMinutes(10));
      store.bans().expire(T0.plus(Duration.ofHours(1)));

      Ban again = store.bans().record(HOST, "sshd-bruteforce", T0.plus(Duration.ofHours(2)), Duration.ofMinutes(10));

      assertThat(again.offenses()).isEqualTo(2);
      assertThat(again.created()).isEqualTo(T0.plus(Duration.ofHours(2)));
      assertThat(store.bans().activeAt(T0.plus(Duration.ofHours(2)))).containsExactly(again);
    }
  }

  @Test
  void refusesBansTheSchemaCannotHoldBeforeWriting() {
    try (Store store = open()) {
      assertThatThrownBy(() -> store.bans().record(HOST, "x".repeat(BanStore.MAX_SCENARIO + 1), T0, Duration.ofHours(1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.bans().record(HOST, "sshd-bruteforce", T0, Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.bans().find(HOST)).isEmpty();
      assertThat(store.bans().record(HOST, "x".repeat(BanStore.MAX_SCENARIO), T0, Duration.ofHours(1)).scenario())
          .hasSize(BanStore.MAX_SCENARIO);
    }
  }

  @Test
  void aClosedStoreRefusesWork() {
    Store store = open();
    store.close();

    assertThatThrownBy(() -> store.bans().activeAt(T0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void twoWritersAtOnceLoseNoBan() throws Exception {
    int perWriter = 150;
    try (Store first = open(); Store second = open()) {
      ExecutorService writers = Executors.newFixedThreadPool(2);
      CountDownLatch start = new CountDownLatch(1);
      try {
        List<Future<?>> done = new ArrayList<>();
        Store[] stores = {first, second};
        for (int w = 0; w < 2; w++) {
          int writer = w;
          done.add(writers.submit(() -> {
            start.await();
            for (int i = 0; i < perWriter; i++) {
              IpPrefix own = IpPrefix.parse("10." + writer + "." + (i / 256) + "." + (i % 256));
              stores[writer].bans().record(own, "writer-" + writer, T0.plusMillis(i), Duration.ofHours(1));
              stores[writer].bans().record(HOST, "shared", T0.plusMillis(i), Duration.ofHours(1));
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        writers.shutdownNow();
      }

      List<Ban> active = first.bans().activeAt(T0.plusSeconds(1));
      assertThat(active).hasSize(2 * perWriter + 1);
      assertThat(first.bans().find(HOST).orElseThrow().offenses()).isEqualTo(2 * perWriter);
    }
  }

  @Test
  void recordsABatchOfOffensesWithEscalationAndTheCheckpointsTogether() {
    try (Store store = open()) {
      store.bans().record(HOST, "sshd-bf", T0.minus(Duration.ofDays(2)), Duration.ofMinutes(10));
      BanStore.Escalation doubling = n -> Duration.ofMinutes(10L << (n - 1));
      Checkpoint at = new Checkpoint("file:/var/log/auth.log", "inode=12 offset=4096", 7, T0);

      List<Ban> bans = store.bans().record(
          List.of(new Offense(HOST, "sshd-bf", T0), new Offense(OTHER, "sshd-bf", T0)), doubling, List.of(at));

      assertThat(bans).extracting(Ban::offenses).containsExactly(2, 1);
      assertThat(bans.get(0).expires()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
      assertThat(bans.get(1).expires()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
      assertThat(store.checkpoints().find("file:/var/log/auth.log")).contains(at);
      assertThat(store.checkpoints().find("file:/var/log/other.log")).isEmpty();
    }
    try (Store reopened = open()) {
      Ban third = reopened.bans().record(List.of(new Offense(HOST, "sshd-bf", T0.plusSeconds(3600))),
          n -> Duration.ofMinutes(10L << (n - 1)), List.of()).get(0);
      assertThat(third.offenses()).isEqualTo(3);
      assertThat(reopened.bans().offenses()).containsOnly(java.util.Map.entry(HOST, 3), java.util.Map.entry(OTHER, 1));
      assertThat(third.expires()).isEqualTo(T0.plusSeconds(3600).plus(Duration.ofMinutes(40)));
    }
  }

  @Test
  void aFailingBanInABatchWritesNeitherTheBansNorTheCheckpoint() {
    try (Store store = open()) {
      Checkpoint at = new Checkpoint("journal", "s=abc;i=1", 3, T0);
      int[] calls = {0};

      assertThatThrownBy(() -> store.bans().record(
          List.of(new Offense(HOST, "sshd-bf", T0), new Offense(OTHER, "sshd-bf", T0)),
          n -> ++calls[0] == 1 ? Duration.ofMinutes(1) : Duration.ZERO, List.of(at)))
          .isInstanceOf(IllegalArgumentException.class);

      assertThat(store.bans().find(HOST)).isEmpty();
      assertThat(store.checkpoints().all()).isEmpty();
    }
  }

  @Test
  void aCheckpointIsReplacedNotAdded() {
    try (Store store = open()) {
      store.checkpoints().save(new Checkpoint("stdin", "", 1, T0));
      Checkpoint later = new Checkpoint("stdin", "p2", 0, T0.plusSeconds(1));
      store.bans().record(List.of(), n -> Duration.ofMinutes(1), List.of(later));

      assertThat(store.checkpoints().all()).containsExactly(later);
    }
  }

  @Test
  void handChangesAreNotedWithTheirBanAndReadInOrderAfterAStamp() {
    try (Store store = open()) {
      FirewallChanges changes = store.firewallChanges();
      FirewallChanges.Stamp empty = changes.stamp();
      assertThat(empty).isEqualTo(new FirewallChanges.Stamp(0, 0));

      Ban ban = store.bans().recordByHand(HOST, "manual", T0, Duration.ofHours(1));
      assertThat(ban.offenses()).isEqualTo(1);
      assertThat(store.bans().removeByHand(OTHER, T0.plusSeconds(1))).as("nothing in force").isFalse();
      assertThat(store.bans().removeByHand(HOST, T0.plusSeconds(2))).isTrue();
      changes.note(FirewallChange.Kind.REBUILD, null, T0.plusSeconds(3));
      changes.note(FirewallChange.Kind.REMOVE, null, T0.plusSeconds(4));

      FirewallChanges.Stamp stamp = changes.stamp();
      assertThat(stamp.count()).isEqualTo(5);
      assertThat(stamp).isNotEqualTo(empty);
      List<FirewallChange> all = changes.after(0);
      assertThat(all).extracting(FirewallChange::kind).containsExactly(FirewallChange.Kind.BAN, FirewallChange.Kind.UNBAN,
          FirewallChange.Kind.UNBAN, FirewallChange.Kind.REBUILD, FirewallChange.Kind.REMOVE);
      assertThat(all).extracting(FirewallChange::target).containsExactly(HOST, OTHER, HOST, null, null);
      assertThat(all.get(2).at()).isEqualTo(T0.plusSeconds(2));
      assertThat(all.get(4).at()).isEqualTo(T0.plusSeconds(4));
      assertThat(all).extracting(FirewallChange::id).isSorted().doesNotHaveDuplicates();
      assertThat(changes.after(all.get(1).id())).containsExactlyElementsOf(all.subList(2, 5));
      assertThat(changes.after(stamp.last())).isEmpty();
      assertThat(store.bans().find(HOST).orElseThrow().removed()).isEqualTo(T0.plusSeconds(2));
    }
  }

  @Test
  void theMigrationThatAllowsRemoveKeepsAVersion7LogWithItsIds() throws SQLException {
    Backend backend = Backend.of(url());
    Flyway.configure().dataSource(backend.dataSource(url()))
        .locations("classpath:db/migration", "classpath:db/" + backend.migrations())
        .placeholders(Map.of("id_column", backend.idColumn()))
        .target("7").load().migrate();
    try (Connection c = backend.dataSource(url()).getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO firewall_change (kind, target, changed_at) VALUES ('ban', '203.0.113.9', 1000)");
      s.executeUpdate("INSERT INTO firewall_change (kind, target, changed_at) VALUES ('rebuild', NULL, 2000)");
      s.executeUpdate("INSERT INTO firewall_change (kind, target, changed_at) VALUES ('unban', '203.0.113.9', 3000)");
      s.executeUpdate("DELETE FROM firewall_change WHERE id = 1"); // pruned, as the oldest rows are
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO firewall_change (kind, changed_at) VALUES ('remove', 4000)"))
          .as("version 7 knows no removal").isInstanceOf(SQLException.class);
    }

    try (Store store = open()) {
      FirewallChanges changes = store.firewallChanges();
      List<FirewallChange> kept = changes.after(0);
      assertThat(kept).extracting(FirewallChange::id).containsExactly(2L, 3L);
      assertThat(kept).extracting(FirewallChange::kind).containsExactly(FirewallChange.Kind.REBUILD, FirewallChange.Kind.UNBAN);
      assertThat(kept.get(1).target()).isEqualTo(HOST);
      assertThat(kept.get(1).at()).isEqualTo(Instant.ofEpochMilli(3000));

      changes.note(FirewallChange.Kind.REMOVE, null, T0);
      List<FirewallChange> noted = changes.after(3);
      assertThat(noted).extracting(FirewallChange::kind).containsExactly(FirewallChange.Kind.REMOVE);
      // PostgreSQL's sequence also spent an id on the refused insert above.
      assertThat(noted.get(0).id()).as("ids go on after the highest kept").isBetween(4L, 5L);
    }
    try (Connection c = backend.dataSource(url()).getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO firewall_change (kind, changed_at) VALUES ('flush', 5000)"))
          .as("the check still refuses what no command notes").isInstanceOf(SQLException.class);
    }
  }

  @Test
  void aFailedHandBanNotesNothing() {
    try (Store store = open()) {
      assertThatThrownBy(() -> store.bans().recordByHand(HOST, "", T0, Duration.ofHours(1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.firewallChanges().after(0)).isEmpty();
    }
  }
}
