package org.abuseloop.logs.sip;

import java.nio.charset.StandardCharsets;
import org.abuseloop.logs.Message;

/**
 * Undoes the {@code {s.escape.param}} transformation abuseloop's Kamailio snippet applies to request
 * text ({@code %20} back to a space), for the user name an event reports. Stateless and thread-safe.
 *
 * <p>Written by hand because {@link java.net.URLDecoder} decodes form data, not RFC 3261 escapes: it
 * turns {@code +} (a legal, unescaped parameter character) into a space and throws on a stray
 * {@code %}, which an attacker's user name may well hold.
 */
final class KamailioEscapes {

  private static final int MAX_CHARS = 256;
  private static final int MAX_BYTES = 1024;

  private KamailioEscapes() {}

  /** The text in {@code [from, to)} with each {@code %HH} decoded, then made printable like {@link Message#text}. */
  static String decode(Message m, int from, int to) {
    int n = Math.min(to - from, MAX_BYTES);
    byte[] out = new byte[n];
    int len = 0;
    int limit = from + n;
    int i = from;
    while (i < limit) {
      byte c = m.byteAt(i);
      int hi = i + 2 < limit && c == '%' ? hex(m.byteAt(i + 1)) : -1;
      int lo = hi < 0 ? -1 : hex(m.byteAt(i + 2));
      if (lo >= 0) {
        out[len++] = (byte) (hi << 4 | lo);
        i += 3;
      } else {
        out[len++] = c;
        i++;
      }
    }
    return printable(new String(out, 0, len, StandardCharsets.UTF_8));
  }

  /** Control characters become '?', and the text stops at 256 characters. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_CHARS));
    for (int k = 0; k < s.length() && sb.length() < MAX_CHARS; k++) {
      char c = s.charAt(k);
      sb.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return sb.toString();
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }
}
