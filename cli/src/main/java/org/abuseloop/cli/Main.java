package org.abuseloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code abuseloop} command: parses the command line and runs a subcommand. Exit codes: 0 done,
 * 1 findings that need attention, 2 bad usage or unreadable input.
 */
@Command(
    name = "abuseloop",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Reads service logs, detects abuse, blocks it and reports it.",
    subcommands = {ParseCommand.class, AnalyzeCommand.class, FamiliesCommand.class, RangesCommand.class, DemoCommand.class,
        WatchCommand.class, ConfigCommand.class, BanCommand.class, UnbanCommand.class, FirewallCommand.class,
        ContactCommand.class, ReportCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(new FailureHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl.execute(args);
  }
}
