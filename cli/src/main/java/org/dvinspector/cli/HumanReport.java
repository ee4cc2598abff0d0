package org.dvinspector.cli;

import java.util.List;
import org.dvinspector.CheckResult;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;

/**
 * The report for people: the verdict first, then the checks, then the findings grouped by
 * severity, each with its message, its remedy and a compact evidence table (perspective, what it
 * saw). Observations are listed only when asked ({@code --verbose}).
 */
final class HumanReport {
  /** Evidence rows shown per finding before the rest is summarised. */
  static final int MAX_EVIDENCE_ROWS = 12;
  private static final int MAX_LABEL_WIDTH = 44;

  private final Style style;
  private final boolean verbose;

  HumanReport(Style style, boolean verbose) {
    this.style = style;
    this.verbose = verbose;
  }

  /** Renders the report, ending with a newline. */
  String render(InspectionReport report) {
    StringBuilder b = new StringBuilder();
    String ca = report.request().profile().displayName();
    b.append(verdictWord(report.verdict())).append("  ").append(style.bold(name(report)))
        .append(style.dim("  (" + ca + ", " + Durations.human(report.duration()) + ")"))
        .append('\n');
    b.append("  ").append(sentence(report, ca)).append('\n');

    b.append('\n').append(style.bold("Checks")).append('\n');
    int kindWidth = 0;
    for (CheckResult r : report.checkResults()) {
      kindWidth = Math.max(kindWidth, r.check().kind().length());
    }
    for (CheckResult r : report.checkResults()) {
      b.append("  ").append(status(r.status())).append("  ")
          .append(pad(r.check().kind(), kindWidth)).append("  ")
          .append(Style.safe(r.check().describe(report.domain()))).append('\n');
    }
    new PerspectivesReport(style).append(b, report);

    for (Severity severity : Severity.values()) {
      List<Finding> findings = report.findings(severity);
      if (findings.isEmpty()) {
        continue;
      }
      b.append('\n').append(severityHeader(severity, findings.size())).append('\n');
      for (Finding f : findings) {
        appendFinding(b, f);
      }
    }

    if (verbose && !report.observations().isEmpty()) {
      b.append('\n').append(style.bold("Observations (" + report.observations().size() + ")"))
          .append('\n');
      int width = 0;
      for (Observation o : report.observations()) {
        width = Math.max(width, Math.min(MAX_LABEL_WIDTH, o.perspective().label().length()));
      }
      for (Observation o : report.observations()) {
        b.append("  ").append(pad(Style.safe(o.perspective().label()), width)).append("  ")
            .append(Style.safe(o.query())).append(style.dim(" -> ")).append(o.outcome().name())
            .append(' ').append(Style.safe(o.result()))
            .append(style.dim(" (" + Durations.human(o.latency()) + ")")).append('\n');
      }
      int steps = report.dependentChain().steps().size();
      b.append("  ").append(style.dim("dependent chain: " + HumanReport.plural(steps, "question")
          + " each waiting for the one before, " + Durations.human(report.dependentChain().waiting())
          + " of waiting in " + Durations.human(report.duration()))).append('\n');
    }
    return b.toString();
  }

  private void appendFinding(StringBuilder b, Finding f) {
    b.append("  ").append(style.bold(f.code().name())).append("  ")
        .append(lines(f.message(), "    ")).append('\n');
    // A remedy may span lines (e.g. the exact records to add); later lines stay indented.
    f.remedy().ifPresent(r -> b.append("    ").append(style.cyan("Fix:")).append(' ')
        .append(lines(r, "         ")).append('\n'));
    List<Evidence> evidence = f.evidence();
    int width = 0;
    for (int i = 0; i < Math.min(evidence.size(), MAX_EVIDENCE_ROWS); i++) {
      width = Math.max(width, Math.min(MAX_LABEL_WIDTH, evidence.get(i).perspective().label().length()));
    }
    for (int i = 0; i < Math.min(evidence.size(), MAX_EVIDENCE_ROWS); i++) {
      Evidence e = evidence.get(i);
      b.append("    ").append(style.dim(pad(Style.safe(e.perspective().label()), width)))
          .append(style.dim(" | ")).append(Style.safe(e.detail())).append('\n');
    }
    if (evidence.size() > MAX_EVIDENCE_ROWS) {
      b.append("    ").append(style.dim("... and " + (evidence.size() - MAX_EVIDENCE_ROWS)
          + " more (see --json)")).append('\n');
    }
  }

  /** Text made terminal-safe line by line, continuation lines indented by {@code indent}. */
  static String lines(String text, String indent) {
    String[] parts = text.strip().split("\r?\n", -1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append('\n').append(indent);
      }
      b.append(Style.safe(i == 0 ? parts[i] : parts[i].strip()));
    }
    return b.toString();
  }

  private static String name(InspectionReport report) {
    String ascii = report.domain().ascii();
    String unicode = report.domain().unicode();
    return unicode.equals(ascii) ? ascii : Style.safe(unicode) + " (" + ascii + ")";
  }

  private static String sentence(InspectionReport report, String ca) {
    int errors = report.findings(Severity.ERROR).size();
    int warnings = report.findings(Severity.WARNING).size();
    switch (report.verdict()) {
      case READY:
        return ca + " would validate " + report.domain() + " now"
            + (warnings == 0 ? "." : ", but see " + plural(warnings, "warning") + ".");
      case NOT_READY:
        return ca + " would not validate " + report.domain() + " now: " + plural(errors, "error")
            + (warnings == 0 ? "" : ", " + plural(warnings, "warning")) + ".";
      default:
        return "The inspector could not decide whether " + ca + " would validate "
            + report.domain() + (warnings == 0 ? "." : "; see " + plural(warnings, "warning") + ".");
    }
  }

  private String verdictWord(Verdict v) {
    switch (v) {
      case READY:
        return style.green("READY");
      case NOT_READY:
        return style.red("NOT READY");
      default:
        return style.yellow("UNKNOWN");
    }
  }

  private String status(CheckResult.Status s) {
    switch (s) {
      case PASSED:
        return style.green("PASSED   ");
      case FAILED:
        return style.red("FAILED   ");
      default:
        return style.yellow("UNDECIDED");
    }
  }

  private String severityHeader(Severity s, int n) {
    switch (s) {
      case ERROR:
        return style.red("Errors (" + n + ")");
      case WARNING:
        return style.yellow("Warnings (" + n + ")");
      default:
        return style.bold("Info (" + n + ")");
    }
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  private static String pad(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
