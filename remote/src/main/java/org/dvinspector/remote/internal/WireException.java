package org.dvinspector.remote.internal;

/**
 * A protocol document that does not follow the schema: a missing or mistyped field, an unknown
 * value. The message names the field and is safe to show (no raw network text).
 */
public final class WireException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A malformed document, and where. */
  public WireException(String message) {
    super(message);
  }

  /** A malformed document, and where, with the cause. */
  public WireException(String message, Throwable cause) {
    super(message, cause);
  }
}
