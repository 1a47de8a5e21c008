package org.abuseloop.cli;

import java.time.Duration;
import java.util.Locale;
import org.abuseloop.core.Protocol;
import org.abuseloop.detect.DurationText;
import org.abuseloop.firewall.Port;
import org.abuseloop.firewall.Rate;

/**
 * Reads the firewall arguments as operators type them: a port {@code udp/5060} and a per-source rate
 * {@code 3/60s} (shorewall's {@code Limit:info:VOIP,3,60}). Stateless and thread-safe; a bad value is
 * an {@link IllegalArgumentException} saying what was expected.
 */
final class RuleText {

  private RuleText() {}

  /** {@code tcp/22}, {@code udp/5060}, {@code sctp/5060}. */
  static Port port(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    int slash = t.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("expected PROTOCOL/PORT such as udp/5060, got '" + text + "'");
    }
    Protocol protocol = switch (t.substring(0, slash)) {
      case "tcp" -> Protocol.TCP;
      case "udp" -> Protocol.UDP;
      case "sctp" -> Protocol.SCTP;
      default -> throw new IllegalArgumentException("protocol must be tcp, udp or sctp, got '" + text + "'");
    };
    String number = t.substring(slash + 1);
    if (number.isEmpty() || number.length() > 5 || !number.chars().allMatch(Character::isDigit)
        || Integer.parseInt(number) < 1 || Integer.parseInt(number) > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, got '" + text + "'");
    }
    return new Port(protocol, Integer.parseInt(number));
  }

  /** {@code 3/60s}, {@code 10/1m}, {@code 5/h} (a bare unit means one of it): burst equal to the count. */
  static Rate rate(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String count = slash < 0 ? "" : t.substring(0, slash);
    if (count.isEmpty() || count.length() > 9 || !count.chars().allMatch(Character::isDigit) || Integer.parseInt(count) < 1) {
      throw new IllegalArgumentException("expected COUNT/PERIOD such as 3/60s, got '" + text + "'");
    }
    String period = t.substring(slash + 1);
    Duration per = DurationText.parse(Character.isDigit(period.isEmpty() ? 'x' : period.charAt(0)) ? period : "1" + period);
    if (per == null || per.getNano() != 0 || per.getSeconds() < 1 || per.getSeconds() > 86_400) {
      throw new IllegalArgumentException("the period must be whole seconds from 1s to 1d (60s, 1m, 1h), got '" + text + "'");
    }
    return Rate.of(Integer.parseInt(count), per);
  }

  /** The rate as typed back: {@code 3/60s}. */
  static String text(Rate rate) {
    return rate.count() + "/" + rate.per().getSeconds() + "s";
  }

  /** The port as typed back: {@code udp/5060}. */
  static String text(Port port) {
    return port.protocol().id() + "/" + port.number();
  }
}
