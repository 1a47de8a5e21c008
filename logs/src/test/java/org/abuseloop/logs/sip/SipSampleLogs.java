package org.abuseloop.logs.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the demo's sample logs, {@code examples/logs/asterisk-messages.log} and
 * {@code examples/logs/freeswitch.log}: a night on a small PBX with a SIPVicious-style REGISTER flood,
 * an extension enumeration, PJSIP, IAX2 and manager login failures, calls to premium numbers and ACL
 * refusals, between ordinary lines. Only documentation addresses appear (192.0.2.0/24 is the PBX's own
 * network, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32 the attackers). Deterministic: the same
 * text on every run. Run {@link #main} from the project root to rewrite the files. Not thread-safe:
 * one instance writes one file.
 */
final class SipSampleLogs {

  static final String ASTERISK_FILE = "asterisk-messages.log";
  static final String FREESWITCH_FILE = "freeswitch.log";

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  private static final String PBX = "192.0.2.5";

  private final StringBuilder out = new StringBuilder();
  private final Random random = new Random(20250314L);
  private LocalDateTime now = LocalDateTime.of(2025, 3, 14, 1, 58, 12);

  private SipSampleLogs() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "examples/logs");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(ASTERISK_FILE), asteriskMessages(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(FREESWITCH_FILE), freeswitchLog(), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- Asterisk

  static String asteriskMessages() {
    SipSampleLogs s = new SipSampleLogs();
    s.asteriskOrdinary(6);
    s.registerFlood();
    s.asteriskOrdinary(3);
    s.extensionEnumeration();
    s.asteriskOrdinary(3);
    s.pjsipFailures();
    s.tollFraud();
    s.asteriskOrdinary(2);
    s.iaxAndManager();
    s.freePbxAndSecurity();
    s.asteriskOrdinary(4);
    return s.out.toString();
  }

  private void asterisk(String level, String origin, String message) {
    asterisk(level, null, origin, message);
  }

  /** {@code [date] LEVEL[thread][callId] origin: message}; the call id is left out when null. */
  private void asterisk(String level, String callId, String origin, String message) {
    out.append('[').append(SECONDS.format(now)).append("] ").append(level).append('[').append(2800 + random.nextInt(200)).append(']');
    if (callId != null) {
      out.append("[C-").append(callId).append(']');
    }
    out.append(' ').append(origin).append(": ").append(message).append('\n');
  }

  private void asteriskOrdinary(int n) {
    for (int i = 0; i < n; i++) {
      int phone = 201 + random.nextInt(6);
      switch (i % 3) {
        case 0 -> asterisk("VERBOSE", "chan_sip.c", "-- Registered SIP '" + phone + "' at 192.0.2." + (20 + phone - 200) + ":5060");
        case 1 -> asterisk("NOTICE", "chan_sip.c", "Peer '" + phone + "' is now Reachable. (" + (8 + random.nextInt(40)) + "ms / 2000ms)");
        default -> asterisk("VERBOSE", "0000002" + i, "pbx.c",
            "-- Executing [" + (phone + 1) + "@internal:1] Dial(\"SIP/" + phone + "-0000002" + i + "\", \"SIP/" + (phone + 1) + ",30\") in new stack");
      }
      tick(20 + random.nextInt(90));
    }
  }

  /** SIPVicious svcrack against extension 1001 from one address, about a dozen guesses a second. */
  private void registerFlood() {
    String attacker = "203.0.113.66";
    for (int i = 0; i < 60; i++) {
      int port = 5071;
      asterisk("NOTICE", "chan_sip.c", "Registration from '\"1001\" <sip:1001@" + PBX + ">' failed for '" + attacker + ":" + port
          + "' - Wrong password");
      asterisk("SECURITY", "res_security_log.c", security("InvalidPassword", "SIP", "2", "1001", "0x7f3a" + hex(8),
          "IPV4/UDP/" + PBX + "/5060", "IPV4/UDP/" + attacker + "/" + port,
          ",Challenge=\"" + hex(8) + "\",ReceivedChallenge=\"" + hex(8) + "\",ReceivedHash=\"" + hex(32) + "\""));
      tickMillis(80);
    }
  }

  /** svwar-style enumeration: unknown extensions answer "No matching peer", existing ones "Wrong password". */
  private void extensionEnumeration() {
    String attacker = "198.51.100.23";
    for (int ext = 100; ext < 180; ext++) {
      boolean exists = ext == 101 || ext == 120 || ext == 150 || ext == 175;
      asterisk("NOTICE", "chan_sip.c", "Registration from '\"" + ext + "\" <sip:" + ext + "@" + PBX + ">' failed for '" + attacker
          + ":5060' - " + (exists ? "Wrong password" : "No matching peer found"));
      if (ext % 10 == 0) {
        asterisk("SECURITY", "res_security_log.c", security("InvalidAccountID", "SIP", "1", String.valueOf(ext + 1), "0x7f3a" + hex(8),
            "IPV4/UDP/" + PBX + "/5060", "IPV4/UDP/" + attacker + "/5060", ""));
      }
      tickMillis(250);
    }
  }

  private void pjsipFailures() {
    String attacker = "203.0.113.140";
    String[] users = {"admin", "test", "100", "1000", "1234", "office", "sip", "guest"};
    for (int i = 0; i < 24; i++) {
      String user = users[i % users.length];
      asterisk("NOTICE", "res_pjsip/pjsip_distributor.c", "Request 'REGISTER' from '\"" + user + "\" <sip:" + user + "@" + PBX
          + ">' failed for '" + attacker + ":5093' (callid: " + hex(16) + ") - No matching endpoint found");
      tickMillis(400);
    }
    asterisk("NOTICE", "res_pjsip/pjsip_distributor.c", "Request 'REGISTER' from '<sip:1000@" + PBX + ">' failed for '" + attacker
        + ":5093' (callid: " + hex(16) + ") - No matching endpoint found after 5 tries in 2.481 ms");
    for (int i = 0; i < 10; i++) {
      String callId = hex(8) + "-" + hex(4) + "@" + attacker;
      asterisk("NOTICE", "res_pjsip/pjsip_distributor.c", "Request 'REGISTER' from '\"201\" <sip:201@" + PBX + ">' failed for '"
          + attacker + ":5093' (callid: " + callId + ") - Failed to authenticate");
      asterisk("SECURITY", "res_security_log.c", security("ChallengeResponseFailed", "PJSIP", "1", "201", callId,
          "IPV4/UDP/" + PBX + "/5060", "IPV4/UDP/" + attacker + "/5093",
          ",Challenge=\"" + (1741917000 + i) + "/" + hex(32) + "\",Response=\"" + hex(32) + "\",ExpectedResponse=\"\""));
      tickMillis(600);
    }
    for (int i = 0; i < 5; i++) {
      asterisk("NOTICE", "res_pjsip/pjsip_distributor.c", "Request 'INVITE' from '<sip:" + (200 + i) + "@" + PBX
          + ">' failed for '[2001:db8:bad::17]:5060' (callid: " + hex(12) + ") - No matching endpoint found");
      tick(2);
    }
    asterisk("NOTICE", "res_pjsip/pjsip_distributor.c", "Request 'REGISTER' from '<sip:201@" + PBX
        + ">' failed for '203.0.113.141:5060' (callid: " + hex(12) + ") - Not match Endpoint ACL");
    tick(30);
  }

  /** Calls to premium and international numbers from an endpoint that lets anonymous callers in. */
  private void tollFraud() {
    for (int i = 0; i < 15; i++) {
      String number = (i % 2 == 0 ? "900" : "00") + "97259" + (2891000 + i * 37);
      asterisk("NOTICE", "000001" + String.format(Locale.ROOT, "%02x", i), "res_pjsip_session.c:4118 new_invite",
          "Call from 'anonymous' (UDP:198.51.100.77:5070) to extension '" + number
              + "' rejected because extension not found in context 'from-external'.");
      tick(3 + random.nextInt(5));
    }
    for (int i = 0; i < 5; i++) {
      asterisk("NOTICE", "0000022" + i, "chan_sip.c", "Call from '' (198.51.100.78:5060) to extension '011"
          + (4420376902L + i) + "' rejected because extension not found in context 'default'.");
      tick(4);
    }
  }

  private void iaxAndManager() {
    for (int i = 0; i < 8; i++) {
      asterisk("NOTICE", "chan_iax2.c", "Host 198.51.100.150 failed to authenticate as 'trunk'");
      tick(1);
    }
    for (int i = 0; i < 3; i++) {
      asterisk("NOTICE", "chan_iax2.c", "No registration for peer 'iax" + (i + 1) + "' (from 198.51.100.151)");
      asterisk("NOTICE", "chan_iax2.c", "Host 198.51.100.151 failed MD5 authentication for 'iax" + (i + 1) + "' (" + hex(32) + " != " + hex(32) + ")");
      tick(2);
    }
    asterisk("NOTICE", "chan_iax2.c", "Rejected connect attempt from 198.51.100.152:4569, who was trying to reach '9011@default'");
    tick(40);
    String ami = "203.0.113.201";
    for (int i = 0; i < 6; i++) {
      asterisk("NOTICE", "manager.c", ami + " failed to authenticate as 'admin'");
      tick(1);
    }
    for (String user : new String[] {"manager", "asterisk", "root", "opennms"}) {
      asterisk("NOTICE", "manager.c", ami + " tried to authenticate with nonexistent user '" + user + "'");
      asterisk("SECURITY", "res_security_log.c", security("InvalidAccountID", "AMI", "1", user, "0x7f3b" + hex(8),
          "IPV4/TCP/0.0.0.0/5038", "IPV4/TCP/" + ami + "/" + (41000 + random.nextInt(20000)), ""));
      tick(1);
    }
  }

  private void freePbxAndSecurity() {
    asterisk("SECURITY", "res_security_log.c", security("FailedACL", "AMI", "1", "admin", "0x7f3c" + hex(8),
        "IPV4/TCP/0.0.0.0/5038", "IPV4/TCP/203.0.113.99/62389", ",ACLName=\"ami-local\""));
    tick(20);
    for (int i = 0; i < 3; i++) {
      out.append('[').append(SECONDS.format(now)).append("] WARNING[").append(5100 + i).append("][C-000003").append(i)
          .append("] Ext. s:6 in @ from-sip-external: \"Rejecting unknown SIP connection from 198.51.100.200:5060\"\n");
      tick(5);
    }
    asterisk("NOTICE", "chan_sip.c", "hacking attempt detected '198.51.100.201'");
    tick(15);
  }

  private String security(String event, String service, String version, String account, String session, String local,
      String remote, String rest) {
    return "SecurityEvent=\"" + event + "\",EventTV=\"" + now.format(DateTimeFormatter.ISO_LOCAL_DATE) + "T"
        + now.format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")) + "+0000\",Severity=\"Error\",Service=\"" + service
        + "\",EventVersion=\"" + version + "\",AccountID=\"" + account + "\",SessionID=\"" + session + "\",LocalAddress=\""
        + local + "\",RemoteAddress=\"" + remote + "\"" + rest;
  }

  // ---------------------------------------------------------------- FreeSWITCH

  static String freeswitchLog() {
    SipSampleLogs s = new SipSampleLogs();
    s.freeswitchOrdinary(8);
    s.freeswitchRegisterFlood();
    s.freeswitchOrdinary(4);
    s.freeswitchEnumeration();
    s.freeswitchInvites();
    s.freeswitchOrdinary(3);
    s.freeswitchAcl();
    s.freeswitchOrdinary(4);
    return s.out.toString();
  }

  private void freeswitch(String uuid, String level, String origin, String message) {
    if (uuid != null) {
      out.append(uuid).append(' ');
    }
    out.append(MICROS.format(now)).append(' ').append(String.format(Locale.ROOT, "%.2f%%", 95 + random.nextInt(400) / 100.0))
        .append(" [").append(level).append("] ").append(origin).append(' ').append(message).append('\n');
  }

  private void freeswitchOrdinary(int n) {
    for (int i = 0; i < n; i++) {
      int phone = 1001 + random.nextInt(8);
      String uuid = uuid();
      switch (i % 4) {
        case 0 -> freeswitch(null, "INFO", "sofia_reg.c:2160", "Registered " + phone + "@" + PBX + " from ip 192.0.2." + (phone - 990));
        case 1 -> freeswitch(uuid, "NOTICE", "switch_channel.c:1142", "New Channel sofia/internal/" + phone + "@" + PBX + " [" + uuid + "]");
        case 2 -> freeswitch(uuid, "INFO", "mod_dialplan_xml.c:639", "Processing " + phone + " <" + phone + ">->" + (phone + 1)
            + " in context default");
        default -> freeswitch(uuid, "NOTICE", "switch_core_state_machine.c:1258", "Hangup sofia/internal/" + phone + "@" + PBX
            + " [CS_EXECUTE] [NORMAL_CLEARING]");
      }
      tick(15 + random.nextInt(120));
    }
  }

  private void freeswitchRegisterFlood() {
    for (int i = 0; i < 90; i++) {
      freeswitch(null, "WARNING", "sofia_reg.c:3211", "SIP auth failure (REGISTER) on sofia profile 'internal' for [1000@" + PBX
          + "] from ip 203.0.113.66");
      tickMillis(70);
    }
  }

  private void freeswitchEnumeration() {
    for (int user = 1000; user < 1060; user++) {
      boolean exists = user >= 1001 && user <= 1008;
      if (exists) {
        freeswitch(null, "WARNING", "sofia_reg.c:3211", "SIP auth failure (REGISTER) on sofia profile 'internal' for [" + user + "@"
            + PBX + "] from ip 198.51.100.23");
      } else {
        freeswitch(null, "WARNING", "sofia_reg.c:3223", "Can't find user [" + user + "@" + PBX + "] from 198.51.100.23");
      }
      tickMillis(300);
    }
    for (int i = 0; i < 4; i++) {
      freeswitch(null, "WARNING", "sofia_reg.c:3223", "Can't find user [" + (200 + i) + "@" + PBX + "] from 2001:db8:bad::17");
      tick(1);
    }
  }

  /** INVITEs to international numbers on the external profile, challenged because they come unauthenticated. */
  private void freeswitchInvites() {
    for (int i = 0; i < 20; i++) {
      freeswitch(null, "WARNING", "sofia_reg.c:1752", "SIP auth challenge (INVITE) on sofia profile 'external' for [9011"
          + (442037690237L + i * 11) + "@" + PBX + "] from ip 198.51.100.77");
      tick(2 + random.nextInt(4));
    }
  }

  private void freeswitchAcl() {
    for (int i = 0; i < 10; i++) {
      freeswitch(null, "WARNING", "sofia.c:10667", "IP 203.0.113.140 Rejected by acl \"domains\"");
      tick(1);
    }
    for (int i = 0; i < 5; i++) {
      freeswitch(null, "WARNING", "sofia_reg.c:3223", "IP 203.0.113.141 Rejected by register acl \"reg-allow\"");
      tick(2);
    }
    for (int i = 0; i < 3; i++) {
      freeswitch(null, "DEBUG", "sofia.c:7954", "IP 192.0.2.3" + i + " Rejected by acl \"domains\". Falling back to Digest auth.");
      tick(30);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void tick(int seconds) {
    now = now.plusSeconds(seconds).withNano(random.nextInt(1_000_000) * 1000);
  }

  private void tickMillis(int millis) {
    now = now.plusNanos((millis / 2 + random.nextInt(millis)) * 1_000_000L);
  }

  private String hex(int digits) {
    StringBuilder b = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }

  private String uuid() {
    return hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12);
  }
}
