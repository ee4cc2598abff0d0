package org.dvinspector.openmpic.internal;

/** An engine reply that does not follow the Open MPIC APIv2 schema; the message names the field. */
public final class MpicFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong, and where. */
  public MpicFormatException(String message) {
    super(message);
  }

  /** What is wrong, and where, with the cause. */
  public MpicFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
