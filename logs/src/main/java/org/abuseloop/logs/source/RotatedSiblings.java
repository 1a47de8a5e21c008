package org.abuseloop.logs.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files beside a followed log whose names extend its name ({@code auth.log.1},
 * {@code auth.log-20240601}, {@code auth.log.2.gz}): where a rotation puts the log, found by name and
 * told apart by identity and modification time, never by the number in the name (schemes differ).
 * Stateless and thread-safe.
 */
final class RotatedSiblings {

  private static final List<String> COMPRESSED = List.of(".gz", ".bz2", ".xz", ".zst", ".lz4", ".z", ".zip");

  /**
   * One rotated file as it was looked at.
   *
   * @param path where it is
   * @param identity its (device, inode)
   * @param modified its modification time
   * @param compressed true when its name ends like a compressed file's ({@code .gz}, {@code .xz} ...)
   */
  record Sibling(Path path, FileIdentity identity, FileTime modified, boolean compressed) {}

  private RotatedSiblings() {}

  /** The regular files in {@code log}'s directory whose names start with its name and are longer. */
  static List<Sibling> of(Path log) throws IOException {
    return of(log, false);
  }

  /** The same, or with {@code anyName} every other regular file in the directory (to find one by identity). */
  static List<Sibling> of(Path log, boolean anyName) throws IOException {
    Path dir = log.toAbsolutePath().getParent();
    String base = log.getFileName().toString();
    List<Sibling> out = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (anyName ? !name.equals(base) : name.length() > base.length() && name.startsWith(base)) {
          Sibling s = look(p, name);
          if (s != null) {
            out.add(s);
          }
        }
      }
    }
    return out;
  }

  private static Sibling look(Path p, String name) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      FileIdentity id = FileIdentity.of(p);
      if (!a.isRegularFile() || id == null) {
        return null;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      return new Sibling(p, id, a.lastModifiedTime(), COMPRESSED.stream().anyMatch(lower::endsWith));
    } catch (NoSuchFileException e) {
      return null; // rotated or deleted while we looked
    }
  }
}
