package org.abuseloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

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
    ParseCommand parse = ParseCommand.fromPlainArguments(args);
    if (parse != null) {
      return parse.callReportingFailure();
    }
    AnalyzeCommand analyze = AnalyzeCommand.fromPlainArguments(args);
    if (analyze != null) {
      return analyze.callReportingFailure();
    }
    CommandLine cl = commandLine(args);
    cl.setExecutionExceptionHandler(new FailureHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl.execute(args);
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand, the root holds that
   * subcommand alone. picocli builds the model of every command it is given by reflection, and doing
   * so for all of them took most of a short run's start-up (measured in docs/benchmarks.md); {@code
   * --version} alone needs none, and the root's own help lists them all, so any other first argument
   * gets the full model.
   */
  static CommandLine commandLine(String... args) {
    Command root = Main.class.getAnnotation(Command.class);
    boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    Class<?> named = args.length == 0 ? null : subcommandNamed(root, args[0]);
    if (named == null && !versionOnly) {
      return new CommandLine(new Main());
    }
    CommandSpec spec = CommandSpec.wrapWithoutInspection(new Main())
        .name(root.name())
        .mixinStandardHelpOptions(root.mixinStandardHelpOptions())
        .versionProvider(new Version());
    spec.usageMessage().description(root.description());
    CommandLine cl = new CommandLine(spec);
    if (named != null) {
      cl.addSubcommand(args[0], new CommandLine(named));
    }
    return cl;
  }

  /** The subcommand class of the root's list whose name or alias is {@code name}, or null. */
  private static Class<?> subcommandNamed(Command root, String name) {
    for (Class<?> c : root.subcommands()) {
      Command sub = c.getAnnotation(Command.class);
      if (sub.name().equals(name) || java.util.Arrays.asList(sub.aliases()).contains(name)) {
        return c;
      }
    }
    return null;
  }
}
