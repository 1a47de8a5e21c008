package org.abuseloop.cli.watch;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A JDK Flight Recorder event per ban of {@code watch}: where the time went from reading the line
 * that decided it to the kernel's confirmation, stage by stage. Written by the recorder after the
 * fact and only while a recording asks for it ({@code JAVA_OPTS=-XX:StartFlightRecording=...}, then
 * {@code jfr print --events org.abuseloop.Reaction}); not thread-safe, one per ban.
 */
@Name("org.abuseloop.Reaction")
@Label("Reaction")
@Category("abuseloop")
@Description("From reading the line that decided a ban to the kernel's confirmation of it")
@StackTrace(false)
final class ReactionEvent extends jdk.jfr.Event {

  @Label("Target")
  String target;

  @Label("Parse and hand-off")
  @Description("Line read to its batch handed to the decision thread (parse, rest of the read)")
  @Timespan(Timespan.NANOSECONDS)
  long parse;

  @Label("Queue")
  @Description("Batch handed to the decision thread taking it")
  @Timespan(Timespan.NANOSECONDS)
  long queue;

  @Label("Decide")
  @Description("Batch taken to the ban sent to the firewall (detector, policy, earlier lines of the batch)")
  @Timespan(Timespan.NANOSECONDS)
  long decide;

  @Label("Firewall")
  @Description("Ban sent to the firewall to the kernel's confirmation (batcher, nft -i, kernel)")
  @Timespan(Timespan.NANOSECONDS)
  long firewall;

  @Label("Total")
  @Description("Line read to the kernel's confirmation")
  @Timespan(Timespan.NANOSECONDS)
  long total;

  /** Commits the stages of one ban when a recording wants them. */
  static void commit(String target, Decided.Decision d, long confirmedNanos) {
    ReactionEvent e = new ReactionEvent();
    if (!e.isEnabled()) {
      return;
    }
    e.target = target;
    e.parse = d.handedNanos() - d.readNanos();
    e.queue = d.takenNanos() - d.handedNanos();
    e.decide = d.sentNanos() - d.takenNanos();
    e.firewall = confirmedNanos - d.sentNanos();
    e.total = confirmedNanos - d.readNanos();
    e.commit();
  }
}
