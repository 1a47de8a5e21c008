package org.abuseloop.report.outbox;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.abuseloop.core.outbox.MessageStatus;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.core.outbox.ReportEntry;
import org.abuseloop.core.outbox.ReportStatus;

/**
 * Sends what the outbox holds, in three steps per run: settles the messages a crash left in sending
 * (the copy in the reporter's mailbox says whether a mail went out; if not it goes again with the same
 * Message-ID; an API call cannot be checked and becomes uncertain), composes due reports into one message
 * per contact, format and period within the rate limits (web-form reports are written to a file for a
 * person instead), and hands each due message to its channel (SMTP, AbuseIPDB, Microsoft), retrying
 * temporary refusals with backoff or the server's Retry-After. Time comes from the injected clock.
 * Not thread-safe; each run holds its own lease tokens, and the ledger's atomic claim and lease-checked
 * updates keep two couriers (two threads or processes on one store) from sending one message twice.
 */
public final class Courier {

  private static final System.Logger LOG = System.getLogger(Courier.class.getName());

  private final OutboxLedger ledger;
  private final Routes routes;
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
    this(ledger, Routes.mailOnly(transport), sentCheck, policy, domain, organisation, clock);
  }

  /**
   * @param ledger the outbox
   * @param routes where each channel's messages go (mail, APIs, the web forms' directory)
   * @param sentCheck how a restart learns whether a mail left in sending went out
   * @param policy mode, batching, limits and retries
   * @param domain the right-hand side of Message-IDs (the reporter's mail domain)
   * @param organisation who reports, as the desk reads it
   * @param clock the time
   */
  public Courier(OutboxLedger ledger, Routes routes, SentCheck sentCheck, OutboxPolicy policy, String domain,
      String organisation, Clock clock) {
    this.ledger = ledger;
    this.routes = routes;
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
    int[] sent = deliver(UUID.randomUUID().toString());
    return new SendRun(settled[0], settled[1], composed[0], composed[1], sent[0], sent[1], sent[2], composed[2],
        settled[2], sent[3]);
  }

  /**
   * Settles messages left in sending for longer than the lease: delivered when their copy is in the
   * reporter's mailbox, else pending again (same Message-ID); left as they are when the mailbox cannot
   * be read, so that nothing goes out twice on a guess.
   *
   * An API call left in sending cannot be checked: its reports become uncertain and it is never made
   * again by itself.
   *
   * @return {recovered, released, uncertain}
   */
  int[] settle(String lease) {
    int recovered = 0;
    int released = 0;
    int uncertain = 0;
    Instant now = clock.instant();
    Instant staleBefore = now.minus(policy.sendingLease());
    for (OutgoingMessage m : ledger.messages(MessageStatus.SENDING)) {
      if (m.claimedAt() != null && m.claimedAt().isAfter(staleBefore)
          || !ledger.takeOver(m.messageId(), lease, staleBefore)) {
        continue;
      }
      if (!m.isMail()) {
        List<ReportEntry> reports = m.reportIds().stream().map(ledger::report).flatMap(Optional::stream).toList();
        ReportEntry answered = reports.stream().filter(e -> e.status().answerRank() > 0).findFirst().orElse(null);
        if (answered != null) {
          String note = "delivered: the desk answered report " + answered.id() + " (" + answered.status().id()
              + "), so the " + m.channel() + " call that began at " + m.claimedAt() + " arrived";
          if (ledger.markAnsweredCallSent(m.messageId(), lease, note, now)) {
            LOG.log(Level.INFO, "{0}: {1}", m.messageId(), note);
            recovered++;
          }
          continue;
        }
        boolean known = reports.stream()
            .noneMatch(e -> e.status() == ReportStatus.SENDING || e.status() == ReportStatus.FAILED);
        if (known) {
          continue;
        }
        String note = "uncertain: the " + m.channel() + " call began at " + m.claimedAt() + " and no answer was"
            + " recorded (a crash?); it may have reached the service, so it is not made again: check the account,"
            + " then say what it shows with 'abuseloop report settle'";
        if (!ledger.markUncertain(m.messageId(), lease, note, now)) {
          continue;
        }
        LOG.log(Level.WARNING, "{0}: {1}", m.messageId(), note);
        uncertain++;
        continue;
      }
      switch (sentCheck.copyOf(m.messageId())) {
        case YES -> {
          if (!ledger.markSent(m.messageId(), lease, "accepted by SMTP as " + m.messageId(), now)) {
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
    return new int[] {recovered, released, uncertain};
  }

  /** @return {messages composed, reports given up for a bad contact, reports left to a web form} */
  int[] compose() {
    Instant now = clock.instant();
    List<ReportEntry> ready = new ArrayList<>(ledger.unbatched(ReportStatus.APPROVED));
    if (policy.mode() == OutboxPolicy.Mode.AUTOMATIC) {
      ready.addAll(ledger.unbatched(ReportStatus.QUEUED));
    }
    int manual = toForms(ready, now);
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
    return new int[] {composed, bad, manual};
  }

  // Reports whose desk has only a web form: their fields go to a file and they become manual; without a
  // forms directory they wait. Never a message: nothing pretends the form was submitted.
  private int toForms(List<ReportEntry> ready, Instant now) {
    int manual = 0;
    for (ReportEntry e : List.copyOf(ready)) {
      if (!Channels.FORM.equals(Channels.of(e.report().format()))) {
        continue;
      }
      ready.remove(e);
      if (routes.forms() == null) {
        LOG.log(Level.WARNING, "report {0} is for a web form and no forms directory is configured: left waiting", e.id());
        continue;
      }
      String file = new WebForms(routes.forms()).write(e).toString();
      if (!ledger.markManual(e.id(), file, now)) {
        LOG.log(Level.INFO, "report {0} was handed to a person by another sender", e.id());
        continue;
      }
      LOG.log(Level.INFO, "report {0}: fill in {1} by hand with the fields in {2}", e.id(), e.report().contact(), file);
      manual++;
    }
    return manual;
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
      if (!OutgoingMessage.SMTP.equals(Channels.of(e.report().format()))) {
        continue;
      }
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
   * Claims due messages of the configured channels one at a time (an atomic claim under this run's lease,
   * committed before the call, so a crash after an API call is seen on restart and never repeated blindly)
   * and hands each to its channel; a message another courier claimed first is never seen here.
   *
   * @return {sent, retrying, failed, unrouted}
   */
  int[] deliver(String lease) {
    int sent = 0;
    int retrying = 0;
    int failed = 0;
    int unrouted = unrouted(clock.instant());
    Backoff backoff = new Backoff(policy);
    Set<String> tried = new HashSet<>();
    while (true) {
      List<OutgoingMessage> claimed = ledger.claimDue(lease, clock.instant(), 1, routes.channels());
      if (claimed.isEmpty() || !tried.add(claimed.get(0).messageId())) {
        claimed.forEach(m -> ledger.release(m.messageId(), lease, m.claimedAt()));
        break;
      }
      OutgoingMessage m = claimed.get(0);
      String refusal = refusal(m);
      if (refusal != null) {
        ledger.markFailed(m.messageId(), lease, refusal, clock.instant());
        LOG.log(Level.ERROR, "{0}: {1}", m.messageId(), refusal);
        failed++;
        continue;
      }
      int attempts = m.attempts();
      Delivery d = routes.of(m.channel()).send(m);
      Instant after = clock.instant();
      switch (d.outcome()) {
        case ACCEPTED -> {
          if (!ledger.markSent(m.messageId(), lease, m.isMail() ? "accepted by SMTP as " + m.messageId()
              : d.answer(), after)) {
            LOG.log(Level.WARNING, "{0} was sent but another sender took it over meanwhile", m.messageId());
            continue;
          }
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
            if (d.retryAfter() != null && after.plus(d.retryAfter()).isAfter(next)) {
              next = after.plus(d.retryAfter());
            }
            ledger.markRetry(m.messageId(), lease, d.answer(), next, after);
            LOG.log(Level.WARNING, "{0} to {1} refused for now, retry at {2}: {3}", m.messageId(), m.contact(), next,
                d.answer());
            retrying++;
          }
        }
      }
    }
    return new int[] {sent, retrying, failed, unrouted};
  }

  // Due messages whose channel has no route are not claimed (they wait); counted and said here.
  private int unrouted(Instant now) {
    int unrouted = 0;
    for (OutgoingMessage m : ledger.messages(MessageStatus.PENDING)) {
      boolean due = m.nextAttemptAt() == null || !m.nextAttemptAt().isAfter(now);
      if (due && routes.of(m.channel()) == null) {
        LOG.log(Level.WARNING, "{0} goes by {1}, which is not configured: left waiting", m.messageId(), m.channel());
        unrouted++;
      }
    }
    return unrouted;
  }

  // AbuseIPDB takes no UDP: checked again here, from the reports' protocol, before any call.
  private String refusal(OutgoingMessage m) {
    if (!OutgoingMessage.ABUSEIPDB.equals(m.channel())) {
      return null;
    }
    List<org.abuseloop.core.outbox.NewReport> carried = new ArrayList<>();
    for (UUID id : m.reportIds()) {
      ledger.report(id).ifPresent(e -> carried.add(e.report()));
    }
    return AbuseIpdbApi.refusal(carried).orElse(null);
  }
}
