package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a folder of feeds with {@link RangeDirectory}, including the fictitious examples the project ships. */
class RangeDirectoryTest {

  /** The fictitious example feeds the project ships for the demo. */
  private static final Path EXAMPLES = Path.of("..", "examples", "ranges");

  @TempDir
  Path dir;

  private static ProviderRange at(RangeTable t, String address) {
    return t.lookup(IpAddress.of(address));
  }

  @Test
  void theShippedExamplesAttributeTheDocumentationAddresses() throws IOException {
    RangeTable t = RangeDirectory.load(EXAMPLES);
    assertThat(t.prefixCounts().keySet()).isEqualTo(EnumSet.allOf(Provider.class));
    ProviderRange ec2 = at(t, "203.0.113.9");
    assertThat(ec2.provider()).isEqualTo(Provider.AWS);
    assertThat(ec2.region()).isEqualTo("eu-west-1");
    assertThat(ec2.service()).isEqualTo("EC2");
    assertThat(at(t, "203.0.113.250").service()).isEqualTo("CLOUDFRONT");
    assertThat(at(t, "198.51.100.7").provider()).isEqualTo(Provider.GCP);
    assertThat(at(t, "192.0.2.1").provider()).isEqualTo(Provider.DIGITALOCEAN);
    assertThat(at(t, "192.0.2.70").service()).isEqualTo("AzureStorage");
    assertThat(at(t, "192.0.2.100").provider()).isEqualTo(Provider.AZURE);
    assertThat(at(t, "192.0.2.130").provider()).isEqualTo(Provider.ORACLE);
    assertThat(at(t, "192.0.2.200").place()).isEqualTo("Cedar Knolls");
    assertThat(at(t, "192.0.2.230").provider()).isEqualTo(Provider.CLOUDFLARE);
    assertThat(at(t, "2001:db8:a::1").region()).isEqualTo("westeurope");
    assertThat(at(t, "2001:db8::1").provider()).isEqualTo(Provider.LINODE);
    assertThat(at(t, "2001:db8:cf::1").provider()).isEqualTo(Provider.CLOUDFLARE);
    assertThat(at(t, "2001:db8:ffff::1")).isNull();
  }

  @Test
  void notesAndHiddenFilesAndSubfoldersAreSkipped() throws IOException {
    Files.writeString(dir.resolve("cloudflare-v4"), "192.0.2.0/24\n");
    Files.writeString(dir.resolve("README.md"), "# notes\n");
    Files.writeString(dir.resolve("LICENSE"), "text\n");
    Files.writeString(dir.resolve(".state"), "junk\n");
    Files.createDirectory(dir.resolve("old"));
    Files.writeString(dir.resolve("old").resolve("junk"), "junk\n");
    assertThat(RangeDirectory.read(dir)).singleElement().extracting(RangeFile::provider).isEqualTo(Provider.CLOUDFLARE);
  }

  @Test
  void oneBadFileFailsTheWholeLoadNamingTheFileAndLine() throws IOException {
    Files.writeString(dir.resolve("cloudflare-v4"), "192.0.2.0/24\n");
    Path bad = Files.writeString(dir.resolve("linode.csv"), "192.0.2.0/24,US,,,\nnot-a-prefix,US,,,\n");
    assertThatThrownBy(() -> RangeDirectory.load(dir)).isInstanceOfSatisfying(RangeFileException.class, e -> {
      assertThat(e.file()).isEqualTo(bad);
      assertThat(e.location()).isEqualTo("line 2");
    });
  }

  @Test
  void twoSnapshotsOfOneJsonFeedAreRefused() throws IOException {
    String feed = "{\"createDate\": \"x\", \"prefixes\": [{\"ip_prefix\": \"192.0.2.0/24\", \"region\": \"r\", \"service\": \"EC2\"}]}";
    Files.writeString(dir.resolve("a.json"), feed);
    Files.writeString(dir.resolve("b.json"), feed);
    assertThatThrownBy(() -> RangeDirectory.load(dir)).hasMessageContaining("b.json").hasMessageContaining("a.json")
        .hasMessageContaining("a second AWS ip-ranges.json");
  }

  @Test
  void aMissingOrEmptyFolderIsReported() throws IOException {
    assertThatThrownBy(() -> RangeDirectory.load(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("range folder not found");
    assertThatThrownBy(() -> RangeDirectory.load(dir)).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("no range files");
    Path file = Files.writeString(dir.resolve("aws.json"), "{}");
    assertThatThrownBy(() -> RangeDirectory.load(file)).hasMessageContaining("aws.json");
  }
}
