package org.abuseloop.logs.sip;

import org.abuseloop.logs.Message;

/**
 * Where Kamailio's own words start in one of its log messages: after the optional process marker
 * of stderr logs ({@code " 3(1234) "}), the level ({@code WARNING: }), the module ({@code <script>: }
 * for xlog, {@code pike [pike_funcs.c:135]: }, {@code <core> [core/receive.c:376]: }) and the C
 * function ({@code pike_check_ipaddr(): }). Immutable and thread-safe.
 *
 * <p>Kamailio writes all of this itself, so the message body starts at a position no request can
 * move; the parser matches its anchors only there, never further in, where a module may quote a
 * request (as {@code parse_msg(): ERROR: parse_msg: message=<...>} does). A custom
 * {@code log_prefix} that puts request text (a Call-ID) first is not supported.
 *
 * @param moduleStart first byte of the module name ({@code <script>}, {@code pike}), or the body
 *     start when there is none
 * @param moduleEnd the byte after the module name
 * @param body the first byte of the message body
 */
record KamailioPrefix(int moduleStart, int moduleEnd, int body) {

  private static final int MAX_LEVEL = 10;
  private static final int MAX_MODULE = 40;
  private static final int MAX_LOCATION = 160;
  private static final int MAX_FUNCTION = 80;

  /** The prefix of {@code m}; never null (a message without one has its body at its start). */
  static KamailioPrefix read(Message m) {
    int i = afterLevel(m, afterProcess(m, m.start()));
    int moduleEnd = moduleEnd(m, i);
    if (moduleEnd < 0) {
      return new KamailioPrefix(i, i, i);
    }
    if (m.byteAt(i) == '<' && colonSpaceAt(m, moduleEnd)) {
      return new KamailioPrefix(i, moduleEnd, moduleEnd + 2);
    }
    int body = afterLocation(m, moduleEnd);
    if (body < 0) {
      return new KamailioPrefix(i, i, i);
    }
    return new KamailioPrefix(i, moduleEnd, afterFunction(m, body));
  }

  /** True when the module name is exactly {@code name}. */
  boolean moduleIs(Message m, String name) {
    if (moduleEnd - moduleStart != name.length()) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      if (m.byteAt(moduleStart + k) != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Skips {@code " 3(1234) "}, which Kamailio puts first when it logs to stderr. */
  private static int afterProcess(Message m, int i) {
    int j = i;
    while (j < m.end() && m.byteAt(j) == ' ') {
      j++;
    }
    int rank = m.digitsEnd(j);
    if (rank == j || rank >= m.end() || m.byteAt(rank) != '(') {
      return i;
    }
    int pid = m.digitsEnd(rank + 1);
    return pid > rank + 1 && pid + 1 < m.end() && m.byteAt(pid) == ')' && m.byteAt(pid + 1) == ' ' ? pid + 2 : i;
  }

  /** Skips {@code LEVEL: } (ERROR, WARNING, NOTICE, INFO ...). */
  private static int afterLevel(Message m, int i) {
    int j = i;
    while (j < m.end() && j - i <= MAX_LEVEL && m.byteAt(j) >= 'A' && m.byteAt(j) <= 'Z') {
      j++;
    }
    return j - i >= 2 && colonSpaceAt(m, j) ? j + 2 : i;
  }

  /** The end of a module name at {@code i}: {@code <script>}, {@code <core>} or a lower-case name. */
  private static int moduleEnd(Message m, int i) {
    if (i >= m.end()) {
      return -1;
    }
    if (m.byteAt(i) == '<') {
      int j = i + 1;
      while (j < m.end() && j - i < MAX_MODULE && isNameByte(m.byteAt(j))) {
        j++;
      }
      return j > i + 1 && j < m.end() && m.byteAt(j) == '>' ? j + 1 : -1;
    }
    int j = i;
    while (j < m.end() && j - i < MAX_MODULE && isNameByte(m.byteAt(j))) {
      j++;
    }
    return j > i && j + 1 < m.end() && m.byteAt(j) == ' ' && m.byteAt(j + 1) == '[' ? j : -1;
  }

  /** Skips {@code " [file.c:123]: "} after a module name; -1 when it is not there. */
  private static int afterLocation(Message m, int moduleEnd) {
    if (moduleEnd + 1 >= m.end() || m.byteAt(moduleEnd) != ' ' || m.byteAt(moduleEnd + 1) != '[') {
      return -1;
    }
    for (int j = moduleEnd + 2; j < m.end() && j - moduleEnd < MAX_LOCATION; j++) {
      byte c = m.byteAt(j);
      if (c == ']') {
        return colonSpaceAt(m, j + 1) ? j + 3 : -1;
      }
      if (c == ' ' || c == '[') {
        return -1;
      }
    }
    return -1;
  }

  /** Skips {@code "function(): "}, which Kamailio 4.2 and later write after the location. */
  private static int afterFunction(Message m, int i) {
    int j = i;
    while (j < m.end() && j - i < MAX_FUNCTION && isNameByte(m.byteAt(j))) {
      j++;
    }
    boolean call = j > i && j + 3 < m.end() && m.byteAt(j) == '(' && m.byteAt(j + 1) == ')' && colonSpaceAt(m, j + 2);
    return call ? j + 4 : i;
  }

  private static boolean colonSpaceAt(Message m, int j) {
    return j + 1 < m.end() && m.byteAt(j) == ':' && m.byteAt(j + 1) == ' ';
  }

  private static boolean isNameByte(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
