package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.abuseloop.core.IpPrefix;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format recognition by content and precise errors of {@link RangeFile#read}, on files written by the test. */
class RangeFileTest {

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static final String AWS = """
      {"syncToken": "1", "createDate": "2099-01-01-00-00-00",
       "prefixes": [
         {"ip_prefix": "203.0.113.0/24", "region": "eu-west-1", "service": "AMAZON", "network_border_group": "eu-west-1"},
         {"ip_prefix": "203.0.113.0/24", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"},
         {"ip_prefix": "192.0.2.0/26", "region": "us-east-1", "service": "EC2", "network_border_group": "us-east-1-iah-1"}],
       "ipv6_prefixes": [
         {"ipv6_prefix": "2001:db8:1::/48", "region": "eu-west-1", "service": "EC2", "network_border_group": "eu-west-1"}]}
      """;

  @Test
  void awsIsRecognisedByContentWhateverTheFileIsCalled() throws IOException {
    RangeFile f = RangeFile.read(write("ranges.dat", AWS));
    assertThat(f.format()).isEqualTo(RangeFormat.AWS_JSON);
    assertThat(f.provider()).isEqualTo(Provider.AWS);
    assertThat(f.ranges()).containsExactly(
        new ProviderRange(Provider.AWS, IpPrefix.parse("203.0.113.0/24"), "eu-west-1", null, null),
        new ProviderRange(Provider.AWS, IpPrefix.parse("203.0.113.0/24"), "eu-west-1", "EC2", null),
        new ProviderRange(Provider.AWS, IpPrefix.parse("192.0.2.0/26"), "us-east-1", "EC2", "us-east-1-iah-1"),
        new ProviderRange(Provider.AWS, IpPrefix.parse("2001:db8:1::/48"), "eu-west-1", "EC2", null));
  }

  @Test
  void azureServiceTagsGiveRegionAndServiceAndNoServiceForAzureCloud() throws IOException {
    RangeFile f = RangeFile.read(write("x.json", """
        {"changeNumber": 1, "cloud": "Public", "values": [
          {"name": "AzureCloud.westeurope", "id": "AzureCloud.westeurope",
           "properties": {"region": "westeurope", "systemService": "", "addressPrefixes": ["198.51.100.0/24"]}},
          {"name": "Storage.WestEurope", "id": "Storage.WestEurope",
           "properties": {"region": "westeurope", "systemService": "AzureStorage", "addressPrefixes": ["198.51.100.0/25", "2001:db8:a::/48"]}},
          {"name": "AzureFrontDoor.Frontend", "id": "AzureFrontDoor.Frontend",
           "properties": {"region": "", "systemService": "", "addressPrefixes": ["192.0.2.0/24"]}}]}
        """));
    assertThat(f.format()).isEqualTo(RangeFormat.AZURE_SERVICE_TAGS);
    assertThat(f.ranges()).extracting(ProviderRange::region, ProviderRange::service).containsExactly(
        Tuple.tuple("westeurope", null),
        Tuple.tuple("westeurope", "AzureStorage"),
        Tuple.tuple("westeurope", "AzureStorage"),
        Tuple.tuple(null, "AzureFrontDoor.Frontend"));
  }

  @Test
  void googleCloudAndOracleAndCloudflareJsonAreRecognised() throws IOException {
    RangeFile gcp = RangeFile.read(write("a", """
        {"syncToken": "1", "creationTime": "2099", "prefixes": [
          {"ipv4Prefix": "198.51.100.0/24", "service": "Google Cloud", "scope": "europe-west1"},
          {"ipv6Prefix": "2001:db8:c::/48", "service": "Google Cloud", "scope": "europe-west1"}]}
        """));
    assertThat(gcp.format()).isEqualTo(RangeFormat.GCP_CLOUD_JSON);
    assertThat(gcp.ranges()).extracting(r -> r.prefix().toString()).containsExactly("198.51.100.0/24", "2001:db8:c::/48");
    assertThat(gcp.ranges()).allMatch(r -> r.region().equals("europe-west1"));

    RangeFile oracle = RangeFile.read(write("b", """
        {"last_updated_timestamp": "2099", "regions": [{"region": "eu-frankfurt-1", "cidrs": [
          {"cidr": "192.0.2.0/25", "tags": ["OSN", "OBJECT_STORAGE"]}, {"cidr": "192.0.2.128/25", "tags": ["OCI"]}]}]}
        """));
    assertThat(oracle.format()).isEqualTo(RangeFormat.ORACLE_JSON);
    assertThat(oracle.ranges()).extracting(ProviderRange::service).containsExactly("OBJECT_STORAGE,OSN", "OCI");

    RangeFile cloudflare = RangeFile.read(write("c", """
        {"result": {"ipv4_cidrs": ["192.0.2.0/24"], "ipv6_cidrs": ["2001:db8:cf::/48"], "etag": "x"}, "success": true, "errors": [], "messages": []}
        """));
    assertThat(cloudflare.format()).isEqualTo(RangeFormat.CLOUDFLARE_JSON);
    assertThat(cloudflare.ranges()).hasSize(2).allMatch(r -> r.provider() == Provider.CLOUDFLARE);
  }

  @Test
  void aGeofeedTakesItsProviderFromTheFileNameAndSkipsComments() throws IOException {
    RangeFile f = RangeFile.read(write("Linode-geofeed.txt", """
        \uFEFF# a comment
        # ip_prefix, alpha2code, region, city, postal_code

        192.0.2.0/24,US,US-NJ,Cedar Knolls,\r
        2001:db8:5::/48,SG,,Singapore,
        198.51.100.0/24,,,,
        203.0.113.0/24
        """));
    assertThat(f.format()).isEqualTo(RangeFormat.GEOFEED);
    assertThat(f.provider()).isEqualTo(Provider.LINODE);
    assertThat(f.ranges()).extracting(ProviderRange::region, ProviderRange::place).containsExactly(
        Tuple.tuple("US-NJ", "Cedar Knolls"),
        Tuple.tuple("SG", "Singapore"),
        Tuple.tuple(null, null),
        Tuple.tuple(null, null));
  }

  @Test
  void aPlainListIsOneCidrPerLine() throws IOException {
    RangeFile f = RangeFile.read(write("cloudflare-ips-v6", "2001:db8:cf::/48\n2001:db8:cf1::/48\n"));
    assertThat(f.format()).isEqualTo(RangeFormat.CIDR_LIST);
    assertThat(f.provider()).isEqualTo(Provider.CLOUDFLARE);
    assertThat(f.ranges()).hasSize(2);
  }

  @Test
  void aLineFeedWithoutAProviderInItsNameIsRefused() throws IOException {
    Path p = write("ips-v4", "192.0.2.0/24\n");
    assertThatThrownBy(() -> RangeFile.read(p)).isInstanceOf(RangeFileException.class)
        .hasMessageContaining("ips-v4").hasMessageContaining("CIDR list").hasMessageContaining("cloudflare");
    Path both = write("aws-and-linode.csv", "192.0.2.0/24,US,,,\n");
    assertThatThrownBy(() -> RangeFile.read(both)).hasMessageContaining("provider id");
  }

  @Test
  void aBadJsonEntryIsNamedByItsPath() throws IOException {
    Path p = write("aws.json", AWS.replace("192.0.2.0/26", "192.0.2.0/33"));
    assertThatThrownBy(() -> RangeFile.read(p)).isInstanceOfSatisfying(RangeFileException.class, e -> {
      assertThat(e.file()).isEqualTo(p);
      assertThat(e.location()).isEqualTo("$.prefixes[2].ip_prefix");
      assertThat(e).hasMessageContaining("'192.0.2.0/33' is not a CIDR prefix");
    });
    Path missing = write("aws2.json", AWS.replace("\"region\": \"us-east-1\", ", ""));
    assertThatThrownBy(() -> RangeFile.read(missing)).hasMessageContaining("$.prefixes[2].region: missing");
    Path noPrefix = write("aws4.json", AWS.replace("\"ip_prefix\": \"192.0.2.0/26\", ", ""));
    assertThatThrownBy(() -> RangeFile.read(noPrefix)).hasMessageContaining("$.prefixes[2].ip_prefix: missing");
    Path wrongType = write("aws3.json", AWS.replace("\"service\": \"EC2\", \"network_border_group\": \"us-east-1-iah-1\"", "\"service\": 7"));
    assertThatThrownBy(() -> RangeFile.read(wrongType)).hasMessageContaining("$.prefixes[2].service: expected a string");
  }

  @Test
  void malformedJsonIsNamedByLineAndColumn() throws IOException {
    Path p = write("broken.json", "{\n  \"prefixes\": [\n    {\"ip_prefix\": \"192.0.2.0/24\",,}\n");
    assertThatThrownBy(() -> RangeFile.read(p)).isInstanceOfSatisfying(RangeFileException.class,
        e -> assertThat(e.location()).startsWith("line 3, column"));
  }

  @Test
  void unknownJsonAndGooglesAllAddressesFileAreRefusedWithAReason() throws IOException {
    Path other = write("other.json", "{\"hello\": []}");
    assertThatThrownBy(() -> RangeFile.read(other)).hasMessageContaining("no known range format");
    Path goog = write("goog.json", "{\"syncToken\": \"1\", \"creationTime\": \"x\", \"prefixes\": [{\"ipv4Prefix\": \"192.0.2.0/24\"}]}");
    assertThatThrownBy(() -> RangeFile.read(goog)).hasMessageContaining("goog.json").hasMessageContaining("$.prefixes[0]");
  }

  @Test
  void aBadGeofeedLineIsNamedByItsNumber() throws IOException {
    Path p = write("digitalocean.csv", "# header\n192.0.2.0/24,NL,NL-NH,Amsterdam,\n192.0.2.300/24,NL,NL-NH,Amsterdam,\n");
    assertThatThrownBy(() -> RangeFile.read(p)).isInstanceOfSatisfying(RangeFileException.class, e -> {
      assertThat(e.location()).isEqualTo("line 3");
      assertThat(e).hasMessageContaining("digitalocean.csv: line 3: '192.0.2.300/24' is not a CIDR prefix");
    });
    Path country = write("digitalocean2.csv", "192.0.2.0/24,Netherlands,NL-NH,Amsterdam,\n");
    assertThatThrownBy(() -> RangeFile.read(country)).hasMessageContaining("line 1: 'Netherlands' is not an ISO 3166-1");
  }

  @Test
  void aBadListLineIsNamedByItsNumberAndHostileTextIsCutAndDefanged() throws IOException {
    String hostile = "192.0.2.0/24\u0007" + "x".repeat(500);
    Path p = write("cloudflare-v4.txt", "192.0.2.0/24\n\n" + hostile + "\n");
    assertThatThrownBy(() -> RangeFile.read(p)).isInstanceOfSatisfying(RangeFileException.class, e -> {
      assertThat(e.location()).isEqualTo("line 3");
      assertThat(e.getMessage()).doesNotContain("\u0007").hasSizeLessThan(300);
    });
  }

  @Test
  void compressedBinaryAndEmptyFilesAreRefused() throws IOException {
    Path gz = Files.write(dir.resolve("aws.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
    assertThatThrownBy(() -> RangeFile.read(gz)).hasMessageContaining("gzip");
    Path bin = Files.write(dir.resolve("linode.bin"), "192.0.2.0/24\n\0\0".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> RangeFile.read(bin)).hasMessageContaining("NUL byte at offset 13");
    Path empty = write("linode.csv", " \n");
    assertThatThrownBy(() -> RangeFile.read(empty)).hasMessageContaining("empty file");
    Path comments = write("linode2.csv", "# only\n# comments\n");
    assertThatThrownBy(() -> RangeFile.read(comments)).hasMessageContaining("only comments");
  }

  @Test
  void everyTruncationOrTypeMangleOfEveryExampleFailsOnlyWithARangeFileException() throws IOException {
    int failures = 0;
    try (var examples = Files.list(Path.of("..", "examples", "ranges"))) {
      for (Path example : examples.filter(p -> !p.getFileName().toString().endsWith(".md")).toList()) {
        String text = Files.readString(example);
        List<String> variants = new java.util.ArrayList<>();
        for (int cut = 1; cut < text.length(); cut += 3) {
          variants.add(text.substring(0, cut));
        }
        variants.add(text.replace("\"", "").replace("[", "{"));
        variants.add(text.replaceAll("\"[^\"]*/[0-9]+\"", "[]"));
        variants.add(text.replaceAll("\"[^\"]*/[0-9]+\"", "{}"));
        variants.add(text.replaceAll("\\[", "[1, "));
        variants.add(text.replace('/', '\0'));
        variants.add(text.replace(",", "\uFFFD,\r"));
        for (String v : variants) {
          Path f = dir.resolve(example.getFileName());
          Files.writeString(f, v);
          try {
            RangeFile.read(f);
          } catch (RangeFileException e) {
            failures++;
            assertThat(e.getMessage()).startsWith(f.toString());
          }
        }
      }
    }
    assertThat(failures).isGreaterThan(500);
  }
}
