package org.abuseloop.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The X-ARF v4 schemas of the shared corpus ({@code xarf/schemas/v4}), loaded by networknt's validator
 * with format assertions on, the schemas' https ids mapped to the corpus files. Without the corpus the
 * tests that use it are skipped loudly, or fail under {@code -Dabuseloop.requireCorpus=true} or CI (the
 * same rule as the logs module's {@code Corpus}, which this module may not depend on). Thread-safe:
 * static methods, each call builds its own schema.
 */
public final class XarfSchemas {

  private static final String ID_PREFIX = "https://xarf.org/schemas/v4/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private XarfSchemas() {}

  public static Path dir() {
    Path p = Path.of(System.getProperty("abuseloop.corpus", "../../shared/corpus")).toAbsolutePath().normalize()
        .resolve("xarf/schemas/v4");
    boolean present = Files.isDirectory(p);
    if (!present && (Boolean.getBoolean("abuseloop.requireCorpus") || "true".equals(System.getenv("CI")))) {
      throw new IllegalStateException("the shared corpus is required but the X-ARF schemas are missing at " + p);
    }
    assumeTrue(present, "X-ARF schemas not found at " + p + " (schema tests skipped)");
    return p;
  }

  /** The schema at {@code relative} (e.g. {@code xarf-v4-master.json}), its $refs resolved in the corpus. */
  public static JsonSchema schema(String relative) {
    String base = dir().toUri().toString();
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        b -> b.schemaMappers(m -> m.mapPrefix(ID_PREFIX, base)));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return factory.getSchema(SchemaLocation.of(ID_PREFIX + relative), config);
  }

  /** The problems {@code schema} finds in {@code json}, one per line; empty when it is valid. */
  public static String problems(JsonSchema schema, String json) throws Exception {
    JsonNode node = JSON.readTree(json);
    Set<ValidationMessage> messages = schema.validate(node);
    return messages.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n"));
  }
}
