package org.dvinspector.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.DomainContactCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class ContactModuleLoadingTest {
  @Test
  void serviceLoaderFindsTheModule() {
    try (DomainValidationInspector inspector =
        DomainValidationInspector.builder().findAndAddModules().build()) {
      assertThat(inspector.moduleIds()).contains("contact", "dns");
    }
  }

  @Test
  void withoutTheDnsModuleTheCheckSaysWhichArtifactIsMissing() {
    try (DomainValidationInspector inspector =
        DomainValidationInspector.builder().addModule(new ContactModule()).build()) {
      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("example.com")
          .addChecks(DomainContactCheck.constructedEmail())
          .build());

      assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(report.findings(FindingCode.INSPECTION_INTERNAL_ERROR)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("org.dvinspector:dvinspector-dns"));
    }
  }
}
