package org.abuseloop.firewall;

/**
 * A firewall command failed or could not be started; the message carries what the command printed.
 * Immutable and thread-safe, like every exception.
 */
public class FirewallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FirewallException(String message) {
    super(message);
  }

  public FirewallException(String message, Throwable cause) {
    super(message, cause);
  }
}
