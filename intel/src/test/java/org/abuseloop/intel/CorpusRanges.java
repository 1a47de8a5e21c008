package org.abuseloop.intel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the cloud range snapshots in the shared public corpus ({@code abuseloop.corpus}); tests
 * that need them are reported as skipped with the path they looked at, or fail under
 * {@code -Dabuseloop.requireCorpus=true} (as CI runs). Stateless and thread-safe.
 */
final class CorpusRanges {

  private CorpusRanges() {}

  /** The folder of one snapshot date, e.g. {@code 2025-07-25}. */
  static Path snapshot(String date) {
    Path p = Path.of(System.getProperty("abuseloop.corpus", "../../shared/corpus"), "cloud-ranges", date)
        .toAbsolutePath().normalize();
    boolean present = Files.isDirectory(p);
    if (!present && Boolean.getBoolean("abuseloop.requireCorpus")) {
      throw new IllegalStateException("the shared corpus is required but missing at " + p);
    }
    assumeTrue(present, "cloud range snapshots not found at " + p + " (conformance suite skipped)");
    return p;
  }
}
