package org.abuseloop.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scenarios and settings a {@link Detector} runs, read from YAML and validated in full at load.
 * Immutable and thread-safe; the defaults ship as the resource {@code default-scenarios.yaml}.
 */
public record DetectionConfig(Settings settings, List<Scenario> scenarios) {

  /** The resource holding the default scenarios, documented line by line. */
  public static final String DEFAULT_RESOURCE = "default-scenarios.yaml";

  public DetectionConfig {
    scenarios = List.copyOf(scenarios);
    Set<String> ids = new HashSet<>();
    for (Scenario s : scenarios) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("duplicate scenario id " + s.id());
      }
    }
  }

  /** The default scenarios with the default settings. */
  public static DetectionConfig defaults() {
    try (InputStream in = DetectionConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " missing from the jar");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // The bundled file is plain enough to bind without starting Jackson (PlainYaml says why).
      RawConfig plain = PlainYaml.read(yaml);
      return plain != null ? new ConfigReader(DEFAULT_RESOURCE).check(plain) : parse(yaml, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads and validates a YAML file; throws {@link ConfigException} naming every bad path. */
  public static DetectionConfig load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Validates YAML text; {@code origin} names it in error messages. */
  public static DetectionConfig parse(String yaml, String origin) {
    return new ConfigReader(origin).read(yaml);
  }

  /** The scenario with this id, or null. */
  public Scenario scenario(String id) {
    return scenarios.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }

  /** The same scenarios under other settings. */
  public DetectionConfig withSettings(Settings s) {
    return new DetectionConfig(s, scenarios);
  }
}
