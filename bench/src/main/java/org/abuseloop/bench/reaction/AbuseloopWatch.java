package org.abuseloop.bench.reaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tool under test: {@code abuseloop watch --log FILE --service sshd --firewall nftables --table
 * NAME --state DIR}, ready when it prints {@code watching N sources}, one {@code ban ...} line per ban.
 * Used by one benchmark thread.
 */
final class AbuseloopWatch implements Contender {

  static final String TABLE = "ablreact";

  private final List<String> command;
  private ToolProcess process;

  /** {@code command}: the namespace prefix followed by how to run abuseloop, e.g. {@code java -jar X.jar}. */
  AbuseloopWatch(List<String> command) {
    this.command = List.copyOf(command);
  }

  @Override
  public String name() {
    return "abuseloop watch";
  }

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public void start(Path log, Path work) throws Exception {
    Path state = Files.createDirectories(work.resolve("state"));
    List<String> argv = new ArrayList<>(command);
    argv.addAll(List.of("watch", "--log", log.toString(), "--service", "sshd", "--firewall", "nftables",
        "--table", TABLE, "--state", state.toString()));
    process = ToolProcess.start(argv, work, "watching ", "ban ");
    if (!process.awaitReady(60_000)) {
      throw new IllegalStateException("abuseloop watch did not print 'watching N sources': " + process.tail());
    }
  }

  /** The {@code ban ...} lines it printed so far. */
  long bansPrinted() {
    return process == null ? 0 : process.counted();
  }

  @Override
  public String tail() {
    return process == null ? "" : process.tail();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close(10_000);
    }
  }
}
