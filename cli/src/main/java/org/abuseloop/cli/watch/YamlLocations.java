package org.abuseloop.cli.watch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key and list item of a YAML document starts, by path ({@code bans.factor},
 * {@code sources[1].path}), so that a value found bad after binding can still be reported at its
 * line and column. Immutable once built and thread-safe.
 */
final class YamlLocations {

  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private final Map<String, JsonLocation> locations;

  private YamlLocations(Map<String, JsonLocation> locations) {
    this.locations = locations;
  }

  /** Walks the tokens of {@code yaml}; a document that does not parse gives what was seen before the error. */
  static YamlLocations of(String yaml) {
    Map<String, JsonLocation> found = new HashMap<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        JsonStreamContext ctx = p.getParsingContext();
        if (t == JsonToken.FIELD_NAME) {
          found.putIfAbsent(path(ctx), p.currentTokenLocation());
        } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
          JsonStreamContext holder = t.isStructStart() ? ctx.getParent() : ctx;
          if (holder != null && holder.inArray()) {
            found.putIfAbsent(path(holder), p.currentTokenLocation());
          }
        }
      }
    } catch (IOException e) {
      // The reader reports the syntax error itself; keep the locations read so far.
    }
    return new YamlLocations(found);
  }

  /** {@code " (line L, column C)"} for the path or its nearest located parent, else empty. */
  String at(String path) {
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      JsonLocation loc = locations.get(p);
      if (loc != null) {
        return text(loc);
      }
    }
    return "";
  }

  static String text(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** The path of the current key or item of a parsing context: {@code sources[2].service}. */
  static String path(JsonStreamContext ctx) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.add("." + c.getCurrentName());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      sb.append(parts.get(i));
    }
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }
}
