package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Jackson-free reading of the bundled scenarios: equal to Jackson's, and null outside its subset. */
class PlainYamlTest {

  private static String bundled() throws IOException {
    try (InputStream in = DetectionConfig.class.getResourceAsStream(DetectionConfig.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheBundledFileAsJacksonDoes() throws IOException {
    String yaml = bundled();
    RawConfig plain = PlainYaml.read(yaml);
    assertThat(plain).isNotNull();
    assertThat(plain).isEqualTo(new YAMLMapper().readValue(yaml, RawConfig.class));
    assertThat(plain.scenarios()).hasSizeGreaterThan(10);
    assertThat(plain.scenarios().get(0).description()).contains("SSH password guessing: 5 failed logins").doesNotContain("\n");
  }

  @Test
  void theDefaultsEqualTheJacksonReadingOfTheSameText() throws IOException {
    assertThat(DetectionConfig.defaults()).isEqualTo(DetectionConfig.parse(bundled(), "bundled"));
  }

  @Test
  void readsEveryConstructOfItsSubset() throws IOException {
    String yaml = """
        # comment
        settings:
          maxKeys: 7
          prefix: {ipv4: 16, ipv6: 48}
          allow: []
          includePrivate: true
        scenarios:
          - id: one two
            description: >-
              first line
              second line

            type: threshold
            match:
              kinds: [auth-failure, UNKNOWN_USER]
            count: 0
            window: 10m
        """;
    RawConfig plain = PlainYaml.read(yaml);
    assertThat(plain).isNotNull().isEqualTo(new YAMLMapper().readValue(yaml, RawConfig.class));
    assertThat(plain.scenarios().get(0).description()).isEqualTo("first line second line");
    assertThat(plain.settings().prefix().ipv6()).isEqualTo(48);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "scenarios:\n  - id: a\n    count: 010\n",          // YAML 1.1 octal
      "scenarios:\n  - id: yes\n",                        // a boolean, not a word
      "scenarios:\n  - id: 'a'\n",                        // quoted
      "scenarios:\n  - id: a # note\n",                   // trailing comment
      "scenarios:\n  - id: a\n    id: b\n",               // repeated key
      "scenarios:\n  - id: a\n    colour: red\n",         // unknown key
      "scenarios:\n- id: a\n",                            // sequence at the key's indentation
      "scenarios:\n  - id: a\n    description: >-\n      one\n\n      two\n", // kept line break
      "scenarios:\n  - id: a\n    description: |\n      one\n",             // literal text
      "settings:\n\tmaxKeys: 5\n",                        // tab
      "settings:\n  maxKeys: 1.5\n",                      // not an integer
      "settings:\n  includePrivate: yes\n",               // YAML 1.1 boolean
      "settings:\n  allow: [203.0.113.0/24]\n",           // an address is not a plain word
      "",                                                 // empty
  })
  void leavesEverythingElseToJackson(String yaml) {
    assertThat(PlainYaml.read(yaml)).isNull();
  }
}
