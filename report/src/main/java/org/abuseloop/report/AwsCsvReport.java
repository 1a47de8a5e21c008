package org.abuseloop.report;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.abuseloop.core.IpAddress;

/**
 * Renders reports as the CSV AWS Trust &amp; Safety asks for when one report names many addresses: one
 * row per attacking source and attacked address. Stateless and thread-safe.
 *
 * <p>AWS documents only "the IP address, ISO date-time, and network log details" for this CSV, no
 * columns; these are ours: {@code source_ip, source_port, destination_ip, destination_port, protocol,
 * first_seen_utc, last_seen_utc, count, description}. Several ports are separated by spaces; an unknown
 * value is left empty.
 */
public final class AwsCsvReport implements ReportFormat {

  /** The header line's columns. */
  static final List<String> COLUMNS = List.of("source_ip", "source_port", "destination_ip", "destination_port",
      "protocol", "first_seen_utc", "last_seen_utc", "count", "description");

  @Override
  public String id() {
    return "aws-csv";
  }

  @Override
  public String extension() {
    return ".csv";
  }

  /** The CSV carries every report, a prefix source included. */
  @Override
  public Optional<String> refusal(AbuseReport report) {
    return Optional.empty();
  }

  /** The CSV of one report: the header and its rows. */
  @Override
  public String render(AbuseReport r) {
    return csv(List.of(r));
  }

  /** The CSV of many reports (one mail to AWS for many sources): the header, then each report's rows. */
  public String csv(List<AbuseReport> reports) {
    StringBuilder b = new StringBuilder(CsvLine.of(COLUMNS));
    for (AbuseReport r : reports) {
      rows(r).forEach(b::append);
    }
    return b.toString();
  }

  private static List<String> rows(AbuseReport r) {
    List<IpAddress> targets = r.destinations().isEmpty() ? java.util.Collections.singletonList(null) : r.destinations();
    List<String> rows = new ArrayList<>();
    for (IpAddress target : targets) {
      rows.add(CsvLine.of(List.of(r.source(), ports(r.sourcePorts()), target == null ? "" : target.toString(),
          ports(r.destinationPorts()), r.protocol() == org.abuseloop.core.Protocol.UNKNOWN ? "" : r.protocol().id(),
          DateTimeFormatter.ISO_INSTANT.format(r.first()), DateTimeFormatter.ISO_INSTANT.format(r.last()),
          String.valueOf(r.count()), r.wording().sentence())));
    }
    return rows;
  }

  private static String ports(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
