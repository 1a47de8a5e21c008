package org.abuseloop.logs.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.abuseloop.logs.conformance.SystemTool;
import org.junit.jupiter.api.Test;

/**
 * The journal source against the real journalctl and a running journald: writes tagged entries with
 * systemd-cat, reads them back, and resumes after the saved cursor. Without journalctl it skips loudly
 * (fails under CI); without a running journal (containers) it is reported as skipped with the reason.
 */
class RealJournalIT {

  @Test
  void readsEntriesWrittenNowAndResumesAfterTheCursor() throws Exception {
    String journalctl = SystemTool.locate("journalctl", "systemd");
    String cat = SystemTool.locate("systemd-cat", "systemd");
    assumeTrue(Files.exists(Path.of("/run/systemd/journal/socket")),
        "no journald running here (/run/systemd/journal/socket absent): the real journal test did not run");
    String tag = "abuseloop-it-" + UUID.randomUUID().toString().substring(0, 8);
    Position saved;
    try (Collector.Running r = Collector.Running.start(LogSources.journal(Path.of(journalctl), List.of("-t", tag), null))) {
      write(cat, tag, "first entry");
      assertThat(r.collector.awaitLines(1).get(0)).contains(" " + tag + "[").endsWith("]: first entry");
      saved = r.collector.awaitBatch(p -> p.lineNumber() == 1);
    }
    write(cat, tag, "second entry");
    try (Collector.Running r = Collector.Running.start(LogSources.journal(Path.of(journalctl), List.of("-t", tag), saved))) {
      assertThat(r.collector.awaitLines(1).get(0)).endsWith(": second entry");
      assertThat(r.collector.lines().get(0).lineNumber()).isEqualTo(2);
    }
  }

  private static void write(String systemdCat, String tag, String message) throws Exception {
    Process p = new ProcessBuilder(systemdCat, "-t", tag).start();
    p.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor()).isZero();
  }
}
