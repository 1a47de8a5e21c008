package org.abuseloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** Checks the YAML paths and positions that configuration problems name. */
class YamlPositionTest {

  @Test
  void namesAKeyInsideAListItemAndWhereItStands() throws Exception {
    String yaml = "scenarios:\n  - id: a\n  - id: b\n    match: x\n";
    try (JsonParser p = YAMLFactory.builder().build().createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && p.currentName().equals("match")) {
          assertThat(YamlPosition.path(p.getParsingContext())).isEqualTo("scenarios[1].match");
          assertThat(YamlPosition.at(p.currentTokenLocation())).isEqualTo(" (line 4, column 5)");
          return;
        }
      }
    }
    throw new AssertionError("no match key seen");
  }

  @Test
  void anUnknownLocationAddsNothing() {
    assertThat(YamlPosition.at(null)).isEmpty();
  }
}
