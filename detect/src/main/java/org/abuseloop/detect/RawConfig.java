package org.abuseloop.detect;

import java.util.List;

/**
 * The YAML document as written, before validation: every field may be missing. Immutable; Jackson
 * binds it and rejects unknown keys, {@link ConfigReader} turns it into a {@link DetectionConfig}.
 */
record RawConfig(RawSettings settings, List<RawScenario> scenarios) {

  /** The {@code settings:} block. */
  record RawSettings(
      Integer maxKeys,
      Integer evidence,
      Integer targets,
      RawPrefix prefix,
      List<String> allow,
      Boolean includePrivate,
      Boolean includeLoopback) {}

  /** The {@code settings.prefix:} block. */
  record RawPrefix(Integer ipv4, Integer ipv6) {}

  /** One entry of {@code scenarios:}. */
  record RawScenario(
      String id,
      String description,
      Boolean enabled,
      String type,
      RawMatch match,
      Integer count,
      String window,
      Integer capacity,
      String leak,
      String distinct,
      Boolean perTargetPort,
      List<String> groupBy,
      Integer minSources) {}

  /** A scenario's {@code match:} block. */
  record RawMatch(List<String> services, List<String> kinds, List<String> families) {}
}
