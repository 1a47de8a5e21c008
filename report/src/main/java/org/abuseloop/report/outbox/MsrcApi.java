package org.abuseloop.report.outbox;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.abuseloop.core.outbox.OutgoingMessage;
import org.abuseloop.report.MsrcReport;

/**
 * Sends outbox messages to Microsoft's Report Abuse API: the JSON the outbox kept
 * ({@link MsrcReport}) as {@code POST ENDPOINT} with {@code Content-Type: application/json}, and the key,
 * when one is configured, in the header {@code api-key} (Microsoft's older Engage API took it there; the
 * v2.0 samples send none). Thread-safe: it holds only immutable settings and a thread-safe client.
 */
public final class MsrcApi implements MailTransport {

  private final URI endpoint;
  private final String key;
  private final HttpCall http;

  /**
   * @param endpoint where reports go ({@link MsrcReport#ENDPOINT}; a loopback server in tests)
   * @param key an API key, or null to send none
   * @param timeout for connecting and for each call
   * @param clock reads Retry-After dates
   */
  public MsrcApi(URI endpoint, String key, Duration timeout, Clock clock) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.key = key == null || key.isBlank() ? null : key.strip();
    this.http = new HttpCall(timeout, clock);
  }

  @Override
  public Delivery send(OutgoingMessage m) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json");
    if (key != null) {
      headers.put("api-key", key);
    }
    return http.post("Microsoft Report Abuse API", endpoint, headers,
        HttpRequest.BodyPublishers.ofString(m.body(), StandardCharsets.UTF_8));
  }
}
