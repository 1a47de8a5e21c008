package org.abuseloop.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Service;
import org.abuseloop.core.Tally;
import org.junit.jupiter.api.Test;

/** {@link WatchMetrics} served by {@link MetricsEndpoint}, scraped over HTTP on loopback; each test owns its endpoint. */
class MetricsEndpointTest {

  private static final Family NO_ENDPOINT = new Family("asterisk.pjsip.no-endpoint", Service.ASTERISK, EventKind.UNKNOWN_USER);
  private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @Test
  void servesWhatWasCountedOnLoopback() throws Exception {
    WatchMetrics metrics = new WatchMetrics();
    for (int i = 0; i < 5; i++) {
      metrics.line("asterisk");
    }
    metrics.line("sshd");
    metrics.event(NO_ENDPOINT);
    metrics.event(NO_ENDPOINT);
    metrics.incident(incident(true));
    metrics.incident(incident(false));
    metrics.ban(IpPrefix.parse("203.0.113.9/32"), Duration.ofMinutes(10));
    metrics.ban(IpPrefix.parse("2001:db8:1::/64"), Duration.ofMinutes(20));
    metrics.reaction(Duration.ofMillis(2));
    metrics.reaction(Duration.ofMillis(4));

    try (MetricsEndpoint endpoint = MetricsEndpoint.onLoopback(metrics, 0)) {
      assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
      HttpResponse<String> r = get(endpoint, "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsEndpoint.CONTENT_TYPE);
      String body = r.body();
      assertThat(value(body, "abuseloop_lines_total{source=\"asterisk\"}")).isEqualTo(5.0);
      assertThat(value(body, "abuseloop_lines_total{source=\"sshd\"}")).isEqualTo(1.0);
      assertThat(value(body, "abuseloop_events_total{family=\"asterisk.pjsip.no-endpoint\",kind=\"unknown-user\",service=\"asterisk\"}"))
          .isEqualTo(2.0);
      assertThat(value(body, "abuseloop_incidents_total{scenario=\"sip-bf\",scope=\"address\"}")).isEqualTo(1.0);
      assertThat(value(body, "abuseloop_bans_total{ip_version=\"4\",scope=\"host\"}")).isEqualTo(1.0);
      assertThat(value(body, "abuseloop_bans_total{ip_version=\"6\",scope=\"prefix\"}")).isEqualTo(1.0);
      assertThat(value(body, "abuseloop_ban_length_seconds_sum")).isEqualTo(1800.0);
      assertThat(value(body, "abuseloop_reaction_seconds_count")).isEqualTo(2.0);
      assertThat(value(body, "abuseloop_reaction_seconds_sum")).isEqualTo(0.006);
      assertThat(value(body, "abuseloop_reaction_seconds_bucket{le=\"0.001\"}")).isEqualTo(0.0);
      assertThat(value(body, "abuseloop_reaction_seconds_bucket{le=\"0.002\"}")).isEqualTo(1.0);
      assertThat(value(body, "abuseloop_reaction_seconds_bucket{le=\"0.005\"}")).isEqualTo(2.0);
      assertThat(value(body, "abuseloop_reaction_recent_seconds{quantile=\"0.99\"}")).isBetween(0.0039, 0.0042);
      assertThat(value(body, "abuseloop_reaction_seconds_max")).isEqualTo(0.004);
    }
  }

  @Test
  void answersOnlyMetricsAndOnlyReads() throws Exception {
    try (MetricsEndpoint endpoint = MetricsEndpoint.onLoopback(new WatchMetrics(), 0)) {
      assertThat(get(endpoint, "/other").statusCode()).isEqualTo(404);
      HttpRequest post = HttpRequest.newBuilder(uri(endpoint, "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build();
      assertThat(HTTP.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }
  }

  private static HttpResponse<String> get(MetricsEndpoint endpoint, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri(endpoint, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(MetricsEndpoint endpoint, String path) {
    return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
  }

  /** The sample value of the line starting with {@code series} and a space. */
  private static double value(String body, String series) {
    return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(series.length() + 1).strip()))
        .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + body));
  }

  private static Incident incident(boolean active) {
    Instant t = Instant.parse("2026-01-02T03:04:05Z");
    return new Incident("sip-bf", Incident.Scope.ADDRESS, IpPrefix.parse("203.0.113.9/32"), null, t, t.plusSeconds(3), 12, 240.0,
        Map.of(EventKind.UNKNOWN_USER, 12L), Tally.empty(), Tally.empty(), Tally.empty(), Tally.empty(), List.of(), 1, active);
  }
}
