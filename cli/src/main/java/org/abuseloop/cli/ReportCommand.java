package org.abuseloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.intel.AbuseChannel;
import org.abuseloop.intel.AbuseContacts;
import org.abuseloop.intel.ContactAnswer;
import org.abuseloop.intel.ProviderRange;
import org.abuseloop.intel.RdapBootstrap;
import org.abuseloop.intel.RdapClient;
import org.abuseloop.intel.RdapContacts;
import org.abuseloop.report.AbuseIpdbReport;
import org.abuseloop.report.AbuseReport;
import org.abuseloop.report.ArfReport;
import org.abuseloop.report.AwsCsvReport;
import org.abuseloop.report.IodefReport;
import org.abuseloop.report.MsrcReport;
import org.abuseloop.report.WebFormReport;
import org.abuseloop.report.Redaction;
import org.abuseloop.report.ReportContext;
import org.abuseloop.report.ReportFormat;
import org.abuseloop.report.TextReport;
import org.abuseloop.report.XarfMail;
import org.abuseloop.report.XarfReport;
import org.abuseloop.report.outbox.Desk;
import org.abuseloop.report.outbox.ReportQueue;
import org.abuseloop.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code abuseloop report}: abuse reports from logs. With {@code --preview} it analyses the logs as
 * {@code analyze} does, builds one report per attacking source of each incident, and writes each in the
 * chosen format to {@code --out DIR} (file: report id + extension) with {@code DIR/index.json} saying
 * where each would go; nothing is sent. The directory is written whole or not at all. With {@code --queue}
 * the reports go in the store's outbox instead, each in the first format its desk takes that can carry it; sending, approval, replies and
 * statistics are its subcommands (docs/outbox.md).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    subcommands = {ReportBulkCommand.class, ReportSendCommand.class, ReportApproveCommand.class, ReportSettleCommand.class,
        ReportSubmittedCommand.class, ReportRepliesCommand.class, ReportStatsCommand.class},
    description = "Abuse reports from logs: --preview writes them in a format, with where each would go.")
final class ReportCommand implements Callable<Integer> {

  /** The formats by command-line id, in the order help lists them. */
  static final List<String> FORMATS = List.of("xarf", "xarf-mail", "arf", "iodef", "abuseipdb", "aws-csv", "text",
      "msrc-api", "web-form");

  /** The reason an index entry gives when the preview did not ask RDAP. */
  static final String NO_RDAP = "RDAP not queried in preview";

  @Spec
  CommandSpec spec;

  @Option(names = "--preview", description = "write the reports to --out instead of sending them")
  boolean preview;

  @Option(names = "--queue", description = "put the reports in the outbox, each in its desk's format (mail, API or web form), for 'report send'")
  boolean queue;

  @Option(names = "--abuseipdb", description = "with --queue: also queue each report for AbuseIPDB (TCP only; sent by 'report send' with an AbuseIPDB key)")
  boolean alsoAbuseIpdb;

