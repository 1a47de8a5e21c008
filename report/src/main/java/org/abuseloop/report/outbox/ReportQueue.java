package org.abuseloop.report.outbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutboxLedger;
import org.abuseloop.core.outbox.ReportStatus;
import org.abuseloop.report.AbuseIpdbReport;
import org.abuseloop.report.AbuseReport;
import org.abuseloop.report.ArfReport;
import org.abuseloop.report.AwsCsvReport;
import org.abuseloop.report.IodefReport;
import org.abuseloop.report.MsrcReport;
import org.abuseloop.report.ReportFormat;
import org.abuseloop.report.TextReport;
import org.abuseloop.report.WebFormReport;
import org.abuseloop.report.XarfMail;
import org.abuseloop.report.XarfReport;

/**
 * Puts abuse reports in the outbox, each under its stable report id, so the same source, scenario and
 * window is queued (and sent) once however often the logs are read again; each in the first format its
 * desk takes that can carry it. Thread-safe as far as its ledger is.
 */
public final class ReportQueue {

  /** What queueing did with one report. */
  public record Queued(boolean added, String format, String channel, String note) {}

  private final OutboxLedger ledger;
  private final Clock clock;
  private final TextReport text = new TextReport();
  private final Map<String, ReportFormat> formats;

  public ReportQueue(OutboxLedger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
    this.formats = Stream.of(new XarfReport(), new XarfMail(clock), new ArfReport(clock), new IodefReport(clock),
        new AbuseIpdbReport(), new AwsCsvReport(), text, new MsrcReport(), new WebFormReport())
        .collect(Collectors.toMap(ReportFormat::id, Function.identity()));
  }

  /** Queues {@code report} for {@code contact} as plain text. */
  public OutboxLedger.Enqueued queue(AbuseReport report, String provider, String contact) {
    return queue(report, provider, contact, "text", text.render(report));
  }

  /** Queues {@code report} for {@code contact}, already rendered in {@code format} as {@code body}. */
  public OutboxLedger.Enqueued queue(AbuseReport report, String provider, String contact, String format, String body) {
    NewReport r = new NewReport(report.id(), report.source(), report.scenario(), report.first(), report.last(), provider,
        contact.strip(), format, body, protocol(report), format.equals("text") ? null : text.render(report));
    return ledger.enqueue(r, ReportStatus.QUEUED, clock.instant());
  }

  /**
   * Queues {@code report} for {@code desk} in the first of the desk's formats that its channel can take
   * (a mail format needs the desk's e-mail address, a form its address) and that can carry the report; a
   * desk with an address that none of its mail formats fits gets plain text. When nothing fits (an API or
   * a form only, refusing this report: AbuseIPDB and UDP), nothing is queued and the note says why.
   */
  public Queued queue(AbuseReport report, String provider, Desk desk) {
    List<String> refusals = new ArrayList<>();
    for (String id : desk.formats()) {
      ReportFormat f = formats.get(id.toLowerCase(Locale.ROOT));
      String contact = f == null ? null : contactFor(f.id(), desk);
      if (contact == null) {
        continue;
      }
      Optional<String> refusal = f.refusal(report);
      if (refusal.isPresent()) {
        refusals.add(f.id() + ": " + refusal.get());
        continue;
      }
      return queued(report, provider, contact, f, refusals);
    }
    if (desk.email() != null) {
      return queued(report, provider, desk.email(), text, refusals);
    }
    return new Queued(false, null, null, refusals.isEmpty() ? "no channel of this desk takes reports we can send"
        : String.join("; ", refusals));
  }

  /**
   * Queues a copy of {@code report} for AbuseIPDB besides its desk: its own id (name-based on the report's
   * id, so it too is queued once), provider {@code abuseipdb}, the v2 call's parameters as body. Refused
   * like the format refuses (UDP, unknown transport, a prefix): nothing queued, the note says why.
   */
  public Queued queueForAbuseIpdb(AbuseReport report, String api) {
    ReportFormat f = formats.get("abuseipdb");
    Optional<String> refusal = f.refusal(report);
    if (refusal.isPresent()) {
      return new Queued(false, null, null, "abuseipdb: " + refusal.get());
    }
    java.util.UUID id = java.util.UUID.nameUUIDFromBytes(("abuseipdb\n" + report.id())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    NewReport r = new NewReport(id, report.source(), report.scenario(), report.first(), report.last(),
        Channels.ABUSEIPDB_PROVIDER, api, f.id(), f.render(report), protocol(report), text.render(report));
    return new Queued(ledger.enqueue(r, ReportStatus.QUEUED, clock.instant()).added(), f.id(), Channels.of(f.id()), "");
  }

  private Queued queued(AbuseReport report, String provider, String contact, ReportFormat f, List<String> refusals) {
    boolean added = queue(report, provider, contact, f.id(), f.render(report)).added();
    return new Queued(added, f.id(), Channels.of(f.id()), String.join("; ", refusals));
  }

  private static String contactFor(String format, Desk desk) {
    return switch (Channels.of(format)) {
      case Channels.FORM -> desk.form();
      case "abuseipdb", "msrc" -> desk.api() != null ? desk.api() : format.equals("abuseipdb")
          ? "https://api.abuseipdb.com/api/v2/" : MsrcReport.ENDPOINT;
      default -> desk.email();
    };
  }

  private static String protocol(AbuseReport r) {
    return r.protocol() == Protocol.UNKNOWN ? null : r.protocol().id();
  }
}
