package org.dvinspector.cli;

/**
 * Bad input found after parsing (an invalid domain, an unreadable file, a malformed batch line):
 * reported as one line on stderr with exit code {@value ExitCodes#USAGE}, never a stack trace.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
