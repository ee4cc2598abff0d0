package org.dvinspector.cli;

import java.util.List;
import java.util.Optional;
import org.dvinspector.CheckCorroboration;
import org.dvinspector.CheckResult;
import org.dvinspector.Corroboration;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.Severity;

/**
 * The remote perspectives' part of the report for people (BR 3.2.2.9): what each perspective
 * decided for each check and why, then the quorum per check. Empty when no remote perspective
 * was used.
 */
final class PerspectivesReport {
  private final Style style;

  PerspectivesReport(Style style) {
    this.style = style;
  }

  /** Appends the section (with a blank line before it) when the report has remote perspectives. */
  void append(StringBuilder b, InspectionReport report) {
    List<PerspectiveOutcome> outcomes = report.perspectiveOutcomes();
    if (outcomes.isEmpty()) {
      return;
    }
    Optional<Corroboration> corroboration = report.corroboration();
    b.append('\n').append(style.bold("Remote perspectives (" + outcomes.size() + ")"));
    corroboration.ifPresent(c -> b.append(style.dim("  " + policy(c.policy()))));
    b.append('\n');
    int longest = 0;
    for (CheckResult r : report.checkResults()) {
      longest = Math.max(longest, r.check().kind().length());
    }
    int width = longest;
    for (PerspectiveOutcome o : outcomes) {
      b.append("  ").append(verdict(o)).append("  ").append(style.bold(Style.safe(o.name())))
          .append(style.dim(o.perspective().region().map(r -> "  (" + Style.safe(r) + ")")
              .orElse("")))
          .append('\n');
      if (o.failure().isPresent()) {
        b.append("             ").append(style.dim("no answer - "))
            .append(Style.safe(o.failure().get())).append('\n');
        continue;
      }
      for (CheckResult r : o.checkResults()) {
        b.append("             ").append(status(r.status())).append("  ");
        Optional<Finding> why = reason(r, o.findings());
        if (why.isPresent()) {
          Finding f = why.get();
          b.append(pad(r.check().kind(), width)).append("  ").append(f.code().name())
              .append(style.dim(" " + HumanReport.lines(f.message(), "").replace('\n', ' ')));
        } else {
          b.append(r.check().kind());
        }
        b.append('\n');
      }
    }
    corroboration.ifPresent(c -> {
      for (CheckCorroboration cc : c.checks()) {
        b.append("  ").append(style.bold("Quorum")).append("  ")
            .append(pad(cc.check().kind(), width)).append("  ").append(quorum(cc)).append('\n');
      }
    });
  }

  private String quorum(CheckCorroboration c) {
    if (!c.evaluated()) {
      return style.dim("not evaluated: the check does not pass from here");
    }
    String counts = c.corroborating().size() + " of " + c.remotePerspectives() + " corroborate"
        + (c.corroboratingRirs().isEmpty() ? "" : " (" + registries(c) + ")")
        + ", " + c.allowedNonCorroborations() + " may fail";
    if (c.quorumMet()) {
      return style.green("met") + "  " + counts;
    }
    if (c.undecided()) {
      return style.yellow("undecided") + "  " + counts + "; the rest gave no answer";
    }
    return style.red("NOT met") + "  " + counts;
  }

  private static String registries(CheckCorroboration c) {
    StringBuilder b = new StringBuilder();
    for (Rir r : c.corroboratingRirs()) {
      b.append(b.length() == 0 ? "" : ", ").append(r.displayName());
    }
    return b.toString();
  }

  private static String policy(QuorumPolicy p) {
    return p.basis() + ": " + p.minRemotePerspectives() + " remote perspectives"
        + (p.minCorroboratingRirs() > 0 ? ", corroborating in " + p.minCorroboratingRirs()
            + " registries" : "")
        + (p.enforced() ? "" : ", not enforced");
  }

  /** The finding that explains a check that did not pass at a perspective. */
  private static Optional<Finding> reason(CheckResult r, List<Finding> findings) {
    if (r.status() == CheckResult.Status.PASSED) {
      return Optional.empty();
    }
    for (Finding f : findings) {
      boolean concerns = r.check().method().isPresent()
          ? f.method().equals(r.check().method())
          : f.code().area() == FindingCode.Area.CAA;
      if (concerns && (f.severity() == Severity.ERROR
          || f.code() == FindingCode.REMOTE_PERSPECTIVE_FAILED)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private String verdict(PerspectiveOutcome o) {
    switch (o.verdict()) {
      case READY:
        return style.green("READY    ");
      case NOT_READY:
        return style.red("NOT READY");
      default:
        return style.yellow("UNKNOWN  ");
    }
  }

  private String status(CheckResult.Status s) {
    switch (s) {
      case PASSED:
        return style.green("passed   ");
      case FAILED:
        return style.red("failed   ");
      default:
        return style.yellow("undecided");
    }
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
