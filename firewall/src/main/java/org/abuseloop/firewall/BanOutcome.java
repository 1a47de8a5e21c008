package org.abuseloop.firewall;

import java.time.Instant;
import org.abuseloop.core.IpPrefix;

/**
 * What became of one {@code ban} or {@code unban} call once its transaction ran (or at once when it
 * was refused). Immutable and thread-safe; {@code until} is null unless a ban is in force.
 */
public record BanOutcome(Status status, IpPrefix target, Instant until, String detail) {

  /** The kinds of outcome. */
  public enum Status {
    /** The kernel confirmed the change. */
    APPLIED,
    /** Nothing had to change: already banned at least as long, covered by a wider ban, or not banned. */
    UNCHANGED,
    /** The allow list (or a safety limit) forbids banning this target; nothing was sent. */
    REFUSED,
    /** The kernel rejected the change or the firewall command failed; see {@code detail}. */
    FAILED
  }

  static BanOutcome refused(IpPrefix target, String why) {
    return new BanOutcome(Status.REFUSED, target, null, why);
  }

  static BanOutcome unchanged(IpPrefix target, Instant until, String why) {
    return new BanOutcome(Status.UNCHANGED, target, until, why);
  }

  BanOutcome failed(String why) {
    return new BanOutcome(Status.FAILED, target, null, why);
  }
}
