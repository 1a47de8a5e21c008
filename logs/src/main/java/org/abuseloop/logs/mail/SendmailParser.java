package org.abuseloop.logs.mail;

import java.util.List;
import java.util.Locale;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads sendmail's messages: AUTH failures, ruleset rejects ({@code ruleset=check_rcpt, arg1=..,
 * relay=name [ADDR], reject=..}), "possible SMTP attack", "did not issue MAIL/EXPN/VRFY/ETRN", EXPN
 * and VRFY probes, pre-greeting traffic, lost input channels and sessions that ended with no accepted
 * recipient. The {@code relay=} is taken where sendmail writes it, never from the user, sender or
 * recipient around it; stateless and thread-safe.
 */
public final class SendmailParser implements ServiceParser {

  public static final Family AUTH_FAILED = family("sendmail.auth.failed", EventKind.AUTH_FAILURE);
  public static final Family SMTP_ATTACK = family("sendmail.smtp.attack", EventKind.PROTOCOL_ABUSE);
  public static final Family RELAY_DENIED = family("sendmail.rcpt.relay-denied", EventKind.ACL_REJECT);
  public static final Family UNKNOWN_USER = family("sendmail.rcpt.unknown-user", EventKind.UNKNOWN_USER);
  public static final Family RCPT_REJECTED = family("sendmail.rcpt.rejected", EventKind.SPAM_REJECT);
  public static final Family MAIL_REJECTED = family("sendmail.mail.rejected", EventKind.SPAM_REJECT);
  public static final Family RATE_LIMIT = family("sendmail.relay.rate-limit", EventKind.RATE_LIMITED);
  public static final Family RELAY_REJECTED = family("sendmail.relay.rejected", EventKind.ACL_REJECT);
  public static final Family NO_MAIL = family("sendmail.smtp.no-mail", EventKind.SCANNER);
  public static final Family PROBE = family("sendmail.smtp.probe", EventKind.SCANNER);
  public static final Family PREGREET = family("sendmail.smtp.pregreet", EventKind.PROTOCOL_ABUSE);
  public static final Family LOST_INPUT = family("sendmail.smtp.lost-input", EventKind.SCANNER);
  public static final Family NO_RECIPIENTS = family("sendmail.mail.no-recipients", EventKind.UNKNOWN_USER);

  private static final List<Family> FAMILIES = List.of(AUTH_FAILED, SMTP_ATTACK, RELAY_DENIED, UNKNOWN_USER,
      RCPT_REJECTED, MAIL_REJECTED, RATE_LIMIT, RELAY_REJECTED, NO_MAIL, PROBE, PREGREET, LOST_INPUT, NO_RECIPIENTS);

  private static final Needle AUTH_FAILURE = Needle.of("AUTH failure (");
  private static final Needle USER = Needle.of(", user=");
  private static final Needle RELAY = Needle.of(", relay=");
  private static final Needle RULESET = Needle.of("ruleset=");
  private static final Needle CHECK_RCPT = Needle.of("check_rcpt, ");
  private static final Needle CHECK_MAIL = Needle.of("check_mail, ");
  private static final Needle CHECK_RELAY = Needle.of("check_relay, ");
  private static final Needle ARG1 = Needle.of("arg1=");
  private static final Needle REJECT = Needle.of(", reject=");
  private static final Needle ELLIPSIS = Needle.of("...");
  private static final Needle RELAYING_DENIED = Needle.of("Relaying denied");
  private static final Needle RELAYING_TEMPORARILY_DENIED = Needle.of("Relaying temporarily denied");
  private static final Needle[] UNKNOWN_USERS = {Needle.of("User unknown"), Needle.of("No such user")};
  private static final Needle[] RATE_LIMITS = {Needle.of("rate limit exceeded"), Needle.of("Too many open connections")};
  private static final Needle POSSIBLE_ATTACK = Needle.of(": possible SMTP attack: ");
  private static final Needle DID_NOT_ISSUE = Needle.of(" did not issue MAIL/EXPN/VRFY/ETRN during connection to ");
  private static final Needle REJECTED_MARK = Needle.of(" [rejected]");
  private static final Needle REJECTING_FROM = Needle.of("rejecting commands from ");
  private static final Needle PRE_GREETING = Needle.of(" due to pre-greeting traffic");
  private static final Needle LOST_INPUT_FROM = Needle.of("lost input channel from ");
  private static final Needle TO = Needle.of(" to ");
  private static final Needle FROM_FIELD = Needle.of("from=");
  private static final Needle NO_RCPTS = Needle.of(", nrcpts=0, ");
  private static final Needle[] TRAILING_ADDRESS = {Needle.of("IP name lookup failed ["), Needle.of("IP name possibly forged [")};

