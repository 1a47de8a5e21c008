package org.abuseloop.intel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches the providers' range files into a folder ({@code abuseloop ranges update}): each file is
 * downloaded beside its target under a hidden name, read back as a range feed of the expected
 * provider, and only then moved over the old one, so a failed or garbled download never replaces a
 * good file. Thread-safe (the JDK's HttpClient is); one update per folder at a time.
 */
public final class RangeUpdater {

  /** Larger than any provider's file today (Azure's is about 4 MiB). */
  static final long MAX_BYTES = 64L << 20;

  /** Azure's download page links to the week's file, e.g. {@code ServiceTags_Public_20250721.json}. */
  private static final Pattern AZURE_LINK = Pattern.compile("href=\"([^\"]*ServiceTags_Public_\\d{8}\\.json)\"");

  private final HttpClient client;
  private final Duration timeout;

  public RangeUpdater(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** An updater with a 20 s connect and 120 s request timeout that follows redirects except to plain http. */
  public static RangeUpdater standard() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    return new RangeUpdater(client, Duration.ofSeconds(120));
  }

  /** Fetches every source into {@code dir} (created if needed); one failure does not stop the others. */
  public List<RangeUpdate> update(Path dir, List<RangeSource> sources) throws IOException {
    Files.createDirectories(dir);
    List<RangeUpdate> out = new ArrayList<>(sources.size());
    for (RangeSource s : sources) {
      out.add(update(dir, s));
    }
    return out;
  }

  private RangeUpdate update(Path dir, RangeSource source) {
    Path target = dir.resolve(source.fileName());
    Path part = dir.resolve("." + source.fileName() + ".part");
    try {
      URI uri = source.viaDownloadPage() ? linkedFile(source.uri()) : source.uri();
      Files.write(part, fetch(uri));
      RangeFile read = RangeFile.read(part);
      if (read.provider() != source.provider()) {
        throw new IOException("expected " + source.provider().id() + " ranges, got a " + read.format().description());
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new RangeUpdate(source, target, read.ranges().size(), null);
    } catch (IOException e) {
      return new RangeUpdate(source, target, -1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RangeUpdate(source, target, -1, "interrupted");
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // A stray hidden .part file is skipped by RangeDirectory and overwritten next time.
      }
    }
  }

  /** Finds the current file's address on a download page (a one-off scan of HTML, not a hot path). */
  private URI linkedFile(URI page) throws IOException, InterruptedException {
    String html = new String(fetch(page), StandardCharsets.UTF_8);
    Matcher m = AZURE_LINK.matcher(html);
    if (!m.find()) {
      throw new IOException(page + ": no link to a ServiceTags_Public_YYYYMMDD.json file on the page");
    }
    URI file = page.resolve(m.group(1).replace("&amp;", "&"));
    if (!RangeSource.isAllowed(file)) {
      throw new IOException(page + ": refusing the linked file " + file + " (not https)");
    }
    return file;
  }

  private byte[] fetch(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("User-Agent", "abuseloop range update").GET().build();
    HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(uri + ": HTTP " + response.statusCode());
      }
      if (!RangeSource.isAllowed(response.uri())) {
        throw new IOException(uri + ": redirected to " + response.uri() + " (not https)");
      }
      byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(uri + ": larger than " + (MAX_BYTES >> 20) + " MiB, refused");
      }
      return bytes;
    }
  }
}
