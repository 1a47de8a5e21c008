package org.abuseloop.logs.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;
import org.abuseloop.logs.LogParser;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.ParserCatalog;
import org.abuseloop.logs.ServiceParser;

/**
 * Reading the client from the end of the message ({@link AuthLogTail#find}) names the same client,
 * port and user end as trying every {@code " from "} in turn ({@link AuthLogTail#everyCandidate}),
 * on tails built from sshd's words, addresses, key info and user names that imitate them.
 */
class AuthLogTailProperties {

  private static final List<String> PIECES = List.of(
      "root", "admin x", " from ", "from ", " from 203.0.113.9", " port ", "port 22", " port 0", " port 65536", " ssh2",
      " ssh", "ssh2", " ssh22", "2", ": ", ":", " RSA SHA256:abc", " ED25519 SHA256:def, client user \"bob\"", " ruser bob",
      "203.0.113.9", "198.51.100.7", "2001:db8::9", "2001:db8::", "host.example.org", "peer", " ", "  ", "1", "22");

  private static final List<String> TAILS = List.of(
      " from 198.51.100.7 port 4242 ssh2", " from 198.51.100.7 port 4242", " from 198.51.100.7", " from host.example.org port 22 ssh2",
      " from 2001:db8::9 port 22 ssh2: RSA SHA256:abc", " from 198.51.100.7 port 22 ssh2: ED25519 SHA256:x, client user \"y\"",
      " from 198.51.100.7 port 22 ssh1: ruser z", " from 198.51.100.7 port 4242 ssh", "");

  @Property(tries = 2000)
  void fromTheEndAgreesWithEveryCandidate(@ForAll("messages") String message) throws IOException {
    List<String> disagreements = new ArrayList<>();
    List<Boolean> found = new ArrayList<>();
    ServiceParser probe = new ServiceParser() {
      @Override
      public Service service() {
        return Service.SSHD;
      }

      @Override
      public List<Family> families() {
        return List.of();
      }

      @Override
      public Event parse(Message m) {
        AuthLogTail fast = AuthLogTail.find(m, m.start(), m.end());
        AuthLogTail slow = AuthLogTail.everyCandidate(m, m.start(), m.end());
        found.add(slow != null);
        if (!same(fast, slow)) {
          disagreements.add(m.toString() + ": " + describe(fast) + " vs " + describe(slow));
        }
        return null;
      }
    };
    byte[] line = ("Mar 11 00:00:00 gw1 sshd[7]: " + message).getBytes(StandardCharsets.UTF_8);
    new LogParser(new ParserCatalog(List.of(probe)), ZoneOffset.UTC, null)
        .parse("t", new ByteArrayInputStream(line), Instant.parse("2024-03-12T00:00:00Z"), e -> { });
    Statistics.label("a client found").collect(found.contains(true));
    assertThat(disagreements).isEmpty();
  }

  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> user = Arbitraries.of(PIECES).list().ofMaxSize(6).map(p -> String.join("", p));
    return net.jqwik.api.Combinators.combine(user, Arbitraries.of(TAILS), Arbitraries.of(PIECES).list().ofMaxSize(2).map(p -> String.join("", p)),
            Arbitraries.of(true, false))
        .as((u, t, extra, withExtra) -> "x" + u + t + (withExtra ? extra : ""));
  }

  private static boolean same(AuthLogTail a, AuthLogTail b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.userEnd == b.userEnd && a.port == b.port && a.source.equals(b.source);
  }

  private static String describe(AuthLogTail t) {
    return t == null ? "none" : t.source + " port " + t.port + " user end " + t.userEnd;
  }
}
