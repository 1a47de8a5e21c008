package org.abuseloop.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.core.Tally;

/**
 * What every abuse report says about one attacking source, whatever its format: source, targets,
 * protocol, time span (UTC, and the offset the logs were written in), count and rate, the scenario in
 * words, short log extracts, the users tried and the reporter's contact. Immutable and thread-safe;
 * everything quoted from the logs is already redacted.
 *
 * <p>The {@link #id() report id} is a name-based (version 3) UUID of the source, the scenario and the
 * first-seen instant: the same incident always gets the same id, so a report sent twice (or rebuilt
 * after a restart) can be recognised as the same report by us and by the abuse desk.
 *
 * @param id the stable report id (see above)
 * @param scenario the id of the scenario that fired
 * @param wording the scenario in words and its X-ARF type
 * @param source the source as text: an address, or a prefix when no single address is known
 * @param sourceAddress the attacking address, or null when the source is a prefix
 * @param sourcePorts the source ports the evidence lines name, in first-seen order, empty when unknown
 * @param destinations the attacked addresses: the incident's, else its evidence's, else the context's
 * @param destinationPorts the attacked ports (the incident's, else its evidence's), empty when unknown
 * @param protocol the transport the evidence names, TCP for TCP-only services, else
 *     {@link Protocol#UNKNOWN}
 * @param first the first event counted
 * @param last the last event counted
 * @param offset the UTC offset the logs were written in
 * @param count the events counted for this source
 * @param ratePerMinute the events a minute from first to last
 * @param users the users, accounts or extensions tried (attacker-controlled text, redacted)
 * @param otherUsers tries of further users not listed
 * @param extracts the quoted log lines, in time order
 * @param reporter who reports and how to answer
 */
