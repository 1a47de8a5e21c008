package org.abuseloop.firewall;

/**
 * The firewall command ran but rejected the transaction (a bad element, an overlap), as opposed to a
 * command that could not run at all; the batcher splits and retries only these. Thread-safe.
 */
final class ChangeRejected extends FirewallException {

  private static final long serialVersionUID = 1L;

  ChangeRejected(String message) {
    super(message);
  }
}
