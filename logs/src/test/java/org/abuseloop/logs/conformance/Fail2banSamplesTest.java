package org.abuseloop.logs.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading fail2ban sample annotations: filter runs, constraints, expected hosts. */
class Fail2banSamplesTest {

  @TempDir
  Path dir;

  @Test
  void readsFilterRunsConstraintsAndTheExpectedHostUnderItsThreeNames() throws IOException {
    Path file = dir.resolve("svc");
    Files.writeString(file, String.join("\n",
        "# fileOptions: {\"test.condition\":\"name=='svc'\"}",
        "# failJSON: { \"match\": true, \"host\": \"192.0.2.1\" }",
        "line one",
        "# filterOptions: [{\"mode\": \"ddos\"}, {\"mode\": \"aggressive\"}]",
        "# failJSON: { \"match\": true, \"ip4\": \"192.0.2.2\", \"constraint\": \"opts.get('mode') != 'aggressive'\" }",
        "line two",
        "# failJSON: { \"match\": false, \"ip6\": \"2001:db8::1\" }",
        "line three"));
    List<Fail2banSample> samples = Fail2banSamples.read(file);
    assertThat(samples).extracting(Fail2banSample::host).containsExactly("192.0.2.1", "192.0.2.2", "2001:db8::1");
    assertThat(samples.get(0).runs()).containsExactly(new Fail2banSample.Run("", "name=='svc'"));
    assertThat(samples.get(1).runs()).extracting(Fail2banSample.Run::mode).containsExactly("ddos", "aggressive");
    assertThat(samples.get(1).runs()).allMatch(r -> "name=='svc'".equals(r.condition()));
    assertThat(samples.get(1).constraint()).isEqualTo("opts.get('mode') != 'aggressive'");
  }

  @Test
  void evaluatesFail2bansSimpleConditions() {
    assertThat(Fail2banCheck.holds(null, "sshd", "normal")).isTrue();
    assertThat(Fail2banCheck.holds("name=='sshd'", "sshd", "normal")).isTrue();
    assertThat(Fail2banCheck.holds("name == 'sshd'", "dropbear", "normal")).isFalse();
    assertThat(Fail2banCheck.holds("opts.get('mode') != 'aggressive'", "sshd", "aggressive")).isFalse();
    assertThat(Fail2banCheck.holds("name=='sshd' and opts.get('mode') == 'ddos'", "sshd", "ddos")).isTrue();
    assertThatThrownBy(() -> Fail2banCheck.holds("len(x) > 2", "sshd", "normal")).isInstanceOf(IllegalArgumentException.class);
  }
}
