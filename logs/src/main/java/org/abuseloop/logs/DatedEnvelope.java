package org.abuseloop.logs;

/**
 * The frame of services that write their own log with a leading ISO-like date,
 * {@code YYYY-MM-DD HH:MM:SS[.frac][ +HHMM] msg}: FreeSWITCH ({@code freeswitch.log}) and Exim
 * ({@code mainlog}, {@code rejectlog}). The service comes from the file, not the line. Stateless and
 * thread-safe.
 */
public final class DatedEnvelope implements Envelope {

  @Override
  public String name() {
    return "dated";
  }

  @Override
  public boolean read(Message m, TimeReader time) {
    byte[] b = m.bytes();
    int end = m.end();
    int i = m.start();
    if (i >= end || b[i] < '0' || b[i] > '9') {
      return false;
    }
    int after = time.readIso(b, i, end, true);
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
}
