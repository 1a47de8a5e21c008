package org.abuseloop.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop demo}: analyses the sample logs the project ships under {@code examples/}, so a
 * new user sees what abuseloop finds without logs of their own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Analyse the bundled sample logs (examples/).")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--examples", description = "the examples folder (default: examples/ beside the launcher)")
  Path examples;

  @Override
  public Integer call() throws Exception {
    Path dir = examples != null ? examples : Path.of(System.getProperty("abuseloop.home", "."), "examples");
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    System.out.println("abuseloop demo: parsing the sample logs in " + dir);
    return new CommandLine(new ParseCommand()).execute("--format", "summary", dir.resolve("logs").toString());
  }
}
