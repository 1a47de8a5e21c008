package org.abuseloop.report.outbox;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;

/**
 * Sends what the outbox holds, in three steps per run: settles the messages a crash left in sending
 * (the copy in the reporter's mailbox says whether one went out; if not it goes again with the same
 * Message-ID), composes due reports into one message per contact and period within the rate limits,
 * and hands each due message to SMTP, retrying temporary refusals with backoff. Time comes from the
 * injected clock. Not thread-safe; each run holds its own lease token, and the ledger's atomic claim and
 * lease-checked updates keep two couriers (two threads or processes on one store) from sending one message
 * twice.
 */
public final class Courier {

  private static final System.Logger LOG = System.getLogger(Courier.class.getName());

  private final OutboxLedger ledger;
  private final MailTransport transport;
  private final SentCheck sentCheck;
  private final OutboxPolicy policy;
  private final MessageComposer composer;
  private final Clock clock;

  /**
   * @param ledger the outbox
   * @param transport where messages go
   * @param sentCheck how a restart learns whether a message left in sending went out
   * @param policy mode, batching, limits and retries
   * @param domain the right-hand side of Message-IDs (the reporter's mail domain)
   * @param organisation who reports, as the desk reads it
   * @param clock the time
   */
  public Courier(OutboxLedger ledger, MailTransport transport, SentCheck sentCheck, OutboxPolicy policy, String domain,
      String organisation, Clock clock) {
    this.ledger = ledger;
    this.transport = transport;
    this.sentCheck = sentCheck;
    this.policy = policy;
    this.composer = new MessageComposer(domain, organisation);
    this.clock = clock;
  }

  /** One run: settle, compose, send. */
  public SendRun send() {
    String lease = UUID.randomUUID().toString();
    int[] settled = settle(lease);
    int[] composed = compose();
    int[] sent = deliver(lease);
    return new SendRun(settled[0], settled[1], composed[0], composed[1], sent[0], sent[1], sent[2]);
  }

  /**
   * Settles messages left in sending for longer than the lease: delivered when their copy is in the
   * reporter's mailbox, else pending again (same Message-ID); left as they are when the mailbox cannot
   * be read, so that nothing goes out twice on a guess.
   *
   * @return {recovered, released}
   */
  int[] settle(String lease) {
    int recovered = 0;
    int released = 0;
    Instant now = clock.instant();
    Instant staleBefore = now.minus(policy.sendingLease());
    for (OutgoingMessage m : ledger.messages(MessageStatus.SENDING)) {
      if (m.claimedAt() != null && m.claimedAt().isAfter(staleBefore)
          || !ledger.takeOver(m.messageId(), lease, staleBefore)) {
        continue;
      }
      switch (sentCheck.copyOf(m.messageId())) {
        case YES -> {
          if (!ledger.markSent(m.messageId(), lease, now)) {
            continue;
          }
          LOG.log(Level.INFO, "message {0} left in sending was delivered (its copy is in the mailbox)", m.messageId());
          recovered++;
        }
        case NO -> {
          if (!ledger.release(m.messageId(), lease, now)) {
            continue;
          }
          LOG.log(Level.WARNING, "message {0} left in sending is not in the mailbox: sending it again, same Message-ID",
              m.messageId());
          released++;
        }
        case UNKNOWN -> LOG.log(Level.WARNING, "message {0} left in sending: the mailbox cannot be read, left for "
            + "the next run", m.messageId());
      }
    }
    return new int[] {recovered, released};
  }

