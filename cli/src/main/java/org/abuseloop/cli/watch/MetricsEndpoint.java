package org.abuseloop.cli.watch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves {@link WatchMetrics} on {@code GET /metrics} for Prometheus through the JDK's own HTTP server
 * (no web framework for one read-only page), bound to loopback unless configured otherwise.
 * Thread-safe: one daemon thread answers requests; {@link #close()} stops it.
 */
public final class MetricsEndpoint implements AutoCloseable {

  /** The port used when the configuration names none. */
  public static final int DEFAULT_PORT = 9464;

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Serves on 127.0.0.1:{@code port}; port 0 takes any free one (see {@link #address()}). */
  public static MetricsEndpoint onLoopback(WatchMetrics metrics, int port) throws IOException {
    return start(metrics, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
  }

  /** Serves on {@code address}. */
  public static MetricsEndpoint start(WatchMetrics metrics, InetSocketAddress address) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "abuseloop-metrics");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> answer(exchange, metrics));
    server.createContext("/", exchange -> reply(exchange, 404, "not found: try /metrics\n"));
    server.start();
    return new MetricsEndpoint(server, executor);
  }

  /** The address actually bound, with the chosen port when 0 was asked for. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void answer(HttpExchange exchange, WatchMetrics metrics) throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      reply(exchange, 405, "only GET\n");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    if (method.equals("HEAD")) {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void reply(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
