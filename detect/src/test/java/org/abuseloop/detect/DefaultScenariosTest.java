package org.abuseloop.detect;

import static org.abuseloop.detect.Events.event;
import static org.abuseloop.detect.Events.sec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.abuseloop.core.Event;
import org.abuseloop.core.EventKind;
import org.abuseloop.core.Family;
import org.abuseloop.core.Incident;
import org.abuseloop.core.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each default scenario fires on exactly the event its documentation says, from one fresh source. */
class DefaultScenariosTest {

  private static final String A = "198.51.100.7";

  private static Family family(Service s, EventKind k) {
    return new Family(s.id() + ".test." + k.name().toLowerCase().replace('_', '-'), s, k);
  }

  static Stream<Arguments> cases() {
    Family sshFail = family(Service.SSHD, EventKind.AUTH_FAILURE);
    Family dropbearFail = family(Service.DROPBEAR, EventKind.UNKNOWN_USER);
    Family astWrong = family(Service.ASTERISK, EventKind.AUTH_FAILURE);
    Family fsNoUser = family(Service.FREESWITCH, EventKind.UNKNOWN_USER);
    Family kamAcl = family(Service.KAMAILIO, EventKind.ACL_REJECT);
    Family astNoPeer = family(Service.ASTERISK, EventKind.UNKNOWN_USER);
    Family astNoExt = family(Service.ASTERISK, EventKind.UNKNOWN_EXTENSION);
    Family kamScanner = family(Service.KAMAILIO, EventKind.SCANNER);
    Family postfixSasl = family(Service.POSTFIX, EventKind.AUTH_FAILURE);
    Family dovecotFail = family(Service.DOVECOT, EventKind.AUTH_FAILURE);
    Family eximSpam = family(Service.EXIM, EventKind.SPAM_REJECT);
    Family drop = family(Service.FIREWALL, EventKind.CONNECTION_DENIED);
    return Stream.of(
        // id, the 1-based event that fires, events i = 0, 1, 2 ...
        Arguments.of("sshd-bf", 5, (IntFunction<Event>) i -> event(sshFail, A, sec(i * 119L))),
        Arguments.of("sshd-bf", 5, (IntFunction<Event>) i -> event(dropbearFail, A, sec(i * 150L))),
        Arguments.of("sshd-slow-bf", 14, (IntFunction<Event>) i -> event(sshFail, A, sec(i * 151L))),
        Arguments.of("asterisk-bf", 5, (IntFunction<Event>) i -> event(astWrong, A, sec(i * 15L))),
        Arguments.of("freeswitch-bf", 5, (IntFunction<Event>) i -> event(fsNoUser, A, sec(i * 15L))),
        Arguments.of("kamailio-bf", 5, (IntFunction<Event>) i -> event(kamAcl, A, sec(i * 15L))),
        Arguments.of("sip-slow-bf", 40, (IntFunction<Event>) i -> event(astWrong, A, sec(i * 30L))),
        Arguments.of("sip-user-enum", 5, (IntFunction<Event>) i -> Events.user(astNoPeer, A, sec(i * 100L), "ext" + i)),
        Arguments.of("sip-dialplan-scan", 5, (IntFunction<Event>) i -> Events.user(astNoExt, A, sec(i * 100L), "00972" + i)),
        Arguments.of("sip-scanner", 3, (IntFunction<Event>) i -> event(kamScanner, A, sec(i * 250L))),
        Arguments.of("smtp-auth-bf", 3, (IntFunction<Event>) i -> event(postfixSasl, A, sec(i * 1500L))),
        Arguments.of("imap-auth-bf", 5, (IntFunction<Event>) i -> event(dovecotFail, A, sec(i * 120L))),
        Arguments.of("mail-reject", 5, (IntFunction<Event>) i -> event(eximSpam, A, sec(i * 120L))),
        Arguments.of("port-scan", 15, (IntFunction<Event>) i -> Events.drop(A, sec(i * 30L), "192.0.2.1", 1000 + i)),
        Arguments.of("port-sweep", 10, (IntFunction<Event>) i -> Events.drop(A, sec(i * 60L), "192.0.2." + (i + 1), 1080)));
  }

  @ParameterizedTest(name = "{0} fires on event {1}")
  @MethodSource("cases")
  void firesOnTheDocumentedEvent(String id, int firing, IntFunction<Event> events) {
    Detector d = Detector.builder(DetectionConfig.defaults()).build();
    for (int i = 0; i < firing - 1; i++) {
      assertThat(opened(d.accept(events.apply(i)), id)).as("event %d", i + 1).isEmpty();
    }
    assertThat(opened(d.accept(events.apply(firing - 1)), id)).hasSize(1);
  }

  private static List<Incident> opened(List<Incident> changes, String id) {
    return changes.stream().filter(i -> i.active() && i.scenario().equals(id)).toList();
  }
}
