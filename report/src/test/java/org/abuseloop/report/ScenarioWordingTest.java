package org.abuseloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.abuseloop.core.EventKind;
import org.junit.jupiter.api.Test;

class ScenarioWordingTest {

  // The detect module's defaults, read from the source tree: this module may not depend on detect.
  private static final Path DEFAULTS = Path.of("../detect/src/main/resources/org/abuseloop/detect/default-scenarios.yaml");

  @Test
  void everyDefaultScenarioHasItsOwnSentenceAndTheTestsCoverIt() throws Exception {
    List<String> ids = Files.readAllLines(DEFAULTS).stream().filter(l -> l.startsWith("  - id: "))
        .map(l -> l.substring("  - id: ".length()).strip()).toList();

    assertThat(ids).hasSizeGreaterThan(10);
    for (String id : ids) {
      assertThat(ScenarioWording.of(id, Set.of()).sentence()).as(id).doesNotContain("detection rule").endsWith(".");
    }
    assertThat(Incidents.DEFAULTS).extracting(Incidents.Kind::scenario).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void anUnknownScenarioGetsAGenericSentenceChosenByItsKinds() {
    assertThat(ScenarioWording.of("rdp-bf", Set.of(EventKind.AUTH_FAILURE)).type()).isEqualTo(XarfType.LOGIN_ATTACK);
    assertThat(ScenarioWording.of("fw-x", Set.of(EventKind.CONNECTION_DENIED)).type()).isEqualTo(XarfType.PORT_SCAN);
    assertThat(ScenarioWording.of("odd", Set.of(EventKind.SPAM_REJECT)).type()).isEqualTo(XarfType.RECONNAISSANCE);
    assertThat(ScenarioWording.of("rdp-bf", Set.of()).sentence()).contains("'rdp-bf'");
  }
}
