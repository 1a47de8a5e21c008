package org.abuseloop.firewall;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces bans into kernel transactions on one worker thread: a ban arriving while the firewall is
 * idle is sent at once; bans arriving while a transaction runs (or within the linger window) go
 * together in the next one, up to {@code maxBatch} changes. Thread-safe: any thread may submit.
 *
 * <p>When a transaction fails, it is split in halves and retried, so one rejected change fails only
 * its own request and never the bans that came with it.
 */
final class BanBatcher implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(BanBatcher.class.getName());
  private static final Request STOP = new Request(List.of(), null, null);

  /** Applies a list of changes as one transaction, throwing {@link FirewallException} when it fails. */
  interface Transaction {
    void apply(List<SetChange> changes);
  }

  private record Request(List<SetChange> changes, BanOutcome outcome, CompletableFuture<BanOutcome> done) {
  }

  private final Transaction transaction;
  private final int maxBatch;
  private final long lingerNanos;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(1 << 20);
  private final Thread worker;
  private volatile boolean closed;

  BanBatcher(Transaction transaction, int maxBatch, Duration linger) {
    this.transaction = transaction;
    this.maxBatch = maxBatch;
    this.lingerNanos = linger.toNanos();
    this.worker = new Thread(this::run, "abuseloop-ban-batcher");
    worker.setDaemon(true);
    worker.start();
  }

  /** Queues {@code changes}; the future gets {@code outcome} once they are applied, or a failure. */
  CompletableFuture<BanOutcome> submit(List<SetChange> changes, BanOutcome outcome) {
    CompletableFuture<BanOutcome> done = new CompletableFuture<>();
    if (closed) {
      done.complete(outcome.failed("firewall closed"));
      return done;
    }
    try {
      queue.put(new Request(changes, outcome, done));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.complete(outcome.failed("interrupted while queueing"));
    }
    return done;
  }

  /** Applies what is queued, then stops the worker. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      worker.join(TimeUnit.MINUTES.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Request> batch = new ArrayList<>();
    boolean stop = false;
    while (!stop) {
      try {
        stop = collect(batch);
      } catch (InterruptedException e) {
        stop = true;
      }
      if (!batch.isEmpty()) {
        apply(batch);
        batch.clear();
      }
    }
    for (Request r = queue.poll(); r != null; r = queue.poll()) {
      if (r != STOP) {
        r.done.complete(r.outcome.failed("firewall closed"));
      }
    }
  }

  /** Fills {@code batch} with the next requests; true when STOP was seen. */
  private boolean collect(List<Request> batch) throws InterruptedException {
    Request first = queue.take();
    if (first == STOP) {
      return true;
    }
    batch.add(first);
    int size = first.changes.size();
    long deadline = System.nanoTime() + lingerNanos;
    while (size < maxBatch) {
      long wait = deadline - System.nanoTime();
      Request next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        return false;
      }
      if (next == STOP) {
        return true;
      }
      batch.add(next);
      size += next.changes.size();
    }
    return false;
  }

  private void apply(List<Request> batch) {
    List<SetChange> all = new ArrayList<>();
    for (Request r : batch) {
      all.addAll(r.changes);
    }
    try {
      transaction.apply(all);
      for (Request r : batch) {
        r.done.complete(r.outcome);
      }
    } catch (ChangeRejected e) {
      if (batch.size() == 1) {
        Request r = batch.get(0);
        LOG.log(Level.WARNING, "firewall change for {0} failed: {1}", r.outcome.target(), e.getMessage());
        r.done.complete(r.outcome.failed(e.getMessage()));
        return;
      }
      int half = batch.size() / 2;
      apply(new ArrayList<>(batch.subList(0, half)));
      apply(new ArrayList<>(batch.subList(half, batch.size())));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "firewall transaction of " + all.size() + " changes failed", e);
      for (Request r : batch) {
        r.done.complete(r.outcome.failed(String.valueOf(e.getMessage())));
      }
    }
  }
}
