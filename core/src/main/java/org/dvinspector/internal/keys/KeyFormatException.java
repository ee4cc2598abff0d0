package org.dvinspector.internal.keys;

/** A key text that cannot be read; the message says what is wrong, for the person who gave it. */
public final class KeyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
