package org.abuseloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorTest {

  private static byte[] generate(String kind, long seed, int lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Generate.generator(kind, seed).write(lines, out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"asterisk", "sshd", "firewall"})
  void theSameSeedGivesTheSameBytes(String kind) throws IOException {
    assertThat(generate(kind, 42, 5_000)).isEqualTo(generate(kind, 42, 5_000));
  }

  @ParameterizedTest
  @ValueSource(strings = {"asterisk", "sshd", "firewall"})
  void anotherSeedGivesOtherBytes(String kind) throws IOException {
    assertThat(Arrays.equals(generate(kind, 42, 1_000), generate(kind, 43, 1_000))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"asterisk", "sshd", "firewall"})
  void writesExactlyTheLinesAskedForEachEndedByLf(String kind) throws IOException {
    String text = new String(generate(kind, 7, 12_345), StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    String[] lines = text.split("\n", -1);
    assertThat(lines).hasSize(12_346);
    assertThat(Arrays.stream(lines, 0, 12_345)).allSatisfy(l -> assertThat(l).isNotEmpty().doesNotContain("\r"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"asterisk", "sshd", "firewall"})
  void aLongerRunStartsWithTheShorterOne(String kind) throws IOException {
    byte[] small = generate(kind, 9, 1_000);
    byte[] large = generate(kind, 9, 3_000);
    assertThat(Arrays.copyOf(large, small.length)).isEqualTo(small);
  }

  @org.junit.jupiter.api.Test
  void sshdAttacksComeFromManyAttackersOfTheBenchmarkRanges() throws IOException {
    String text = new String(generate("sshd", Generate.DEFAULT_SEED, 200_000), StandardCharsets.UTF_8);
    Set<String> sources = new HashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:from|user \\S+|root|by) (\\S+) port").matcher(text);
    while (m.find()) {
      sources.add(m.group(1));
    }
    sources.removeIf(a -> a.startsWith("192.0.2."));
    assertThat(sources).allSatisfy(a -> assertThat(a).matches("198\\.1[89]\\..*|2001:db8:.*"));
    assertThat(sources.size()).isBetween(4_000, Generate.ATTACKERS);
  }

  @org.junit.jupiter.api.Test
  void asteriskLogIsAboutFourFifthsAttacks() throws IOException {
    String[] lines = new String(generate("asterisk", 1, 20_000), StandardCharsets.UTF_8).split("\n");
    long attacks = Arrays.stream(lines).filter(l -> l.contains("' failed for '") || l.contains("SecurityEvent=\"Invalid")
        || l.contains("SecurityEvent=\"ChallengeResponseFailed")).count();
    assertThat(attacks).isBetween(15_200L, 16_000L);
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("[2025-03-"));
  }

  @org.junit.jupiter.api.Test
  void firewallBreakdownCountsWhatWasWritten() throws IOException {
    FirewallLogGenerator g = new FirewallLogGenerator(5, 500);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    g.write(100_000, out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    FirewallBreakdown b = g.breakdown();
    assertThat(b.lines()).isEqualTo(lines.length);
    assertThat(b.denied()).isEqualTo(Arrays.stream(lines).filter(l -> l.contains(" SRC=")).count());
    assertThat(b.port("tcp/1080")).isEqualTo(Arrays.stream(lines).filter(l -> l.contains(" PROTO=TCP ") && l.contains(" DPT=1080 ")).count());
    assertThat(b.port("icmp")).isEqualTo(Arrays.stream(lines).filter(l -> l.contains(" PROTO=ICMP ")).count());
    assertThat((double) b.port("tcp/1080") / b.denied()).isBetween(0.34, 0.37);
    assertThat((double) b.focusTop(10) / b.port("tcp/1080")).isBetween(0.42, 0.46);
  }
}
