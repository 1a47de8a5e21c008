package org.abuseloop.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Evidence;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.IpPrefix;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.core.Tally;

/**
 * Incidents built by hand, one of each default scenario's kind, with documentation addresses and
 * made-up names, and the reporter context the tests use. Thread-safe: static factories of immutable
 * values.
 */
final class Incidents {

  static final IpAddress ATTACKER = IpAddress.of("203.0.113.9");
  static final IpAddress TARGET = IpAddress.of("198.51.100.20");
  static final Instant FIRST = Instant.parse("2026-03-14T09:26:53Z");
  static final Instant LAST = Instant.parse("2026-03-14T09:31:53Z");
  static final ZoneOffset CET = ZoneOffset.ofHours(1);

  /** Every default scenario id, the service its events come from, the kind counted, the target port. */
  record Kind(String scenario, Service service, EventKind kind, int port) {}

  static final List<Kind> DEFAULTS = List.of(
      new Kind("sshd-bf", Service.SSHD, EventKind.AUTH_FAILURE, 22),
      new Kind("sshd-slow-bf", Service.SSHD, EventKind.UNKNOWN_USER, 22),
      new Kind("sshd-campaign", Service.DROPBEAR, EventKind.AUTH_FAILURE, 22),
      new Kind("asterisk-bf", Service.ASTERISK, EventKind.AUTH_FAILURE, 5060),
      new Kind("freeswitch-bf", Service.FREESWITCH, EventKind.AUTH_FAILURE, 5060),
      new Kind("kamailio-bf", Service.KAMAILIO, EventKind.ACL_REJECT, 5060),
      new Kind("sip-slow-bf", Service.ASTERISK, EventKind.AUTH_FAILURE, 5060),
      new Kind("sip-user-enum", Service.ASTERISK, EventKind.UNKNOWN_USER, 5060),
      new Kind("sip-dialplan-scan", Service.FREESWITCH, EventKind.UNKNOWN_EXTENSION, 5060),
      new Kind("sip-scanner", Service.KAMAILIO, EventKind.SCANNER, 5060),
      new Kind("sip-campaign", Service.ASTERISK, EventKind.UNKNOWN_USER, 5060),
      new Kind("smtp-auth-bf", Service.POSTFIX, EventKind.AUTH_FAILURE, 587),
      new Kind("imap-auth-bf", Service.DOVECOT, EventKind.AUTH_FAILURE, 993),
      new Kind("mail-reject", Service.EXIM, EventKind.SPAM_REJECT, 25),
      new Kind("port-scan", Service.FIREWALL, EventKind.CONNECTION_DENIED, 23),
      new Kind("port-sweep", Service.FIREWALL, EventKind.CONNECTION_DENIED, 1080),
      new Kind("port-sweep-campaign", Service.FIREWALL, EventKind.CONNECTION_DENIED, 1080));

  private Incidents() {}

  static ReportContext context() {
    return new ReportContext("Example Telephony Ltd", "abuse@example.net", "example.net",
        List.of(IpAddress.of("192.0.2.10")), ZoneId.of("Europe/Berlin"),
        new Redaction(List.of("pbx1.example.net", "pbx1"), List.of("alice", "operator")));
  }

  /** An address incident of this kind: 12 events in five minutes, three users, two evidence lines. */
  static Incident of(Kind k) {
    return address(k, List.of("100", "admin", "alice"));
  }

  static Incident address(Kind k, List<String> users) {
    Family family = new Family(k.service().id() + ".test", k.service(), k.kind());
    List<Evidence> evidence = List.of(
        new Evidence(FIRST, CET, family, ATTACKER, "/var/log/pbx1/" + k.service().id() + ".log", 41, null),
        new Evidence(LAST, CET, family, ATTACKER, "/var/log/pbx1/" + k.service().id() + ".log", 97, null));
    List<Tally.Entry<String>> u = new ArrayList<>();
    for (String s : users) {
      u.add(new Tally.Entry<>(s, 4));
    }
    return new Incident(k.scenario(), Incident.Scope.ADDRESS, IpPrefix.of(ATTACKER, 32), null, FIRST, LAST, 12,
        2.4, Map.of(k.kind(), 12L), new Tally<>(List.of(new Tally.Entry<>(TARGET, 12L)), 0),
        new Tally<>(List.of(new Tally.Entry<>(k.port(), 12L)), 0), new Tally<>(u, 2),
        new Tally<>(List.of(new Tally.Entry<>(ATTACKER, 12L)), 0), evidence, 1, false);
  }

  /**
   * An address incident of this kind whose evidence names what the events knew: source ports 51234 and
   * 51240, the target and its port, and the protocol (UDP for SIP on 5060 and the firewall, else TCP).
   */
  static Incident complete(Kind k) {
    Incident i = of(k);
    Protocol p = protocol(k);
    List<Evidence> evidence = new ArrayList<>();
    int port = 51234;
    for (Evidence e : i.evidence()) {
      evidence.add(new Evidence(e.time(), e.offset(), e.family(), e.source(), port, TARGET, k.port(), p, e.file(),
          e.line(), e.raw()));
      port += 6;
    }
    return new Incident(i.scenario(), i.scope(), i.source(), null, i.first(), i.last(), i.count(), i.ratePerMinute(),
        i.kinds(), i.addresses(), i.ports(), i.users(), i.sources(), evidence, 1, false);
  }

  /** The protocol {@link #complete} gives this kind. */
  static Protocol protocol(Kind k) {
    return k.service() == Service.FIREWALL || k.port() == 5060 ? Protocol.UDP : Protocol.TCP;
  }

  /** A prefix incident of this kind from 203.0.113.0/24 with the given attacking addresses. */
  static Incident prefix(Kind k, List<IpAddress> sources) {
    Family family = new Family(k.service().id() + ".test", k.service(), k.kind());
    List<Evidence> evidence = new ArrayList<>();
    List<Tally.Entry<IpAddress>> s = new ArrayList<>();
    for (IpAddress a : sources) {
      evidence.add(new Evidence(FIRST, CET, family, a, "fw.log", evidence.size() + 1, null));
      s.add(new Tally.Entry<>(a, 10));
    }
    return new Incident(k.scenario(), Incident.Scope.PREFIX, IpPrefix.parse("203.0.113.0/24"), null, FIRST, LAST,
        10L * Math.max(1, sources.size()), 8.0, Map.of(k.kind(), 30L), Tally.empty(),
        new Tally<>(List.of(new Tally.Entry<>(k.port(), 30L)), 0), Tally.empty(), new Tally<>(s, 0), evidence, 1,
        true);
  }

  static Kind kind(String scenario) {
    return DEFAULTS.stream().filter(k -> k.scenario().equals(scenario)).findFirst().orElseThrow();
  }
}
