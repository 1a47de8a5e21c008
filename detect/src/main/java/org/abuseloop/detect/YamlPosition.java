package org.abuseloop.detect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayList;
import java.util.List;

/**
 * How a configuration problem names its place in a YAML document: the path of a key or list item
 * ({@code scenarios[2].match}) and the line and column; shared by the detection configuration and
 * cli's watch configuration. Stateless and thread-safe.
 */
public final class YamlPosition {

  private YamlPosition() {}

  /** The path of the current key or item of a parsing context: {@code sources[2].service}. */
  public static String path(JsonStreamContext ctx) {
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

  /** {@code " (line L, column C)"}, or nothing when the location is unknown. */
  public static String at(JsonLocation loc) {
    return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
