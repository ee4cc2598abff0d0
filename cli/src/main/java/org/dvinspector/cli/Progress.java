package org.dvinspector.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.dvinspector.Verdict;

/**
 * The batch progress display on stderr. On a terminal: one bar redrawn in place with a carriage
 * return (at most ten times a second). Elsewhere (a log, a pipe): a plain line at every tenth of
 * the work and at the end, so logs stay short.
 */
final class Progress {
  private static final int BAR_WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean terminal;
  private final int total;
  private int done;
  private int ready;
  private int notReady;
  private int unknown;
  private int lastTenth = 0;
  private long lastDraw = 0;
  private boolean drawn;

  Progress(PrintWriter err, boolean terminal, int total) {
    this.err = err;
    this.terminal = terminal;
    this.total = total;
  }

  /** Draws the empty bar. */
  synchronized void start() {
    if (terminal) {
      draw();
    } else {
      err.println("dvi: checking " + HumanReport.plural(total, "request") + "...");
      err.flush();
    }
  }

  /** One request finished with this verdict. */
  synchronized void completed(Verdict verdict) {
    done++;
    switch (verdict) {
      case READY:
        ready++;
        break;
      case NOT_READY:
        notReady++;
        break;
      default:
        unknown++;
        break;
    }
    if (terminal) {
      long now = System.nanoTime();
      if (done == total || now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw();
      }
    } else {
      int tenth = total == 0 ? 10 : (int) ((long) done * 10 / total);
      if (tenth > lastTenth || done == total) {
        lastTenth = tenth;
        err.println("dvi: " + counts());
        err.flush();
      }
    }
  }

  /** Ends the display: the bar's line is finished so later output starts on a new line. */
  synchronized void finish() {
    if (terminal && drawn) {
      draw();
      err.println();
      err.flush();
      drawn = false;
    }
  }

  synchronized int done() {
    return done;
  }

  private void draw() {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) done * BAR_WIDTH / total);
    StringBuilder bar = new StringBuilder("\r[");
    for (int i = 0; i < BAR_WIDTH; i++) {
      bar.append(i < filled ? '#' : '.');
    }
    bar.append("] ").append(counts()).append("\u001b[K");
    err.print(bar);
    err.flush();
    drawn = true;
  }

  private String counts() {
    int percent = total == 0 ? 100 : (int) ((long) done * 100 / total);
    return String.format(Locale.ROOT, "%d/%d done (%d%%): %d ready, %d not ready, %d unknown",
        done, total, percent, ready, notReady, unknown);
  }
}
