package org.abuseloop.store;

/**
 * A store that cannot be opened, migrated, read or written; the message names the store's JDBC URL.
 * Immutable once thrown, like any exception.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
