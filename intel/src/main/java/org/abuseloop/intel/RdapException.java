package org.abuseloop.intel;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * An RDAP query that gave no usable answer: not found, rate limited, timed out, not JSON, an
 * HTTP error; the message names the URL. Immutable, so thread-safe once thrown.
 */
public final class RdapException extends IOException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, for the caller's choice of caching and retrying. */
  public enum Kind {
    /** 404: the registry has no record; worth remembering for a while. */
    NOT_FOUND,
    /** 429: asked too often; see {@link #retryAfter()}. */
    RATE_LIMITED,
    /** No answer within the timeout. */
    TIMEOUT,
    /** An answer that is not RDAP JSON (an HTML error page, an empty body, another object). */
    NOT_RDAP,
    /** Any other HTTP status, too many redirects, or a connection failure. */
    FAILED
  }

  private final Kind kind;
  private final transient URI url;
  private final Duration retryAfter;

  RdapException(Kind kind, URI url, String problem, Duration retryAfter, Throwable cause) {
    super(problem + " (" + url + ")", cause);
    this.kind = kind;
    this.url = url;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The URL asked. */
  public URI url() {
    return url;
  }

  /** For {@link Kind#RATE_LIMITED}: how long the server asked us to wait; else null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
