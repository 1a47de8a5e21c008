package org.abuseloop.firewall;

import java.util.List;

/**
 * Runs one command with some standard input and returns what it printed; the seam through which the
 * ipset backend and the one-shot nft session reach the system. Implementations are thread-safe.
 */
interface Shell {

  /** Runs {@code argv}; throws {@link ChangeRejected} on a non-zero exit, {@link FirewallException} when it cannot start. */
  String run(List<String> argv, String input);
}
