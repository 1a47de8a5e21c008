package org.abuseloop.report.outbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach one mail server (SMTP or IMAP): host, port, transport security, credentials, which
 * certificate hosts to trust beyond the JVM's trust store, and the network timeout. Immutable and
 * thread-safe; checked when built: a password is never sent without TLS except to a loopback server.
 *
 * @param host the server's host name or address
 * @param port its port
 * @param security how the connection is protected
 * @param username the login, null for none
 * @param password the password, null for none (both or neither)
 * @param trustHosts space-separated hosts whose certificate is trusted without a CA (e.g. a self-signed
 *     test server on loopback); null to use the JVM's trust store only
 * @param timeout the connect and read timeout
 */
public record MailServer(
    String host, int port, Security security, String username, String password, String trustHosts, Duration timeout) {

  /** How the connection is protected. */
  public enum Security {
    /** Plain connection upgraded with STARTTLS, which is required (no fallback to clear text). */
    STARTTLS,
    /**
     * STARTTLS when the server offers it, else clear text: only without a login (a relay that takes mail
     * from this host by address), or on loopback, so that a password never goes out in clear.
     */
    STARTTLS_OPTIONAL,
    /** TLS from the first byte (SMTPS on 465, IMAPS on 993). */
    TLS,
    /** No TLS: only for a server on loopback (tests, a local relay). */
    NONE
  }

  public MailServer {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a mail server needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("mail server port must be 1..65535, got " + port);
    }
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the mail timeout must be positive, got " + timeout);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("give both a mail user name and a password, or neither");
    }
    if (security == Security.STARTTLS_OPTIONAL && username != null && !isLoopback(host)) {
      throw new IllegalArgumentException("mail server " + host + " with optional STARTTLS and a login: the password "
          + "would go in clear if the server offered no STARTTLS; require STARTTLS or use TLS");
    }
    if (security == Security.NONE && !isLoopback(host)) {
      throw new IllegalArgumentException("mail server " + host + " without TLS: only a loopback server may be used "
          + "without STARTTLS or TLS");
    }
  }

  /** True when a login is configured. */
  public boolean authenticates() {
    return username != null;
  }

  /** The Jakarta Mail properties for {@code protocol} ("smtp" or "imap") on this server. */
  Properties properties(String protocol) {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", host);
    props.setProperty(p + "port", Integer.toString(port));
    props.setProperty(p + "connectiontimeout", Long.toString(timeout.toMillis()));
    props.setProperty(p + "timeout", Long.toString(timeout.toMillis()));
    props.setProperty(p + "writetimeout", Long.toString(timeout.toMillis()));
    props.setProperty(p + "auth", Boolean.toString(authenticates()));
    if (security == Security.STARTTLS || security == Security.STARTTLS_OPTIONAL) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", Boolean.toString(security == Security.STARTTLS));
    }
    if (security == Security.TLS) {
      props.setProperty(p + "ssl.enable", "true");
    }
    // A host trusted by name (a self-signed test server) is taken as it is; any other host must show a
    // certificate the JVM trusts, for the name we connect to.
    if (security != Security.NONE) {
      boolean trusted = trustHosts != null && !trustHosts.isBlank();
      props.setProperty(p + "ssl.checkserveridentity", Boolean.toString(!trusted));
      if (trusted) {
        props.setProperty(p + "ssl.trust", trustHosts);
      }
    }
    return props;
  }

  // A literal loopback address or "localhost"; no name is resolved through DNS for this check.
  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return host + ":" + port + " (" + security + (authenticates() ? ", user " + username : "") + ")";
  }
}
