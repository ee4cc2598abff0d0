package org.dvinspector.testkit;

import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.dvinspector.CheckResult;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;

/** AssertJ assertions on an {@link InspectionReport}; start with {@link InspectorAssertions#assertThat(InspectionReport)}. */
public final class InspectionReportAssert
    extends AbstractAssert<InspectionReportAssert, InspectionReport> {

  InspectionReportAssert(InspectionReport actual) {
    super(actual, InspectionReportAssert.class);
  }

  /** The verdict is {@link Verdict#READY}. */
  public InspectionReportAssert isReady() {
    return hasVerdict(Verdict.READY);
  }

  /** The verdict is {@link Verdict#NOT_READY}. */
  public InspectionReportAssert isNotReady() {
    return hasVerdict(Verdict.NOT_READY);
  }

  /** The verdict is {@link Verdict#UNKNOWN}. */
  public InspectionReportAssert isUnknown() {
    return hasVerdict(Verdict.UNKNOWN);
  }

  /** The verdict is {@code expected}. */
  public InspectionReportAssert hasVerdict(Verdict expected) {
    isNotNull();
    if (actual.verdict() != expected) {
      fail("Expected verdict " + expected + " but was " + actual.verdict());
    }
    return this;
  }

  /** There is at least one finding with {@code code}. */
  public InspectionReportAssert hasFinding(FindingCode code) {
    isNotNull();
    if (!actual.hasFinding(code)) {
      fail("Expected a finding " + code + " but there is none");
    }
    return this;
  }

  /** There is no finding with {@code code}. */
  public InspectionReportAssert doesNotHaveFinding(FindingCode code) {
    isNotNull();
    if (actual.hasFinding(code)) {
      fail("Expected no finding " + code + " but there is one");
    }
    return this;
  }

  /** There is no finding of severity {@link Severity#ERROR}. */
  public InspectionReportAssert hasNoErrors() {
    isNotNull();
    List<Finding> errors = actual.findings(Severity.ERROR);
    if (!errors.isEmpty()) {
      fail("Expected no ERROR finding but there are " + errors.size() + ": "
          + errors.stream().map(f -> f.code().name()).collect(Collectors.joining(", ")));
    }
    return this;
  }

  /**
   * Assertions on the finding with {@code code} (the first, if there are several).
   *
   * @throws AssertionError if there is none
   */
  public FindingAssert finding(FindingCode code) {
    hasFinding(code);
    return new FindingAssert(actual.findings(code).get(0), actual);
  }

  private void fail(String why) {
    // Not failWithMessage(format, ...): report text may hold '%' and must not be a format string.
    throw failure("%s", why + ".\n" + describe(actual));
  }

  /** The report as a test failure shows it. */
  static String describe(InspectionReport report) {
    StringBuilder b = new StringBuilder("Report: ").append(report.verdict()).append(' ')
        .append(report.domain()).append(" (").append(report.request().profile().id())
        .append(')');
    if (report.findings().isEmpty()) {
      b.append("\n  (no findings)");
    }
    for (Finding f : report.findings()) {
      b.append("\n  ").append(FindingAssert.describe(f).replace("\n", "\n  "));
    }
    for (CheckResult r : report.checkResults()) {
      b.append("\n  check ").append(r.check()).append(": ").append(r.status());
    }
    return b.toString();
  }

  static String evidence(List<Evidence> evidence) {
    return evidence.stream().map(e -> "    - " + e).collect(Collectors.joining("\n"));
  }
}