  private static Family family(String id, EventKind kind) {
    return new Family(id, Service.SENDMAIL, kind);
  }

  @Override
  public Service service() {
    return Service.SENDMAIL;
  }

  @Override
  public List<Family> families() {
    return FAMILIES;
  }

  @Override
  public Event parse(Message m) {
    int p = queueIdEnd(m, m.start());
    Event e = known(m, p);
    return e != null ? e : trailingAddress(m);
  }

  private static Event known(Message m, int p) {
    if (m.matchesAt(p, AUTH_FAILURE)) {
      return authFailure(m, p);
    }
    if (m.matchesAt(p, RULESET)) {
      return ruleset(m, p + RULESET.length());
    }
    if (m.matchesAt(p, REJECTING_FROM)) {
      return hostThen(m, p + REJECTING_FROM.length(), PRE_GREETING, PREGREET);
    }
    if (m.matchesAt(p, LOST_INPUT_FROM)) {
      return hostThen(m, p + LOST_INPUT_FROM.length(), TO, LOST_INPUT);
    }
    if (m.matchesAt(p, FROM_FIELD)) {
      return noRecipients(m, p);
    }
    return hostFirst(m, p);
  }

  /** {@code AUTH failure (MECH): reason, user=USER, relay=name [ADDR][ (may be forged)]}: the relay is last. */
  private static Event authFailure(Message m, int p) {
    int relay = m.lastIndexOf(RELAY);
    Peer peer = relay < p ? null : SendmailHost.read(m, relay + RELAY.length());
    if (peer == null || peer.end() != m.end()) {
      return null;
    }
    int user = m.indexOf(USER, p);
    return m.event(AUTH_FAILED).source(peer.address()).protocol(Protocol.TCP)
        .user(user >= 0 && user < relay ? m.text(user + USER.length(), relay) : null).build();
  }

  /**
   * {@code ruleset=NAME, arg1=ARG[, arg2=..], relay=HOST, reject=CODE TEXT}. For check_rcpt and
   * check_mail the argument is the client's address and the reject text repeats it, so client text
   * stands on both sides of the relay: a relay counts when it is the only one that parses and is
   * followed by {@code reject=}, or, among several, the only one whose argument the reject text echoes.
   */
  private static Event ruleset(Message m, int p) {
    int arg = m.indexOf(ARG1, p);
    if (arg < 0 || arg > p + 40) {
      return null;
    }
    int argFrom = arg + ARG1.length();
    Peer chosen = null;
    int chosenAt = -1;
    int candidates = 0;
    int echoed = 0;
    Peer echoedPeer = null;
    int echoedAt = -1;
    for (int at = m.indexOf(RELAY, argFrom); at >= 0; at = m.indexOf(RELAY, at + 1)) {
      Peer peer = SendmailHost.read(m, at + RELAY.length());
      if (peer == null || !m.matchesAt(peer.end(), REJECT)) {
        continue;
      }
      candidates++;
      chosen = peer;
      chosenAt = at;
      if (echoes(m, argFrom, at, peer.end() + REJECT.length())) {
        echoed++;
        echoedPeer = peer;
        echoedAt = at;
      }
    }
    if (candidates != 1) {
      if (echoed != 1) {
        return null;
      }
      chosen = echoedPeer;
      chosenAt = echoedAt;
    }
    Family family = rulesetFamily(m, p, chosen.end() + REJECT.length());
    String user = m.matchesAt(p, CHECK_RCPT) ? m.text(argFrom, chosenAt) : null;
    return m.event(family).source(chosen.address()).protocol(Protocol.TCP).user(user).build();
  }

  /** True when the reject text at {@code reject} is a status code followed by the argument and "...". */
  private static boolean echoes(Message m, int argFrom, int argTo, int reject) {
    int i = reject;
    while (i < m.end() && ((m.byteAt(i) >= '0' && m.byteAt(i) <= '9') || m.byteAt(i) == '.' || m.byteAt(i) == ' ')) {
      i++;
    }
    int length = argTo - argFrom;
    if (i + length > m.end()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (m.byteAt(i + k) != m.byteAt(argFrom + k)) {
        return false;
      }
    }
    return m.matchesAt(i + length, ELLIPSIS);
  }