public record AbuseReport(
    UUID id, String scenario, ScenarioWording wording, String source, IpAddress sourceAddress,
    List<Integer> sourcePorts, List<IpAddress> destinations, List<Integer> destinationPorts, Protocol protocol,
    Instant first, Instant last, ZoneOffset offset, long count, double ratePerMinute, List<String> users,
    long otherUsers, List<LogExtract> extracts, ReportContext reporter) {

  // Services that only ever run over TCP: their incidents name the protocol although events omit it.
  private static final Set<Service> TCP_ONLY = Set.of(Service.SSHD, Service.DROPBEAR, Service.POSTFIX,
      Service.EXIM, Service.SENDMAIL, Service.DOVECOT, Service.COURIER);
  // The default scenarios of those services, for an incident that quotes no evidence.
  private static final List<String> TCP_SCENARIOS = List.of("sshd-", "smtp-", "imap-", "mail-");

  public AbuseReport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(wording, "wording");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(reporter, "reporter");
    sourcePorts = List.copyOf(sourcePorts);
    destinations = List.copyOf(destinations);
    destinationPorts = List.copyOf(destinationPorts);
    users = List.copyOf(users);
    extracts = List.copyOf(extracts);
  }

  /**
   * The reports of one incident, one per attacking source: one for an address incident; for a prefix or
   * owner incident one per address it lists (with that address's count and its own evidence), or one for
   * the prefix when it lists none. An owner incident that lists no address gives no report.
   */
  public static List<AbuseReport> of(Incident incident, ReportContext context) {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(context, "context");
    if (incident.scope() == Incident.Scope.ADDRESS) {
      IpAddress a = incident.source().network();
      return List.of(build(incident, context, a.toString(), a, incident.count(), incident.ratePerMinute(),
          incident.evidence()));
    }
    List<AbuseReport> reports = new ArrayList<>();
    for (Tally.Entry<IpAddress> s : incident.sources().entries()) {
      List<Evidence> own = incident.evidence().stream().filter(e -> s.value().equals(e.source())).toList();
      reports.add(build(incident, context, s.value().toString(), s.value(), s.count(), perMinute(incident, s.count()), own));
    }
    if (reports.isEmpty() && incident.scope() == Incident.Scope.PREFIX) {
      IpPrefix p = incident.source();
      reports.add(build(incident, context, p.toString(), null, incident.count(), incident.ratePerMinute(),
          incident.evidence()));
    }
    return List.copyOf(reports);
  }

  /** This report with another transport (e.g. one the caller knows better than the evidence lines). */
  public AbuseReport withTransport(Protocol newProtocol, List<Integer> newSourcePorts) {
    return new AbuseReport(id, scenario, wording, source, sourceAddress, newSourcePorts, destinations,
        destinationPorts, newProtocol, first, last, offset, count, ratePerMinute, users, otherUsers, extracts,
        reporter);
  }

  /** The same id for the same source, scenario and first-seen instant. */
  static UUID reportId(String source, String scenario, Instant first) {
    String name = "abuseloop-report\n" + source + "\n" + scenario + "\n" + first;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  private static AbuseReport build(Incident i, ReportContext context, String source, IpAddress address,
      long count, double rate, List<Evidence> evidence) {
    Redaction r = context.redaction();
    List<Integer> ports = i.ports().values().stream().filter(Objects::nonNull).toList();
    if (ports.isEmpty()) {
      ports = distinct(evidence.stream().map(Evidence::targetPort).filter(p -> p > 0));
    }
    List<String> users = i.users().values().stream().filter(Objects::nonNull).map(r::user).distinct().toList();
    ZoneOffset offset = evidence.isEmpty() ? context.zone().getRules().getOffset(i.first()) : evidence.get(0).offset();
    return new AbuseReport(reportId(source, i.scenario(), i.first()), i.scenario(),
        ScenarioWording.of(i.scenario(), i.kinds().keySet()), source, address,
        distinct(evidence.stream().map(Evidence::sourcePort).filter(p -> p > 0)), destinations(i, evidence, context),
        ports, protocol(i, evidence), i.first(), i.last(), offset, count, rate, users, i.users().others(),
        evidence.stream().map(e -> LogExtract.of(e, r)).toList(), context);
  }

  // The incident's targets, else those its evidence names, else the ones the operator named.
  private static List<IpAddress> destinations(Incident i, List<Evidence> evidence, ReportContext context) {
    if (!i.addresses().entries().isEmpty()) {
      return i.addresses().values();
    }
    List<IpAddress> seen = distinct(evidence.stream().map(Evidence::target).filter(Objects::nonNull));
    return seen.isEmpty() ? context.destinations() : seen;
  }

  private static <T> List<T> distinct(Stream<T> values) {
    return List.copyOf(new LinkedHashSet<>(values.toList()));
  }

  // As the incident computes its own rate: the span floored at one second.
  private static double perMinute(Incident i, long count) {
    return count * 60.0 / Math.max(1.0, i.span().toMillis() / 1000.0);
  }

  // The one protocol the evidence names (TLS, WS and WSS count as TCP when they mix with it); else TCP
  // for services that only speak TCP; else unknown.
  private static Protocol protocol(Incident i, List<Evidence> evidence) {
    Set<Protocol> named = EnumSet.noneOf(Protocol.class);
    evidence.stream().map(Evidence::protocol).filter(p -> p != Protocol.UNKNOWN).forEach(named::add);
    if (named.size() == 1) {
      return named.iterator().next();
    }
    if (!named.isEmpty()) {
      return named.stream().allMatch(p -> p == Protocol.TCP || p == Protocol.TLS || p == Protocol.WS || p == Protocol.WSS)
          ? Protocol.TCP : Protocol.UNKNOWN;
    }
    boolean tcp = evidence.isEmpty()
        ? TCP_SCENARIOS.stream().anyMatch(i.scenario()::startsWith)
        : evidence.stream().allMatch(e -> TCP_ONLY.contains(e.family().service()));
    return tcp ? Protocol.TCP : Protocol.UNKNOWN;
  }
}
