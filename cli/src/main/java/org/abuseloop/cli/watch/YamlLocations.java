package org.abuseloop.cli.watch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.abuseloop.detect.YamlPosition;

/**
 * Where each key and list item of a YAML document starts, by path ({@code bans.factor},
 * {@code sources[1].path}), so that a value found bad after binding can still be reported at its
 * line and column. Immutable once built and thread-safe.
 */
public final class YamlLocations {

  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private final Map<String, JsonLocation> locations;

  private YamlLocations(Map<String, JsonLocation> locations) {
    this.locations = locations;
  }

  /** Walks the tokens of {@code yaml}; a document that does not parse gives what was seen before the error. */
  public static YamlLocations of(String yaml) {
    Map<String, JsonLocation> found = new HashMap<>();
    try (JsonParser p = YAML.createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        JsonStreamContext ctx = p.getParsingContext();
        if (t == JsonToken.FIELD_NAME) {
          found.putIfAbsent(YamlPosition.path(ctx), p.currentTokenLocation());
        } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
          JsonStreamContext holder = t.isStructStart() ? ctx.getParent() : ctx;
          if (holder != null && holder.inArray()) {
            found.putIfAbsent(YamlPosition.path(holder), p.currentTokenLocation());
          }
        }
      }
    } catch (IOException e) {
      // The reader reports the syntax error itself; keep the locations read so far.
    }
    return new YamlLocations(found);
  }

  /** {@code " (line L, column C)"} for the path or its nearest located parent, else empty. */
  public String at(String path) {
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      JsonLocation loc = locations.get(p);
      if (loc != null) {
        return YamlPosition.at(loc);
      }
    }
    return "";
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }

}
