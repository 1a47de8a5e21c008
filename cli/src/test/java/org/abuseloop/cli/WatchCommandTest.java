package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code watch} command in-process, on stdin and without a firewall: the flags, the output lines, the store. */
class WatchCommandTest {

  @TempDir
  Path dir;

  @Test
  void bansFromStdinWithoutAFirewallAndRecordsTheBan() {
    StringBuilder lines = new StringBuilder();
    Instant t = Instant.now();
    for (int i = 0; i < 5; i++) {
      lines.append(t.plusSeconds(i)).append(" gw sshd[7]: Failed password for admin from 203.0.113.44 port 5").append(i).append(" ssh2\n");
    }
    lines.append(t).append(" gw sshd[7]: Failed password for admin from 10.0.0.8 port 22 ssh2\n".repeat(6));

    CommandRun run = withStdin(lines.toString(), () -> CommandRun.of(
        "watch", "--stdin", "--firewall", "none", "--state", dir.toString(), "--zone", "UTC"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly( // no firewall: nothing to restore
        "watching 1 sources",
        "ban 203.0.113.44 for 10m scenario=sshd-bf offenses=1");
    try (Store store = Store.openIn(dir)) {
      assertThat(store.bans().find(IpPrefix.parse("203.0.113.44"))).get().extracting(b -> b.offenses()).isEqualTo(1);
      assertThat(store.bans().find(IpPrefix.parse("10.0.0.8"))).isEmpty();
    }
  }

  @Test
  void aDryRunPrintsTheNftScriptsAndChangesNothing() {
    StringBuilder lines = new StringBuilder();
    Instant t = Instant.now();
    for (int i = 0; i < 5; i++) {
      lines.append(t.plusSeconds(i)).append(" gw sshd[7]: Failed password for admin from 2001:db8:77::5 port 5").append(i).append(" ssh2\n");
    }

    CommandRun run = withStdin(lines.toString(), () -> CommandRun.of(
        "watch", "--stdin", "--dry-run", "--table", "dryrun", "--state", dir.toString(), "--zone", "UTC"));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).containsExactly(
        "restored 0 bans", "watching 1 sources", "ban 2001:db8:77::5 for 10m scenario=sshd-bf offenses=1");
    assertThat(run.err()).contains("add table inet dryrun", "add element inet dryrun ban6 { 2001:db8:77::5 timeout ");
  }

  @Test
  void refusesToStartWithoutASourceOrWithABadAddress() {
    CommandRun none = CommandRun.of("watch", "--firewall", "none", "--state", dir.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("watch needs a source");

    CommandRun bad = CommandRun.of("watch", "--syslog-udp", "localhost:514", "--firewall", "none", "--state", dir.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--syslog-udp: 'localhost' is not an IP address");

    CommandRun table = CommandRun.of("watch", "--stdin", "--table", "Bad-Table", "--state", dir.toString());
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).contains("firewall.table");
  }

  private static CommandRun withStdin(String text, java.util.function.Supplier<CommandRun> body) {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return body.get();
    } finally {
      System.setIn(old);
    }
  }
}
