package org.abuseloop.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.abuseloop.core.Protocol;

/**
 * Renders an {@link AbuseReport} as the fields a person copies into a provider's web form (AWS, Google
 * Cloud, OVHcloud, Scaleway and others that take reports only, or best, through a form): one
 * {@code Field: value} line each for what those forms ask (source and destination address and port,
 * protocol, start and end with their time zone, type, count), then the plain text report as the
 * description. Nothing is submitted: the outbox writes this to a file and marks the report manual.
 * Stateless and thread-safe.
 */
public final class WebFormReport implements ReportFormat {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
  private final TextReport text = new TextReport();

  @Override
  public String id() {
    return "web-form";
  }

  @Override
  public String extension() {
    return ".txt";
  }

  /** A form takes every report; a person reads it first. */
  @Override
  public Optional<String> refusal(AbuseReport report) {
    return Optional.empty();
  }

  @Override
  public String render(AbuseReport r) {
    StringBuilder b = new StringBuilder();
    field(b, "Source IP", r.source());
    field(b, "Source ports", join(r.sourcePorts()));
    field(b, "Destination IP", r.destinations().stream().map(Object::toString).collect(Collectors.joining(", ")));
    field(b, "Destination ports", join(r.destinationPorts()));
    field(b, "Protocol", r.protocol() == Protocol.UNKNOWN ? "" : r.protocol().id());
    field(b, "Start", times(r.first(), r.offset()));
    field(b, "End", times(r.last(), r.offset()));
    field(b, "Abuse type", r.wording().sentence());
    field(b, "Events", String.valueOf(r.count()));
    field(b, "Reporter", r.reporter().organisation() + " <" + r.reporter().contact() + ">");
    b.append("Description:\n").append(text.render(r));
    return b.toString();
  }

  private static void field(StringBuilder b, String name, String value) {
    b.append(name).append(": ").append(value).append('\n');
  }

  private static String times(Instant t, ZoneOffset offset) {
    return DateTimeFormatter.ISO_INSTANT.format(t) + " (" + LOCAL.format(t.atOffset(offset)) + ")";
  }

  private static String join(List<Integer> ports) {
    return ports.stream().map(String::valueOf).collect(Collectors.joining(" "));
  }
}
