package org.abuseloop.intel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pretend set of RDAP servers on 127.0.0.1 (port 0) for tests: a bootstrap that points at
 * itself, RIPE-like answers under {@code /ripe/}, ARIN-like ones under {@code /arin/} (which
 * redirects 198.51.100.128/25 to {@code /ripe/}), and under {@code /odd/} one address per failure:
 * 203.0.113.4 404, .29 429 (Retry-After in seconds), .30 429 (as a date), .50 502 with an HTML page, .51 200 with an HTML page, .8 never answers
 * in time, .10 an entity loop, .20 an abuse entity reached through its link, .21 one whose e-mail
 * carries a header injection and whose link points to another host, .40 no abuse entity,
 * .99 a redirect loop, .100 JSON of the wrong object class. Thread-safe; counts requests per path.
 */
final class RdapServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final String base;

  private RdapServer(HttpServer server) {
    this.server = server;
    this.base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  static RdapServer start() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RdapServer s = new RdapServer(http);
    http.createContext("/", s::handle);
    http.setExecutor(s.threads);
    http.start();
    return s;
  }

  /** The server's root URL, ending in {@code /}. */
  String base() {
    return base;
  }

  URI uri(String path) {
    return URI.create(base + path);
  }

  /** Requests seen for this exact path. */
  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  /** Requests seen in all. */
  int total() {
    return total.get();
  }

  /** The bootstrap of both files, read from the server. */
  RdapBootstrap bootstrap(RdapClient client) throws Exception {
    return RdapBootstrap.of(java.util.List.of(client.bootstrap(uri("bootstrap/ipv4.json")),
        client.bootstrap(uri("bootstrap/ipv6.json"))));
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    total.incrementAndGet();
    try (x) {
      route(x, path);
    }
  }

  private void route(HttpExchange x, String path) throws IOException {
    switch (path) {
      case "/bootstrap/ipv4.json" -> json(x, 200, fixture("bootstrap-ipv4.json"));
      case "/bootstrap/ipv6.json" -> json(x, 200, fixture("bootstrap-ipv6.json"));
      case "/odd/entity/C" -> json(x, 200, fixture("entity-C.json"));
      case "/odd/entity/ABUSE-LINKED" -> json(x, 200, fixture("entity-ABUSE-LINKED.json"));
      default -> ip(x, path);
    }
  }

  private void ip(HttpExchange x, String path) throws IOException {
    int ip = path.indexOf("/ip/");
    if (ip < 0) {
      notFound(x);
      return;
    }
    String registry = path.substring(1, ip);
    String address = path.substring(ip + 4);
    switch (registry) {
      case "ripe" -> ripe(x, address);
      case "arin" -> arin(x, address);
      case "odd" -> odd(x, address);
      default -> notFound(x);
    }
  }

  private void ripe(HttpExchange x, String address) throws IOException {
    if (address.startsWith("192.0.2.") && lastOctet(address) < 128) {
      json(x, 200, fixture("ripe-192.0.2.0.json"));
    } else if (address.startsWith("198.51.100.") && lastOctet(address) >= 128) {
      json(x, 200, fixture("ripe-transferred-198.51.100.128.json"));
    } else if (address.startsWith("2001:db8:1")) {
      json(x, 200, fixture("ripe-2001-db8.json"));
    } else {
      notFound(x);
    }
  }

  private void arin(HttpExchange x, String address) throws IOException {
    if (lastOctet(address) >= 128) {
      redirect(x, 301, base + "ripe/ip/" + address);
    } else {
      json(x, 200, fixture("arin-198.51.100.0.json"));
    }
  }

  private void odd(HttpExchange x, String address) throws IOException {
    switch (lastOctet(address)) {
      case 4 -> json(x, 404, "{\"errorCode\": 404, \"title\": \"Not Found\", \"description\": [\"no network\"]}");
      case 29 -> {
        x.getResponseHeaders().set("Retry-After", "120");
        json(x, 429, "{\"errorCode\": 429, \"title\": \"Too Many Requests\"}");
      }
      case 30 -> {
        x.getResponseHeaders().set("Retry-After", "Sun, 01 Mar 2026 12:05:00 GMT");
        json(x, 429, "{\"errorCode\": 429, \"title\": \"Too Many Requests\"}");
      }
      case 50 -> send(x, 502, "text/html; charset=utf-8", fixture("error-page.html"));
      case 51 -> send(x, 200, "text/html; charset=utf-8", fixture("error-page.html"));
      case 8 -> {
        try {
          closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        json(x, 200, fixture("no-abuse.json"));
      }
      case 10 -> json(x, 200, fixture("entity-loop.json"));
      case 20 -> json(x, 200, fixture("linked-abuse.json"));
      case 21 -> json(x, 200, fixture("offsite-link.json"));
      case 40 -> json(x, 200, fixture("no-abuse.json"));
      case 99 -> redirect(x, 302, base + "odd/ip/" + address);
      case 100 -> json(x, 200, "{\"objectClassName\": \"entity\", \"handle\": \"X\"}");
      default -> notFound(x);
    }
  }

  private static int lastOctet(String address) {
    int dot = address.lastIndexOf('.');
    try {
      return dot < 0 ? -1 : Integer.parseInt(address.substring(dot + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void redirect(HttpExchange x, int status, String to) throws IOException {
    x.getResponseHeaders().set("Location", to);
    x.sendResponseHeaders(status, -1);
  }

  private void notFound(HttpExchange x) throws IOException {
    json(x, 404, "{\"errorCode\": 404, \"title\": \"Not Found\"}");
  }

  private void json(HttpExchange x, int status, String body) throws IOException {
    send(x, status, "application/rdap+json", body);
  }

  private void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type);
    x.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  private String fixture(String name) {
    try (InputStream in = RdapServer.class.getResourceAsStream("/rdap/" + name)) {
      if (in == null) {
        throw new IllegalStateException("test fixture /rdap/" + name + " missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{BASE}}", base)
          .replace("{{ELSEWHERE}}", base.replace("127.0.0.1", "localhost"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
