package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch --config FILE} refuses a bad file with every problem and starts nothing. */
class WatchConfigOptionTest {

  @Test
  void aBadConfigurationStartsNothing(@TempDir Path dir) throws Exception {
    Path state = dir.resolve("state");
    Path config = dir.resolve("watch.yaml");
    Files.writeString(config, """
        sources:
          - kind: file
            path: auth.log
        state: state
        bans: {factor: 0.5}
        firewall: {backend: nftables, table: x}
        metrics: {listen: 127.0.0.1:99999}
        """);
    CommandRun run = CommandRun.of("watch", "--config", config.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(config + ": 2 problems", "bans.factor: must be at least 1", "(line 5, column 8)",
        "metrics.listen: port out of range");
    assertThat(run.out()).doesNotContain("watching");
    assertThat(state).doesNotExist();
  }
}