  /** @return {messages composed, reports given up for a bad contact} */
  int[] compose() {
    Instant now = clock.instant();
    List<ReportEntry> ready = new ArrayList<>(ledger.unbatched(ReportStatus.APPROVED));
    if (policy.mode() == OutboxPolicy.Mode.AUTOMATIC) {
      ready.addAll(ledger.unbatched(ReportStatus.QUEUED));
    }
    int bad = failBadContacts(ready, now);
    Map<String, Integer> recent = new HashMap<>();
    for (ReportEntry e : ready) {
      recent.computeIfAbsent(e.report().contact(), c -> ledger.messagesFor(c, now.minus(Batching.DAY)));
    }
    int composed = 0;
    for (Batch batch : new Batching(policy).plan(ready, recent, now)) {
      ReportEntry followed = batch.isFollowUp() ? ledger.report(batch.reports().get(0).follows()).orElse(null) : null;
      OutgoingMessage m = composer.compose(batch, followed, now);
      if (ledger.message(m.messageId()).isPresent()) {
        continue;
      }
      if (!keep(m, now)) {
        continue;
      }
      LOG.log(Level.INFO, "composed {0} to {1} with {2} report(s)", m.messageId(), m.contact(), m.reportIds().size());
      composed++;
    }
    return new int[] {composed, bad};
  }

  // Another courier may compose the same reports at the same moment: the store refuses the second
  // (unique Message-ID, or a report already in a message) and rolls it back whole; that is no error.
  private boolean keep(OutgoingMessage m, Instant now) {
    try {
      ledger.compose(m, now);
      return true;
    } catch (RuntimeException e) {
      boolean taken = m.reportIds().stream()
          .anyMatch(id -> ledger.report(id).map(r -> r.messageId() != null).orElse(false));
      if (!taken) {
        throw e;
      }
      LOG.log(Level.INFO, "reports of {0} were composed by another sender", m.messageId());
      return false;
    }
  }

  private int failBadContacts(List<ReportEntry> ready, Instant now) {
    List<UUID> bad = new ArrayList<>();
    for (ReportEntry e : List.copyOf(ready)) {
      try {
        SmtpSettings.address(e.report().contact(), "contact");
      } catch (IllegalArgumentException invalid) {
        ledger.fail(List.of(e.id()), invalid.getMessage() + "; nothing sent", now);
        LOG.log(Level.WARNING, "report {0}: {1}", e.id(), invalid.getMessage());
        ready.remove(e);
        bad.add(e.id());
      }
    }
    return bad.size();
  }

  /**
   * Claims due messages one at a time (an atomic claim under this run's lease) and hands each to the
   * transport; a message another courier claimed first is never seen here.
   *
   * @return {sent, retrying, failed}
   */
  int[] deliver(String lease) {
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    Backoff backoff = new Backoff(policy);
    Set<String> tried = new HashSet<>();
    while (true) {
      List<OutgoingMessage> claimed = ledger.claimDue(lease, clock.instant(), 1);
      if (claimed.isEmpty() || !tried.add(claimed.get(0).messageId())) {
        claimed.forEach(m -> ledger.release(m.messageId(), lease, m.claimedAt()));
        break;
      }
      OutgoingMessage m = claimed.get(0);
      int attempts = m.attempts();
      Delivery d = transport.send(m);
      Instant after = clock.instant();
      switch (d.outcome()) {
        case ACCEPTED -> {
          ledger.markSent(m.messageId(), lease, after);
          LOG.log(Level.INFO, "sent {0} to {1}", m.messageId(), m.contact());
          sent++;
        }
        case PERMANENT -> {
          ledger.markFailed(m.messageId(), lease, d.answer(), after);
          LOG.log(Level.ERROR, "{0} to {1} refused for good: {2}", m.messageId(), m.contact(), d.answer());
          failed++;
        }
        case TEMPORARY -> {
          if (backoff.exhausted(attempts)) {
            ledger.markFailed(m.messageId(), lease, "gave up after " + attempts + " attempts: " + d.answer(), after);
            LOG.log(Level.ERROR, "{0} to {1} given up after {2} attempts: {3}", m.messageId(), m.contact(), attempts,
                d.answer());
            failed++;
          } else {
            Instant next = backoff.next(attempts, after);
            ledger.markRetry(m.messageId(), lease, d.answer(), next, after);
            LOG.log(Level.WARNING, "{0} to {1} refused for now, retry at {2}: {3}", m.messageId(), m.contact(), next,
                d.answer());
            retrying++;
          }
        }
      }
    }
    return new int[] {sent, retrying, failed};
  }
}
