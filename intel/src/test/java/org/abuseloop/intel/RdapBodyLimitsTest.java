package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RDAP client against hostile servers on loopback: one that sends its headers at once and then
 * the body a byte at a time, one that sends 10 MiB. Both are cut off, with an error that says why, and
 * the contact lookup answers "none" with that reason. Not thread-safe; one server per test.
 */
class RdapBodyLimitsTest {

  private static final int TEN_MIB = 10 << 20;

  private HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong bigBytesWritten = new AtomicLong();
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/trickle/", this::trickle);
    server.createContext("/big/", this::big);
    server.setExecutor(threads);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() throws InterruptedException {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }

  // Headers at once, then the start of a valid answer one byte every 100 ms until the client hangs up.
  private void trickle(HttpExchange x) throws IOException {
    x.getResponseHeaders().add("Content-Type", "application/rdap+json");
    x.sendResponseHeaders(200, 0);
    byte[] body = "{\"objectClassName\":\"ip network\",\"handle\":\"SLOW\",\"remarks\":[\"".getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = x.getResponseBody()) {
      for (int i = 0; closing.getCount() > 0; i++) {
        out.write(i < body.length ? body[i] : 'x');
        out.flush();
        if (closing.await(100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (IOException | InterruptedException hungUp) {
      // The client cut the body off, as it should.
    }
  }

  // A JSON string 10 MiB long, with its length announced.
  private void big(HttpExchange x) throws IOException {
    x.getResponseHeaders().add("Content-Type", "application/rdap+json");
    x.sendResponseHeaders(200, TEN_MIB);
    byte[] chunk = new byte[64 << 10];
    Arrays.fill(chunk, (byte) 'a');
    chunk[0] = '"';
    try (OutputStream out = x.getResponseBody()) {
      for (int sent = 0; sent < TEN_MIB; sent += chunk.length) {
        out.write(chunk);
        bigBytesWritten.addAndGet(chunk.length);
        chunk[0] = 'a';
      }
    } catch (IOException hungUp) {
      // The client stopped reading past its cap.
    }
  }

  private RdapClient client() {
    return new RdapClient(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1), Clock.systemUTC());
  }

  @Test
  void aBodyThatTricklesInIsCutOffAtTheDeadline() {
    IpAddress a = IpAddress.of("192.0.2.9");

    assertThatThrownBy(() -> client().query(URI.create(base + "trickle/"), a))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.TIMEOUT))
        .hasMessageContaining("not complete within 1000 ms")
        .hasMessageContaining("bytes of the body received")
        .hasMessageContaining("trickle/ip/192.0.2.9");
  }

  @Test
  void aTenMebibyteBodyIsCutOffAtTheCap() {
    IpAddress a = IpAddress.of("192.0.2.9");
    RdapClient patient = new RdapClient(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Clock.systemUTC());

    assertThatThrownBy(() -> patient.query(URI.create(base + "big/"), a))
        .isInstanceOfSatisfying(RdapException.class, e -> assertThat(e.kind()).isEqualTo(RdapException.Kind.NOT_RDAP))
        .hasMessageContaining("larger than " + (1 << 20) + " bytes, cut off")
        .hasMessageContaining("big/ip/192.0.2.9");
  }

  @Test
  void theContactLookupSaysWhyItHasNoAnswer() throws IOException {
    String file = "{\"services\":[[[\"192.0.2.0/24\"],[\"" + base + "trickle/\"]],[[\"198.51.100.0/24\"],[\"" + base
        + "big/\"]]]}";
    RdapBootstrap bootstrap = RdapBootstrap.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "test");
    RdapContacts contacts = RdapContacts.builder(bootstrap, client()).build();

    ContactAnswer slow = contacts.find(IpAddress.of("192.0.2.9"));
    ContactAnswer big = contacts.find(IpAddress.of("198.51.100.9"));

    assertThat(slow.channel()).isEqualTo("none");
    assertThat(slow.reason()).contains("not complete within 1000 ms").contains("cut off");
    assertThat(big.channel()).isEqualTo("none");
    assertThat(big.reason()).contains("larger than 1048576 bytes");
  }
}
