package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/** Reading RFC 9224 bootstrap files and picking a registry. Stateless. */
class RdapBootstrapTest {

  private static RdapBootstrap read(String json) throws IOException {
    return RdapBootstrap.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void theLongestPrefixWinsAndHttpsIsPreferred() throws Exception {
    RdapBootstrap b = read("""
        {"version": "1.0", "services": [
          [["198.51.100.0/24"], ["http://wide.example/rdap/", "https://wide.example/rdap/"]],
          [["198.51.100.128/25", "192.0.2.0/24"], ["http://narrow.example/rdap"]]
        ]}""");

    assertThat(b.registryFor(IpAddress.of("198.51.100.1"))).isEqualTo(URI.create("https://wide.example/rdap/"));
    assertThat(b.registryFor(IpAddress.of("198.51.100.200"))).isEqualTo(URI.create("http://narrow.example/rdap/"));
    assertThat(b.registryFor(IpAddress.of("192.0.2.200"))).isEqualTo(URI.create("http://narrow.example/rdap/"));
    assertThat(b.registryFor(IpAddress.of("2001:db8::1"))).isNull();
  }

  @Test
  void badFilesAreRefusedNamingWhere() {
    assertThatThrownBy(() -> read("<html>")).hasMessageContaining("test.json is not JSON");
    assertThatThrownBy(() -> read("{\"version\": \"1.0\"}")).hasMessageContaining("no 'services' list");
    assertThatThrownBy(() -> read("{\"services\": [[[\"300.0.0.0/8\"], [\"https://x.example/\"]]]}"))
        .hasMessageContaining("test.json: services[0]: '300.0.0.0/8' is not a prefix");
    assertThatThrownBy(() -> read("{\"services\": [[[\"192.0.2.0/24\"], [\"ftp://x.example/\"]]]}"))
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> read("{\"services\": [[\"192.0.2.0/24\"]]}"))
        .hasMessageContaining("services[0] is not [[prefixes], [URLs]]");
  }
}
