package org.abuseloop.logs.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared public test corpus ({@code ../shared/corpus}, or the {@code abuseloop.corpus}
 * system property). Conformance tests need it; without it they are reported as skipped with the path
 * they looked at; under CI ({@code CI=true}) or with {@code -Dabuseloop.requireCorpus=true} they fail
 * instead, so a CI run can never pass without the suite.
 */
public final class Corpus {

  private Corpus() {}

  public static Path dir() {
    Path p = Path.of(System.getProperty("abuseloop.corpus", "../../shared/corpus")).toAbsolutePath().normalize();
    boolean present = Files.isDirectory(p);
    if (!present && (Boolean.getBoolean("abuseloop.requireCorpus") || "true".equals(System.getenv("CI")))) {
      throw new IllegalStateException("the shared corpus is required but missing at " + p);
    }
    assumeTrue(present, "shared corpus not found at " + p + " (conformance suite skipped)");
    return p;
  }

  public static Path file(String relative) {
    return dir().resolve(relative);
  }
}
