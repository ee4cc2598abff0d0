package org.dvinspector.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.junit.jupiter.api.Test;

/**
 * Each JMH benchmark's state builds and each benchmark method does what its name says, once: a
 * benchmark that throws or measures the wrong case would otherwise only show when someone runs
 * JMH.
 */
final class BenchmarkStatesTest {
  @Test
  void domainNameBenchmarksNormaliseTheirInputs() {
    DomainNameBenchmark b = new DomainNameBenchmark();

    assertThat(b.parseAscii().ascii()).isEqualTo("www.shop.example.com");
    assertThat(b.parseUnderscore().ascii()).isEqualTo("_dnsauth.www.example.com");
    assertThat(b.parseIdnUnicode().ascii()).isEqualTo("www.xn--bcher-kva.xn--r8jz45g.example");
    assertThat(b.parseIdnALabels()).isEqualTo(b.parseIdnUnicode());
    assertThat(b.parseWildcard().isWildcard()).isTrue();
  }

  @Test
  void reportBenchmarkBuildsTheRequestedSizeWithACriticalPath() {
    ReportBenchmark b = new ReportBenchmark();
    b.findings = 50;
    b.observations = 200;
    b.setUp();

    InspectionReport report = b.buildReport();

    assertThat(report.findings()).hasSize(50);
    assertThat(report.observations()).hasSize(200);
    assertThat(report.criticalPath().roundTrips()).hasSizeGreaterThanOrEqualTo(8);
    assertThat(b.criticalPath()).isEqualTo(report.criticalPath());
    assertThat(b.findingsBySeverity())
        .isEqualTo(report.findings(Severity.ERROR).size() + report.findings(Severity.WARNING).size());
  }

  @Test
  void caaBenchmarksEvaluateTheCasesTheyAreNamedFor() {
    CaaBenchmark b = new CaaBenchmark();

    assertThat(b.parseRecords()).hasSize(6);
    assertThat(b.parseIssueValue().issuerDomain()).hasValue("letsencrypt.org");
    assertThat(b.evaluateAllowed().isAllowed()).isTrue();
    assertThat(b.evaluateWrongAccount().isAllowed()).isFalse();
    assertThat(b.evaluateWildcardOtherCa().isAllowed()).isFalse();
  }
}
