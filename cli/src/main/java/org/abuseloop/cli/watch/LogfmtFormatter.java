package org.abuseloop.cli.watch;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Formats java.util.logging records as one logfmt line: {@code ts=... level=info} followed by the
 * message when it is already logfmt (abuseloop's own action log), else {@code logger=... msg="..."}
 * (the firewall's {@link System.Logger} warnings). Stateless and thread-safe.
 */
public final class LogfmtFormatter extends Formatter {

  private static volatile boolean installed;
  /** Held so that the level set on it stays (JUL keeps loggers only weakly). */
  private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");
  private static final Logger HIKARI = Logger.getLogger("com.zaxxer.hikari");

  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(128);
    head(sb, Instant.ofEpochMilli(r.getMillis()), r.getLevel());
    String message = formatMessage(r);
    if (ActionLog.LOG.getName().equals(r.getLoggerName())) {
      sb.append(' ').append(message);
    } else {
      sb.append(" logger=").append(r.getLoggerName()).append(" msg=");
      Logfmt.value(sb, message);
    }
    if (r.getThrown() != null) {
      sb.append(" error=");
      Logfmt.value(sb, String.valueOf(r.getThrown()));
    }
    return sb.append('\n').toString();
  }

  /** Appends {@code ts=... level=...}, the start of every line. */
  static StringBuilder head(StringBuilder sb, Instant ts, Level level) {
    return sb.append("ts=").append(ts).append(" level=").append(level(level));
  }

  /**
   * Makes the root logger write logfmt lines to stderr (once per process): replaces the JDK's
   * two-line console format. Called by the action log; {@code watch} may call it at start.
   */
  public static synchronized void installOnce() {
    if (installed) {
      return;
    }
    installed = true;
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    root.addHandler(stderr());
    // Flyway reports "schema up to date" at INFO on every store opened: not an action worth a line.
    FLYWAY.setLevel(Level.WARNING);
    HIKARI.setLevel(Level.WARNING); // pool start and stop at INFO, likewise

  }

  /** A handler printing logfmt lines to whatever {@code System.err} is when a record arrives. */
  static Handler stderr() {
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          PrintStream err = System.err;
          err.print(getFormatter().format(record));
          err.flush();
        }
      }

      @Override
      public void flush() {
        System.err.flush();
      }

      @Override
      public void close() {
        flush();
      }
    };
    handler.setFormatter(new LogfmtFormatter());
    handler.setLevel(Level.INFO);
    return handler;
  }

  private static String level(Level l) {
    if (l.intValue() >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (l.intValue() >= Level.WARNING.intValue()) {
      return "warn";
    }
    return l.intValue() >= Level.INFO.intValue() ? "info" : l.getName().toLowerCase(Locale.ROOT);
  }
}
