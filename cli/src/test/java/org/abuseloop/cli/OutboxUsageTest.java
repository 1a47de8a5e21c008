package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The outbox commands' {@code --help}: each lists the options it uses, and the commands that send nothing
 * (settle, submitted, approve, stats) none of the send options. Not thread-safe; one instance per test.
 */
class OutboxUsageTest {

  /** What only {@code report send} uses: how it sends, and the APIs it calls. */
  private static final List<String> SEND_POLICY = List.of("--mode", "--batch-period", "--per-contact-per-day",
      "--max-attempts");
  private static final List<String> SEND_ROUTES = List.of("--smtp-host", "--smtp-password-file", "--abuseipdb-key-file",
      "--msrc-url", "--forms-dir", "--organisation");

  @ParameterizedTest
  @ValueSource(strings = {"settle", "submitted", "approve", "stats"})
  void aCommandThatSendsNothingListsNoSendOption(String command) {
    String usage = usage(command);

    assertThat(usage).contains("--store", "--state", "--config");
    for (String option : SEND_POLICY) {
      assertThat(usage).as(command + " --help").doesNotContain(option);
    }
    for (String option : SEND_ROUTES) {
      assertThat(usage).as(command + " --help").doesNotContain(option);
    }
  }

  @Test
  void theRepliesReaderListsNoSendPolicy() {
    String usage = usage("replies");

    assertThat(usage).contains("--store", "--imap-host");
    for (String option : SEND_POLICY) {
      assertThat(usage).doesNotContain(option);
    }
  }

  @Test
  void sendStillListsEverySendOption() {
    String usage = usage("send");

    assertThat(usage).contains("--store", "--state", "--config");
    assertThat(usage).contains(SEND_POLICY);
    assertThat(usage).contains(SEND_ROUTES);
  }

  @Test
  void aSendOptionGivenToSettleIsRefused() {
    CommandRun run = CommandRun.of("report", "settle", "--mode", "automatic", "1a2b3c4d", "--delivered");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--mode");
  }

  private static String usage(String command) {
    CommandRun run = CommandRun.of("report", command, "--help");
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }
}
