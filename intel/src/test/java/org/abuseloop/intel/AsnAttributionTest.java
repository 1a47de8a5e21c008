package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resolver attributing sources by AS number (a tiny MaxMind DB) to hosters no range file
 * covers. Not thread-safe; one database per test.
 */
class AsnAttributionTest {

  @TempDir
  Path dir;

  private AsnDatabase database() throws Exception {
    byte[] db = new TinyMmdb()
        .put("203.0.113.0/24", Map.of("autonomous_system_number", 24940L, "autonomous_system_organization", "Hetzner Online GmbH"))
        .put("198.51.100.0/24", Map.of("autonomous_system_number", 64496L, "autonomous_system_organization", "Example"))
        .build("GeoLite2-ASN");
    return AsnDatabase.open(Files.write(dir.resolve("asn.mmdb"), db));
  }

  @Test
  void aHostersAsNumberLeadsToItsChannel() throws Exception {
    try (AsnDatabase asns = database()) {
      AbuseContacts contacts = AbuseContacts.builder().asns(asns).build();

      ContactAnswer hetzner = contacts.find(IpAddress.of("203.0.113.9"), (String) null);
      assertThat(hetzner.channel()).isEqualTo("provider");
      assertThat(hetzner.contact()).isEqualTo("abuse@hetzner.com");
      assertThat(hetzner.reason()).contains("AS24940").contains("203.0.113.0/24");

      assertThat(contacts.find(IpAddress.of("198.51.100.9"), (String) null).channel()).isEqualTo("none");
      assertThat(contacts.find(IpAddress.of("203.0.113.9"), "aws").contact()).isEqualTo("abuse@amazonaws.com");
    }
  }

  @Test
  void providerOverridesApplyToAsnAttribution() throws Exception {
    ContactOverrides overrides = ContactOverrides.read(new StringReader(
        "overrides:\n  - provider: hetzner\n    contact: https://abuse.hetzner.com\n    format: web-form\n"), "o.yaml");
    try (AsnDatabase asns = database()) {
      ContactAnswer a = AbuseContacts.builder().asns(asns).overrides(overrides).build()
          .find(IpAddress.of("203.0.113.9"), (String) null);

      assertThat(a.channel()).isEqualTo("override");
      assertThat(a.contact()).isEqualTo("https://abuse.hetzner.com");
    }
  }
}
