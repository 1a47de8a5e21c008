package org.abuseloop.detect;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;

/** Hand-built events for detector tests, at explicit times from a fixed start (no clock, no sleep). */
final class Events {

  static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  static final Family SSH_FAILED = new Family("sshd.auth.failed-password", Service.SSHD, EventKind.AUTH_FAILURE);
  static final Family SSH_INVALID = new Family("sshd.auth.invalid-user", Service.SSHD, EventKind.UNKNOWN_USER);
  static final Family SSH_PREAUTH = new Family("sshd.preauth.no-identification", Service.SSHD, EventKind.SCANNER);
  static final Family AST_WRONG = new Family("asterisk.chan-sip.wrong-password", Service.ASTERISK, EventKind.AUTH_FAILURE);
  static final Family AST_NO_PEER = new Family("asterisk.chan-sip.no-peer", Service.ASTERISK, EventKind.UNKNOWN_USER);
  static final Family FW_DROP = new Family("firewall.iptables.drop", Service.FIREWALL, EventKind.CONNECTION_DENIED);
  static final Family POSTFIX_SASL = new Family("postfix.smtpd.sasl-failed", Service.POSTFIX, EventKind.AUTH_FAILURE);

  private static long line;

  private Events() {}

  static Instant at(Duration d) {
    return T0.plus(d);
  }

  static Instant sec(long s) {
    return T0.plusSeconds(s);
  }

  static Event event(Family f, String source, Instant time) {
    return event(f, source, time, null, null, 0);
  }

  static Event user(Family f, String source, Instant time, String user) {
    return event(f, source, time, user, null, 0);
  }

  static Event drop(String source, Instant time, String target, int port) {
    return event(FW_DROP, source, time, null, target, port);
  }

  static Event event(Family f, String source, Instant time, String user, String target, int port) {
    return new Event(time, ZoneOffset.UTC, IpAddress.of(source), null, 40000, target == null ? null : IpAddress.of(target),
        port, Protocol.TCP, f, user, new Origin("test.log", ++line, line * 100));
  }
}
