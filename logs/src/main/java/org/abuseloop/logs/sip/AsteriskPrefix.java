package org.abuseloop.logs.sip;

import org.abuseloop.logs.Message;
import org.abuseloop.logs.Needle;

/**
 * Reads the head of an Asterisk log message, which the service writes itself: an optional repeated
 * date ({@code [Mar 27 10:06:14] }, when syslog or the journal wraps Asterisk's own line), the level
 * and thread ({@code NOTICE[1638]}, {@code NOTICE [1638]:}, {@code WARNING[6756][C-0000001d]:}) and
 * the origin: a source file ({@code chan_sip.c:}, {@code chan_sip.c:23417 in handle_request_register:})
 * or, for dial plan {@code Log()} lines, an extension ({@code Ext. s:6 in @ from-sip-external:}).
 * Stateless and thread-safe.
 *
 * <p>Every line goes through here, so the scans read the line's array into a local and test each
 * character class with one lookup in {@link #CLASSES} (C1 inlines no method of more than 35 bytes of
 * bytecode, and a chain of range tests is more than that). The source files and functions that write
 * most of a busy server's log are first compared whole, eight bytes at a time; any other name takes
 * the scan, which gives the same answer for them.
 */
final class AsteriskPrefix {

  private static final Needle IN = Needle.of("in ");
  private static final Needle COLON_SPACE = Needle.of(": ");
  private static final Needle EXT_S = Needle.of("Ext. s:");
  private static final int MAX_DATE = 40;
  private static final int MAX_CALL_ID = 32;

  /** Letters, digits and {@code _}: a C identifier. */
  private static final byte IDENTIFIER = 4;
  /** An identifier character or {@code . / -}: a source file path. */
  private static final byte FILE = 8;
  /** Letters, digits and {@code space : - . +}: a repeated date. */
  private static final byte DATE = 16;
  /** The classes of each byte value (index {@code c & 0xFF}). */
  private static final byte[] CLASSES = classes();

  /** Common source files with the colon after them (each at least eight bytes, all file characters). */
  private static final byte[][] FILES = names("chan_sip.c:", "res_pjsip/pjsip_distributor.c:", "res_security_log.c:",
      "res_pjsip_registrar.c:", "res_rtp_asterisk.c:", "res_pjsip/pjsip_options.c:", "chan_pjsip.c:");
  /** Common function names with the colon after them (likewise). */
  private static final byte[][] FUNCTIONS = names("log_failed_request:", "handle_request_register:",
      "register_verify:", "handle_request_invite:", "authenticate:");

  private AsteriskPrefix() {}

  /** Index where the origin starts (after level and thread), or -1 when the head is not Asterisk's. */
  static int originStart(Message m) {
    byte[] b = m.bytes();
    int end = m.end();
    int i = m.start();
    if (i < end && b[i] == '[') {
      i = skipOwnDate(b, i, end);
    }
    int j = i;
    while (j < end && b[j] >= 'A' && b[j] <= 'Z') {
      j++;
    }
    if (j - i < 4) {
      return -1;
    }
    if (j < end && b[j] == ' ') {
      j++;
    }
    j = skipThread(b, j, end);
    if (j < 0) {
      return -1;
    }
    if (j < end && b[j] == '[') {
      j = skipCallId(b, j, end);
      if (j < 0) {
        return -1;
      }
    }
    if (j < end && b[j] == ':') {
      j++;
    }
    if (j >= end || b[j] != ' ') {
      return -1;
    }
    return skipSpaces(b, j, end);
  }

  /**
   * Index of the text after a source file origin ({@code file.c: }, {@code file.c:NNN func: },
   * {@code file.c:NNN in func: }), or -1 when the origin is not a source file.
   */
  static int bodyAfterFile(Message m, int origin) {
    byte[] b = m.bytes();
    int end = m.end();
    int j = knownName(b, origin, end, FILES);
    if (j < 0) {
      j = origin;
      while (j < end && (CLASSES[b[j] & 0xFF] & FILE) != 0) {
        j++;
      }
      if (j - origin < 3 || j >= end || b[j] != ':' || b[j - 1] != 'c' || b[j - 2] != '.') {
        return -1;
      }
    }
    j = afterLineNumber(b, j + 1, end);
    if (j < 0 || j >= end || b[j] != ' ') {
      return -1;
    }
    return skipSpaces(b, j, end);
  }

