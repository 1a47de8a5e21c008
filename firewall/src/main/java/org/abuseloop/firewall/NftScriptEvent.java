package org.abuseloop.firewall;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A JDK Flight Recorder event per script run through the long-lived {@code nft -i}: its duration is
 * from writing the script to reading nft's answer (the kernel transaction included). Committed only
 * while a recording asks for it ({@code jfr print --events org.abuseloop.NftScript}); not
 * thread-safe, one per script.
 */
@Name("org.abuseloop.NftScript")
@Label("nft -i script")
@Category("abuseloop")
@Description("One script written to nft -i and its answer read back")
@StackTrace(false)
final class NftScriptEvent extends jdk.jfr.Event {

  @Label("Characters")
  int characters;

  @Label("Through an include file")
  boolean included;
}
