package org.abuseloop.report.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.abuseloop.core.outbox.NewReport;
import org.abuseloop.core.outbox.OutgoingMessage;

/**
 * Sends outbox messages to AbuseIPDB's v2 API: one report as {@code POST BASE/report} with the form
 * fields {@code ip}, {@code categories}, {@code comment}, {@code timestamp}; several as
 * {@code POST BASE/bulk-report} with the CSV as the multipart field {@code csv}; the key in the header
 * {@code Key}. Thread-safe: it holds only immutable settings and a thread-safe client.
 *
 * <p>AbuseIPDB does not take reports of UDP traffic (a UDP source address can be forged): {@link #refusal}
 * refuses a message carrying a report whose protocol is UDP or unknown, before any call.
 */
public final class AbuseIpdbApi implements MailTransport {

  /** AbuseIPDB's API base. */
  public static final URI DEFAULT_BASE = URI.create("https://api.abuseipdb.com/api/v2/");

  private final URI base;
  private final String key;
  private final HttpCall http;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param base the API base ({@link #DEFAULT_BASE}; a loopback server in tests), ending in {@code /}
   * @param key the account's API key
   * @param timeout for connecting and for each call
   * @param clock reads Retry-After dates
   */
  public AbuseIpdbApi(URI base, String key, Duration timeout, Clock clock) {
    String b = Objects.requireNonNull(base, "base").toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an AbuseIPDB API key is required");
    }
    this.key = key.strip();
    this.http = new HttpCall(timeout, clock);
  }

  /** Why a message carrying {@code reports} must not go to AbuseIPDB, or empty when it may. */
  public static Optional<String> refusal(List<NewReport> reports) {
    for (NewReport r : reports) {
      if (r.protocol() == null || r.protocol().equals("udp")) {
        return Optional.of("AbuseIPDB does not accept reports of UDP traffic, and the report for " + r.source()
            + (r.protocol() == null ? " does not say it was TCP" : " is UDP only") + ": nothing sent");
      }
    }
    return Optional.empty();
  }

  @Override
  public Delivery send(OutgoingMessage m) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Key", key);
    headers.put("Accept", "application/json");
    if (m.body().startsWith("{")) {
      headers.put("Content-Type", "application/x-www-form-urlencoded");
      return http.post("AbuseIPDB", base.resolve("report"), headers, HttpRequest.BodyPublishers.ofString(form(m.body())));
    }
    String boundary = "abuseloop-" + Integer.toHexString(m.messageId().hashCode());
    headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"report.csv\"\r\n"
        + "Content-Type: text/csv\r\n\r\n" + m.body() + "\r\n--" + boundary + "--\r\n";
    return http.post("AbuseIPDB", base.resolve("bulk-report"), headers,
        HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  // The report call's parameters, kept as JSON in the outbox, as form fields.
  private String form(String call) {
    try {
      JsonNode o = json.readTree(call);
      return List.of("ip", "categories", "comment", "timestamp").stream().filter(f -> o.hasNonNull(f))
          .map(f -> f + "=" + URLEncoder.encode(o.get(f).asText(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
    } catch (IOException e) {
      throw new IllegalStateException("the outbox holds no AbuseIPDB call: " + e.getMessage(), e);
    }
  }
}
