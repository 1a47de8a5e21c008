package org.abuseloop.logs.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.abuseloop.logs.mail.DovecotParser;
import org.abuseloop.logs.sip.AsteriskFamilies;

/**
 * Whatever mix of lines a source causes, folding keeps at least as many events as it wrote lines of
 * any one family (so a forged partner line cannot hide a real attempt), loses no line without
 * counting it, decides the same in both modes, and hands events on in their order.
 */
class SameAttemptPropertiesTest {

  private static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");
  private static final List<Family> FAMILIES = List.of(
      AsteriskFamilies.SIP_WRONG_PASSWORD, AsteriskFamilies.SECURITY_INVALID_PASSWORD, AsteriskFamilies.SECURITY_CHALLENGE_FAILED,
      AsteriskFamilies.PJSIP_AUTH_FAILED, AsteriskFamilies.AMI_AUTH_FAILED, AsteriskFamilies.AMI_UNKNOWN_USER,
      AsteriskFamilies.SECURITY_INVALID_ACCOUNT, AsteriskFamilies.SIP_HACKING_ATTEMPT,
      DovecotParser.PASSWORD_MISMATCH, DovecotParser.LOGIN_AUTH_FAILED, DovecotParser.PAM_FAILURE);

  @Provide
  Arbitrary<List<Event>> streams() {
    // millis step, family, source, port choice, user choice
    Arbitrary<int[]> one = Arbitraries.integers().between(0, 1_000_000).map(code -> new int[] {
        code % 1500, (code / 1500) % FAMILIES.size(), (code / 16_500) % 3, (code / 49_500) % 3, (code / 148_500) % 2});
    return one.list().ofMaxSize(150).map(codes -> {
      List<Event> out = new ArrayList<>();
      Instant t = T0;
      for (int[] c : codes) {
        t = t.plusMillis(c[0]);
        out.add(event(t, FAMILIES.get(c[1]), c[2], c[3] == 0 ? 0 : 5060 + c[3], c[4] == 0 ? null : "user" + c[2]));
      }
      return out;
    });
  }

  private static Event event(Instant t, Family f, int source, int port, String user) {
    return new Event(t, ZoneOffset.UTC, IpAddress.parse("203.0.113." + (1 + source)), null, port, null, 0,
        Protocol.UNKNOWN, f, user, new Origin("test", 1, 0));
  }

  @Property(tries = 400)
  void neverBelowTheLinesOfOneFamilyNeverSilentAndTheSameInBothModes(@ForAll("streams") List<Event> stream) {
    SameAttempt held = new SameAttempt(Duration.ofSeconds(2));
    List<Event> kept = new ArrayList<>();
    stream.forEach(e -> held.accept(e, kept::add));
    held.flush(kept::add);

    SameAttempt live = new SameAttempt(Duration.ZERO);
    long liveKept = stream.stream().filter(e -> !live.corroborates(e)).count();

    assertThat(kept.size() + held.folded()).isEqualTo(stream.size());
    assertThat((long) kept.size()).isEqualTo(liveKept);
    assertThat(live.folded()).isEqualTo(held.folded());
    // In order, except that a richer partner takes its first line's place: at most the hold earlier.
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.get(i).time()).isAfterOrEqualTo(kept.get(i - 1).time().minus(Duration.ofSeconds(2)));
    }

    Map<String, Integer> perFamily = new HashMap<>();
    Map<String, Integer> perSource = new HashMap<>();
    for (Event e : stream) {
      perFamily.merge(e.sourceText() + " " + e.family().id(), 1, Integer::sum);
    }
    for (Event e : kept) {
      perSource.merge(e.sourceText(), 1, Integer::sum);
    }
    perFamily.forEach((key, n) -> assertThat(perSource.getOrDefault(key.substring(0, key.indexOf(' ')), 0)).as(key).isGreaterThanOrEqualTo(n));
  }
}
