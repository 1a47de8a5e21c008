package org.abuseloop.cli.watch;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;

/**
 * What {@code watch} prints for the bans and incidents of one recorded transaction: the {@code ban ...}
 * lines for stdout and the action log's logfmt lines for stderr, collected and then written with one
 * print and one flush each, instead of a flushed write per line. Not thread-safe: the recorder's
 * thread owns it.
 */
final class ActionOutput {

  private final PrintStream out;
  private final Supplier<PrintStream> err;
  private final Clock clock;
  private final StringBuilder bans = new StringBuilder(256);
  private final StringBuilder log = new StringBuilder(512);
  /** {@code ts=... level=info} of the lines collected since the last flush: they are written at one moment. */
  private String head;

  /** {@code err} is asked at each flush (stderr may be replaced while running, as tests do). */
  ActionOutput(PrintStream out, Supplier<PrintStream> err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** {@code event=incident ...} on stderr. */
  void incident(Incident incident) {
    logLine(ActionLog.incidentText(incident));
  }

  /**
   * {@code ban <target> for <length> scenario=<id> offenses=<n>} on stdout and its logfmt line on
   * stderr: for a ban both in the kernel and recorded in the store, so a line printed is never
   * printed again after a restart.
   */
  void ban(IpPrefix target, Duration length, String scenario, int offenses) {
    logLine(ActionLog.banText(target, length, scenario, offenses));
    bans.append("ban ").append(BanAction.text(target)).append(" for ").append(DurationWords.of(length))
        .append(" scenario=").append(scenario).append(" offenses=").append(offenses).append('\n');
  }

  /**
   * {@code paused: ban <target> for <length> scenario=<id> offenses=<n>} on stdout and its logfmt line
   * ({@code event=ban-paused}) on stderr: a ban recorded in the store while the firewall is paused
   * ({@code firewall remove}), not in the kernel; the rebuild that resumes puts it in.
   */
  void pausedBan(IpPrefix target, Duration length, String scenario, int offenses) {
    logLine(ActionLog.banText("ban-paused", target, length, scenario, offenses));
    bans.append("paused: ban ").append(BanAction.text(target)).append(" for ").append(DurationWords.of(length))
        .append(" scenario=").append(scenario).append(" offenses=").append(offenses).append('\n');
  }

  /** Writes what was collected (the logfmt lines first) and empties the buffers. */
  void flush() {
    if (log.length() > 0) {
      PrintStream e = err.get();
      e.print(log);
      e.flush();
      log.setLength(0);
    }
    head = null;
    if (bans.length() > 0) {
      out.print(bans);
      out.flush();
      bans.setLength(0);
    }
  }

  private void logLine(String message) {
    if (ActionLog.infoOn()) {
      if (head == null) {
        head = LogfmtFormatter.head(new StringBuilder(48), clock.instant(), Level.INFO).append(' ').toString();
      }
      log.append(head).append(message).append('\n');
    }
  }
}
