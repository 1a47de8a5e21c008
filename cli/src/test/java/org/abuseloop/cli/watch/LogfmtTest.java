package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The logfmt lines of the action log, hostile values included. */
class LogfmtTest {

  @Test
  void plainValuesStayBareOthersAreQuotedAndEscaped() {
    assertThat(Logfmt.line("event", "ban", "target", "203.0.113.9", "seconds", "600"))
        .isEqualTo("event=ban target=203.0.113.9 seconds=600");
    assertThat(Logfmt.line("what", "a b", "empty", "", "none", null)).isEqualTo("what=\"a b\" empty=\"\" none=");
  }

  @Test
  void anAttackerControlledValueCannotStartALineOrFakeAKey() {
    String hostile = "x\" event=unban target=198.51.100.1\nts=2026 level=info event=ban\r\u0000\u2028\\";
    String line = Logfmt.line("user", hostile, "source", "203.0.113.9");
    assertThat(line).doesNotContain("\n", "\r", "\u0000", "\u2028")
        .startsWith("user=\"x\\\" event=unban target=198.51.100.1\\nts=2026 level=info event=ban\\r\\u0000\\u2028\\\\\"")
        .endsWith(" source=203.0.113.9");
  }

  @Test
  void formatsActionLinesAsIsAndOtherLoggersWithTheirMessageQuoted() {
    LogfmtFormatter f = new LogfmtFormatter();
    LogRecord action = new LogRecord(Level.INFO, "event=ban target=203.0.113.9");
    action.setLoggerName(ActionLog.LOG.getName());
    action.setMillis(0);
    assertThat(f.format(action)).isEqualTo("ts=1970-01-01T00:00:00Z level=info event=ban target=203.0.113.9\n");
    LogRecord other = new LogRecord(Level.WARNING, "refused to ban {0}: {1}");
    other.setLoggerName("org.abuseloop.firewall.Firewall");
    other.setParameters(new Object[] {"10.0.0.1/32", "private range"});
    other.setMillis(0);
    assertThat(f.format(other)).isEqualTo(
        "ts=1970-01-01T00:00:00Z level=warn logger=org.abuseloop.firewall.Firewall msg=\"refused to ban 10.0.0.1/32: private range\"\n");
  }
}
