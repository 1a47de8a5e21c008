package org.abuseloop.bench;

import java.util.SplittableRandom;

/**
 * Writes a synthetic {@code /var/log/asterisk/messages} under a SIP brute-force flood: chan_sip and
 * PJSIP registration failures, SECURITY events, and about 20% ordinary VERBOSE, NOTICE and WARNING
 * lines. Every line is built from templates written for this benchmark; attackers come from
 * {@link AttackerPool}, the server is 192.0.2.10. Not thread-safe.
 */
public final class AsteriskLogGenerator extends LogGenerator {

  /** 2025-03-11 00:00:00, read as the log's local time. */
  private static final long START = 1_741_651_200L;
  private static final String SERVER = "192.0.2.10";
  private static final String[] USERS = {"100", "101", "1000", "1001", "2000", "admin", "test", "user", "sip", "9999", "200", "asterisk"};
  private static final String[] AGENTS = {"PolyCom VVX 400", "Zoiper rv2.10", "Yealink SIP-T46S", "Grandstream GXP2170"};

  private final SplittableRandom random;
  private final SimulatedClock clock;
  private final AttackerPool attackers;
  private long sessions = 0x7f3a2c000000L;

  public AsteriskLogGenerator(long seed, int attackerCount) {
    this.random = new SplittableRandom(seed);
    this.clock = new SimulatedClock(random, START, 800);
    this.attackers = new AttackerPool(random, attackerCount, 5);
  }

  @Override
  protected void appendLine(StringBuilder sb) {
    clock.tick();
    sb.append('[');
    clock.appendIso(sb);
    sb.append("] ");
    int roll = random.nextInt(100);
    if (roll < 28) {
      chanSip(sb);
    } else if (roll < 56) {
      pjsip(sb);
    } else if (roll < 78) {
      securityFailure(sb);
    } else if (roll < 80) {
      securityChallenge(sb);
    } else {
      ordinary(sb);
    }
  }

  private String user() {
    return random.nextInt(4) == 0 ? String.valueOf(100 + random.nextInt(9900)) : USERS[random.nextInt(USERS.length)];
  }

  private int port() {
    return random.nextInt(3) == 0 ? 5060 : 1024 + random.nextInt(64511);
  }

  private static void hostPort(StringBuilder sb, String address, int port) {
    if (address.indexOf(':') >= 0) {
      sb.append('[').append(address).append("]:").append(port);
    } else {
      sb.append(address).append(':').append(port);
    }
  }

  private void notice(StringBuilder sb, String level) {
    sb.append(level).append('[').append(2000 + random.nextInt(40)).append(']');
  }

  private void chanSip(StringBuilder sb) {
    String user = user();
    String attacker = attackers.pick(random);
    notice(sb, "NOTICE");
    if (random.nextBoolean()) {
      sb.append(" chan_sip.c: ");
    } else {
      sb.append(": chan_sip.c:28468 handle_request_register: ");
    }
    sb.append("Registration from '\"").append(user).append("\"<sip:").append(user).append('@').append(SERVER)
        .append(">' failed for '");
    hostPort(sb, attacker, port());
    sb.append(random.nextInt(3) == 0 ? "' - Wrong password" : "' - No matching peer found");
  }

  private void pjsip(StringBuilder sb) {
    String user = user();
    String attacker = attackers.pick(random);
    notice(sb, "NOTICE");
    sb.append(": res_pjsip/pjsip_distributor.c:676 log_failed_request: Request '")
        .append(random.nextInt(10) == 0 ? "INVITE" : "REGISTER").append("' from '");
    if (random.nextBoolean()) {
      sb.append('"').append(user).append("\" ");
    }
    sb.append("<sip:").append(user).append('@').append(SERVER).append(">' failed for '");
    hostPort(sb, attacker, port());
    sb.append("' (callid: ");
    callId(sb);
    sb.append(random.nextInt(4) == 0 ? ") - Failed to authenticate" : ") - No matching endpoint found");
  }

  private void callId(StringBuilder sb) {
    sb.append(Long.toHexString(random.nextLong() >>> 16)).append('-').append(Integer.toHexString(random.nextInt()));
  }

