package org.abuseloop.intel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a folder of range files ({@code --ranges DIR}): every regular file in it, whatever its
 * name, read as one of the {@link RangeFormat}s. Stateless and thread-safe.
 *
 * <p>Skipped: hidden files, sub-folders, and notes beside the feeds ({@code README*},
 * {@code LICENSE*}, {@code *.md}). Any other file that is not a valid feed fails the whole load
 * with a message naming it and the line or JSON path: a half-loaded set would silently attribute
 * fewer addresses, which is worse than stopping. So does a provider whose JSON feed appears twice
 * (two snapshots in one folder).
 */
public final class RangeDirectory {

  private RangeDirectory() {}

  /** The table of every feed in the folder. */
  public static RangeTable load(Path dir) throws IOException {
    return RangeTable.ofFiles(read(dir));
  }

  /** Every feed in the folder, read, in file name order. */
  public static List<RangeFile> read(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "range folder not found");
    }
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toString());
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(RangeDirectory::isFeed).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new NoSuchFileException(dir.toString(), null, "no range files in the folder");
    }
    List<RangeFile> out = new ArrayList<>(files.size());
    Map<Provider, Path> jsonFeeds = new EnumMap<>(Provider.class);
    for (Path f : files) {
      RangeFile rf = RangeFile.read(f);
      if (rf.format().provider() != null) {
        Path other = jsonFeeds.putIfAbsent(rf.provider(), f);
        if (other != null) {
          throw new RangeFileException(f, null, "a second " + rf.format().description() + " for "
              + rf.provider().id() + " (the first is " + other.getFileName() + "): keep one snapshot per folder");
        }
      }
      out.add(rf);
    }
    return out;
  }

  private static boolean isFeed(Path p) {
    String name = p.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && !lower.startsWith("readme") && !lower.startsWith("license") && !lower.endsWith(".md");
  }
}
