package org.abuseloop.logs.ssh;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Protocol;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads the dropbear SSH server's messages: bad passwords, unknown users and exits before
 * authentication. Dropbear writes the client as {@code ADDR:PORT} (IPv4-mapped IPv6 folded to IPv4)
 * either last on the line, after the user name the client chose, or in {@code <...>} right after
 * fixed words. Stateless and thread-safe.
 */
public final class DropbearParser implements ServiceParser {

  private static final Needle[] BAD_PASSWORD = {
    Needle.of("Bad password attempt for "), Needle.of("bad password attempt for "),
    Needle.of("Bad PAM password attempt for "), Needle.of("bad PAM password attempt for "),
  };
  private static final Needle[] NONEXISTENT = {
    Needle.of("Login attempt for nonexistent user"), Needle.of("login attempt for nonexistent user"),
  };
  private static final Needle EXIT_FROM = Needle.of("Exit before auth from <");
  private static final Needle EXIT = Needle.of("Exit before auth");
  private static final Needle EXIT_LOWER = Needle.of("exit before auth");
  private static final Needle FROM = Needle.of(" from ");
  private static final Needle MAX_TRIES = Needle.of("Max auth tries reached");
  private static final Needle USER_QUOTE = Needle.of("user '");

  @Override
  public Service service() {
    return Service.DROPBEAR;
  }

  @Override
  public List<Family> families() {
    return DropbearFamilies.ALL;
  }

  @Override
  public Event parse(Message m) {
    int end = SshdParser.trimEnd(m, m.start(), m.end());
    int pos = skipJournalStamp(m, m.start(), end);
    if (pos >= end) {
      return null;
    }
    for (Needle n : BAD_PASSWORD) {
      if (m.matchesAt(pos, n)) {
        return lastFrom(m, DropbearFamilies.BAD_PASSWORD, pos + n.length(), end);
      }
    }
    for (Needle n : NONEXISTENT) {
      if (m.matchesAt(pos, n)) {
        return lastFrom(m, DropbearFamilies.UNKNOWN_USER, pos + n.length(), end);
      }
    }
    if (m.matchesAt(pos, EXIT_FROM)) {
      return exitFrom(m, pos + EXIT_FROM.length(), end);
    }
    if (m.matchesAt(pos, EXIT) || m.matchesAt(pos, EXIT_LOWER)) {
      return lastFrom(m, exitFamily(m, pos, end), pos + EXIT.length(), end);
    }
    return null;
  }

  /** The client written last, as {@code from ADDR:PORT} ending the message; the user is quoted before it. */
  private static Event lastFrom(Message m, Family family, int start, int end) {
    int from = m.lastIndexOf(FROM, end);
    if (from < start - 1) {
      return null;
    }
    int at = from + FROM.length();
    if (AuthLogTail.tokenEnd(m, at, end) != end) {
      return null;
    }
    return event(m, family, at, end, userBefore(m, start, from));
  }

  /** {@code <ADDR:PORT>: [(user 'X', N fails): ]REASON}. */
  private static Event exitFrom(Message m, int at, int end) {
    int close = m.indexOf((byte) '>', at);
    if (close < 0 || close >= end) {
      return null;
    }
    int user = m.indexOf(USER_QUOTE, close);
    String name = null;
    if (user > 0 && user < end) {
      int quote = m.indexOf((byte) '\'', user + USER_QUOTE.length());
      name = quote > 0 && quote < end ? m.text(user + USER_QUOTE.length(), quote) : null;
    }
    return event(m, exitFamily(m, close, end), at, close, name);
  }

  private static Family exitFamily(Message m, int from, int end) {
    int tries = m.indexOf(MAX_TRIES, from);
    return tries >= 0 && tries < end ? DropbearFamilies.MAX_TRIES : DropbearFamilies.EXIT_BEFORE_AUTH;
  }

  /**
   * The user name before {@code from}: the whole quoted text when it opens at {@code start}
   * ({@code 'X'}, quotes inside X kept), else the last quoted word ({@code ... - user 'X'}), or null.
   */
  private static String userBefore(Message m, int start, int from) {
    int s = start < from && m.byteAt(start) == ' ' ? start + 1 : start;
    if (s < from - 1 && m.byteAt(s) == '\'' && m.byteAt(from - 1) == '\'') {
      return m.text(s + 1, from - 1);
    }
    int close = m.lastIndexOf((byte) '\'', from);
    int open = close > s ? m.lastIndexOf((byte) '\'', close) : -1;
    return open >= s ? m.text(open + 1, close) : null;
  }

  private static Event event(Message m, Family family, int from, int to, String user) {
    int colon = m.lastIndexOf((byte) ':', to);
    if (colon <= from) {
      return null;
    }
    IpAddress a = m.address(from, colon);
    int port = m.port(colon + 1, to);
    if (a == null || port == 0) {
      return null;
    }
    return m.event(family).source(a).sourcePort(port).protocol(Protocol.TCP).user(user).build();
  }

  /** Skips {@code [PID] Mmm dd HH:MM:SS } that dropbear writes itself when logging to stderr (journal). */
  private static int skipJournalStamp(Message m, int pos, int end) {
    if (pos >= end || m.byteAt(pos) != '[') {
      return pos;
    }
    int close = m.indexOf((byte) ']', pos);
    int stamp = close + 2;
    if (close < 0 || close == pos + 1 || m.digitsEnd(pos + 1) != close || stamp + 16 > end || m.byteAt(close + 1) != ' ') {
      return pos;
    }
    boolean clock = m.byteAt(stamp + 3) == ' ' && m.byteAt(stamp + 6) == ' ' && m.byteAt(stamp + 9) == ':'
        && m.byteAt(stamp + 12) == ':' && m.byteAt(stamp + 15) == ' ';
    return clock ? stamp + 16 : pos;
  }
}
