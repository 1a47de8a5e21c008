package org.abuseloop.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.IpPrefix;

/**
 * A position in a parsed JSON feed that knows its JSON path ({@code $.prefixes[3].ip_prefix}), so
 * that every complaint about a malformed entry names the file and the place. Immutable and
 * thread-safe; package-private, the feed readers' only view of JSON.
 */
final class JsonCursor {

  private final Path file;
  private final JsonNode node;
  private final String path;

  private JsonCursor(Path file, JsonNode node, String path) {
    this.file = file;
    this.node = node;
    this.path = path;
  }

  static JsonCursor root(Path file, JsonNode node) {
    return new JsonCursor(file, node, "$");
  }

  Path file() {
    return file;
  }

  boolean has(String name) {
    return node.has(name);
  }

  /** The object member {@code name}, which must exist and be an object. */
  JsonCursor object(String name) throws RangeFileException {
    JsonNode child = required(name);
    if (!child.isObject()) {
      throw at(name).error("expected an object");
    }
    return new JsonCursor(file, child, path + "." + name);
  }

  /** The elements of the array member {@code name}, which must exist and be an array. */
  List<JsonCursor> array(String name) throws RangeFileException {
    JsonNode child = required(name);
    if (!child.isArray()) {
      throw at(name).error("expected an array");
    }
    List<JsonCursor> out = new ArrayList<>(child.size());
    for (int i = 0; i < child.size(); i++) {
      out.add(new JsonCursor(file, child.get(i), path + "." + name + "[" + i + "]"));
    }
    return out;
  }

  /** Like {@link #array(String)}, but an absent or null member is an empty array. */
  List<JsonCursor> optionalArray(String name) throws RangeFileException {
    JsonNode child = node.get(name);
    return child == null || child.isNull() ? List.of() : array(name);
  }

  /** The string member {@code name}, which must exist and be a string (possibly empty). */
  String text(String name) throws RangeFileException {
    JsonNode child = required(name);
    if (!child.isTextual()) {
      throw at(name).error("expected a string, found " + child.getNodeType().name().toLowerCase());
    }
    return child.textValue();
  }

  /** The string member {@code name}, or null when it is absent or null. */
  String optionalText(String name) throws RangeFileException {
    JsonNode child = node.get(name);
    return child == null || child.isNull() ? null : text(name);
  }

  /** This node as a string (for arrays of strings). */
  String text() throws RangeFileException {
    if (!node.isTextual()) {
      throw error("expected a string, found " + node.getNodeType().name().toLowerCase());
    }
    return node.textValue();
  }

  /** The member {@code name} read as a CIDR prefix. */
  IpPrefix prefix(String name) throws RangeFileException {
    required(name);
    return at(name).prefix();
  }

  /** This node read as a CIDR prefix. */
  IpPrefix prefix() throws RangeFileException {
    String text = text();
    IpPrefix p = IpPrefix.parse(text.strip());
    if (p == null) {
      throw error("'" + FeedText.excerpt(text) + "' is not a CIDR prefix");
    }
    return p;
  }

  /** An exception naming the file and this node's path. */
  RangeFileException error(String problem) {
    return new RangeFileException(file, path, problem);
  }

  private JsonCursor at(String name) {
    JsonNode child = node.get(name);
    return new JsonCursor(file, child == null ? node : child, path + "." + name);
  }

  private JsonNode required(String name) throws RangeFileException {
    if (!node.isObject()) {
      throw error("expected an object");
    }
    JsonNode child = node.get(name);
    if (child == null || child.isNull()) {
      throw at(name).error("missing");
    }
    return child;
  }
}
