package org.abuseloop.logs.firewall;

import org.abuseloop.core.Family;

/**
 * Decides from the operator's log prefix ({@code --log-prefix}, nftables {@code log prefix}, UFW's
 * {@code [UFW BLOCK] }) whether a netfilter LOG line records a refused packet, and of which family.
 * Stateless and thread-safe.
 *
 * <p>The rule: every LOG line is a denied connection, because LOG rules are nearly always placed
 * just before a DROP or REJECT, except when its prefix says otherwise: a prefix that contains
 * {@code ACCEPT}, {@code ALLOW} or {@code AUDIT} (in any case) logs traffic that was let through or
 * merely audited. UFW's own prefixes are read exactly: {@code [UFW BLOCK]} is a deny,
 * {@code [UFW LIMIT BLOCK]} a rate limit, {@code [UFW ALLOW]} and {@code [UFW AUDIT]} (written for
 * every new connection at logging level medium and above, before any verdict) are not events.
 */
final class NetfilterPrefix {

  private static final byte[] UFW = bytes("[UFW ");
  private static final byte[] BLOCK = bytes("BLOCK");
  private static final byte[] BLOCK_CLOSED = bytes("[UFW BLOCK]");
  private static final byte[] LIMIT = bytes("LIMIT");
  private static final byte[][] NOT_A_DENY = {bytes("ACCEPT"), bytes("ALLOW"), bytes("AUDIT")};

  private NetfilterPrefix() {}

  /**
   * The family of a line whose prefix is {@code b[from, to)}, or null when the line is not a deny. One
   * pass: only a '[' (of {@code [UFW }) and an 'a' or 'A' (of the words) are looked at further.
   */
  static Family familyOf(byte[] b, int from, int to) {
    boolean notADeny = false;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '[') {
        if (i <= to - UFW.length && indexOf(b, i, i + UFW.length, UFW, false) == i) {
          return ufwFamily(b, i, to);
        }
      } else if ((c | 0x20) == 'a' && !notADeny) {
        notADeny = startsWord(b, i, to);
      }
    }
    return notADeny ? null : NetfilterParser.DENY;
  }

  /** UFW's own prefix at {@code ufw}: {@code [UFW BLOCK]}, {@code [UFW LIMIT BLOCK]} or not a deny. */
  private static Family ufwFamily(byte[] b, int ufw, int to) {
    if (ufw + BLOCK_CLOSED.length <= to && indexOf(b, ufw, ufw + BLOCK_CLOSED.length, BLOCK_CLOSED, false) == ufw) {
      return NetfilterParser.UFW_BLOCK; // the usual one, without the general search below
    }
    int close = ufw;
    while (close < to && b[close] != ']') {
      close++;
    }
    if (indexOf(b, ufw, close, LIMIT, false) >= 0) {
      return NetfilterParser.UFW_LIMIT;
    }
    return indexOf(b, ufw, close, BLOCK, false) >= 0 ? NetfilterParser.UFW_BLOCK : null;
  }

  /** True when one of {@link #NOT_A_DENY} starts at {@code i}, in any case. */
  private static boolean startsWord(byte[] b, int i, int to) {
    for (byte[] word : NOT_A_DENY) {
      if (i <= to - word.length && indexOf(b, i, i + word.length, word, true) == i) {
        return true;
      }
    }
    return false;
  }

  /** First index of upper-case ASCII {@code word} in {@code b[from, to)}, optionally ignoring case. */
  private static int indexOf(byte[] b, int from, int to, byte[] word, boolean ignoreCase) {
    for (int i = from; i <= to - word.length; i++) {
      int k = 0;
      while (k < word.length && upper(b[i + k], ignoreCase) == word[k]) {
        k++;
      }
      if (k == word.length) {
        return i;
      }
    }
    return -1;
  }

  private static byte upper(byte c, boolean ignoreCase) {
    return ignoreCase && c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
