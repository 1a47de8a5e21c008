package org.abuseloop.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code abuseloop demo}: analyses the sample logs the project ships under {@code examples/logs},
 * attributed with the fictitious ranges of {@code examples/ranges}, and writes the HTML page, so a new
 * user sees what abuseloop finds without logs of their own.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Analyse the bundled sample logs (examples/).")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--examples", description = "the examples folder (default: examples/ beside the launcher)")
  Path examples;

  @Option(names = "--html", paramLabel = "FILE", description = "where to write the HTML page (default: abuseloop-demo.html in the temp folder)")
  Path html;

  @Override
  public Integer call() throws Exception {
    Path dir = examples != null ? examples : Path.of(System.getProperty("abuseloop.home", "."), "examples");
    if (!Files.isDirectory(dir.resolve("logs"))) {
      throw new NoSuchFileException(dir.resolve("logs").toString());
    }
    Path page = html != null ? html : Path.of(System.getProperty("java.io.tmpdir"), "abuseloop-demo.html");
    System.out.println("abuseloop demo: analysing the sample logs in " + dir.resolve("logs")
        + " (addresses are documentation ranges; " + dir.resolve("ranges") + " attributes them to fictitious cloud ranges)");
    System.out.println();
    return new CommandLine(new AnalyzeCommand()).execute("--ranges", dir.resolve("ranges").toString(), "--html", page.toString(),
        dir.resolve("logs").toString());
  }
}
