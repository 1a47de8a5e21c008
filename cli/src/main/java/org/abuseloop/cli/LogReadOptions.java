package org.abuseloop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Service;
import picocli.CommandLine.Option;

/**
 * The options {@code report} and {@code report bulk} share for reading logs into incidents: range files,
 * state directory, zone, detection YAML and forced service. A picocli mixin; not thread-safe (picocli
 * fills it once per run).
 */
final class LogReadOptions {

  @Option(names = "--ranges", paramLabel = "DIR", description = "providers' range files (default: STATE/ranges when present)")
  Path ranges;

  @Option(names = "--state", paramLabel = "DIR", description = "state directory (default: ~/.local/state/abuseloop)")
  Path state;

  @Option(names = "--zone", description = "zone of timestamps without an offset (default: the host's)")
  ZoneId zone = ZoneId.systemDefault();

  @Option(names = "--config", paramLabel = "FILE", description = "detection YAML (default: the built-in scenarios)")
  Path config;

  @Option(names = "--service", converter = ServiceConverter.class, description = "read every line as this service")
  Service service;

  /** Who owns which range, from {@code --ranges} or the state directory. */
  RangeOwners owners() throws IOException {
    return RangeOwners.load(ranges, state);
  }

  /** The closed incidents of {@code files}, as {@link LogIncidents} reads them with these options. */
  List<Incident> incidents(List<Path> files, RangeOwners owners) throws IOException {
    return LogIncidents.read(files, config, zone, service, owners);
  }
}
