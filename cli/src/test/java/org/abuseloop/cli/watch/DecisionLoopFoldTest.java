package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch} counts the NOTICE and SECURITY lines Asterisk writes for one request once, as analyze does. */
class DecisionLoopFoldTest {

  private static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");

  @TempDir
  Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final List<String> log = new ArrayList<>();

  /** {@code n} failed registrations from {@code source}, each written as a NOTICE and a SECURITY line, one a second. */
  private static List<String> requests(String source, int n, int fromSecond) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String stamp = T0.plusSeconds(fromSecond + i).toString().replace('T', ' ').replace("Z", "");
      lines.add("[" + stamp + "] NOTICE[2982] chan_sip.c: Registration from '\"1001\" <sip:1001@192.0.2.5>' failed for '"
          + source + ":5071' - Wrong password");
      lines.add("[" + stamp + "] SECURITY[2801] res_security_log.c: SecurityEvent=\"InvalidPassword\",EventTV=\"x\","
          + "Severity=\"Error\",Service=\"SIP\",EventVersion=\"2\",AccountID=\"1001\",SessionID=\"0x7f3ac0ff76c0\","
          + "LocalAddress=\"IPV4/UDP/192.0.2.5/5060\",RemoteAddress=\"IPV4/UDP/" + source + "/5071\",Challenge=\"8e276ec7\"");
    }
    return lines;
  }

  @Test
  void fourRequestsWrittenOnEightLinesAreFourAttemptsAndTheFifthBans() throws Exception {
    try (WatchRig watch = new WatchRig(dir, clock, log)) {
      watch.append(requests("203.0.113.66", 4, 0));
      assertThat(watch.printed()).as("8 lines, 4 attempts: under asterisk-bf's 5").isEmpty();

      watch.append(requests("203.0.113.66", 1, 4));
      assertThat(watch.printed()).containsExactly("ban 203.0.113.66 for 10m scenario=asterisk-bf offenses=1");
    }
  }
}