  private static Family rulesetFamily(Message m, int p, int reject) {
    if (m.matchesAt(p, CHECK_RELAY)) {
      return containsAny(m, reject, RATE_LIMITS) ? RATE_LIMIT : RELAY_REJECTED;
    }
    if (m.matchesAt(p, CHECK_MAIL)) {
      return MAIL_REJECTED;
    }
    if (m.indexOf(RELAYING_DENIED, reject) >= 0 || m.indexOf(RELAYING_TEMPORARILY_DENIED, reject) >= 0) {
      return RELAY_DENIED;
    }
    return containsAny(m, reject, UNKNOWN_USERS) ? UNKNOWN_USER : RCPT_REJECTED;
  }

  private static boolean containsAny(Message m, int from, Needle[] needles) {
    for (Needle n : needles) {
      if (m.indexOf(n, from) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Lines that start with the client: possible SMTP attack, did not issue MAIL, EXPN/VRFY probes. */
  private static Event hostFirst(Message m, int p) {
    Peer peer = SendmailHost.read(m, p);
    if (peer == null) {
      return null;
    }
    int e = peer.end();
    if (m.matchesAt(e, POSSIBLE_ATTACK)) {
      return build(m, SMTP_ATTACK, peer);
    }
    if (m.matchesAt(e, DID_NOT_ISSUE)) {
      return build(m, NO_MAIL, peer);
    }
    if (e + 7 < m.end() && m.byteAt(e) == ':' && m.byteAt(e + 1) == ' ' && isProbe(m, e + 2) && m.endsWith(REJECTED_MARK)) {
      return m.event(PROBE).source(peer.address()).protocol(Protocol.TCP)
          .user(m.text(e + 7, m.end() - REJECTED_MARK.length())).build();
    }
    return null;
  }

  /** {@code EXPN } or {@code VRFY } in either case. */
  private static boolean isProbe(Message m, int at) {
    String word = m.ascii(at, at + 5).toUpperCase(Locale.ROOT);
    return word.equals("EXPN ") || word.equals("VRFY ");
  }

  /** The client at {@code at}, then the fixed text {@code then}. */
  private static Event hostThen(Message m, int at, Needle then, Family family) {
    int i = at;
    while (i < m.end() && m.byteAt(i) == ' ') {
      i++; // "rejecting commands from  [ADDR]": an empty name and its space
    }
    Peer peer = SendmailHost.read(m, i);
    return peer != null && m.matchesAt(peer.end(), then) ? build(m, family, peer) : null;
  }

  /**
   * {@code from=<sender>, size=0, class=0, nrcpts=0, ..., relay=name [ADDR]}: a session whose every
   * recipient was refused. The relay is the last field; the sender could fake {@code nrcpts=0}, but then
   * only blames its own relay.
   */
  private static Event noRecipients(Message m, int p) {
    if (m.indexOf(NO_RCPTS, p) < 0) {
      return null;
    }
    int relay = m.lastIndexOf(RELAY);
    Peer peer = relay < p ? null : SendmailHost.read(m, relay + RELAY.length());
    return peer == null || peer.end() != m.end() ? null : build(m, NO_RECIPIENTS, peer);
  }

  /**
   * The reject texts of the access ruleset end the line with the client's address ({@code Relaying
   * denied. IP name lookup failed [ADDR]}); nothing can follow them, so they stand alone too.
   */
  private static Event trailingAddress(Message m) {
    if (m.length() < 3 || m.byteAt(m.end() - 1) != ']') {
      return null;
    }
    int open = m.lastIndexOf((byte) '[', m.end());
    for (Needle n : TRAILING_ADDRESS) {
      if (m.matchesAt(open + 1 - n.length(), n)) {
        Peer peer = BracketedAddress.read(m, open);
        return peer == null || peer.end() != m.end() ? null : build(m, RELAY_DENIED, peer);
      }
    }
    return null;
  }

  private static Event build(Message m, Family family, Peer peer) {
    return m.event(family).source(peer.address()).protocol(Protocol.TCP).build();
  }

  /** Index after a queue id and {@code ": "} ({@code s1GNXHYB005133: }), else {@code p}. */
  private static int queueIdEnd(Message m, int p) {
    int i = p;
    int limit = Math.min(m.end(), p + 24);
    while (i < limit && isAlnum(m.byteAt(i))) {
      i++;
    }
    return i - p >= 8 && i + 1 < m.end() && m.byteAt(i) == ':' && m.byteAt(i + 1) == ' ' ? i + 2 : p;
  }

  private static boolean isAlnum(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
