package org.abuseloop.intel;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One provider's range file, read: its format (recognised by content), its provider and its
 * entries in file order. Immutable and thread-safe.
 *
 * @param path the file read
 * @param format the format found in it
 * @param provider whose ranges they are
 * @param ranges the entries as published (same prefix listed twice stays twice)
 */
public record RangeFile(Path path, RangeFormat format, Provider provider, List<ProviderRange> ranges) {

  private static final int SNIFF = 8192;

  public RangeFile {
    ranges = List.copyOf(ranges);
  }

  /**
   * Reads a range file of any {@link RangeFormat}. JSON formats are told apart by their members;
   * line formats by their first data line; a geofeed or CIDR list takes its provider from the file
   * name, which must contain exactly one provider id.
   *
   * @throws RangeFileException naming the file and the line or JSON path of the first problem
   * @throws IOException when the file cannot be read
   */
  public static RangeFile read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int start = bomLength(bytes);
    checkText(file, bytes);
    int first = start;
    while (first < bytes.length && Character.isWhitespace(bytes[first])) {
      first++;
    }
    if (first == bytes.length) {
      throw new RangeFileException(file, null, "empty file: no ranges");
    }
    String text = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    return bytes[first] == '{' ? readJson(file, text) : readLines(file, text);
  }

  private static RangeFile readJson(Path file, String text) throws RangeFileException {
    JsonNode node;
    try {
      node = JsonTree.read(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new RangeFileException(file, where, "malformed JSON: " + e.getOriginalMessage(), e);
    }
    JsonCursor root = JsonCursor.root(file, node);
    RangeFormat format = JsonFormats.detect(root);
    List<ProviderRange> ranges = switch (format) {
      case AWS_JSON -> AwsFeed.read(root);
      case AZURE_SERVICE_TAGS -> AzureFeed.read(root);
      case GCP_CLOUD_JSON -> GcpFeed.read(root);
      case ORACLE_JSON -> OracleFeed.read(root);
      case CLOUDFLARE_JSON -> CloudflareFeed.read(root);
      default -> throw new IllegalStateException(format.name());
    };
    return new RangeFile(file, format, format.provider(), ranges);
  }

  private static RangeFile readLines(Path file, String text) throws RangeFileException {
    String[] lines = text.split("\n", -1);
    RangeFormat format = TextFeed.detect(lines);
    if (format == null) {
      throw new RangeFileException(file, null, "only comments: no ranges");
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    Provider provider = Provider.namedIn(name).orElseThrow(() -> new RangeFileException(file, null,
        "looks like a " + format.description() + ", which does not say whose ranges it holds: put exactly one provider id ("
            + Arrays.stream(Provider.values()).map(Provider::id).collect(Collectors.joining(", ")) + ") in the file name"));
    return new RangeFile(file, format, provider, TextFeed.read(file, lines, format, provider));
  }

  private static int bomLength(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
  }

  private static void checkText(Path file, byte[] b) throws RangeFileException {
    if (b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B) {
      throw new RangeFileException(file, null, "gzip-compressed: unpack it first");
    }
    for (int i = 0; i < Math.min(b.length, SNIFF); i++) {
      if (b[i] == 0) {
        throw new RangeFileException(file, null, "binary content (NUL byte at offset " + i + "): not a range feed");
      }
    }
  }
}
