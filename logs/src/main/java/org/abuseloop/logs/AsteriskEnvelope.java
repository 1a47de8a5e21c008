package org.abuseloop.logs;

/**
 * Asterisk's own log frame, {@code [YYYY-MM-DD HH:MM:SS(.mmm)] } or {@code [Mmm dd HH:MM:SS] }, as
 * written to {@code /var/log/asterisk/messages}. The program is implied. Stateless and thread-safe.
 */
public final class AsteriskEnvelope implements Envelope {

  @Override
  public String name() {
    return "asterisk";
  }

  @Override
  public boolean read(Message m, TimeReader time) {
    byte[] b = m.bytes();
    int end = m.end();
    int i = m.start();
    if (i >= end || b[i] != '[') {
      return false;
    }
    int after = SyslogEnvelope.readTimestamp(b, i + 1, end, time);
    if (after < 0 || after >= end || b[after] != ']') {
      return false;
    }
    int msgStart = after + 1;
    while (msgStart < end && b[msgStart] == ' ') {
      msgStart++;
    }
    time.applyTo(m);
    m.setProgram(0, 0);
    m.setBounds(msgStart, end);
    return true;
  }
}
