package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AsnDatabase} on a tiny MaxMind DB written by {@link TinyMmdb}. */
class AsnDatabaseTest {

  @TempDir
  Path dir;

  private Path tinyAsnDatabase(String type) throws IOException {
    byte[] db = new TinyMmdb()
        .put("203.0.113.0/24", Map.of("autonomous_system_number", 64496L, "autonomous_system_organization", "Example Cloud A"))
        .put("198.51.100.128/25", Map.of("autonomous_system_number", 4200000001L))
        .put("2001:db8:a::/48", Map.of("autonomous_system_number", 64511L, "autonomous_system_organization", "Example Cloud B"))
        .build(type);
    return Files.write(dir.resolve("asn.mmdb"), db);
  }

  @Test
  void findsTheAutonomousSystemOfIpv4AndIpv6Addresses() throws IOException {
    try (AsnDatabase db = AsnDatabase.open(tinyAsnDatabase("GeoLite2-ASN"))) {
      assertThat(db.lookup(IpAddress.of("203.0.113.9")))
          .isEqualTo(new AutonomousSystem(64496, "Example Cloud A", IpPrefix.parse("203.0.113.0/24")));
      assertThat(db.lookup(IpAddress.of("198.51.100.200")))
          .isEqualTo(new AutonomousSystem(4200000001L, null, IpPrefix.parse("198.51.100.128/25")));
      assertThat(db.lookup(IpAddress.of("2001:db8:a:1::5")))
          .isEqualTo(new AutonomousSystem(64511, "Example Cloud B", IpPrefix.parse("2001:db8:a::/48")));
      assertThat(db.lookup(IpAddress.of("198.51.100.1"))).isNull();
      assertThat(db.lookup(IpAddress.of("2001:db8:b::1"))).isNull();
      assertThat(db.databaseType()).isEqualTo("GeoLite2-ASN");
      assertThat(db.buildTime()).isEqualTo(Instant.parse("2100-01-01T00:00:00Z"));
    }
  }

  @Test
  void refusesADatabaseOfAnotherKindAMissingFileAndAFileThatIsNoDatabase() throws IOException {
    Path city = tinyAsnDatabase("GeoLite2-City");
    assertThatThrownBy(() -> AsnDatabase.open(city)).hasMessageContaining("asn.mmdb").hasMessageContaining("GeoLite2-City");
    assertThatThrownBy(() -> AsnDatabase.open(dir.resolve("none.mmdb"))).isInstanceOf(NoSuchFileException.class);
    Path junk = Files.writeString(dir.resolve("junk.mmdb"), "192.0.2.0/24\n");
    assertThatThrownBy(() -> AsnDatabase.open(junk)).isInstanceOf(IOException.class).hasMessageContaining("junk.mmdb");
  }
}
