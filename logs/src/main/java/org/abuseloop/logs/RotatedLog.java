package org.abuseloop.logs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log and its rotated copies as logrotate leaves them ({@code messages}, {@code messages.1},
 * {@code messages.2.gz}, or with {@code dateext} {@code messages-20240301.gz}), oldest first, so they
 * can be read one after the other as a single stream. Immutable and thread-safe.
 *
 * @param files the files, oldest first: numbered copies from the highest number down, dated copies
 *     from the earliest date, the live file last
 */
public record RotatedLog(List<Path> files) {

  public RotatedLog {
    files = List.copyOf(files);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a rotated log needs at least one file");
    }
  }

  /** The name of the live file, which stands for the whole set. */
  public Path base() {
    Path first = files.get(0);
    return first.resolveSibling(Suffix.of(first.getFileName().toString()).base());
  }

  /**
   * Groups {@code files} into rotated sets: files in one directory whose names are one base name
   * followed by {@code .N}, {@code -YYYYMMDD} (either optionally followed by {@code .gz}) or nothing.
   * Sets come out in the order their first file was given.
   */
  public static List<RotatedLog> group(List<Path> files) {
    Map<Path, List<Path>> byBase = new LinkedHashMap<>();
    for (Path f : files) {
      Path base = f.resolveSibling(Suffix.of(f.getFileName().toString()).base());
      byBase.computeIfAbsent(base.toAbsolutePath().normalize(), k -> new ArrayList<>()).add(f);
    }
    List<RotatedLog> out = new ArrayList<>();
    for (List<Path> set : byBase.values()) {
      List<Path> sorted = new ArrayList<>(set);
      sorted.sort(Comparator.comparing((Path p) -> Suffix.of(p.getFileName().toString())).thenComparing(Comparator.naturalOrder()));
      out.add(new RotatedLog(sorted));
    }
    return out;
  }

  /**
   * What rotation added to a base name: a copy number, a date, or nothing (the live file); ordered
   * oldest first. The base of {@code messages.gz} is {@code messages.gz}: a compressed file with no
   * number or date is a log of its own.
   */
  record Suffix(String base, int number, String date) implements Comparable<Suffix> {

    static Suffix of(String name) {
      String stem = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
      int dot = stem.lastIndexOf('.');
      if (dot > 0 && digits(stem, dot + 1, stem.length(), 1, 4)) {
        return new Suffix(stem.substring(0, dot), Integer.parseInt(stem.substring(dot + 1)), null);
      }
      int dash = stem.lastIndexOf('-');
      if (dash > 0 && digits(stem, dash + 1, stem.length(), 8, 10)) {
        return new Suffix(stem.substring(0, dash), 0, stem.substring(dash + 1));
      }
      return new Suffix(name, 0, null);
    }

    private static boolean digits(String s, int from, int to, int min, int max) {
      if (to - from < min || to - from > max) {
        return false;
      }
      for (int i = from; i < to; i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    /** Numbered copies first (highest number, the oldest, first), then dated ones by date, then the live file. */
    @Override
    public int compareTo(Suffix o) {
      return Comparator.comparingInt(Suffix::rank)
          .thenComparing(Comparator.comparingInt(Suffix::number).reversed())
          .thenComparing(s -> s.date == null ? "" : s.date)
          .compare(this, o);
    }

    private int rank() {
      return number > 0 ? 0 : date != null ? 1 : 2;
    }
  }
}
