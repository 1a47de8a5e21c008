package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --preview --rdap URL} against an RDAP server on loopback: the sources no provider table
 * knows get the registry's abuse contact (without {@code --rdap}, ReportCommandTest checks they get
 * channel none, RDAP not queried).
 */
class ReportRdapTest {

  @TempDir
  Path tmp;
  private HttpServer server;
  private final AtomicInteger queries = new AtomicInteger();

  @BeforeEach
  void startRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      queries.incrementAndGet();
      byte[] body = ("{\"objectClassName\":\"ip network\",\"handle\":\"TEST-NET\",\"startAddress\":\"0.0.0.0\","
          + "\"endAddress\":\"255.255.255.255\",\"ipVersion\":\"v4\",\"name\":\"TEST\",\"entities\":[{"
          + "\"objectClassName\":\"entity\",\"handle\":\"AB-TEST\",\"roles\":[\"abuse\"],\"vcardArray\":[\"vcard\","
          + "[[\"version\",{},\"text\",\"4.0\"],[\"email\",{},\"text\",\"abuse@registry.example\"]]]}]}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/rdap+json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stopRegistry() {
    server.stop(0);
  }

  @Test
  void sourcesNoTableKnowsGetTheRegistrysAbuseContact() throws IOException {
    List<Path> logs = ExampleLogs.copyInto(Files.createDirectory(tmp.resolve("logs")));
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    Path out = tmp.resolve("out");

    CommandRun r = CommandRun.of(ExampleLogs.preview("text", out, logs, "--rdap", url, "--rdap-reserved")
        .toArray(String[]::new));

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode index = new ObjectMapper().readTree(out.resolve("index.json").toFile());
    int rdap = 0;
    for (JsonNode e : index) {
      assertThat(e.get("channel").asText()).isNotEqualTo("none");
      if (e.get("channel").asText().equals("rdap")) {
        assertThat(e.get("contact").asText()).isEqualTo("abuse@registry.example");
        rdap++;
      }
    }
    assertThat(rdap).isPositive();
    assertThat(queries.get()).isPositive();
  }
}
