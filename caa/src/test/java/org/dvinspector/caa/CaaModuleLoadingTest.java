package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class CaaModuleLoadingTest {
  @Test
  void serviceLoaderFindsTheModule() {
    try (DomainValidationInspector inspector =
        DomainValidationInspector.builder().findAndAddModules().build()) {
      assertThat(inspector.moduleIds()).contains("caa", "dns");
    }
  }

  @Test
  void withoutTheDnsModuleTheCheckSaysWhichArtifactIsMissing() {
    try (DomainValidationInspector inspector =
        DomainValidationInspector.builder().addModule(new CaaModule()).build()) {
      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("example.com")
          .addChecks(CaaCheck.forIssuers("digicert.com"))
          .build());

      assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(report.findings(FindingCode.INSPECTION_INTERNAL_ERROR)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("org.dvinspector:dvinspector-dns"));
    }
  }
}