  /** Index of the colon that ends the name of {@code names} standing at {@code at}, or -1. */
  private static int knownName(byte[] b, int at, int end, byte[][] names) {
    if (at >= end) {
      return -1;
    }
    byte first = b[at];
    for (byte[] name : names) {
      if (name[0] == first && LineBytes.wordsMatch(b, at, at, end, name)) {
        return at + name.length - 1;
      }
    }
    return -1;
  }

  /**
   * After {@code file.c:} at {@code i}: past {@code NNN func:} or {@code NNN:} when one follows, else
   * {@code i}; -1 when a line number is followed by a malformed function name.
   */
  private static int afterLineNumber(byte[] b, int i, int end) {
    int d = i;
    while (d < end && b[d] >= '0' && b[d] <= '9') {
      d++;
    }
    if (d == i || d >= end) {
      return i;
    }
    if (b[d] == ' ') {
      return skipFunction(b, d + 1, end);
    }
    return b[d] == ':' ? d + 1 : i;
  }

  /**
   * Index of the text after a dial plan origin for extension {@code s} ({@code Ext. s: },
   * {@code Ext. s:6 in @ from-sip-external: }), or -1. Other extensions are what the caller dialled,
   * so their origin is not the service's own text.
   */
  static int bodyAfterExtensionS(Message m, int origin) {
    if (!m.matchesAt(origin, EXT_S)) {
      return -1;
    }
    int colon = m.indexOf(COLON_SPACE, origin + EXT_S.length() - 1);
    return colon < 0 ? -1 : skipSpaces(m.bytes(), colon + 1, m.end());
  }

  /** After {@code NNN }: an optional {@code in }, a function name and a colon; index after the colon. */
  private static int skipFunction(byte[] b, int i, int end) {
    int f = i + IN.length() <= end && b[i] == 'i' && b[i + 1] == 'n' && b[i + 2] == ' ' ? i + IN.length() : i;
    int e = knownName(b, f, end, FUNCTIONS);
    if (e >= 0) {
      return e + 1;
    }
    e = f;
    while (e < end && (CLASSES[b[e] & 0xFF] & IDENTIFIER) != 0) {
      e++;
    }
    return e > f && e < end && b[e] == ':' ? e + 1 : -1;
  }

  /** Past {@code [NNN]} at {@code i}, or -1. */
  private static int skipThread(byte[] b, int i, int end) {
    if (i >= end || b[i] != '[') {
      return -1;
    }
    int d = i + 1;
    while (d < end && b[d] >= '0' && b[d] <= '9') {
      d++;
    }
    return d > i + 1 && d < end && b[d] == ']' ? d + 1 : -1;
  }

  /** Past a call id {@code [C-0000001d]} at {@code i} (its {@code ]} within 32 bytes), or -1. */
  private static int skipCallId(byte[] b, int i, int end) {
    int last = Math.min(end - 1, i + MAX_CALL_ID);
    for (int k = i + 1; k <= last; k++) {
      if (b[k] == ']') {
        return k + 1;
      }
    }
    return -1;
  }

  /** Skips {@code [date] } at {@code i} when the message repeats Asterisk's own timestamp. */
  private static int skipOwnDate(byte[] b, int i, int end) {
    boolean sawColon = false;
    for (int j = i + 1; j < end && j - i <= MAX_DATE; j++) {
      byte c = b[j];
      if (c == ']') {
        return sawColon && j + 1 < end && b[j + 1] == ' ' ? skipSpaces(b, j + 1, end) : i;
      }
      sawColon |= c == ':';
      if ((CLASSES[c & 0xFF] & DATE) == 0) {
        return i;
      }
    }
    return i;
  }

  private static int skipSpaces(byte[] b, int i, int end) {
    while (i < end && b[i] == ' ') {
      i++;
    }
    return i;
  }

  private static byte[][] names(String... names) {
    byte[][] out = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      out[i] = LineBytes.ascii(names[i]);
    }
    return out;
  }

  private static byte[] classes() {
    byte[] t = new byte[256];
    for (int c = 'A'; c <= 'Z'; c++) {
      t[c] = IDENTIFIER | FILE | DATE;
      t[c + ('a' - 'A')] = IDENTIFIER | FILE | DATE;
    }
    for (int c = '0'; c <= '9'; c++) {
      t[c] = IDENTIFIER | FILE | DATE;
    }
    t['_'] = IDENTIFIER | FILE;
    t['.'] = FILE | DATE;
    t['/'] = FILE;
    t['-'] = FILE | DATE;
    t[' '] = DATE;
    t[':'] = DATE;
    t['+'] = DATE;
    return t;
  }
}
