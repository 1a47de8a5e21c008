package org.abuseloop.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders an {@link AbuseReport} as the JSON body of Microsoft's Report Abuse API
 * ({@code POST https://api.msrc.microsoft.com/report/v2.0/abuse}): {@code threatType} "IP Address",
 * {@code incidentType}, {@code sourceIp}, {@code destinationIp}, {@code destinationPort}, {@code date},
 * {@code time}, {@code timeZone}, {@code reporterName}, {@code reporterEmail}, {@code reportNotes} and
 * {@code testSubmission} (false), the fields Microsoft's published samples send. Thread-safe: it holds
 * only a read-only {@link ObjectMapper}.
 *
 * <p>The API knows incident types such as "Brute Force", "Spam", "Denial of Service", "Malware" and
 * "Phishing", and none for a port scan: login attacks go as Brute Force, rejected mail as Spam, anything
 * else is refused (the desk's next channel, Microsoft's web form, then takes it). The notes are the plain
 * text report, log lines included; a prefix source is refused (the API takes one address).
 */
public final class MsrcReport implements ReportFormat {

  /** Where Microsoft's samples send abuse reports. */
  public static final String ENDPOINT = "https://api.msrc.microsoft.com/report/v2.0/abuse";

  private static final int MAX_NOTES = 8000;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("xx", Locale.ROOT);

  private final ObjectMapper json = new ObjectMapper();
  private final TextReport text = new TextReport();

  @Override
  public String id() {
    return "msrc-api";
  }

  @Override
  public String extension() {
    return ".json";
  }

  @Override
  public Optional<String> refusal(AbuseReport r) {
    if (r.sourceAddress() == null) {
      return Optional.of("Microsoft's Report Abuse API takes one address, and this source is the prefix " + r.source());
    }
    if (incidentType(r) == null) {
      return Optional.of("Microsoft's Report Abuse API has no incident type for " + r.wording().type().type()
          + " (it knows Brute Force, Spam, Denial of Service, Malware, Phishing)");
    }
    return Optional.empty();
  }

  @Override
  public String render(AbuseReport r) {
    requireAccepted(r);
    OffsetDateTime first = r.first().atOffset(r.offset());
    ObjectNode o = json.createObjectNode();
    o.put("threatType", "IP Address");
    o.put("incidentType", incidentType(r));
    o.put("sourceIp", r.source());
    if (!r.destinations().isEmpty()) {
      o.put("destinationIp", r.destinations().get(0).toString());
    }
    if (!r.destinationPorts().isEmpty()) {
      o.put("destinationPort", String.valueOf(r.destinationPorts().get(0)));
    }
    o.put("date", DATE.format(first));
    o.put("time", TIME.format(first));
    o.put("timeZone", ZONE.format(first));
    o.put("reporterName", r.reporter().organisation());
    o.put("reporterEmail", r.reporter().contact());
    String notes = text.render(r);
    o.put("reportNotes", notes.length() <= MAX_NOTES ? notes : notes.substring(0, MAX_NOTES));
    o.put("testSubmission", false);
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree Jackson built", e);
    }
  }

  private static String incidentType(AbuseReport r) {
    if (r.wording().type() == XarfType.LOGIN_ATTACK) {
      return "Brute Force";
    }
    if (ServiceName.isMail(r) && r.wording().type() == XarfType.RECONNAISSANCE) {
      return "Spam";
    }
    return null;
  }
}
