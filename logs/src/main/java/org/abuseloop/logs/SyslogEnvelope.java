package org.abuseloop.logs;

/**
 * The syslog frames: BSD ({@code Mmm dd HH:MM:SS[.frac] [YYYY] host prog[pid]: msg}), the high
 * precision ISO form rsyslog and journalctl write ({@code 2024-05-01T10:00:00.123+02:00 host
 * prog[pid]: msg}), each with an optional {@code <PRI>}, and RFC 5424 ({@code <PRI>1 TIMESTAMP HOST
 * APP PROCID MSGID SD MSG}). The host may be missing when the token after the time already names the
 * program. Stateless and thread-safe.
 */
public final class SyslogEnvelope implements Envelope {

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public boolean read(Message m, TimeReader time) {
    byte[] b = m.bytes();
    int end = m.end();
    int i = m.start();
    if (i < end && b[i] == '<') {
      int close = priorityEnd(b, i, end);
      if (close < 0) {
        return false;
      }
      i = close;
      if (i + 1 < end && b[i] == '1' && b[i + 1] == ' ') {
        return readRfc5424(m, time, i + 2);
      }
    }
    int after = readTimestamp(b, i, end, time);
    if (after < 0 || after >= end || b[after] != ' ') {
      return false;
    }
    // "2024-05-01 10:00:00 text" is also how Exim and FreeSWITCH date their own files: with a space
    // instead of the 'T', the line is syslog only when a program token ("prog[pid]:") follows.
    boolean spaceDated = b[i] >= '0' && b[i] <= '9' && b[i + 10] == ' ';
    return readHostAndProgram(m, time, skipFacility(b, after + 1, end), spaceDated);
  }

  /** Skips a {@code <mail.notice> } token (syslog-ng's and BSD syslogd's facility.priority) at {@code i}. */
  private static int skipFacility(byte[] b, int i, int end) {
    if (i >= end || b[i] != '<') {
      return i;
    }
    int close = tokenEnd(b, i, end) - 1;
    boolean dotted = false;
    for (int j = i + 1; j < close; j++) {
      if (b[j] == '.') {
        dotted = true;
      } else if (b[j] < 'a' || b[j] > 'z') {
        return i;
      }
    }
    return dotted && close + 1 < end && b[close] == '>' ? close + 2 : i;
  }

  /** Reads a BSD or ISO timestamp at {@code i} with what may follow it; index after it, or -1. */
  static int readTimestamp(byte[] b, int i, int end, TimeReader time) {
    if (i < end && b[i] >= '0' && b[i] <= '9') {
      return time.readIso(b, i, end, false);
    }
    int after = time.readSyslog(b, i, end);
    if (after < 0) {
      return -1;
    }
    if (after < end && b[after] == '.') {
      int j = after + 1;
      while (j < end && b[j] >= '0' && b[j] <= '9') {
        j++;
      }
      after = j;
    }
    // Some writers put the year after the time: "Jan 12 10:00:00 2024 host ...". The year read from
    // the reference stays: a four-digit number in the host position is taken as that year marker.
    if (after + 5 < end && b[after] == ' ' && b[after + 5] == ' ' && TimeReader.fixed(b, after + 1, 4) >= 0) {
      after += 5;
    }
    return after;
  }

  private static int priorityEnd(byte[] b, int i, int end) {
    int j = i + 1;
    while (j < end && j - i <= 4 && b[j] >= '0' && b[j] <= '9') {
      j++;
    }
    return j > i + 1 && j < end && b[j] == '>' ? j + 1 : -1;
  }

