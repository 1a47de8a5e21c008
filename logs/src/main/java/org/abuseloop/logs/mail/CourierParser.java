package org.abuseloop.logs.mail;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads Courier's SMTP errors ({@code error,relay=::ffff:ADDR,msg="535 Authentication failed.",cmd:
 * ..}, {@code error,relay=ADDR,from=<..>,to=<..>: 550 User unknown.}) and its IMAP/POP3 login
 * failures ({@code LOGIN FAILED, user=X, ip=[ADDR]}). The relay comes right after the fixed
 * {@code error,relay=}; the ip of a login failure is the last field, after the client's user name.
 * Stateless and thread-safe.
 */
public final class CourierParser implements ServiceParser {

  public static final Family SMTP_AUTH_FAILED = family("courier.smtp.auth-failed", EventKind.AUTH_FAILURE);
  public static final Family UNKNOWN_USER = family("courier.smtp.unknown-user", EventKind.UNKNOWN_USER);
  public static final Family REJECTED = family("courier.smtp.rejected", EventKind.SPAM_REJECT);
  public static final Family LOGIN_FAILED = family("courier.login.failed", EventKind.AUTH_FAILURE);

  private static final List<Family> FAMILIES = List.of(SMTP_AUTH_FAILED, UNKNOWN_USER, REJECTED, LOGIN_FAILED);

  private static final Needle ERROR_RELAY = Needle.of("error,relay=");
  private static final Needle PORT = Needle.of(",port=");
  private static final Needle AUTH_MSG = Needle.of(",msg=\"535 ");
  private static final Needle USER_UNKNOWN = Needle.of("User unknown");
  private static final Needle REPLY_USER = Needle.of(": 550 User ");
  private static final Needle UNKNOWN = Needle.of(" unknown");
  private static final Needle LOGIN_FAILED_WORDS = Needle.of("LOGIN FAILED, ");
  private static final Needle IP = Needle.of(", ip=[");
  private static final Needle USER = Needle.of("user=");
  private static final Needle PORT_FIELD = Needle.of(", port=[");

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.COURIER, kind);
  }

  @Override
  public Service service() {
    return Service.COURIER;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    if (m.startsWith(ERROR_RELAY)) {
      return smtpError(m, m.start() + ERROR_RELAY.length());
    }
    if (m.startsWith(LOGIN_FAILED_WORDS)) {
      return loginFailed(m);
    }
    return null;
  }

  /** {@code error,relay=ADDR[,port=N],msg="535 ..",cmd: ..} or {@code error,relay=ADDR,..,from=<..>,to=<..>: CODE text}. */
  private static Event smtpError(Message m, int from) {
    int to = m.addressEnd(from);
    if (to >= m.end() || m.byteAt(to) != ',') {
      return null;
    }
    IpAddress address = m.address(from, to);
    if (address == null) {
      return null;
    }
    int after = to;
    int port = 0;
    if (m.matchesAt(after, PORT)) {
      int digits = m.digitsEnd(after + PORT.length());
      port = m.port(after + PORT.length(), digits);
      after = digits;
    }
    Family family;
    if (m.matchesAt(after, AUTH_MSG)) {
      family = SMTP_AUTH_FAILED;
    } else if (m.indexOf(USER_UNKNOWN, after) >= 0 || unknownUserReply(m, after)) {
      // the reply quotes the client's recipient, so it only picks the family
      family = UNKNOWN_USER;
    } else {
      family = REJECTED;
    }
    return m.event(family).source(address).sourcePort(port).protocol(Protocol.TCP).build();
  }

  private static boolean unknownUserReply(Message m, int from) {
    int reply = m.lastIndexOf(REPLY_USER);
    return reply >= from && m.indexOf(UNKNOWN, reply + REPLY_USER.length()) >= 0;
  }

  /** {@code LOGIN FAILED, user=X, ip=[ADDR][, port=[N]]}: the user is the client's, the ip is last. */
  private static Event loginFailed(Message m) {
    int ip = m.lastIndexOf(IP);
    if (ip < 0) {
      return null;
    }
    Peer peer = BracketedAddress.read(m, ip + IP.length() - 1);
    if (peer == null || (peer.end() != m.end() && !m.matchesAt(peer.end(), PORT_FIELD))) {
      return null;
    }
    int port = 0;
    if (peer.end() != m.end()) {
      int from = peer.end() + PORT_FIELD.length();
      int digits = m.digitsEnd(from);
      if (digits + 1 != m.end() || m.byteAt(digits) != ']') {
        return null;
      }
      port = m.port(from, digits);
    }
    int user = m.indexOf(USER, m.start() + LOGIN_FAILED_WORDS.length());
    String name = user >= 0 && user < ip ? m.text(user + USER.length(), ip) : null;
    return m.event(LOGIN_FAILED).source(peer.address()).sourcePort(port).protocol(Protocol.TCP).user(name).build();
  }
}
