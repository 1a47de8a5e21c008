package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RDAP lookups with their cache and back-off against {@link RdapServer}, time moved by hand, and
 * the whole resolver's order (override, provider table, RDAP). Not thread-safe; one server per test.
 */
class RdapContactsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private RdapServer server;
  private SettableClock clock;
  private MemoryContactCache cache;
  private RdapContacts rdap;

  @BeforeEach
  void start() throws Exception {
    server = RdapServer.start();
    clock = new SettableClock(T0);
    RdapClient client = new RdapClient(Duration.ofSeconds(30), Duration.ofSeconds(60), clock);
    cache = new MemoryContactCache(100);
    rdap = RdapContacts.builder(server.bootstrap(client), client)
        .cache(cache).clock(clock).ttl(Duration.ofDays(7), Duration.ofHours(6)).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anAnswerNamesTheContactAndWhoGaveIt() {
    ContactAnswer a = rdap.find(IpAddress.of("198.51.100.9"));

    assertThat(a.channel()).isEqualTo("rdap");
    assertThat(a.contact()).isEqualTo("abuse@cloud.example");
    assertThat(a.format()).isEqualTo("text");
    assertThat(a.registry()).isEqualTo(server.base() + "arin/ip/198.51.100.9");
    assertThat(a.reason()).contains("NET-198-51-100-0-1").contains("ABUSE-EXCLD-ARIN");
  }

  @Test
  void addressesOfOneNetworkAskTheRegistryOnce() {
    ContactAnswer first = rdap.find(IpAddress.of("192.0.2.10"));
    ContactAnswer second = rdap.find(IpAddress.of("192.0.2.99"));

    assertThat(second.contact()).isEqualTo(first.contact()).isEqualTo("abuse@example.net");
    assertThat(second.reason()).contains("cached");
    assertThat(server.hits("/ripe/ip/192.0.2.10")).isEqualTo(1);
    assertThat(server.hits("/ripe/ip/192.0.2.99")).isZero();
  }

  @Test
  void theCachedRangeIsNarrowedToTheAddressesBlock() {
    rdap.find(IpAddress.of("2001:db8:1000::5"));
    rdap.find(IpAddress.of("2001:db8:1000:ffff::1"));
    rdap.find(IpAddress.of("2001:db8:1001::1"));

    // The answer's /36 is cached as the asked address's /48 only.
    assertThat(server.hits("/ripe/ip/2001:db8:1000:ffff::1")).isZero();
    assertThat(server.hits("/ripe/ip/2001:db8:1001::1")).isEqualTo(1);
  }

  @Test
  void positiveAnswersExpireAfterTheirTimeToLive() {
    rdap.find(IpAddress.of("192.0.2.10"));
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    rdap.find(IpAddress.of("192.0.2.10"));
    assertThat(server.hits("/ripe/ip/192.0.2.10")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    rdap.find(IpAddress.of("192.0.2.10"));
    assertThat(server.hits("/ripe/ip/192.0.2.10")).isEqualTo(2);
  }

  @Test
  void negativeAnswersAreCachedShorter() {
    ContactAnswer quiet = rdap.find(IpAddress.of("203.0.113.40"));
    ContactAnswer missing = rdap.find(IpAddress.of("203.0.113.4"));
    assertThat(quiet.channel()).isEqualTo("none");
    assertThat(quiet.reason()).contains("QUIET-NET").contains("no abuse contact");
    assertThat(missing.channel()).isEqualTo("none");
    assertThat(missing.reason()).contains("404");

    clock.advance(Duration.ofHours(6).minusSeconds(1));
    rdap.find(IpAddress.of("203.0.113.33"));
    rdap.find(IpAddress.of("203.0.113.4"));
    assertThat(server.hits("/odd/ip/203.0.113.33")).isZero();
    assertThat(server.hits("/odd/ip/203.0.113.4")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    rdap.find(IpAddress.of("203.0.113.4"));
    assertThat(server.hits("/odd/ip/203.0.113.4")).isEqualTo(2);
  }

  @Test
  void aRateLimitedRegistryIsLeftAloneUntilItsRetryAfter() {
    ContactAnswer limited = rdap.find(IpAddress.of("203.0.113.29"));
    ContactAnswer meanwhile = rdap.find(IpAddress.of("203.0.113.40"));

    assertThat(limited.channel()).isEqualTo("none");
    assertThat(limited.reason()).contains("429");
    assertThat(meanwhile.reason()).contains("429").contains("not asking it again before 2026-03-01T12:02:00Z");
    assertThat(server.hits("/odd/ip/203.0.113.40")).isZero();

    clock.advance(Duration.ofSeconds(120));
    rdap.find(IpAddress.of("203.0.113.40"));
    assertThat(server.hits("/odd/ip/203.0.113.40")).isEqualTo(1);
  }

  @Test
  void failuresAreAnsweredWithTheirReasonAndNotCached() {
    ContactAnswer html = rdap.find(IpAddress.of("203.0.113.51"));
    rdap.find(IpAddress.of("203.0.113.51"));

    assertThat(html.channel()).isEqualTo("none");
    assertThat(html.contact()).isNull();
    assertThat(html.reason()).contains("not JSON").contains("odd/ip/203.0.113.51");
    assertThat(server.hits("/odd/ip/203.0.113.51")).isEqualTo(2);
  }

  @Test
  void anAddressNoRegistryCoversAsksNobody() {
    ContactAnswer a = rdap.find(IpAddress.of("2001:db9::1"));

    assertThat(a.channel()).isEqualTo("none");
    assertThat(a.reason()).contains("no RDAP service in the bootstrap covers 2001:db9::1");
    assertThat(server.total()).isEqualTo(2);
  }

  @Test
  void theResolverAsksRdapOnlyWhenNoTableAnswersAndNeverForReservedSpaceByDefault() {
    AbuseContacts cautious = AbuseContacts.builder().rdap(rdap).build();
    AbuseContacts forTests = AbuseContacts.builder().rdap(rdap).queryReservedSpace(true).build();
    int bootstrapRequests = server.total();

    ContactAnswer reserved = cautious.find(IpAddress.of("192.0.2.10"), (String) null);
    assertThat(reserved.channel()).isEqualTo("none");
    assertThat(reserved.reason()).contains("documentation space");
    ContactAnswer provider = forTests.find(IpAddress.of("192.0.2.10"), "aws");
    assertThat(provider.channel()).isEqualTo("provider");
    assertThat(provider.contact()).isEqualTo("abuse@amazonaws.com");
    assertThat(server.total()).isEqualTo(bootstrapRequests);

    ContactAnswer registry = forTests.find(IpAddress.of("192.0.2.10"), (String) null);
    assertThat(registry.channel()).isEqualTo("rdap");
    assertThat(registry.contact()).isEqualTo("abuse@example.net");
    assertThat(server.total()).isEqualTo(bootstrapRequests + 1);
  }

  @Test
  void privateSpaceIsNeverSentToARegistry() {
    AbuseContacts resolver = AbuseContacts.builder().rdap(rdap).build();

    for (String a : new String[] {"10.1.2.3", "192.168.1.1", "127.0.0.1", "fe80::1", "fd00::1", "100.64.0.1"}) {
      ContactAnswer answer = resolver.find(IpAddress.of(a), (String) null);
      assertThat(answer.channel()).as(a).isEqualTo("none");
      assertThat(answer.sendable()).as(a).isFalse();
    }
    assertThat(server.total()).isEqualTo(2);
  }
}
