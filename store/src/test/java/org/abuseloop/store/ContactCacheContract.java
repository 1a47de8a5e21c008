package org.abuseloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * What every backend's {@link ContactCacheTable} must do, run by one subclass per database.
 * Not thread-safe itself; one instance serves one test.
 */
abstract class ContactCacheContract {

  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final String RIPE = "https://rdap.registry.example/";
  static final String ARIN = "https://rdap.other.example/";

  /** The URL of this test's database, empty before the first open. */
  abstract String url();

  static CachedContactRow row(String registry, String first, String last, String contact, Duration life) {
    return new CachedContactRow(registry, IpAddress.of(first), IpAddress.of(last), contact,
        contact == null ? "no abuse contact" : "abuse contact of the network", registry + "ip/" + first, T0, T0.plus(life));
  }

  @Test
  void findsTheRangeHoldingAnAddressUntilItExpires() {
    try (Store store = Store.open(url())) {
      CachedContactRow r = row(RIPE, "192.0.2.0", "192.0.2.127", "abuse@example.net", Duration.ofDays(7));
      store.contacts().put(r);

      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.0"), T0)).contains(r);
      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.127"), T0)).contains(r);
      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.128"), T0)).isEmpty();
      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.1.255"), T0)).isEmpty();
      assertThat(store.contacts().find(ARIN, IpAddress.of("192.0.2.5"), T0)).isEmpty();
      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.5"), T0.plus(Duration.ofDays(7)).minusMillis(1))).contains(r);
      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.5"), T0.plus(Duration.ofDays(7)))).isEmpty();
    }
  }

  @Test
  void theNarrowestRangeWinsAndNegativeRowsHaveNoContact() {
    try (Store store = Store.open(url())) {
      store.contacts().put(row(RIPE, "198.51.100.0", "198.51.100.255", "abuse@wide.example", Duration.ofDays(7)));
      store.contacts().put(row(RIPE, "198.51.100.64", "198.51.100.127", null, Duration.ofHours(6)));

      assertThat(store.contacts().find(RIPE, IpAddress.of("198.51.100.70"), T0).orElseThrow().contact()).isNull();
      assertThat(store.contacts().find(RIPE, IpAddress.of("198.51.100.7"), T0).orElseThrow().contact()).isEqualTo("abuse@wide.example");
      assertThat(store.contacts().find(RIPE, IpAddress.of("198.51.100.70"), T0.plus(Duration.ofHours(7))).orElseThrow().contact())
          .isEqualTo("abuse@wide.example");
    }
  }

  @Test
  void ipv6RangesCompareAsAddressesAndDoNotMeetIpv4() {
    try (Store store = Store.open(url())) {
      CachedContactRow v6 = row(RIPE, "2001:db8:1000::", "2001:db8:1000:ffff:ffff:ffff:ffff:ffff", "abuse-v6@example.net",
          Duration.ofDays(1));
      store.contacts().put(v6);
      store.contacts().put(row(RIPE, "0.0.0.0", "255.255.255.255", "abuse@all.example", Duration.ofDays(1)));

      assertThat(store.contacts().find(RIPE, IpAddress.of("2001:db8:1000:abcd::1"), T0)).contains(v6);
      assertThat(store.contacts().find(RIPE, IpAddress.of("2001:db8:1001::1"), T0)).isEmpty();
      assertThat(store.contacts().find(RIPE, IpAddress.of("ffff::1"), T0)).isEmpty();
      assertThat(store.contacts().find(RIPE, IpAddress.of("203.0.113.1"), T0).orElseThrow().contact()).isEqualTo("abuse@all.example");
    }
  }

  @Test
  void aNewAnswerForTheSameRangeReplacesTheOldAndSurvivesReopening() {
    try (Store store = Store.open(url())) {
      store.contacts().put(row(RIPE, "192.0.2.0", "192.0.2.127", null, Duration.ofHours(1)));
      store.contacts().put(row(RIPE, "192.0.2.0", "192.0.2.127", "abuse@example.net", Duration.ofDays(7)));
    }
    try (Store store = Store.open(url())) {
      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.1"), T0.plus(Duration.ofDays(1))).orElseThrow().contact())
          .isEqualTo("abuse@example.net");
    }
  }

  @Test
  void purgeDeletesOnlyExpiredRows() {
    try (Store store = Store.open(url())) {
      store.contacts().put(row(RIPE, "192.0.2.0", "192.0.2.127", null, Duration.ofHours(6)));
      store.contacts().put(row(RIPE, "198.51.100.0", "198.51.100.255", "abuse@example.net", Duration.ofDays(7)));

      assertThat(store.contacts().purge(T0.plus(Duration.ofHours(6)))).isEqualTo(1);
      assertThat(store.contacts().purge(T0.plus(Duration.ofHours(6)))).isZero();
      assertThat(store.contacts().find(RIPE, IpAddress.of("198.51.100.1"), T0)).isPresent();
    }
  }

  @Test
  void rowsThatAreNotRangesAreRefused() {
    try (Store store = Store.open(url())) {
      assertThatThrownBy(() -> store.contacts().put(row(RIPE, "192.0.2.9", "192.0.2.1", null, Duration.ofHours(1))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.contacts().put(row(RIPE, "192.0.2.9", "2001:db8::1", null, Duration.ofHours(1))))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aLongReasonIsCutToWhatTheSchemaKeeps() {
    try (Store store = Store.open(url())) {
      CachedContactRow r = new CachedContactRow(RIPE, IpAddress.of("192.0.2.0"), IpAddress.of("192.0.2.255"),
          "abuse@example.net", "x".repeat(5000), null, T0, T0.plus(Duration.ofDays(1)));
      store.contacts().put(r);

      assertThat(store.contacts().find(RIPE, IpAddress.of("192.0.2.1"), T0).orElseThrow().reason())
          .hasSize(ContactCacheTable.MAX_REASON);
    }
  }
}
