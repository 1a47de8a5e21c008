package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the updater against an HTTP server on loopback only. */
class RangeUpdaterTest {

  private static final String AWS = "{\"createDate\": \"x\", \"prefixes\": [{\"ip_prefix\": \"203.0.113.0/24\","
      + " \"region\": \"eu-west-1\", \"service\": \"EC2\"}], \"ipv6_prefixes\": []}";
  private static final String AZURE = "{\"changeNumber\": 1, \"cloud\": \"Public\", \"values\": [{\"name\": \"AzureCloud.westeurope\","
      + " \"properties\": {\"region\": \"westeurope\", \"systemService\": \"\", \"addressPrefixes\": [\"2001:db8:a::/48\", \"192.0.2.0/25\"]}}]}";
  private static final String ORACLE = "{\"regions\": [{\"region\": \"eu-frankfurt-1\", \"cidrs\": [{\"cidr\": \"192.0.2.128/26\", \"tags\": [\"OCI\"]}]}]}";

  @TempDir
  Path dir;

  private HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = pages.get(exchange.getRequestURI().getPath());
      byte[] bytes = body == null ? "not found".getBytes(StandardCharsets.UTF_8) : body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI local(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void fetchesFilesAndFollowsAzuresDownloadPageToTheWeeksFile() throws IOException {
    pages.put("/ip-ranges.json", AWS);
    pages.put("/download/details", "<html><a class=\"x\" href=\"/dl/ServiceTags_Public_20990105.json\">download</a></html>");
    pages.put("/dl/ServiceTags_Public_20990105.json", AZURE);
    List<RangeUpdate> done = RangeUpdater.standard().update(dir, List.of(
        new RangeSource(Provider.AWS, local("/ip-ranges.json"), "aws-ip-ranges.json", false),
        new RangeSource(Provider.AZURE, local("/download/details"), "azure-service-tags.json", true)));
    assertThat(done).allMatch(RangeUpdate::succeeded);
    assertThat(done).extracting(RangeUpdate::entries).containsExactly(1, 2);
    assertThat(Files.readString(dir.resolve("aws-ip-ranges.json"))).isEqualTo(AWS);
    assertThat(RangeDirectory.load(dir).prefixCounts()).containsEntry(Provider.AWS, 1).containsEntry(Provider.AZURE, 2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("aws-ip-ranges.json", "azure-service-tags.json");
    }
  }

  @Test
  void aFailedGarbledOrWrongDownloadKeepsTheOldFileAndTheOthersStillUpdate() throws IOException {
    Files.writeString(dir.resolve("aws-ip-ranges.json"), AWS);
    Files.writeString(dir.resolve("oracle-public_ip_ranges.json"), ORACLE);
    pages.put("/aws", "<html>Service Unavailable</html>");
    pages.put("/oracle-but-aws", AWS);
    pages.put("/linode", "192.0.2.0/24,US,US-NJ,Cedar Knolls,\n");
    List<RangeUpdate> done = RangeUpdater.standard().update(dir, List.of(
        new RangeSource(Provider.AWS, local("/aws"), "aws-ip-ranges.json", false),
        new RangeSource(Provider.ORACLE, local("/oracle-but-aws"), "oracle-public_ip_ranges.json", false),
        new RangeSource(Provider.CLOUDFLARE, local("/missing"), "cloudflare-ips-v4", false),
        new RangeSource(Provider.LINODE, local("/linode"), "linode.csv", false)));
    assertThat(done.get(0).failure()).contains("line 1");
    assertThat(done.get(1).failure()).contains("expected oracle ranges");
    assertThat(done.get(2).failure()).contains("HTTP 404");
    assertThat(done.get(3).succeeded()).isTrue();
    assertThat(Files.readString(dir.resolve("aws-ip-ranges.json"))).isEqualTo(AWS);
    assertThat(Files.readString(dir.resolve("oracle-public_ip_ranges.json"))).isEqualTo(ORACLE);
    assertThat(dir.resolve("cloudflare-ips-v4")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }
  }

  @Test
  void aDownloadPageWithoutTheLinkIsAFailure() throws IOException {
    pages.put("/page", "<html>moved</html>");
    List<RangeUpdate> done = RangeUpdater.standard().update(dir, List.of(
        new RangeSource(Provider.AZURE, local("/page"), "azure-service-tags.json", true)));
    assertThat(done.get(0).failure()).contains("no link to a ServiceTags_Public_YYYYMMDD.json");
  }
}
