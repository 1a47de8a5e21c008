package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.testing.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RDAP client against {@link RdapServer} on loopback: RIPE- and ARIN-shaped answers, a
 * redirect between registries, and each failure. Not thread-safe; the server is shared by the
 * class's tests.
 */
class RdapClientTest {

  private static RdapServer server;
  private static RdapClient client;
  private static RdapBootstrap bootstrap;

  @BeforeAll
  static void start() throws Exception {
    server = RdapServer.start();
    client = new RdapClient(Duration.ofSeconds(30), Duration.ofSeconds(60), Clock.systemUTC());
    bootstrap = server.bootstrap(client);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RdapNetwork ask(String address) throws Exception {
    IpAddress a = IpAddress.of(address);
    return client.query(bootstrap.registryFor(a), a);
  }

  @Test
  void theBootstrapReadFromTheServerPointsAtIt() {
    assertThat(bootstrap.size()).isEqualTo(4);
    assertThat(bootstrap.registryFor(IpAddress.of("192.0.2.1"))).isEqualTo(server.uri("ripe/"));
    assertThat(bootstrap.registryFor(IpAddress.of("2001:db8:1000::1"))).isEqualTo(server.uri("ripe/"));
    assertThat(bootstrap.registryFor(IpAddress.of("8.8.8.8"))).isNull();
  }

  @Test
  void aRipeAnswerGivesTheAbuseEntityNotTheTechnicalOne() throws Exception {
    RdapNetwork net = ask("192.0.2.77");

    assertThat(net.abuseEmail()).isEqualTo("abuse@example.net");
    assertThat(net.abuseEntity()).isEqualTo("AR4711-TEST");
    assertThat(net.first()).isEqualTo(IpAddress.of("192.0.2.0"));
    assertThat(net.last()).isEqualTo(IpAddress.of("192.0.2.127"));
    assertThat(net.name()).isEqualTo("EXAMPLE-HOSTING-NET");
    assertThat(server.hits("/ripe/ip/192.0.2.77")).isEqualTo(1);
  }

  @Test
  void anArinAnswerNestsTheAbuseContactInTheOrganisation() throws Exception {
    RdapNetwork net = ask("198.51.100.9");

    assertThat(net.abuseEmail()).isEqualTo("abuse@cloud.example");
    assertThat(net.abuseEntity()).isEqualTo("ABUSE-EXCLD-ARIN");
    assertThat(net.handle()).isEqualTo("NET-198-51-100-0-1");
    assertThat(net.last()).isEqualTo(IpAddress.of("198.51.100.127"));
  }

  @Test
  void aRedirectToAnotherRegistryIsFollowed() throws Exception {
    RdapNetwork net = ask("198.51.100.200");

    assertThat(net.abuseEmail()).isEqualTo("abuse@transfer.example");
    assertThat(net.answeredBy()).isEqualTo(server.uri("ripe/ip/198.51.100.200"));
    assertThat(server.hits("/arin/ip/198.51.100.200")).isEqualTo(1);
  }

  @Test
  void ipv6AddressesAreAskedInTheirCanonicalForm() throws Exception {
    RdapNetwork net = ask("2001:0db8:1000:0:0:0:0:5");

    assertThat(net.abuseEmail()).isEqualTo("abuse-v6@example.net");
    assertThat(net.first()).isEqualTo(IpAddress.of("2001:db8:1000::"));
    assertThat(net.last()).isEqualTo(IpAddress.of("2001:db8:1fff:ffff:ffff:ffff:ffff:ffff"));
    assertThat(server.hits("/ripe/ip/2001:db8:1000::5")).isEqualTo(1);
  }

  @Test
  void notFoundIsItsOwnKindAndNamesTheUrl() {
    assertThatThrownBy(() -> ask("203.0.113.4"))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.NOT_FOUND))
        .hasMessageContaining("404")
        .hasMessageContaining(server.base() + "odd/ip/203.0.113.4");
  }

  @Test
  void rateLimitingCarriesTheRetryAfter() {
    assertThatThrownBy(() -> ask("203.0.113.29"))
        .isInstanceOfSatisfying(RdapException.class, e -> {
          assertThat(e.kind()).isEqualTo(RdapException.Kind.RATE_LIMITED);
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        })
        .hasMessageContaining("429")
        .hasMessageContaining("odd/ip/203.0.113.29");
  }

  @Test
  void aRetryAfterDateIsReadAgainstTheClock() {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-01T12:00:00Z"));
    RdapClient timed = new RdapClient(Duration.ofSeconds(30), Duration.ofSeconds(60), clock);
    IpAddress limited = IpAddress.of("203.0.113.30");

    assertThatThrownBy(() -> timed.query(bootstrap.registryFor(limited), limited))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(5)));
  }

  @Test
  void anHtmlErrorPageIsNotTakenForAnAnswer() {
    assertThatThrownBy(() -> ask("203.0.113.51"))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.NOT_RDAP))
        .hasMessageContaining("not JSON")
        .hasMessageContaining("text/html")
        .hasMessageContaining("odd/ip/203.0.113.51");
    assertThatThrownBy(() -> ask("203.0.113.50"))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.FAILED))
        .hasMessageContaining("HTTP status 502");
  }

  @Test
  void jsonOfAnotherObjectClassIsRefused() {
    assertThatThrownBy(() -> ask("203.0.113.100"))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.NOT_RDAP))
        .hasMessageContaining("'ip network'");
  }

  @Test
  void aSlowServerTimesOut() throws Exception {
    RdapClient impatient = new RdapClient(Duration.ofSeconds(30), Duration.ofMillis(300), Clock.systemUTC());
    IpAddress slow = IpAddress.of("203.0.113.8");

    assertThatThrownBy(() -> impatient.query(bootstrap.registryFor(slow), slow))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.TIMEOUT))
        .hasMessageContaining("odd/ip/203.0.113.8");
  }

  @Test
  void aRedirectLoopEndsWithAnError() {
    assertThatThrownBy(() -> ask("203.0.113.99"))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.FAILED))
        .hasMessageContaining("redirect");
    assertThat(server.hits("/odd/ip/203.0.113.99")).isBetween(2, 10);
  }

  @Test
  void anEntityLoopEndsWithoutAnAbuseAddress() throws Exception {
    RdapNetwork net = ask("203.0.113.10");

    assertThat(net.abuseEmail()).isNull();
    assertThat(net.handle()).isEqualTo("LOOP-NET");
    // C's self link is fetched once; C links to itself again and D to C: nothing more is fetched.
    assertThat(server.hits("/odd/entity/C")).isEqualTo(1);
  }

  @Test
  void anAbuseEntityWithoutAddressIsFollowedThroughItsLink() throws Exception {
    RdapNetwork net = ask("203.0.113.20");

    assertThat(net.abuseEmail()).isEqualTo("abuse@linked.example");
    assertThat(net.abuseEntity()).isEqualTo("ABUSE-LINKED");
  }

  @Test
  void anInjectedAddressIsRefusedAndALinkToAnotherHostIsNotFollowed() throws Exception {
    RdapNetwork net = ask("203.0.113.21");

    assertThat(net.abuseEmail()).isNull();
    assertThat(server.hits("/odd/entity/OFFSITE")).isZero();
  }

  @Test
  void theJcardEmailIsTakenOnlyWhenItIsOnePlausibleAddress() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String card = "{\"vcardArray\": [\"vcard\", [[\"version\", {}, \"text\", \"4.0\"], [\"email\", {}, \"text\", %s]]]}";

    assertThat(RdapClient.email(json.readTree(card.formatted("\"mailto:Abuse@Example.NET\"")))).isEqualTo("Abuse@Example.NET");
    assertThat(RdapClient.email(json.readTree(card.formatted("\"a@b.example, c@d.example\"")))).isNull();
    assertThat(RdapClient.email(json.readTree(card.formatted("\"abuse@example\"")))).isNull();
    assertThat(RdapClient.email(json.readTree(card.formatted("\"<abuse@example.net>\"")))).isNull();
    assertThat(RdapClient.email(json.readTree(card.formatted("42")))).isNull();
    assertThat(RdapClient.email(json.readTree("{\"vcardArray\": \"vcard\"}"))).isNull();
  }

  @Test
  void anAnswerWithoutAbuseEntityIsAnAnswerWithoutAddress() throws Exception {
    RdapNetwork net = ask("203.0.113.40");

    assertThat(net.abuseEmail()).isNull();
    assertThat(net.first()).isEqualTo(IpAddress.of("203.0.113.32"));
    assertThat(net.last()).isEqualTo(IpAddress.of("203.0.113.63"));
  }

  @Test
  void aServerThatIsNotThereFailsNamingIt() throws Exception {
    URI nowhere;
    try (RdapServer gone = RdapServer.start()) {
      nowhere = gone.uri("ripe/");
    }
    assertThatThrownBy(() -> client.query(nowhere, IpAddress.of("192.0.2.1")))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isIn(RdapException.Kind.FAILED, RdapException.Kind.TIMEOUT))
        .hasMessageContaining(nowhere.toString());
  }
}
