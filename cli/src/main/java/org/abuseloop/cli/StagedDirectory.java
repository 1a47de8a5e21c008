package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output directory written whole or not at all: files go to a hidden temporary directory beside the
 * target, which is moved into place by {@link #commit} (atomically where the file system can); a run
 * that fails before leaves the target as it was. The target must not exist or be empty. Not
 * thread-safe; one per command.
 */
final class StagedDirectory implements AutoCloseable {

  private final Path target;
  private final Path staging;
  private boolean committed;

  private StagedDirectory(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Starts writing {@code target}.
   *
   * @throws IllegalArgumentException when {@code target} exists and is not an empty directory
   */
  static StagedDirectory open(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
      throw new IllegalArgumentException("--out " + target + ": exists and is not an empty directory; give a new or"
          + " empty one");
    }
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    return new StagedDirectory(absolute, Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-"));
  }

  /** The staging directory to write into. */
  Path dir() {
    return staging;
  }

  /** Moves the staged files into place. */
  void commit() throws IOException {
    if (Files.isDirectory(target)) {
      Files.delete(target); // empty, checked at open
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    }
    committed = true;
  }

  /** Removes the staging directory unless it was committed. */
  @Override
  public void close() throws IOException {
    if (!committed && Files.exists(staging)) {
      try (Stream<Path> all = Files.walk(staging)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static boolean isEmptyDirectory(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(p)) {
      return entries.findAny().isEmpty();
    }
  }
}
