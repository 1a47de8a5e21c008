package org.abuseloop.logs;

/**
 * The frame of services that write their own log with a leading ISO-like date,
 * {@code YYYY-MM-DD HH:MM:SS[.frac][ +HHMM] msg}: FreeSWITCH ({@code freeswitch.log}) and Exim
 * ({@code mainlog}, {@code rejectlog}). FreeSWITCH may also put the call's UUID before the date and
 * may be set up to leave out the year ({@code MM-DD HH:MM:SS.frac}). The service comes from the
 * file, not the line. Stateless and thread-safe.
 */
public final class DatedEnvelope implements Envelope {

  private static final int UUID_LENGTH = 36;

  @Override
  public String name() {
    return "dated";
  }

  @Override
  public boolean read(Message m, TimeReader time) {
    byte[] b = m.bytes();
    int end = m.end();
    int i = m.start();
    if (isUuid(b, i, end)) {
      i += UUID_LENGTH + 1;
    }
    if (i >= end || b[i] < '0' || b[i] > '9') {
      return false;
    }
    int after = i + 5 < end && b[i + 2] == '-' && b[i + 5] == ' '
        ? time.readMonthDay(b, i, end)
        : time.readIso(b, i, end, true);
    if (after < 0 || (after < end && b[after] != ' ')) {
      return false;
    }
    int msgStart = after;
    while (msgStart < end && b[msgStart] == ' ') {
      msgStart++;
    }
    time.applyTo(m);
    m.setProgram(0, 0);
    m.setBounds(msgStart, end);
    return true;
  }

  /** True when a lower-case UUID ({@code 8-4-4-4-12} hex digits) and a space stand at {@code i}. */
  static boolean isUuid(byte[] b, int i, int end) {
    if (end - i <= UUID_LENGTH || b[i + UUID_LENGTH] != ' ') {
      return false;
    }
    for (int k = 0; k < UUID_LENGTH; k++) {
      byte c = b[i + k];
      boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
      if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