  private void securityFailure(StringBuilder sb) {
    int kind = random.nextInt(3);
    String event = kind == 0 ? "InvalidAccountID" : kind == 1 ? "ChallengeResponseFailed" : "InvalidPassword";
    security(sb, event, attackers.pick(random));
  }

  private void securityChallenge(StringBuilder sb) {
    security(sb, random.nextBoolean() ? "ChallengeSent" : "SuccessfulAuth", "192.0.2." + (20 + random.nextInt(20)));
  }

  private void security(StringBuilder sb, String event, String remote) {
    notice(sb, "SECURITY");
    String family = remote.indexOf(':') >= 0 ? "IPV6" : "IPV4";
    String transport = random.nextInt(5) == 0 ? "TCP" : "UDP";
    sb.append(" res_security_log.c: SecurityEvent=\"").append(event).append("\",EventTV=\"");
    sb.append(Math.floorDiv(clock.epochMillis(), 1000)).append('-').append(random.nextInt(1_000_000));
    sb.append("\",Severity=\"").append(event.startsWith("Challenge") && !event.endsWith("Failed") || event.startsWith("Successful") ? "Informational" : "Error")
        .append("\",Service=\"PJSIP\",EventVersion=\"1\",AccountID=\"").append(user())
        .append("\",SessionID=\"");
    callId(sb);
    sb.append("\",LocalAddress=\"IPV4/").append(transport).append('/').append(SERVER).append("/5060\",RemoteAddress=\"")
        .append(family).append('/').append(transport).append('/').append(remote).append('/').append(port()).append('"');
    if (!event.equals("InvalidAccountID")) {
      sb.append(",Challenge=\"").append(Integer.toHexString(random.nextInt())).append('"');
    }
  }

  private void ordinary(StringBuilder sb) {
    int kind = random.nextInt(6);
    long channel = ++sessions;
    switch (kind) {
      case 0 -> {
        notice(sb, "VERBOSE");
        sb.append("[C-").append(hex8(channel)).append("] pbx.c: Executing [")
            .append(200 + random.nextInt(50)).append("@from-internal:1] Dial(\"PJSIP/2")
            .append(random.nextInt(50)).append("-0000").append(Long.toHexString(channel & 0xfff))
            .append("\", \"PJSIP/").append(200 + random.nextInt(50)).append(",30\") in new stack");
      }
      case 1 -> {
        notice(sb, "VERBOSE");
        sb.append(" res_pjsip/pjsip_options.c: Contact 2").append(10 + random.nextInt(40)).append("/sip:2")
            .append(10 + random.nextInt(40)).append("@192.0.2.").append(20 + random.nextInt(20)).append(":5060 is now Reachable. RTT: ")
            .append(random.nextInt(90)).append('.').append(100 + random.nextInt(900)).append(" msec");
      }
      case 2 -> {
        notice(sb, "NOTICE");
        sb.append(" chan_sip.c: Peer '").append(200 + random.nextInt(50)).append("' is now Reachable. (")
            .append(random.nextInt(80)).append("ms / 2000ms)");
      }
      case 3 -> {
        notice(sb, "WARNING");
        sb.append(" res_rtp_asterisk.c: 192.0.2.").append(20 + random.nextInt(20))
            .append(" -- Strict RTP learning after remote address set to: 192.0.2.").append(20 + random.nextInt(20)).append(':')
            .append(10000 + 2 * random.nextInt(5000));
      }
      case 4 -> {
        notice(sb, "VERBOSE");
        sb.append("[C-").append(hex8(channel)).append("] app_dial.c: PJSIP/2")
            .append(random.nextInt(50)).append(" answered PJSIP/2").append(random.nextInt(50));
      }
      default -> {
        notice(sb, "NOTICE");
        sb.append(" res_pjsip_registrar.c: Registered contact 'sip:2").append(10 + random.nextInt(40))
            .append("@192.0.2.").append(20 + random.nextInt(20)).append(":5060' to AOR '2")
            .append(10 + random.nextInt(40)).append("' with expiration of 3600 seconds; User-Agent: ")
            .append(AGENTS[random.nextInt(AGENTS.length)]);
      }
    }
  }

  private static String hex8(long v) {
    String h = Long.toHexString(v & 0xffffffffL);
    return "00000000".substring(h.length()) + h;
  }
}
