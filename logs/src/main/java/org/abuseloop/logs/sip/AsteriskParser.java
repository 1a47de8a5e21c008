package org.abuseloop.logs.sip;

import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.Family;
import org.abuseloop.core.Service;
import org.abuseloop.logs.Message;
import org.abuseloop.logs.ServiceParser;

/**
 * Reads Asterisk's log ({@code /var/log/asterisk/messages}, or syslog and the journal): refused SIP
 * registrations and requests (chan_sip and PJSIP), calls to unknown extensions, IAX2 and manager
 * (AMI) login failures, the security event log and FreePBX's refusals. The head of the line (level,
 * thread, source file) is checked first; each message is then recognised by fixed text at the start
 * of its body. Stateless and thread-safe.
 *
 * <p>Byte scans rather than regular expressions, by the project's rule for the hot path: each line is
 * read once, without backtracking and without building a String unless it is an attack.
 */
public final class AsteriskParser implements ServiceParser {

  @Override
  public Service service() {
    return Service.ASTERISK;
  }

  @Override
  public List<Family> families() {
    return AsteriskFamilies.ALL;
  }

  @Override
  public Event parse(Message m) {
    int origin = AsteriskPrefix.originStart(m);
    if (origin < 0) {
      return null;
    }
    int body = AsteriskPrefix.bodyAfterFile(m, origin);
    if (body < 0) {
      return FreePbxMessages.read(m, origin);
    }
    if (body >= m.end()) {
      return null;
    }
    return switch (m.byteAt(body)) {
      case 'S' -> SecurityEvents.read(m, body);
      case 'R' -> registrationOrRequest(m, body);
      case 'H', 'N' -> IaxMessages.read(m, body);
      case 'h' -> ChanSipMessages.read(m, body);
      default -> callOrLogin(m, body);
    };
  }

  /** chan_sip's "Registration from", PJSIP's "Request", IAX2's "Rejected connect attempt": told apart by their third letter. */
  private static Event registrationOrRequest(Message m, int body) {
    if (body + 2 >= m.end()) {
      return null;
    }
    return switch (m.byteAt(body + 2)) {
      case 'g' -> ChanSipMessages.read(m, body);
      case 'q' -> PjsipRequests.read(m, body);
      case 'j' -> IaxMessages.read(m, body);
      default -> null;
    };
  }

  /**
   * "Call from" and "ENDPOINT: Call" (any first letter), or an AMI line (an address first). Both other
   * forms are told by the text around the body's first space, found once for both.
   */
  private static Event callOrLogin(Message m, int body) {
    int space = m.indexOf((byte) ' ', body);
    Event e = RejectedCalls.read(m, body, space);
    return e != null ? e : AmiMessages.read(m, body, space);
  }
}
