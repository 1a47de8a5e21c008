package org.abuseloop.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads JSON text into Jackson's tree, node for node what {@code new ObjectMapper().readTree(text)} gives
 * (the same parser and its limits, ints, longs and big integers as such, other numbers as doubles, the
 * last of repeated keys), without building an {@code ObjectMapper}: its data-binding set-up costs a cold
 * JVM about 0.3 s of CPU, more than reading the bundled range excerpt, before {@code analyze --ranges}
 * can look at its first line. Stateless and thread-safe.
 */
final class JsonTree {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTree() {}

  /** The tree of the first JSON value in {@code text} (what follows it is not read, as readTree). */
  static JsonNode read(String text) throws JsonProcessingException {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      return t == null ? NODES.missingNode() : value(p, t);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a String source has no I/O of its own
    }
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        // nextFieldName, as Jackson's tree deserializer reads objects: it parses the value after the name
        // on its own path, whose error messages differ from nextToken's
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          o.replace(name, value(p, p.nextToken()));
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          a.add(value(p, v));
        }
        return a;
      }
      case VALUE_STRING -> {
        return NODES.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT -> NODES.numberNode(p.getIntValue());
          case LONG -> NODES.numberNode(p.getLongValue());
          default -> NODES.numberNode(p.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(p.getDoubleValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IllegalStateException("unexpected token " + t);
    }
  }
}