  private static boolean readHostAndProgram(Message m, TimeReader time, int i, boolean programRequired) {
    byte[] b = m.bytes();
    int end = m.end();
    HostAndProgram last = m.hostAndProgram();
    if (last.matches(b, i, end, programRequired)) {
      time.applyTo(m);
      m.setProgram(i + last.programFrom(), i + last.programTo());
      m.setBounds(i + last.length(), end);
      return true;
    }
    int tokenEnd = tokenEnd(b, i, end);
    if (tokenEnd == i) {
      return false;
    }
    int progStart = i;
    int progTokenEnd = tokenEnd;
    if (!looksLikeProgram(b, i, tokenEnd)) {
      progStart = tokenEnd + 1;
      progTokenEnd = tokenEnd(b, progStart, end);
      if (progTokenEnd == progStart) {
        // Only "time host" and nothing else: not a syslog line we can use.
        return false;
      }
      if (programRequired && !looksLikeProgram(b, progStart, progTokenEnd)) {
        return false;
      }
    }
    int progEnd = programNameEnd(b, progStart, progTokenEnd);
    if (b[progStart] == '[' && isBracketedName(b, progStart, progTokenEnd)) {
      // "[sshd]:" or "[sshd]": a bracketed name with no pid, as some syslog daemons write.
      progStart++;
      progEnd = progTokenEnd - (b[progTokenEnd - 1] == ':' ? 2 : 1);
    }
    int msgStart = progTokenEnd < end ? progTokenEnd + 1 : end;
    if (progTokenEnd < end) {
      last.remember(b, i, msgStart - i, programRequired, progStart - i, progEnd - i);
    }
    time.applyTo(m);
    m.setProgram(progStart, progEnd);
    m.setBounds(msgStart, end);
    return true;
  }

  /**
   * A program token ends with ':' (as in {@code sshd[12]:} or {@code kernel:}), or is a bracketed
   * name ({@code [sshd]}), which no host name can be.
   */
  private static boolean looksLikeProgram(byte[] b, int from, int to) {
    return to - from >= 2 && (b[to - 1] == ':' || (b[from] == '[' && isBracketedName(b, from, to)));
  }

  /** {@code [name]} or {@code [name]:}, the name a letter then letters, digits, '-', '_' or '.' (not an address). */
  private static boolean isBracketedName(byte[] b, int from, int to) {
    int close = to > from && b[to - 1] == ':' ? to - 2 : to - 1;
    if (close - from < 2 || b[from] != '[' || b[close] != ']' || !isLetter(b[from + 1])) {
      return false;
    }
    for (int i = from + 2; i < close; i++) {
      byte c = b[i];
      if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetter(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** The program name without {@code [pid]} and the trailing colon, and without a leading path. */
  private static int programNameEnd(byte[] b, int from, int to) {
    int e = to;
    if (e > from && b[e - 1] == ':') {
      e--;
    }
    for (int i = from; i < e; i++) {
      if (b[i] == '[') {
        return i;
      }
    }
    return e;
  }

  private static int tokenEnd(byte[] b, int i, int end) {
    int j = i;
    while (j < end && b[j] != ' ') {
      j++;
    }
    return j;
  }

  private static boolean readRfc5424(Message m, TimeReader time, int i) {
    byte[] b = m.bytes();
    int end = m.end();
    int after = i >= end || b[i] == '-' ? -1 : time.readIso(b, i, end, false);
    if (after < 0 || after >= end || b[after] != ' ') {
      return false;
    }
    int hostEnd = tokenEnd(b, after + 1, end);
    int appStart = hostEnd + 1;
    int appEnd = tokenEnd(b, appStart, end);
    int procEnd = tokenEnd(b, appEnd + 1, end);
    int msgIdEnd = tokenEnd(b, procEnd + 1, end);
    if (msgIdEnd >= end) {
      return false;
    }
    int sdEnd = structuredDataEnd(b, msgIdEnd + 1, end);
    if (sdEnd < 0) {
      return false;
    }
    int msgStart = Math.min(sdEnd + 1, end);
    if (msgStart + 3 <= end && (b[msgStart] & 0xFF) == 0xEF && (b[msgStart + 1] & 0xFF) == 0xBB && (b[msgStart + 2] & 0xFF) == 0xBF) {
      msgStart += 3;
    }
    time.applyTo(m);
    m.setProgram(appStart, b[appStart] == '-' && appEnd == appStart + 1 ? appStart : appEnd);
    m.setBounds(msgStart, end);
    return true;
  }

  /** Index after the structured data ({@code -} or one or more {@code [id k="v"]} blocks), or -1. */
  private static int structuredDataEnd(byte[] b, int i, int end) {
    if (i >= end) {
      return -1;
    }
    if (b[i] == '-') {
      return i + 1;
    }
    int j = i;
    while (j < end && b[j] == '[') {
      boolean quoted = false;
      j++;
      while (j < end) {
        byte c = b[j];
        if (c == '\\' && quoted) {
          j += 2;
          continue;
        }
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ']' && !quoted) {
          break;
        }
        j++;
      }
      if (j >= end) {
        return -1;
      }
      j++;
    }
    return j == i ? -1 : j;
  }
}
