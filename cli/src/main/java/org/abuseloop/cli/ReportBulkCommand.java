package org.abuseloop.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;
import org.abuseloop.intel.ProviderRange;
import org.abuseloop.report.AbuseIpdbReport;
import org.abuseloop.report.AbuseReport;
import org.abuseloop.report.AwsCsvReport;
import org.abuseloop.report.Redaction;
import org.abuseloop.report.ReportContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop report bulk}: every report of the logs in one CSV file to upload by hand: AbuseIPDB's
 * bulk-report CSV (split into files of at most 10,000 lines; UDP-only, unknown-transport and prefix sources
 * left out and counted on stderr) or AWS's many-address CSV (optionally only the sources of one provider).
 * Nothing is sent. Not thread-safe; one run at a time.
 */
@Command(name = "bulk", mixinStandardHelpOptions = true,
    description = "Write the reports of the logs as one bulk CSV: AbuseIPDB's bulk report or AWS's many-address CSV.")
final class ReportBulkCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "abuseipdb-csv or aws-csv")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "the CSV file; AbuseIPDB files past 10,000 lines go on in FILE-2.csv, FILE-3.csv...")
  Path out;

  @Option(names = "--provider", paramLabel = "ID",
      description = "only the sources attributed to this provider by the range files (e.g. aws)")
  String provider;

  @Mixin
  LogReadOptions logs;

  @Mixin
  ReporterOptions reporter;

  @Parameters(arity = "1..*", paramLabel = "LOG", description = "log files (plain or gzip) or directories")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (!format.equals("abuseipdb-csv") && !format.equals("aws-csv")) {
      throw usage("--format must be abuseipdb-csv or aws-csv, not '" + format + "'");
    }
    ReportContext context = context();
    RangeOwners owners = logs.owners();
    List<AbuseReport> reports = new ArrayList<>();
    int elsewhere = 0;
    Set<String> ids = new HashSet<>();
    for (Incident i : logs.incidents(files, owners)) {
      for (AbuseReport r : AbuseReport.of(i, context)) {
        if (!ids.add(r.id().toString())) {
          continue;
        }
        if (provider != null && !provider.equals(providerOf(r, owners))) {
          elsewhere++;
        } else {
          reports.add(r);
        }
      }
    }
    if (elsewhere > 0) {
      System.err.println("note: " + elsewhere + " report" + (elsewhere == 1 ? "" : "s")
          + " of sources not attributed to " + provider + " left out");
    }
    return format.equals("aws-csv") ? writeAws(reports) : writeAbuseIpdb(reports);
  }

  private int writeAws(List<AbuseReport> reports) throws IOException {
    write(out, new AwsCsvReport().csv(reports));
    System.out.println(reports.size() + " report" + (reports.size() == 1 ? "" : "s") + " written to " + out);
    return 0;
  }

  private int writeAbuseIpdb(List<AbuseReport> reports) throws IOException {
    AbuseIpdbReport abuseIpdb = new AbuseIpdbReport();
    int udp = 0;
    int unknown = 0;
    int prefixes = 0;
    for (AbuseReport r : reports) {
      if (abuseIpdb.refusal(r).isEmpty()) {
        continue;
      }
      if (r.sourceAddress() == null) {
        prefixes++;
      } else if (r.protocol() == Protocol.UDP) {
        udp++;
      } else {
        unknown++;
      }
    }
    if (udp + unknown + prefixes > 0) {
      System.err.println("note: left out of the AbuseIPDB file, which takes neither UDP reports nor prefixes: " + udp
          + " UDP-only, " + unknown + " whose transport the logs do not name (may be UDP), " + prefixes
          + " prefix source" + (prefixes == 1 ? "" : "s"));
    }
    List<String> csv = abuseIpdb.bulkCsvFiles(reports);
    if (csv.isEmpty()) {
      csv = List.of(AbuseIpdbReport.CSV_HEADER_LINE);
    }
    List<Path> written = new ArrayList<>();
    for (int n = 0; n < csv.size(); n++) {
      Path file = n == 0 ? out : numbered(out, n + 1);
      write(file, csv.get(n));
      written.add(file);
    }
    int rows = reports.size() - udp - unknown - prefixes;
    System.out.println(rows + " report" + (rows == 1 ? "" : "s") + " written to " + written.get(0)
        + (written.size() > 1 ? " and " + (written.size() - 1) + " more file" + (written.size() > 2 ? "s" : "")
            + " (10,000 lines each at most): " + written.subList(1, written.size()) : ""));
    return 0;
  }

  /** {@code reports.csv} and 2 give {@code reports-2.csv}; a name without an extension gets {@code -2}. */
  static Path numbered(Path file, int n) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
    return file.resolveSibling(numbered);
  }

  // Written whole or not at all: a temporary file beside it, then renamed over it.
  private static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String providerOf(AbuseReport r, RangeOwners owners) {
    IpAddress address = r.sourceAddress() != null ? r.sourceAddress() : IpPrefix.parse(r.source()).network();
    ProviderRange range = owners.rangeOf(address);
    return range == null ? null : range.provider().id();
  }

  private ReportContext context() {
    return reporter.context(spec, logs.zone, new Redaction(List.of(), List.of()));
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
