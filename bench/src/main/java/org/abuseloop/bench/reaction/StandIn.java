package org.abuseloop.bench.reaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the issue, a shell pipeline: {@code tail -F} the log, count sshd failures per
 * address in {@code awk}, and on the fifth write one {@code add element} line to a long-lived {@code nft
 * -i}. It trusts the last {@code from} on the line, so it is a yardstick, not a tool. Used by one
 * benchmark thread.
 */
final class StandIn implements Contender {

  static final String TABLE = "standin";

  private static final String SCRIPT = """
      #!/bin/sh
      # Stand-in for a log-following banner: tail | awk | nft -i. Usage: standin.sh LOG TABLE
      set -e
      log="$1"; table="$2"
      nft -f - <<EOF
      add table inet $table
      delete table inet $table
      table inet $table {
        set ban4 { type ipv4_addr; flags timeout; }
        chain input { type filter hook input priority -10; policy accept; ip saddr @ban4 drop; }
      }
      EOF
      echo "watching 1 sources"
      tail -n +1 -F "$log" 2>/dev/null | awk -W interactive -v t="$table" '
      / sshd\\[[0-9]+\\]: Failed password for / {
        for (i = NF; i > 0; i--) if ($i == "from") { ip = $(i + 1); break }
        if (++n[ip] == 5) { print "add element inet " t " ban4 { " ip " timeout 10m }"; fflush() }
      }' | nft -i
      """;

  private final List<String> commandPrefix;
  private ToolProcess process;

  StandIn(List<String> commandPrefix) {
    this.commandPrefix = List.copyOf(commandPrefix);
  }

  @Override
  public String name() {
    return "stand-in (tail|awk|nft -i)";
  }

  @Override
  public String table() {
    return TABLE;
  }

  @Override
  public void start(Path log, Path work) throws Exception {
    Path script = work.resolve("standin.sh");
    Files.writeString(script, SCRIPT);
    List<String> argv = new ArrayList<>(commandPrefix);
    argv.addAll(List.of("sh", script.toString(), log.toString(), TABLE));
    process = ToolProcess.start(argv, work, "watching ", null);
    if (!process.awaitReady(10_000)) {
      throw new IllegalStateException("stand-in did not start: " + process.tail());
    }
  }

  @Override
  public String tail() {
    return process == null ? "" : process.tail();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
