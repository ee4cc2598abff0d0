package org.dvinspector.cli;

import org.dvinspector.Verdict;

/**
 * The exit codes of {@code dvi}. 0/1/2 follow the verdict so scripts can branch on it; 64 is
 * {@code EX_USAGE} from sysexits(3), 70 {@code EX_SOFTWARE}, 130 the shell's code for SIGINT.
 */
final class ExitCodes {
  /** The verdict is READY (for a batch: every request is READY). */
  static final int READY = 0;
  /** The verdict is NOT_READY (for a batch: at least one request is NOT_READY). */
  static final int NOT_READY = 1;
  /** The verdict is UNKNOWN (for a batch: none NOT_READY, at least one UNKNOWN). */
  static final int UNKNOWN = 2;
  /** Bad command line or bad input; one line on stderr says what is wrong. */
  static final int USAGE = 64;
  /** The inspector itself failed (a bug); one line on stderr says what happened. */
  static final int SOFTWARE = 70;
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM before the work was done. */
  static final int INTERRUPTED = 130;
  /**
   * Standard output was closed by its reader (e.g. {@code dvi demo --json | head -1}): the command
   * stopped its work at once. 141 is what a shell reports for a process ended by SIGPIPE.
   */
  static final int OUTPUT_CLOSED = 141;

  private ExitCodes() {}

  /** The exit code for one verdict. */
  static int of(Verdict verdict) {
    switch (verdict) {
      case READY:
        return READY;
      case NOT_READY:
        return NOT_READY;
      default:
        return UNKNOWN;
    }
  }

  /** Combines the codes of several verdicts: NOT_READY wins over UNKNOWN, which wins over READY. */
  static int worst(int a, int b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(int code) {
    switch (code) {
      case NOT_READY:
        return 2;
      case UNKNOWN:
        return 1;
      default:
        return 0;
    }
  }
}
