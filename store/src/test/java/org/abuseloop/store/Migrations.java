package org.abuseloop.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The versions of the migrations the store ships ({@code V<n>__*.sql} in {@code db/migration}, the
 * portable ones, and in {@code db/sqlite} and {@code db/postgresql}, which must hold the same
 * versions), so that schema tests need no edit when a migration is added. Stateless and thread-safe.
 */
final class Migrations {

  private Migrations() {}

  /** The versions in ascending order, as Flyway writes them ({@code "1"}, {@code "3"}). */
  static List<String> versions() {
    List<String> own = versions("sqlite");
    if (!own.equals(versions("postgresql"))) {
      throw new IllegalStateException("db/sqlite and db/postgresql hold different versions: " + own + " vs " + versions("postgresql"));
    }
    List<String> all = new ArrayList<>(versions("migration"));
    all.addAll(own);
    all.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    return all;
  }

  /** The versions in {@code db/FOLDER}. */
  private static List<String> versions(String folder) {
    try {
      URI dir = Store.class.getResource("/db/" + folder).toURI();
      if (!"jar".equals(dir.getScheme())) {
        return versions(Path.of(dir));
      }
      // Failsafe runs against the packaged jar.
      try (FileSystem jar = FileSystems.newFileSystem(dir, Map.of())) {
        return versions(jar.provider().getPath(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> versions(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("V") && n.contains("__") && n.endsWith(".sql"))
          .map(n -> n.substring(1, n.indexOf("__")))
          .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
          .toList();
    }
  }
}
