package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's override file: precedence, "never report", and errors with file:line: field. Stateless. */
class ContactOverridesTest {

  private static final String FILE = """
      overrides:
        - cidr: 198.51.100.0/24
          contact: noc@partner.example
          format: xarf
        - cidr: 198.51.100.64/26
          never: true
          note: our own monitoring
        - provider: aws
          contact: aws-team@ops.example
          format: aws-csv
        - provider: aws
          region: eu-west-1
          contact: https://forms.example/eu
          format: web-form
        - cidr: 2001:db8:42::/48
          contact: abuse6@partner.example
      """;

  private static ContactOverrides overrides() {
    return ContactOverrides.read(new StringReader(FILE), "overrides.yaml");
  }

  @Test
  void theMostSpecificCidrWins() {
    ContactAnswer wide = overrides().find(IpAddress.of("198.51.100.10"), null, null);
    ContactAnswer narrow = overrides().find(IpAddress.of("198.51.100.70"), "aws", null);

    assertThat(wide.channel()).isEqualTo("override");
    assertThat(wide.contact()).isEqualTo("noc@partner.example");
    assertThat(wide.format()).isEqualTo("xarf");
    assertThat(wide.registry()).isEqualTo("overrides.yaml:2");
    assertThat(narrow.channel()).isEqualTo("override");
    assertThat(narrow.sendable()).isFalse();
    assertThat(narrow.reason()).contains("never report").contains("our own monitoring").contains("overrides.yaml:5");
  }

  @Test
  void aProviderRegionBeatsTheProviderAndACidrBeatsBoth() {
    assertThat(overrides().find(IpAddress.of("192.0.2.1"), "aws", "eu-west-1").contact()).isEqualTo("https://forms.example/eu");
    assertThat(overrides().find(IpAddress.of("192.0.2.1"), "AWS", "us-east-1").contact()).isEqualTo("aws-team@ops.example");
    assertThat(overrides().find(IpAddress.of("192.0.2.1"), "aws", null).format()).isEqualTo("aws-csv");
    assertThat(overrides().find(IpAddress.of("198.51.100.1"), "aws", "eu-west-1").contact()).isEqualTo("noc@partner.example");
    assertThat(overrides().find(IpAddress.of("192.0.2.1"), "gcp", null)).isNull();
  }

  @Test
  void ipv6EntriesMatchAndTheFormatDefaultsToText() {
    ContactAnswer a = overrides().find(IpAddress.of("2001:db8:42::9"), null, null);

    assertThat(a.contact()).isEqualTo("abuse6@partner.example");
    assertThat(a.format()).isEqualTo("text");
    assertThat(overrides().find(IpAddress.of("2001:db8:43::9"), null, null)).isNull();
  }

  @Test
  void theResolverPutsOverridesBeforeTheProviderTable() {
    AbuseContacts resolver = AbuseContacts.builder().overrides(overrides()).build();

    assertThat(resolver.find(IpAddress.of("192.0.2.1"), "aws").contact()).isEqualTo("aws-team@ops.example");
    assertThat(resolver.find(IpAddress.of("192.0.2.1"), "hetzner").channel()).isEqualTo("provider");
    assertThat(resolver.find(IpAddress.of("192.0.2.1"), new ProviderRange(Provider.AWS,
        IpPrefix.parse("192.0.2.0/24"), "eu-west-1", "EC2", null)).contact()).isEqualTo("https://forms.example/eu");
    ContactAnswer nothing = resolver.find(IpAddress.of("192.0.2.1"), (String) null);
    assertThat(nothing.channel()).isEqualTo("none");
    assertThat(nothing.contact()).isNull();
  }

  @Test
  void aFileIsReadAndItsErrorsNameIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("overrides.yaml");
    Files.writeString(file, FILE);
    assertThat(ContactOverrides.read(file).size()).isEqualTo(5);

    Files.writeString(file, "overrides:\n  - cidr: 198.51.100.0/33\n    contact: a@b.example\n");
    assertThatThrownBy(() -> ContactOverrides.read(file))
        .isInstanceOf(ContactTableException.class)
        .hasMessageStartingWith(file + ":2: cidr: '198.51.100.0/33' is not an address or prefix");
  }

  @Test
  void badEntriesGiveFileLineAndField() {
    assertError("overrides:\n  - provider: aws\n    contact: not an address\n", "t.yaml:3: contact:");
    assertError("overrides:\n  - provider: aws\n    contact: a@b.example\n    format: pdf\n", "t.yaml:4: format: unknown format 'pdf'");
    assertError("overrides:\n  - provider: aws\n    never: true\n    contact: a@b.example\n", "t.yaml:4: contact: a 'never: true' entry");
    assertError("overrides:\n  - provider: aws\n    never: maybe\n", "t.yaml:3: never: expected true or false");
    assertError("overrides:\n  - cidr: 192.0.2.0/24\n    provider: aws\n    contact: a@b.example\n", "t.yaml:3: provider: an entry needs exactly one");
    assertError("overrides:\n  - note: nothing\n", "t.yaml:2: cidr: an entry needs exactly one");
    assertError("overrides:\n  - cidr: 192.0.2.0/24\n    region: eu\n    contact: a@b.example\n", "t.yaml:3: region:");
    assertError("overrides:\n  - cidr: 192.0.2.0/24\n", "t.yaml:2: contact: missing");
    assertError("overrides:\n  - cidr: 192.0.2.0/24\n    contcat: a@b.example\n", "t.yaml:3: contcat: unknown field");
    assertError("overides:\n  - cidr: 192.0.2.0/24\n", "t.yaml:1: overides: unknown key");
    assertError("overrides:\n  - cidr: 192.0.2.0/24\n    contact: a@b.example\n    contact: c@d.example\n", "t.yaml:4: contact: appears twice");
    assertError("overrides:\n  - [192.0.2.0/24]\n", "t.yaml:2: each entry must be a mapping");
  }

  @Test
  void anEmptyFileHasNoOverrides() {
    assertThat(ContactOverrides.read(new StringReader(""), "t.yaml").size()).isZero();
    assertThat(ContactOverrides.read(new StringReader("overrides:\n"), "t.yaml").size()).isZero();
  }

  private static void assertError(String yaml, String start) {
    assertThatThrownBy(() -> ContactOverrides.read(new StringReader(yaml), "t.yaml"))
        .isInstanceOf(ContactTableException.class)
        .hasMessageStartingWith(start);
  }
}
