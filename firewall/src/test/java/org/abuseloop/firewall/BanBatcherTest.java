package org.abuseloop.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.firewall.BanOutcome.Status;
import org.junit.jupiter.api.Test;

class BanBatcherTest {

  private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** Blocks the first transaction until released, so the test decides what piles up behind it. */
  private void blockingFirst(List<SetChange> changes) {
    sizes.add(changes.size());
    if (sizes.size() == 1) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void bansArrivingDuringATransactionGoTogetherInTheNext() throws Exception {
    try (BanBatcher batcher = new BanBatcher(this::blockingFirst, 10_000, Duration.ZERO)) {
      CompletableFuture<BanOutcome> first = submit(batcher, 0);
      entered.await();
      List<CompletableFuture<BanOutcome>> rest = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        rest.add(submit(batcher, i));
      }
      release.countDown();
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
      assertThat(first.join().status()).isEqualTo(Status.APPLIED);
      assertThat(sizes).containsExactly(1, 100);
    }
  }

  @Test
  void noTransactionHoldsMoreThanTheBatchLimit() throws Exception {
    try (BanBatcher batcher = new BanBatcher(this::blockingFirst, 10, Duration.ZERO)) {
      submit(batcher, 0);
      entered.await();
      List<CompletableFuture<BanOutcome>> rest = new ArrayList<>();
      for (int i = 1; i <= 25; i++) {
        rest.add(submit(batcher, i));
      }
      release.countDown();
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
      assertThat(sizes).containsExactly(1, 10, 10, 5);
    }
  }

  @Test
  void aRejectedChangeFailsOnlyItsOwnBan() {
    IpPrefix poison = host(7);
    List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    BanBatcher.Transaction rejecting = changes -> {
      calls.add(changes.size());
      if (changes.stream().anyMatch(c -> c.target().equals(poison))) {
        throw new ChangeRejected("Error: interval overlaps with an existing one");
      }
    };
    CountDownLatch gate = new CountDownLatch(1);
    BanBatcher.Transaction gated = changes -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      rejecting.apply(changes);
    };
    try (BanBatcher batcher = new BanBatcher(gated, 10_000, Duration.ZERO)) {
      List<CompletableFuture<BanOutcome>> all = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        all.add(submit(batcher, i));
      }
      gate.countDown();
      for (int i = 0; i < 16; i++) {
        BanOutcome o = all.get(i).join();
        assertThat(o.status()).as("ban %d", i).isEqualTo(i == 7 ? Status.FAILED : Status.APPLIED);
      }
      assertThat(all.get(7).join().detail()).contains("overlaps");
    }
  }

  @Test
  void aBrokenCommandFailsTheBatchWithoutRetryingEachBan() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Integer> calls = Collections.synchronizedList(new ArrayList<>());
    BanBatcher.Transaction broken = changes -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      calls.add(changes.size());
      throw new FirewallException("cannot start nft: No such file or directory");
    };
    try (BanBatcher batcher = new BanBatcher(broken, 10_000, Duration.ZERO)) {
      List<CompletableFuture<BanOutcome>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(submit(batcher, i));
      }
      gate.countDown();
      for (CompletableFuture<BanOutcome> f : all) {
        assertThat(f.join().status()).isEqualTo(Status.FAILED);
      }
      assertThat(calls.size()).isLessThanOrEqualTo(8);
    }
  }

  @Test
  void closeAppliesWhatIsQueuedAndRefusesLaterBans() throws Exception {
    BanBatcher batcher = new BanBatcher(this::blockingFirst, 10_000, Duration.ZERO);
    submit(batcher, 0);
    entered.await();
    CompletableFuture<BanOutcome> queued = submit(batcher, 1);
    release.countDown();
    batcher.close();
    assertThat(queued.join().status()).isEqualTo(Status.APPLIED);
    assertThat(submit(batcher, 2).join().status()).isEqualTo(Status.FAILED);
  }

  private static CompletableFuture<BanOutcome> submit(BanBatcher b, int i) {
    IpPrefix target = host(i);
    return b.submit(List.of(SetChange.add(target, 1000)), new BanOutcome(Status.APPLIED, target, null, null));
  }

  private static IpPrefix host(int i) {
    return IpPrefix.parse("192.0.2." + i);
  }
}
