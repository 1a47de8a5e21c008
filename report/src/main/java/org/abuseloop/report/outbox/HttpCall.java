package org.abuseloop.report.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One POST to a reporting API on {@code java.net.http}, its answer sorted into a {@link Delivery}: 2xx
 * accepted; 429 and 5xx temporary, with the server's Retry-After (seconds or an HTTP date); any other
 * status permanent, with the answer's own words (the {@code errors[].detail} of a JSON:API error, else
 * the start of the body); no answer at all (refused connection, timeout) temporary. Thread-safe: the
 * JDK client is.
 */
final class HttpCall {

  private static final int MAX_ANSWER = 500;
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  HttpCall(Duration timeout, Clock clock) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.timeout = timeout;
    this.clock = clock;
  }

  /** POSTs {@code body} to {@code uri} with {@code headers}; {@code service} names the API in answers. */
  Delivery post(String service, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).POST(body);
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return Delivery.temporary(service + " " + uri.getHost() + ": no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Delivery.temporary(service + ": interrupted before an answer");
    }
    int code = response.statusCode();
    String answer = service + " answered " + code + ": " + words(response.body());
    if (code >= 200 && code < 300) {
      return Delivery.accepted(answer);
    }
    if (code == 429 || code >= 500) {
      return new Delivery(Delivery.Outcome.TEMPORARY, answer, retryAfter(response));
    }
    return Delivery.permanent(answer);
  }

  // JSON:API errors (AbuseIPDB's) give their details; anything else its first characters, one line.
  private String words(String body) {
    String text = body == null ? "" : body;
    try {
      JsonNode errors = json.readTree(text).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        StringBuilder b = new StringBuilder();
        errors.forEach(e -> b.append(b.length() == 0 ? "" : "; ").append(e.path("detail").asText(e.toString())));
        text = b.toString();
      }
    } catch (IOException notJson) {
      // Not JSON: the text itself.
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() <= MAX_ANSWER ? text : text.substring(0, MAX_ANSWER) + "…";
  }

  /** The wait a Retry-After header asks for (delta-seconds or an HTTP date), null when absent or unreadable. */
  Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(clock.instant(),
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }
}
