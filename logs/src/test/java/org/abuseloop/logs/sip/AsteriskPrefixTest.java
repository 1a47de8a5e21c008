package org.abuseloop.logs.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.abuseloop.core.Event;
import org.abuseloop.core.IpAddress;
import org.junit.jupiter.api.Test;

/**
 * The head of an Asterisk line reads the same whether its source file and function are among those
 * {@link AsteriskPrefix} compares whole (the common ones) or not: each known name, the same name
 * changed by one character, and names that only start like a known one.
 */
class AsteriskPrefixTest {

  private static final String BODY = "Registration from '<sip:100@pbx>' failed for '203.0.113.20:5070' - Wrong password";
  private static final List<String> FILES = List.of("chan_sip.c", "res_pjsip/pjsip_distributor.c", "res_security_log.c",
      "res_pjsip_registrar.c", "res_rtp_asterisk.c", "res_pjsip/pjsip_options.c", "chan_pjsip.c", "chan_iax2.c", "pbx.c");
  private static final List<String> FUNCTIONS = List.of("log_failed_request", "handle_request_register", "register_verify",
      "handle_request_invite", "authenticate", "check_auth");

  private static List<String> variants(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      out.add(n);
      out.add("x" + n);
      out.add(n.charAt(0) + "_" + n.substring(1));
      out.add(n.substring(0, n.length() - 1) + "_" + n.charAt(n.length() - 1));
    }
    return out;
  }

  @Test
  void readsKnownAndOtherSourceFilesAndFunctionsAlike() {
    int read = 0;
    for (String file : variants(FILES)) {
      for (String head : List.of(file + ": ", file + ":28926 ", file + ":28926: ")) {
        read += check(head, file.endsWith(".c") && !head.endsWith("28926 "));
      }
      for (String function : variants(FUNCTIONS)) {
        read += check(file + ":28926 " + function + ": ", file.endsWith(".c"));
        read += check(file + ":28926 in " + function + ": ", file.endsWith(".c"));
        read += check(file + ":28926 " + function + ":", false);
        read += check(file + ":28926 " + function + " ", false);
      }
    }
    assertThat(read).isGreaterThan(500);
  }

  @Test
  void aKnownNameFollowedByMoreOfANameIsNotThatName() {
    assertThat(ParsedLines.event("[2024-05-01 10:00:00] NOTICE[1] chan_sip.cc: " + BODY)).isNull();
    assertThat(ParsedLines.event("[2024-05-01 10:00:00] NOTICE[1] chan_sip.c.c: " + BODY)).isNotNull();
    assertThat(ParsedLines.event("[2024-05-01 10:00:00] NOTICE[1] chan_sip.c:12 authenticate:x: " + BODY)).isNull();
  }

  /** 1 when the line with this origin gives the body's event, 0 when it gives none; fails on anything else. */
  private static int check(String origin, boolean expected) {
    String line = "[2024-05-01 10:00:00] NOTICE[3002]: " + origin + BODY;
    Event e = ParsedLines.event(line);
    assertThat(e != null).as(line).isEqualTo(expected);
    if (e == null) {
      return 0;
    }
    assertThat(e.source()).as(line).isEqualTo(IpAddress.of("203.0.113.20"));
    assertThat(e.user()).as(line).isEqualTo("100");
    return 1;
  }
}
