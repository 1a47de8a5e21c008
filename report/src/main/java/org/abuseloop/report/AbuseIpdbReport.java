package org.abuseloop.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.abuseloop.core.Protocol;

/**
 * Renders an {@link AbuseReport} for AbuseIPDB: the parameters of its v2 {@code report} API call
 * ({@code ip}, {@code categories}, {@code comment}, {@code timestamp}) as JSON, and many reports as the
 * bulk-report CSV ({@code IP,Categories,ReportDate,Comment}). Thread-safe: it holds only a read-only
 * {@link ObjectMapper}.
 *
 * <p>Categories: 18 brute force (SSH, SIP, mail logins), plus 22 for SSH; 14 port scan (firewall
 * scans and SIP scanners); 11 e-mail spam (rejected mail). UDP-only incidents are refused: AbuseIPDB does
 * not take them, as a UDP source address can be forged; so are incidents whose transport the logs do
 * not name (SIP servers often omit it), since they may be UDP. The comment names no user tried (attacker text,
 * possibly a person's name) and quotes no log line, as AbuseIPDB shows comments publicly.
 */
public final class AbuseIpdbReport implements ReportFormat {

  /** AbuseIPDB's category ids used here. */
  static final int SPAM = 11;
  static final int PORT_SCAN = 14;
  static final int BRUTE_FORCE = 18;
  static final int SSH = 22;

  /** The most lines of one bulk-report file, the header included (AbuseIPDB's limit per upload). */
  public static final int MAX_BULK_LINES = 10_000;

  /** The bulk CSV's header line. */
  public static final String CSV_HEADER = "IP,Categories,ReportDate,Comment";

  /** The header line as a file holds it, with its CRLF. */
  public static final String CSV_HEADER_LINE = CSV_HEADER + "\r\n";

  // AbuseIPDB cuts comments at 1024 characters; stay under it.
  private static final int MAX_COMMENT = 1000;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public String id() {
    return "abuseipdb";
  }

  @Override
  public String extension() {
    return ".json";
  }

  @Override
  public Optional<String> refusal(AbuseReport r) {
    if (r.sourceAddress() == null) {
      return Optional.of("AbuseIPDB takes one address, and this source is the prefix " + r.source());
    }
    if (r.protocol() == Protocol.UDP) {
      return Optional.of("AbuseIPDB does not accept reports of UDP-only traffic (the source address of UDP can be"
          + " forged); this incident was seen over UDP only");
    }
    if (r.protocol() == Protocol.UNKNOWN) {
      return Optional.of("the logs do not say whether this traffic was TCP or UDP, and AbuseIPDB does not accept"
          + " reports of UDP traffic");
    }
    return Optional.empty();
  }

  /** The v2 {@code report} call's parameters as a JSON object. */
  @Override
  public String render(AbuseReport r) {
    requireAccepted(r);
    ObjectNode o = json.createObjectNode();
    o.put("ip", r.source());
    o.put("categories", categoryList(r));
    o.put("comment", comment(r));
    o.put("timestamp", TIME.format(r.first().atOffset(r.offset())));
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree Jackson built", e);
    }
  }

  /** The bulk-report CSV of the reports this format accepts (the others are left out), header first. */
  public String bulkCsv(List<AbuseReport> reports) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append("\r\n");
    for (AbuseReport r : reports) {
      if (refusal(r).isEmpty()) {
        b.append(bulkLine(r));
      }
    }
    return b.toString();
  }

  /**
   * The bulk-report CSV of reports already rendered by {@link #render} (what the outbox keeps), header
   * first, in the order given.
   *
   * @throws IllegalArgumentException when one is not such a rendering
   */
  public static String bulkCsvOf(List<String> rendered) {
    ObjectMapper mapper = new ObjectMapper();
    StringBuilder b = new StringBuilder(CSV_HEADER).append("\r\n");
    for (String one : rendered) {
      try {
        com.fasterxml.jackson.databind.JsonNode o = mapper.readTree(one);
        b.append(CsvLine.of(List.of(o.path("ip").asText(), o.path("categories").asText(),
            o.path("timestamp").asText(), o.path("comment").asText())));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("not an AbuseIPDB report call: " + e.getOriginalMessage(), e);
      }
    }
    return b.toString();
  }

  /**
   * The bulk-report CSV split into files of at most {@value #MAX_BULK_LINES} lines each, the header
   * line included (AbuseIPDB's limit per upload); a record whose comment holds a line break counts each
   * of its lines. Refused reports are left out. No report at all gives no file.
   */
  public List<String> bulkCsvFiles(List<AbuseReport> reports) {
    List<String> files = new ArrayList<>();
    StringBuilder b = null;
    int lines = 0;
    for (AbuseReport r : reports) {
      if (refusal(r).isPresent()) {
        continue;
      }
      String record = bulkLine(r);
      int recordLines = (int) record.chars().filter(c -> c == '\n').count();
      if (b == null || lines + recordLines > MAX_BULK_LINES) {
        if (b != null) {
          files.add(b.toString());
        }
        b = new StringBuilder(CSV_HEADER).append("\r\n");
        lines = 1;
      }
      b.append(record);
      lines += recordLines;
    }
    if (b != null) {
      files.add(b.toString());
    }
    return files;
  }

  private String bulkLine(AbuseReport r) {
    return CsvLine.of(List.of(r.source(), categoryList(r), TIME.format(r.first().atOffset(r.offset())), comment(r)));
  }

  /** The AbuseIPDB categories of a report, in ascending order. */
  static List<Integer> categories(AbuseReport r) {
    Set<Integer> c = new LinkedHashSet<>();
    String service = ServiceName.of(r);
    switch (r.wording().type()) {
      case LOGIN_ATTACK -> c.add(BRUTE_FORCE);
      case PORT_SCAN -> c.add(PORT_SCAN);
      case RECONNAISSANCE -> c.add(service.equals("smtp") ? SPAM : PORT_SCAN);
    }
    if (service.equals("ssh")) {
      c.add(SSH);
    }
    List<Integer> sorted = new ArrayList<>(c);
    sorted.sort(null);
    return sorted;
  }

  private static String categoryList(AbuseReport r) {
    return categories(r).stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  // One line: the scenario in words, the counts, the service's ports and protocol, the window, the id.
  static String comment(AbuseReport r) {
    StringBuilder b = new StringBuilder(r.wording().sentence());
    b.append(String.format(Locale.ROOT, " %d events (%.1f a minute)", r.count(), r.ratePerMinute()));
    if (!r.destinationPorts().isEmpty()) {
      b.append(" to port").append(r.destinationPorts().size() > 1 ? "s " : " ")
          .append(r.destinationPorts().stream().limit(20).map(String::valueOf).collect(Collectors.joining(" ")));
      if (r.protocol() != Protocol.UNKNOWN) {
        b.append('/').append(r.protocol().id());
      }
    } else if (r.protocol() != Protocol.UNKNOWN) {
      b.append(" over ").append(r.protocol().id());
    }
    b.append(" from ").append(DateTimeFormatter.ISO_INSTANT.format(r.first())).append(" to ")
        .append(DateTimeFormatter.ISO_INSTANT.format(r.last())).append(". abuseloop report ").append(r.id());
    return b.length() <= MAX_COMMENT ? b.toString() : b.substring(0, MAX_COMMENT);
  }
}
