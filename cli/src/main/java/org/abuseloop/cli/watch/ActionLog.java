package org.abuseloop.cli.watch;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;

/**
 * The structured log of what abuseloop did: one logfmt line per ban, unban, incident and error on
 * stderr (through java.util.logging and {@link LogfmtFormatter}), for journald, Loki or grep.
 * Stateless and thread-safe, as JUL loggers are.
 *
 * <p>java.util.logging rather than SLF4J: the firewall module already logs through
 * {@link System.Logger}, which the JDK routes to java.util.logging, so one formatter covers both
 * with no dependency and no binding to choose.
 */
public final class ActionLog {

  static final Logger LOG = Logger.getLogger("org.abuseloop.action");

  private ActionLog() {}

  /** {@code event=ban target=203.0.113.9 seconds=600 scenario=sip-bf offenses=2}. */
  public static void ban(IpPrefix target, Duration length, String scenario, int offenses) {
    log(Level.INFO, banText(target, length, scenario, offenses));
  }

  /** The message of {@link #ban}, for a caller that writes many lines at once ({@link ActionOutput}). */
  static String banText(IpPrefix target, Duration length, String scenario, int offenses) {
    return banText("ban", target, length, scenario, offenses);
  }

  /** As above with another {@code event} ({@code ban-paused}: recorded, not in the kernel). */
  static String banText(String event, IpPrefix target, Duration length, String scenario, int offenses) {
    return Logfmt.line("event", event, "target", text(target), "seconds", Long.toString(Math.round(length.toMillis() / 1000.0)),
        "scenario", scenario, "offenses", Integer.toString(offenses));
  }

  /** {@code event=unban target=203.0.113.9 reason=manual}. */
  public static void unban(IpPrefix target, String reason) {
    log(Level.INFO, Logfmt.line("event", "unban", "target", text(target), "reason", reason));
  }

  /** {@code event=incident scenario=sip-bf scope=address source=203.0.113.9 count=12 ...}; only when it opens. */
  public static void incident(Incident i) {
    if (!i.active()) {
      return;
    }
    log(Level.INFO, incidentText(i));
  }

  /** The message of {@link #incident} (for an open incident), for a caller that writes many lines at once. */
  static String incidentText(Incident i) {
    return Logfmt.line("event", "incident", "scenario", i.scenario(), "scope", i.scope().name().toLowerCase(java.util.Locale.ROOT),
        "source", i.sourceText(), "count", Long.toString(i.count()), "first", i.first().toString(), "last", i.last().toString(),
        "offenses", Integer.toString(i.offenses()));
  }

  /** True when the action log's INFO lines are written (the logging configuration may turn them off). */
  static boolean infoOn() {
    return LOG.isLoggable(Level.INFO);
  }

  /** {@code event=error what="..." error="..."}. */
  public static void error(String what, Throwable cause) {
    String message = cause == null ? "" : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    log(Level.SEVERE, Logfmt.line("event", "error", "what", what, "error", message));
  }

  private static void log(Level level, String line) {
    LogfmtFormatter.installOnce();
    LOG.log(level, line);
  }

  private static String text(IpPrefix p) {
    return p.length() == p.network().bitLength() ? p.network().toString() : p.toString();
  }
}
