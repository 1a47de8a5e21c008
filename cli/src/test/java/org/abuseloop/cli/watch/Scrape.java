package org.abuseloop.cli.watch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Prints the body of one HTTP GET on loopback; run inside a test network namespace (as
 * {@code ip netns exec NS java ... Scrape URL}) to read a watch process's metrics there. Stateless.
 */
final class Scrape {

  private Scrape() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    if (!uri.getHost().equals("127.0.0.1")) {
      throw new IllegalArgumentException("loopback only: " + uri);
    }
    HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    System.out.print(r.statusCode() + "\n" + r.body());
  }
}
