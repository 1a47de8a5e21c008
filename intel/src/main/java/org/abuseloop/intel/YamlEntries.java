package org.abuseloop.intel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the one shape both contact tables have, a YAML mapping with one list of flat entries
 * ({@code key: [ {field: scalar | [scalars]}, ... ]}), keeping the line of every field so that a
 * bad value is reported as {@code file:line: field}. Stateless and thread-safe.
 *
 * <p>Streams tokens instead of binding to records because Jackson's data binding forgets where a
 * value was once it is bound, and the operator needs the line.
 */
final class YamlEntries {

  private static final YAMLFactory YAML = new YAMLFactory();

  /** One field of an entry with its line: a value, or a list of values. Immutable. */
  record Field(String name, int line, String value, List<String> values) {}

  /** One entry of the list with the line it starts on and its fields. Immutable. */
  record Entry(String origin, int line, Map<String, Field> fields) {

    /** The field's text, or null when absent or empty. */
    String text(String name) {
      Field f = fields.get(name);
      if (f == null) {
        return null;
      }
      if (f.values() != null) {
        throw error(name, "expected one value, got a list");
      }
      return f.value() == null || f.value().isBlank() ? null : f.value().strip();
    }

    /** The field's list (a single value counts as a list of one); empty when absent. */
    List<String> list(String name) {
      Field f = fields.get(name);
      if (f == null || (f.values() == null && (f.value() == null || f.value().isBlank()))) {
        return List.of();
      }
      return f.values() != null ? f.values() : List.of(f.value().strip());
    }

    /** An error at this field's line (or the entry's when it is absent). */
    ContactTableException error(String name, String problem) {
      Field f = fields.get(name);
      return new ContactTableException(origin, f == null ? line : f.line(), name, problem);
    }

    /** Fails on any field not in {@code known}. */
    void onlyFields(Set<String> known) {
      for (Field f : fields.values()) {
        if (!known.contains(f.name())) {
          throw new ContactTableException(origin, f.line(), f.name(), "unknown field (known: "
              + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      }
    }
  }

  private YamlEntries() {}

  /** The entries of the list under {@code key}; an empty document has none. */
  static List<Entry> read(Reader text, String origin, String key) {
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return List.of();
      }
      expect(p, t == JsonToken.START_OBJECT, origin, null, "expected a mapping with '" + key + ":'");
      List<Entry> entries = List.of();
      boolean seen = false;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int line = line(p.currentTokenLocation());
        if (!name.equals(key)) {
          throw new ContactTableException(origin, line, name, "unknown key (expected only '" + key + "')");
        }
        if (seen) {
          throw new ContactTableException(origin, line, name, "appears twice");
        }
        seen = true;
        t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        expect(p, t == JsonToken.START_ARRAY, origin, key, "expected a list of entries");
        entries = entries(p, origin);
      }
      return entries;
    } catch (IOException e) {
      JsonLocation at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ContactTableException(origin, at == null ? 0 : line(at), null, "not readable YAML: " + message);
    }
  }

  private static List<Entry> entries(JsonParser p, String origin) throws IOException {
    List<Entry> entries = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      int line = line(p.currentTokenLocation());
      expect(p, t == JsonToken.START_OBJECT, origin, null, "each entry must be a mapping of fields");
      Map<String, Field> fields = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int fieldLine = line(p.currentTokenLocation());
        if (fields.containsKey(name)) {
          throw new ContactTableException(origin, fieldLine, name, "appears twice in one entry");
        }
        fields.put(name, field(p, origin, name, fieldLine));
      }
      entries.add(new Entry(origin, line, Collections.unmodifiableMap(fields)));
    }
    return entries;
  }

  private static Field field(JsonParser p, String origin, String name, int line) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_ARRAY) {
      List<String> values = new ArrayList<>();
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(p, t.isScalarValue(), origin, name, "a list of plain values only");
        values.add(p.getText());
      }
      return new Field(name, line, null, List.copyOf(values));
    }
    expect(p, t.isScalarValue(), origin, name, "expected a plain value or a list, not a mapping");
    return new Field(name, line, t == JsonToken.VALUE_NULL ? null : p.getText(), null);
  }

  private static void expect(JsonParser p, boolean ok, String origin, String field, String problem) {
    if (!ok) {
      throw new ContactTableException(origin, line(p.currentTokenLocation()), field, problem);
    }
  }

  private static int line(JsonLocation at) {
    return at == null || at.getLineNr() < 0 ? 0 : at.getLineNr();
  }
}
