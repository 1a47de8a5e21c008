package org.abuseloop.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The run the {@code ./abuseloop} launcher records its class archive from ({@code -XX:ArchiveClassesAtExit}):
 * the batch commands on the shipped examples, in one JVM, their output discarded. Not part of the
 * command line; single-threaded use only.
 *
 * <p>Every class these commands load, and the method handles of their lambdas, are then read from the
 * archive instead of the jar on later runs (docs/benchmarks.md, "Session 3: start-up and cold parse").
 */
public final class ArchiveTraining {

  private ArchiveTraining() {}

  /** {@code args[0]}: the examples folder (with {@code logs/} and {@code ranges/}). Exit code 0 when every command ran. */
  public static void main(String[] args) {
    Path examples = Path.of(args.length > 0 ? args[0] : "examples");
    String logs = examples.resolve("logs").toString();
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    int failed = 0;
    try {
      failed += Main.run("parse", "--format", "summary", logs) == 0 ? 0 : 1;
      failed += Main.run("parse", "--format", "jsonl", logs) == 0 ? 0 : 1;
      failed += Main.run("analyze", "--ranges", examples.resolve("ranges").toString(), logs) == 0 ? 0 : 1;
      failed += Main.run("analyze", "--format", "json", logs) == 0 ? 0 : 1;
    } finally {
      System.setOut(out);
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
