package org.abuseloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code abuseloop contact}: overrides, the provider table, and RDAP against a registry on loopback
 * with its answers cached in the state directory's store. Not thread-safe; one server per test.
 */
class ContactCommandTest {

  private static final String ANSWER = """
      {"objectClassName": "ip network", "handle": "TEST-NET-1", "startAddress": "192.0.2.0", "endAddress": "192.0.2.255",
       "entities": [{"objectClassName": "entity", "handle": "ORG-1", "roles": ["registrant"],
         "entities": [{"objectClassName": "entity", "handle": "ABUSE-1", "roles": ["abuse"],
           "vcardArray": ["vcard", [["version", {}, "text", "4.0"], ["email", {}, "text", "abuse@registry-test.example"]]]}]}]}
      """;

  @TempDir
  Path dir;

  private HttpServer server;
  private final AtomicInteger queries = new AtomicInteger();
  private Path bootstrap;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rdap/ip/", x -> {
      queries.incrementAndGet();
      byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/rdap+json");
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    bootstrap = Files.writeString(dir.resolve("ipv4.json"), "{\"version\": \"1.0\", \"services\": [[[\"192.0.2.0/24\"], [\"http://127.0.0.1:"
        + server.getAddress().getPort() + "/rdap/\"]]]}");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theProviderTableAnswersWithoutTheNetwork() throws Exception {
    CommandRun run = CommandRun.of("contact", "--state", dir.toString(), "--provider", "aws", "--json", "198.51.100.7");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(run.out()).get(0);
    assertThat(a.get("source").asText()).isEqualTo("198.51.100.7");
    assertThat(a.get("channel").asText()).isEqualTo("provider");
    assertThat(a.get("contact").asText()).isEqualTo("abuse@amazonaws.com");
    assertThat(a.get("format").asText()).isEqualTo("aws-csv");
  }

  @Test
  void anOverrideFileWins() throws Exception {
    Path file = Files.writeString(dir.resolve("overrides.yaml"), "overrides:\n  - cidr: 198.51.100.0/24\n    never: true\n");

    CommandRun run = CommandRun.of("contact", "--state", dir.toString(), "--provider", "aws", "--overrides", file.toString(),
        "198.51.100.7");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("override").contains("never report").contains(file + ":2");
  }

  @Test
  void rdapAnswersAreCachedInTheStateDirectory() throws Exception {
    String[] args = {"contact", "--state", dir.toString(), "--rdap", "--rdap-reserved", "--rdap-bootstrap", bootstrap.toString(),
        "--json", "192.0.2.10"};

    CommandRun first = CommandRun.of(args);
    CommandRun second = CommandRun.of(args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(first.out()).get(0);
    assertThat(a.get("channel").asText()).isEqualTo("rdap");
    assertThat(a.get("contact").asText()).isEqualTo("abuse@registry-test.example");
    assertThat(new ObjectMapper().readTree(second.out()).get(0).get("reason").asText()).contains("cached");
    assertThat(queries.get()).isEqualTo(1);
    assertThat(dir.resolve("abuseloop.db")).isRegularFile();
  }

  @Test
  void withoutRdapNothingIsAsked() {
    CommandRun run = CommandRun.of("contact", "--state", dir.toString(), "192.0.2.10", "2001:db8::1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("none").contains("documentation space");
    assertThat(queries.get()).isZero();
  }

  @Test
  void badInputIsOneLineAndExitTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "overrides:\n  - cidr: 192.0.2.0/24\n    contact: nobody\n");

    assertThat(CommandRun.of("contact", "--state", dir.toString(), "not-an-address").exitCode()).isEqualTo(2);
    CommandRun run = CommandRun.of("contact", "--state", dir.toString(), "--overrides", bad.toString(), "192.0.2.1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(bad + ":3: contact:");
  }
}
