package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The shipped provider channel table and the validation of any table. Stateless. */
class ProviderChannelsTest {

  @Test
  void theShippedTableHasEveryCloudProviderOfTheRangeFeeds() {
    ProviderChannels table = ProviderChannels.standard();
    for (Provider p : Provider.values()) {
      assertThat(table.find(p.id())).as(p.id()).isPresent();
    }
    for (String id : new String[] {"hetzner", "ovh", "vultr"}) {
      assertThat(table.find(id)).as(id).isPresent();
    }
  }

  @Test
  void awsPrefersItsCsvAndTakesMail() {
    AbuseChannel aws = ProviderChannels.standard().find("AWS").orElseThrow();

    assertThat(aws.preferredFormat()).isEqualTo("aws-csv");
    assertThat(aws.contact()).isEqualTo("abuse@amazonaws.com");
    assertThat(aws.confirmed()).isTrue();
    assertThat(aws.source().getHost()).isEqualTo("repost.aws");
  }

  @Test
  void microsoftIsReachedThroughItsPortalAndApi() {
    AbuseChannel azure = ProviderChannels.standard().find("azure").orElseThrow();

    assertThat(azure.email()).isNull();
    assertThat(azure.preferredFormat()).isEqualTo("msrc-api");
    assertThat(azure.contact()).isEqualTo("https://msrc.microsoft.com/report/abuse");
  }

  @Test
  void hostersWithoutRangeFilesAreFoundByTheirAsNumbers() {
    ProviderChannels table = ProviderChannels.standard();

    assertThat(table.byAsn(24940)).map(AbuseChannel::provider).contains("hetzner");
    assertThat(table.byAsn(16276)).map(AbuseChannel::provider).contains("ovh");
    assertThat(table.byAsn(16509)).map(AbuseChannel::provider).contains("aws");
    assertThat(table.byAsn(64496)).isEmpty();
  }

  @Test
  void badOrRepeatedAsNumbersAreRefused() {
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("""
        channels:
          - {provider: a, name: A, email: a@example.net, formats: [text], asns: [64496]}
          - {provider: b, name: B, email: b@example.net, formats: [text], asns: [AS64497, 64496]}
        """), "t.yaml")).hasMessageStartingWith("t.yaml:3: asns: AS64496 is already a's");
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("""
        channels:
          - {provider: a, name: A, email: a@example.net, formats: [text], asns: [4294967296]}
        """), "t.yaml")).hasMessageStartingWith("t.yaml:2: asns: '4294967296' is not an AS number");
    assertThat(ProviderChannels.read(new StringReader("""
        channels:
          - {provider: a, name: A, email: a@example.net, formats: [text], asns: [AS64497]}
        """), "t.yaml").byAsn(64497)).isPresent();
  }

  @Test
  void everyConfirmedEntryNamesItsSource() {
    assertThat(ProviderChannels.standard().all()).allSatisfy(c -> {
      if (c.confirmed()) {
        assertThat(c.source()).isNotNull();
      }
    });
  }

  @Test
  void aBadAddressNamesTheLineAndField() {
    String yaml = """
        channels:
          - provider: example
            name: Example
            email: abuse at example.net
            formats: [text]
        """;

    assertThatThrownBy(() -> ProviderChannels.read(new StringReader(yaml), "t.yaml"))
        .isInstanceOf(ContactTableException.class)
        .hasMessageStartingWith("t.yaml:4: email:");
  }

  @Test
  void anUnknownFormatOrFieldOrDuplicateIsRefused() {
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("""
        channels:
          - provider: example
            name: Example
            email: abuse@example.net
            formats: [text, pdf]
        """), "t.yaml")).hasMessageStartingWith("t.yaml:5: formats: unknown format 'pdf'");
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("""
        channels:
          - provider: example
            name: Example
            emial: abuse@example.net
            formats: [text]
        """), "t.yaml")).hasMessageStartingWith("t.yaml:4: emial: unknown field");
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("""
        channels:
          - {provider: example, name: A, email: a@example.net, formats: [text]}
          - {provider: example, name: B, email: b@example.net, formats: [text]}
        """), "t.yaml")).hasMessageStartingWith("t.yaml:3: provider: a second entry");
  }

  @Test
  void anEntryWithNoWayToReachTheProviderIsRefused() {
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("""
        channels:
          - provider: example
            name: Example
            formats: [text]
        """), "t.yaml")).hasMessageContaining("t.yaml:2").hasMessageContaining("no email, web_form or api");
  }

  @Test
  void yamlThatDoesNotParseNamesTheLine() {
    assertThatThrownBy(() -> ProviderChannels.read(new StringReader("channels:\n  - provider: [x\n"), "t.yaml"))
        .isInstanceOf(ContactTableException.class)
        .hasMessageStartingWith("t.yaml:");
  }
}
