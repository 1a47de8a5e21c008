package org.abuseloop.bench;

import java.util.SplittableRandom;

/**
 * Writes a synthetic {@code /var/log/auth.log} (BSD syslog) of a host under SSH password guessing:
 * failed passwords, invalid users, pre-auth disconnects and PAM failures from a pool of attackers,
 * and about 18% ordinary lines (accepted logins, sessions, cron). Every line is built from templates
 * written for this benchmark. Not thread-safe.
 */
public final class SshdLogGenerator extends LogGenerator {

  /** 2025-03-11 00:00:00, read as the log's local time. */
  private static final long START = 1_741_651_200L;
  private static final String HOST = "gw1";
  private static final String[] USERS = {"admin", "test", "user", "oracle", "postgres", "ubuntu", "git", "ftpuser",
      "support", "guest", "pi", "deploy", "jenkins", "hadoop", "minecraft", "www-data", "nagios", "tomcat"};

  private final SplittableRandom random;
  private final SimulatedClock clock;
  private final AttackerPool attackers;
  private int pid = 21000;

  public SshdLogGenerator(long seed, int attackerCount) {
    this.random = new SplittableRandom(seed);
    this.clock = new SimulatedClock(random, START, 400);
    this.attackers = new AttackerPool(random, attackerCount, 3);
  }

  @Override
  protected void appendLine(StringBuilder sb) {
    clock.tick();
    clock.appendSyslog(sb);
    sb.append(' ').append(HOST).append(' ');
    int roll = random.nextInt(100);
    if (roll < 82) {
      attack(sb, roll);
    } else {
      ordinary(sb, roll);
    }
  }

  private void sshd(StringBuilder sb) {
    if (random.nextInt(8) == 0) {
      pid = 21000 + random.nextInt(40000);
    }
    sb.append("sshd[").append(pid).append("]: ");
  }

  private String user() {
    return USERS[random.nextInt(USERS.length)];
  }

  private void from(StringBuilder sb, String address) {
    sb.append(address).append(" port ").append(1024 + random.nextInt(64511));
  }

  private void attack(StringBuilder sb, int roll) {
    String a = attackers.pick(random);
    sshd(sb);
    if (roll < 15) {
      sb.append("Failed password for invalid user ").append(user()).append(" from ");
      from(sb, a);
      sb.append(" ssh2");
    } else if (roll < 25) {
      sb.append("Failed password for root from ");
      from(sb, a);
      sb.append(" ssh2");
    } else if (roll < 40) {
      sb.append("Invalid user ").append(user()).append(" from ");
      from(sb, a);
    } else if (roll < 50) {
      sb.append("Connection closed by invalid user ").append(user()).append(' ');
      from(sb, a);
      sb.append(" [preauth]");
    } else if (roll < 57) {
      sb.append("Connection closed by authenticating user root ");
      from(sb, a);
      sb.append(" [preauth]");
    } else if (roll < 65) {
      sb.append("Disconnected from invalid user ").append(user()).append(' ');
      from(sb, a);
      sb.append(" [preauth]");
    } else if (roll < 73) {
      sb.append("Received disconnect from ");
      from(sb, a);
      sb.append(":11: Bye Bye [preauth]");
    } else if (roll < 78) {
      sb.append("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=")
          .append(a).append("  user=root");
    } else {
      sb.append("Connection closed by ");
      from(sb, a);
      sb.append(" [preauth]");
    }
  }

  private void ordinary(StringBuilder sb, int roll) {
    String admin = "192.0.2." + (20 + random.nextInt(10));
    if (roll < 86) {
      sshd(sb);
      sb.append("Accepted publickey for deploy from ");
      from(sb, admin);
      sb.append(" ssh2: ED25519 SHA256:").append(Long.toString(random.nextLong() >>> 2, 36)).append(Long.toString(random.nextLong() >>> 2, 36));
    } else if (roll < 90) {
      sshd(sb);
      sb.append(random.nextBoolean() ? "pam_unix(sshd:session): session opened for user deploy(uid=1000) by (uid=0)"
          : "pam_unix(sshd:session): session closed for user deploy");
    } else if (roll < 92) {
      sshd(sb);
      sb.append("Disconnected from user deploy ");
      from(sb, admin);
    } else if (roll < 96) {
      sb.append("CRON[").append(30000 + random.nextInt(9000)).append("]: pam_unix(cron:session): session ")
          .append(random.nextBoolean() ? "opened for user root(uid=0) by (uid=0)" : "closed for user root");
    } else {
      sb.append("systemd-logind[612]: ").append(random.nextBoolean() ? "New session " + random.nextInt(5000) + " of user deploy."
          : "Session " + random.nextInt(5000) + " logged out. Waiting for processes to exit.");
    }
  }
}
