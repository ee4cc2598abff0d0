package org.dvinspector.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.junit.jupiter.api.Test;

/** The benchmarked report has the stated size and a dependent chain. */
final class ReportBenchmarkTest {
  @Test
  void buildsTheRequestedSizeWithADependentChain() {
    ReportBenchmark b = new ReportBenchmark();
    b.findings = 50;
    b.observations = 200;
    b.setUp();

    InspectionReport report = b.buildReport();

    assertThat(report.findings()).hasSize(50);
    assertThat(report.observations()).hasSize(200);
    assertThat(report.dependentChain().steps()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(b.dependentChain()).isEqualTo(report.dependentChain());
    assertThat(b.findingsBySeverity()).isEqualTo(
        report.findings(Severity.ERROR).size() + report.findings(Severity.WARNING).size());
  }
}
