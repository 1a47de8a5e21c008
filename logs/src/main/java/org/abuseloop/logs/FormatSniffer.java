package org.abuseloop.logs;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.abuseloop.core.Service;

/**
 * Recognises a file's {@link LogFormat} from its first lines: the envelope most of them parse with,
 * and for non-syslog frames the service (Asterisk's brackets, FreeSWITCH's {@code [LEVEL]} after the
 * date, Exim otherwise). Stateless and thread-safe.
 */
public final class FormatSniffer {

  static final List<Envelope> ENVELOPES = List.of(new SyslogEnvelope(), new AsteriskEnvelope(), new DatedEnvelope(), new Tai64nEnvelope());
  private static final int LINES = 200;

  /** The format of a file whose first bytes are {@code head[0, length)}; syslog by program when unsure. */
  public LogFormat sniff(byte[] head, int length, ZoneId zone) {
    int[] hits = new int[ENVELOPES.size()];
    int freeswitchLike = 0;
    Message m = new Message();
    TimeReader time = new TimeReader(zone, Instant.now());
    int lineStart = 0;
    int lines = 0;
    while (lineStart < length && lines < LINES) {
      int nl = lineStart;
      while (nl < length && head[nl] != '\n') {
        nl++;
      }
      for (int e = 0; e < ENVELOPES.size(); e++) {
        m.reset(head, lineStart, nl, 0, 0);
        if (ENVELOPES.get(e).read(m, time)) {
          hits[e]++;
          if (e == 2 && looksLikeFreeswitch(m)) {
            freeswitchLike++;
          }
        }
      }
      lines++;
      lineStart = nl + 1;
    }
    int best = 0;
    for (int e = 1; e < hits.length; e++) {
      if (hits[e] > hits[best]) {
        best = e;
      }
    }
    // A FreeSWITCH line also reads as ISO syslog with "[WARNING]" or "96.03%" for a host: when most
    // dated lines look like FreeSWITCH, the dated frame is the right one even on a tie.
    if (best == 0 && freeswitchLike > 0 && hits[2] >= hits[0] && freeswitchLike * 2 >= hits[2]) {
      best = 2;
    }
    Envelope envelope = ENVELOPES.get(best);
    return new LogFormat(envelope, impliedService(best, hits[best], freeswitchLike));
  }

  private static Service impliedService(int envelope, int hits, int freeswitchLike) {
    if (hits == 0 || envelope == 0) {
      return null;
    }
    if (envelope == 1) {
      return Service.ASTERISK;
    }
    if (envelope == 3) {
      return null;
    }
    return freeswitchLike * 2 >= hits ? Service.FREESWITCH : Service.EXIM;
  }

  /**
   * FreeSWITCH writes {@code [LEVEL] file.c:NNN} right after the date, newer versions with the CPU
   * idle share between ({@code 2023-03-06 15:11:14.385000 96.03% [WARNING]}); Exim never a bracketed
   * word.
   */
  private static boolean looksLikeFreeswitch(Message m) {
    byte[] b = m.bytes();
    int i = skipPercent(b, m.start(), m.end());
    if (i >= m.end() || b[i] != '[') {
      return false;
    }
    int j = i + 1;
    while (j < m.end() && b[j] >= 'A' && b[j] <= 'Z') {
      j++;
    }
    return j > i + 1 && j < m.end() && b[j] == ']';
  }

  /** Index after a {@code NN.NN% } share at {@code i}, or {@code i} when there is none. */
  private static int skipPercent(byte[] b, int i, int end) {
    int j = i;
    while (j < end && ((b[j] >= '0' && b[j] <= '9') || b[j] == '.')) {
      j++;
    }
    return j > i && j + 1 < end && b[j] == '%' && b[j + 1] == ' ' ? j + 2 : i;
  }
}