  @Option(names = "--store", paramLabel = "JDBC_URL", description = "with --queue: the store (default: the SQLite file in the state directory)")
  String store;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "xarf (default), xarf-mail, arf, iodef, abuseipdb, aws-csv, text, msrc-api or web-form")
  String format = "xarf";

  @Option(names = "--out", paramLabel = "DIR", description = "new or empty directory for the reports and index.json")
  Path out;

  @Mixin
  LogReadOptions logs;

  @Mixin
  ReporterOptions reporter;

  @Option(names = "--redact-host", paramLabel = "NAME", description = "your host name, replaced by [host] (repeatable)")
  List<String> redactHosts = new ArrayList<>();

  @Option(names = "--redact-user", paramLabel = "NAME", description = "your user name, replaced by [user] (repeatable)")
  List<String> redactUsers = new ArrayList<>();

  @Option(names = "--rdap", paramLabel = "URL",
      description = "ask this RDAP server for the abuse contact of sources no provider table knows (default: not asked)")
  URI rdap;

  @Option(names = "--rdap-reserved", hidden = true, description = "also ask about reserved space (tests against a loopback registry)")
  boolean rdapReserved;

  @Option(names = "--now", hidden = true, description = "the time mails and IODEF say they were written (reproducible samples)")
  Instant now;

  @Parameters(arity = "0..*", paramLabel = "LOG", description = "log files (plain or gzip) or directories")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (preview == queue) {
      throw usage("give --preview --out DIR (write the reports) or --queue (put them in the outbox for 'report send')");
    }
    ReportContext context = context();
    ReportFormat writer = format(Clock.fixed(now == null ? Instant.now() : now, ZoneOffset.UTC));
    if (preview && out == null) {
      throw usage("--out DIR is required with --preview");
    }
    if (files.isEmpty()) {
      throw usage("name at least one LOG file or directory");
    }
    RangeOwners owners = logs.owners();
    AbuseContacts contacts = contacts();
    List<Incident> incidents = logs.incidents(files, owners);
    if (queue) {
      return queue(incidents, context, owners, contacts);
    }
    int written;
    int skipped;
    try (StagedDirectory dir = StagedDirectory.open(out)) {
      Preview p = new Preview(writer, owners, contacts, rdap == null, dir.dir());
      for (Incident i : incidents) {
        for (AbuseReport r : AbuseReport.of(i, context)) {
          p.add(r);
        }
      }
      p.writeIndex();
      dir.commit();
      written = p.written;
      skipped = p.skipped;
    }
    System.out.println(written + " " + writer.id() + " report" + (written == 1 ? "" : "s") + " written to " + out
        + (skipped > 0 ? ", " + skipped + " skipped (see index.json)" : ""));
    return 0;
  }

  // Every report with a desk goes in the outbox in the first format the desk takes that can carry it
  // (mail, API or web form); the same report (same source, scenario and window) is kept once however
  // often the logs are read.
  private int queue(List<Incident> incidents, ReportContext context, RangeOwners owners, AbuseContacts contacts) {
    Map<String, Integer> byFormat = new java.util.TreeMap<>();
    int known = 0;
    int nowhere = 0;
    List<String> refused = new ArrayList<>();
    try (Store s = store == null ? Store.openIn(StateDirectory.resolve(logs.state)) : Store.open(store)) {
      ReportQueue outbox = new ReportQueue(s.outbox(), Clock.systemUTC());
      for (Incident i : incidents) {
        for (AbuseReport r : AbuseReport.of(i, context)) {
          IpAddress address = r.sourceAddress() != null ? r.sourceAddress() : IpPrefix.parse(r.source()).network();
          if (alsoAbuseIpdb) {
            ReportQueue.Queued copy = outbox.queueForAbuseIpdb(r, "https://api.abuseipdb.com/api/v2/");
            if (copy.added()) {
              byFormat.merge("abuseipdb (copy)", 1, Integer::sum);
            } else if (copy.format() == null) {
              refused.add(r.source() + " (" + r.scenario() + "): " + copy.note());
            }
          }
          ProviderRange range = owners.rangeOf(address);
          ContactAnswer answer = contacts.find(address, range);
          if (!answer.sendable()) {
            nowhere++;
            continue;
          }
          String provider = range == null ? i.owner() : range.provider().id();
          ReportQueue.Queued q = outbox.queue(r, provider, desk(answer, contacts, provider));
          if (q.format() == null) {
            refused.add(r.source() + " (" + r.scenario() + "): " + q.note());
          } else if (q.added()) {
            byFormat.merge(q.format(), 1, Integer::sum);
          } else {
            known++;
          }
        }
      }
    }
    int queued = byFormat.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println(queued + " report" + (queued == 1 ? "" : "s") + " queued, " + known + " already in the outbox, "
        + nowhere + " without a contact (see report --preview), " + refused.size() + " that no channel of their desk"
        + " takes" + (byFormat.isEmpty() ? "" : "; by format " + byFormat));
    refused.forEach(line -> System.out.println("  not queued: " + line));
    return 0;
  }

  // The desk behind a contact answer: the provider table's whole entry (mail, form, API and its formats in
  // order), else the single contact an override or RDAP gave.
  private static Desk desk(ContactAnswer answer, AbuseContacts contacts, String provider) {
    if (ContactAnswer.PROVIDER.equals(answer.channel())) {
      AbuseChannel c = contacts.channels().find(provider).orElse(null);
      if (c != null) {
        return new Desk(c.email(), c.webForm() == null ? null : c.webForm().toString(),
            c.api() == null ? null : c.api().toString(), List.copyOf(c.formats()));
      }
    }
    return Desk.of(answer.contact(), answer.format());
  }

  private ReportContext context() {
    return reporter.context(spec, logs.zone, new Redaction(redactHosts, redactUsers));
  }

  private ReportFormat format(Clock clock) {
    return switch (format) {
      case "xarf" -> new XarfReport();
      case "xarf-mail" -> new XarfMail(clock);
      case "arf" -> new ArfReport(clock);
      case "iodef" -> new IodefReport(clock);
      case "abuseipdb" -> new AbuseIpdbReport();
      case "aws-csv" -> new AwsCsvReport();
      case "text" -> new TextReport();
      case "msrc-api" -> new MsrcReport();
      case "web-form" -> new WebFormReport();
      default -> throw usage("--format must be one of " + String.join(", ", FORMATS) + ", not '" + format + "'");
    };
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  // Offline unless --rdap names a server: then that server is asked about every source no table knows.
  private AbuseContacts contacts() throws IOException {
    if (rdap == null) {
      return AbuseContacts.standard();
    }
    String base = rdap.toString().endsWith("/") ? rdap.toString() : rdap + "/";
    String bootstrap = "{\"services\":[[[\"0.0.0.0/0\",\"::/0\"],[\"" + base.replace("\"", "%22") + "\"]]]}";
    try (InputStream in = new ByteArrayInputStream(bootstrap.getBytes(StandardCharsets.UTF_8))) {
      RdapBootstrap everything = RdapBootstrap.read(in, "--rdap " + rdap);
      return AbuseContacts.builder().rdap(RdapContacts.builder(everything, new RdapClient()).build())
          .queryReservedSpace(rdapReserved).build();
    }
  }

  /** The reports of one preview run: the files written so far and the index entries. Not thread-safe. */
  private static final class Preview {
    private final ReportFormat writer;
    private final RangeOwners owners;
    private final AbuseContacts contacts;
    private final boolean offline;
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayNode index = json.createArrayNode();
    private final Set<String> ids = new HashSet<>();
    int written;
    int skipped;

    Preview(ReportFormat writer, RangeOwners owners, AbuseContacts contacts, boolean offline, Path dir) {
      this.writer = writer;
      this.owners = owners;
      this.contacts = contacts;
      this.offline = offline;
      this.dir = dir;
    }

    void add(AbuseReport r) throws IOException {
      if (!ids.add(r.id().toString())) {
        return;
      }
      IpAddress address = r.sourceAddress() != null ? r.sourceAddress() : IpPrefix.parse(r.source()).network();
      ProviderRange range = owners.rangeOf(address);
      ContactAnswer answer = contacts.find(address, range);
      ObjectNode e = index.addObject();
      e.put("report_id", r.id().toString());
      e.put("source", r.source());
      e.put("provider", range == null ? null : range.provider().id());
      e.put("channel", answer.channel());
      e.put("contact", answer.contact());
      e.put("format", writer.id());
      String reason = writer.refusal(r).orElse(null);
      if (reason == null) {
        String file = r.id() + writer.extension();
        Files.writeString(dir.resolve(file), writer.render(r), StandardCharsets.UTF_8);
        e.put("file", file);
        written++;
      } else {
        e.putNull("file");
        e.put("skipped", reason);
        skipped++;
      }
      e.put("reason", offline && ContactAnswer.NONE.equals(answer.channel()) ? NO_RDAP : answer.reason());
      e.put("scenario", r.scenario());
    }

    void writeIndex() throws IOException {
      Files.writeString(dir.resolve("index.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n",
          StandardCharsets.UTF_8);
    }
  }
}
