package org.dvinspector.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;

/**
 * {@code --watch}: inspects again every interval until the verdict is READY or the watch times
 * out, showing on one live line how many perspectives see the expected value. This is the seed
 * FAQ's "wait a moment" made precise: the line shows the propagation as it happens.
 */
final class Watch {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Inspection inspector;
  private final Duration interval;
  private final Duration timeout;
  private final PrintWriter err;
  private final boolean terminal;
  private final Style style;
  private int attempts;

  Watch(Inspection inspector, Duration interval, Duration timeout, PrintWriter err,
      boolean terminal, Style style) {
    this.inspector = inspector;
    this.interval = interval;
    this.timeout = timeout;
    this.err = err;
    this.terminal = terminal;
    this.style = style;
  }

  /** Watches until READY or the timeout; returns the last report. */
  InspectionReport run(InspectionRequest request) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + timeout.toNanos();
    InspectionReport report;
    try {
      while (true) {
        attempts++;
        report = inspector.inspect(request);
        show(report);
        if (report.verdict() == Verdict.READY) {
          break;
        }
        long next = System.nanoTime() + interval.toNanos();
        if (next - end > 0) {
          break;
        }
        Thread.sleep(interval.toMillis());
      }
    } finally {
      if (terminal) {
        err.println();
        err.flush();
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (report.verdict() == Verdict.READY) {
      err.println("dvi: READY after " + Durations.human(took) + " ("
          + HumanReport.plural(attempts, "attempt") + ")");
    } else {
      err.println("dvi: still " + report.verdict() + " when the watch timed out after "
          + Durations.human(took) + " (" + HumanReport.plural(attempts, "attempt") + ")");
    }
    err.flush();
    return report;
  }

  int attempts() {
    return attempts;
  }

  private void show(InspectionReport report) {
    String line = LocalTime.now().format(CLOCK) + "  #" + attempts + "  "
        + Visibility.of(report).describe() + "  " + verdict(report);
    if (terminal) {
      // Carriage return and erase-to-end-of-line: the same line is rewritten each attempt.
      err.print("\r" + line + "\u001b[K");
    } else {
      err.println(line);
    }
    err.flush();
  }

  private String verdict(InspectionReport report) {
    switch (report.verdict()) {
      case READY:
        return style.green("READY");
      case NOT_READY:
        return style.red("NOT READY") + " " + codes(report);
      default:
        return style.yellow("UNKNOWN") + " " + codes(report);
    }
  }

  /** The codes of the ERROR findings (else the warnings), at most three. */
  private static String codes(InspectionReport report) {
    List<Finding> findings = report.findings(Severity.ERROR);
    if (findings.isEmpty()) {
      findings = report.findings(Severity.WARNING);
    }
    Set<String> codes = new LinkedHashSet<>();
    for (Finding f : findings) {
      codes.add(f.code().name());
    }
    List<String> list = new ArrayList<>(codes);
    if (list.isEmpty()) {
      return "";
    }
    String shown = String.join(", ", list.subList(0, Math.min(3, list.size())));
    return "(" + shown + (list.size() > 3 ? ", +" + (list.size() - 3) : "") + ")";
  }
}
