package org.abuseloop.logs;

import java.time.ZoneOffset;

/**
 * The frame daemontools' multilog and s6-log write, {@code @4000000052f3b8a012345678 prog: msg}: a
 * TAI64N label (16 hex digits of seconds, 8 of nanoseconds) and the message, which may start with a
 * program token ({@code dovecot-auth:}). Stateless and thread-safe.
 *
 * <p>The label is read as 2^62 + Unix seconds, as fail2ban and most log tools read it. daemontools
 * stores 2^62 + 10 + Unix seconds, so its lines come out 10 s late; a writer that counts leap seconds
 * (s6 with a TAI clock) later still. Which writer made a file cannot be told from the file.
 */
public final class Tai64nEnvelope implements Envelope {

  private static final long EPOCH_LABEL = 0x4000000000000000L;
  private static final int LABEL = 1 + 24;

  @Override
  public String name() {
    return "tai64n";
  }

  @Override
  public boolean read(Message m, TimeReader time) {
    byte[] b = m.bytes();
    int i = m.start();
    int end = m.end();
    if (end - i < LABEL + 2 || b[i] != '@' || b[i + LABEL] != ' ') {
      return false;
    }
    long seconds = hex(b, i + 1, 16);
    long nanos = hex(b, i + 17, 8);
    if (seconds < EPOCH_LABEL || nanos < 0 || nanos > 999_999_999L) {
      return false;
    }
    m.setTime(seconds - EPOCH_LABEL, (int) nanos, ZoneOffset.UTC);
    int msgStart = i + LABEL + 1;
    int tokenEnd = msgStart;
    while (tokenEnd < end && b[tokenEnd] != ' ') {
      tokenEnd++;
    }
    if (tokenEnd - msgStart >= 2 && b[tokenEnd - 1] == ':' && isProgram(b, msgStart, tokenEnd - 1)) {
      m.setProgram(msgStart, programEnd(b, msgStart, tokenEnd - 1));
      msgStart = Math.min(tokenEnd + 1, end);
    } else {
      m.setProgram(0, 0);
    }
    m.setBounds(msgStart, end);
    return true;
  }

  /** A program name: letters, digits, '-', '_', '/', '.', an optional {@code [pid]}. */
  private static boolean isProgram(byte[] b, int from, int to) {
    for (int j = from; j < to; j++) {
      byte c = b[j];
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '/' || c == '.' || c == '[' || c == ']';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static int programEnd(byte[] b, int from, int to) {
    for (int j = from; j < to; j++) {
      if (b[j] == '[') {
        return j;
      }
    }
    return to;
  }

  /** The value of {@code digits} hex digits at {@code at}, or -1. */
  private static long hex(byte[] b, int at, int digits) {
    long v = 0;
    for (int j = at; j < at + digits; j++) {
      int c = b[j];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
