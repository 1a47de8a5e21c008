package org.abuseloop.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ObjectMapper-free tree reader gives the very tree {@code ObjectMapper.readTree} gives. */
class JsonTreeTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void givesReadTreesNodesForEveryKindOfValue() throws IOException {
    List<String> docs = List.of(
        "{\"prefixes\": [{\"ip_prefix\": \"192.0.2.0/24\", \"region\": \"eu-west-1\"}], \"syncToken\": \"1700000000\"}",
        "{\"i\": 7, \"l\": 12345678901, \"big\": 123456789012345678901234567890, \"d\": 1.5, \"e\": -2e10,"
            + " \"t\": true, \"f\": false, \"n\": null, \"s\": \"caf\\u00e9 \\\"q\\\"\", \"nested\": {\"a\": [[], {}, [1, [2]]]}}",
        "{\"dup\": 1, \"x\": 2, \"dup\": \"last\"}",
        "{\"a\": 1} trailing text is not read",
        "[1, 2.0, \"three\"]",
        "   ");
    for (String doc : docs) {
      assertThat(JsonTree.read(doc)).as(doc).isEqualTo(MAPPER.readTree(doc));
    }
    assertThat(JsonTree.read("{\"dup\": 1, \"x\": 2, \"dup\": 3}").fieldNames()).toIterable().containsExactly("dup", "x");
  }

  @Test
  void readsTheBundledFeedsAsReadTreeDoes() throws IOException {
    Path dir = Path.of("../examples/ranges");
    assertThat(dir).isDirectory();
    int json = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        String text = Files.readString(f);
        assertThat(JsonTree.read(text)).as(f.toString()).isEqualTo(MAPPER.readTree(text));
        json++;
      }
    }
    assertThat(json).isGreaterThanOrEqualTo(3);
  }

  @Test
  void malformedJsonFailsWithTheParsersMessageAndPlace() {
    for (String bad : List.of("{\"prefixes\": [\n  {\"ip_prefix\": }\n]}", "{\"a\": [1, }", "{\"a\" 1}", "{\"a\": tru}",
        "{\"a\": \"open", "{\"a\": 1,, \"b\": 2}", "{\"a\": [1 2]}")) {
      failsAsReadTree(bad);
    }
  }

  private static void failsAsReadTree(String bad) {
    assertThatThrownBy(() -> JsonTree.read(bad)).isInstanceOf(JsonProcessingException.class)
        .satisfies(e -> {
          JsonProcessingException ours = (JsonProcessingException) e;
          try {
            MAPPER.readTree(bad);
          } catch (JsonProcessingException theirs) {
            assertThat(ours.getOriginalMessage()).as(bad).isEqualTo(theirs.getOriginalMessage());
            assertThat(ours.getLocation().getLineNr()).isEqualTo(theirs.getLocation().getLineNr());
            assertThat(ours.getLocation().getColumnNr()).isEqualTo(theirs.getLocation().getColumnNr());
            return;
          }
          throw new AssertionError("readTree accepted " + bad);
        });
  }
}
