package org.abuseloop.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.abuseloop.core.IpAddress;

/**
 * Renders an {@link AbuseReport} as one X-ARF v4 JSON document (one per attacking source), valid against
 * the X-ARF v4 schemas; Jackson writes the JSON, so attacker-controlled text is escaped by the library.
 * Thread-safe: it holds only a configured, read-only {@link ObjectMapper}.
 *
 * <p>X-ARF requires a protocol, and for {@code login_attack} and {@code port_scan} from an address the
 * source port; a report that lacks them is refused (see {@link #missing}) rather than rendered invalid.
 */
public final class XarfReport implements ReportFormat {

  /** The X-ARF version written. */
  public static final String VERSION = "4.2.0";

  private static final int MAX_DESCRIPTION = 1000;
  private final ObjectMapper json = new ObjectMapper();

  @Override
  public String id() {
    return "xarf";
  }

  @Override
  public String extension() {
    return ".json";
  }

  @Override
  public Optional<String> refusal(AbuseReport report) {
    List<String> missing = missing(report);
    return missing.isEmpty() ? Optional.empty()
        : Optional.of("X-ARF " + report.wording().type().type() + " needs " + missing + ", which the logs did not give");
  }

  /** The fields X-ARF requires that this report does not have; empty when it can be rendered. */
  public static List<String> missing(AbuseReport report) {
    List<String> missing = new ArrayList<>();
    if (protocol(report) == null) {
      missing.add("protocol");
    }
    boolean needsPort = report.wording().type() != XarfType.RECONNAISSANCE && report.sourceAddress() != null;
    if (needsPort && report.sourcePorts().isEmpty()) {
      missing.add("source_port");
    }
    return missing;
  }

  /**
   * The report as pretty-printed X-ARF v4 JSON, ending in a newline.
   *
   * @throws IllegalArgumentException when X-ARF requires a field the report lacks (see {@link #missing})
   */
  @Override
  public String render(AbuseReport report) {
    List<String> missing = missing(report);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("X-ARF " + report.wording().type().type() + " needs " + missing
          + ", which the report for " + report.source() + " does not have");
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(document(report)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree Jackson built", e);
    }
  }

  private ObjectNode document(AbuseReport r) {
    ObjectNode d = json.createObjectNode();
    d.put("xarf_version", VERSION);
    d.put("report_id", r.id().toString());
    d.put("timestamp", utc(r.first()));
    d.set("reporter", contact(r.reporter()));
    d.set("sender", contact(r.reporter()));
    d.put("source_identifier", r.source());
    if (!r.sourcePorts().isEmpty()) {
      d.put("source_port", r.sourcePorts().get(0));
    }
    d.put("category", r.wording().type().category());
    d.put("type", r.wording().type().type());
    d.put("evidence_source", r.wording().type() == XarfType.PORT_SCAN ? "firewall_logs" : "ids_detection");
    d.put("description", clip(r.wording().sentence(), MAX_DESCRIPTION));
    destination(d, r);
    d.put("protocol", protocol(r));
    d.put("first_seen", utc(r.first()));
    d.put("last_seen", utc(r.last()));
    d.put("first_seen_local", local(r.first(), r.offset()));
    d.put("last_seen_local", local(r.last(), r.offset()));
    d.put("attempt_count", r.count());
    d.put("rate_per_minute", Math.round(r.ratePerMinute() * 100) / 100.0);
    typeFields(d, r);
    if (!r.extracts().isEmpty()) {
      d.set("evidence", json.createArrayNode().add(evidence(r)));
    }
    d.set("tags", json.createArrayNode().add("scenario:" + tag(r.scenario())));
    return d;
  }

  private ObjectNode contact(ReportContext c) {
    ObjectNode o = json.createObjectNode();
    o.put("org", clip(c.organisation(), 200));
    o.put("contact", c.contact());
    o.put("domain", c.domain());
    return o;
  }

  private void destination(ObjectNode d, AbuseReport r) {
    if (!r.destinations().isEmpty()) {
      d.put("destination_ip", r.destinations().get(0).toString());
      ArrayNode all = d.putArray("destination_ips");
      for (IpAddress a : r.destinations()) {
        all.add(a.toString());
      }
    }
    if (!r.destinationPorts().isEmpty()) {
      d.put("destination_port", r.destinationPorts().get(0));
      ArrayNode all = d.putArray("destination_ports");
      r.destinationPorts().forEach(all::add);
    }
    if (r.sourcePorts().size() > 1) {
      ArrayNode all = d.putArray("source_ports");
      r.sourcePorts().forEach(all::add);
    }
  }

  // The fields each type's own samples carry: user names tried, ports scanned, resources probed.
  private void typeFields(ObjectNode d, AbuseReport r) {
    switch (r.wording().type()) {
      case LOGIN_ATTACK -> {
        ArrayNode users = d.putArray("username_patterns");
        r.users().forEach(users::add);
      }
      case PORT_SCAN -> {
        ArrayNode ports = d.putArray("ports_scanned");
        r.destinationPorts().forEach(ports::add);
      }
      case RECONNAISSANCE -> {
        ArrayNode probed = d.putArray("probed_resources");
        r.users().forEach(probed::add);
      }
    }
  }

  private ObjectNode evidence(AbuseReport r) {
    StringBuilder text = new StringBuilder();
    for (LogExtract e : r.extracts()) {
      text.append(e.text()).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    ObjectNode o = json.createObjectNode();
    o.put("content_type", "text/plain");
    o.put("description", "Log lines: time in the log's offset, message family, file:line, then the line's text when read");
    o.put("payload", Base64.getEncoder().encodeToString(bytes));
    o.put("hash", "sha256:" + HexFormat.of().formatHex(sha256(bytes)));
    o.put("size", bytes.length);
    return o;
  }

  private static String protocol(AbuseReport r) {
    String p = switch (r.protocol()) {
      case TCP, TLS, WS, WSS -> "tcp";
      case UDP -> "udp";
      case SCTP -> "sctp";
      case ICMP, ICMPV6 -> "icmp";
      case UNKNOWN -> null;
    };
    boolean reconAllows = p == null || p.equals("tcp") || p.equals("udp");
    return r.wording().type() == XarfType.RECONNAISSANCE && !reconAllows ? null : p;
  }

  // A tag is namespace:predicate in [a-z0-9_+-]; scenario ids from a configuration may hold more.
  private static String tag(String scenario) {
    String t = scenario.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_+-]", "_");
    return t.isEmpty() || !Character.isLetterOrDigit(t.charAt(0)) ? "x" + t : t;
  }

  private static String utc(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  private static String local(Instant t, ZoneOffset offset) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(offset));
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
