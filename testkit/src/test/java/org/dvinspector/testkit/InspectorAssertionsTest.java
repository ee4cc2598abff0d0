package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class InspectorAssertionsTest {
  private static final Finding MISMATCH = Finding.builder(FindingCode.DNS_VALUE_MISMATCH)
      .message("The TXT record holds \"old\" instead of the token")
      .remedy("Replace the record value with the token")
      .evidence(Perspective.authoritative("ns2.example.test",
          InetAddress.getLoopbackAddress(), "udp"), "TXT \"old\"")
      .attribute("classification", "old token")
      .build();

  private static InspectionReport report(Verdict verdict, Finding... findings) {
    return InspectionReport.builder()
        .request(InspectionRequest.builder().domain("example.com")
            .addChecks(DnsTxtCheck.of("_dnsauth", "token")).build())
        .verdict(verdict)
        .addFindings(findings)
        .startedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .duration(Duration.ofMillis(12))
        .build();
  }

  @Test
  void passingAssertionsChain() {
    assertThat(report(Verdict.NOT_READY, MISMATCH))
        .isNotReady()
        .hasFinding(FindingCode.DNS_VALUE_MISMATCH)
        .doesNotHaveFinding(FindingCode.DNS_RECORD_MISSING)
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasSeverity(Severity.ERROR)
        .messageContains("instead of")
        .remedyContains("Replace")
        .hasAttribute("classification", "old token")
        .hasEvidenceFrom("ns2.example.test");
  }

  @Test
  void readyReportWithoutErrorsPasses() {
    assertThat(report(Verdict.READY)).isReady().hasNoErrors();
  }

  @Test
  void wrongVerdictFailureListsTheFindings() {
    assertThatThrownBy(() -> assertThat(report(Verdict.NOT_READY, MISMATCH)).isReady())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected verdict READY but was NOT_READY")
        .hasMessageContaining("ERROR DNS_VALUE_MISMATCH: The TXT record holds \"old\"")
        .hasMessageContaining("ns2.example.test [127.0.0.1] udp: TXT \"old\"")
        .hasMessageContaining("classification=old token");
  }

  @Test
  void missingFindingFails() {
    assertThatThrownBy(() -> assertThat(report(Verdict.UNKNOWN)).isUnknown()
        .hasFinding(FindingCode.DNS_SERVER_TIMEOUT))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a finding DNS_SERVER_TIMEOUT but there is none")
        .hasMessageContaining("(no findings)");
  }

  @Test
  void unexpectedErrorFindingFailsHasNoErrors() {
    assertThatThrownBy(() -> assertThat(report(Verdict.NOT_READY, MISMATCH)).hasNoErrors())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("DNS_VALUE_MISMATCH");
  }

  @Test
  void findingAttributeMismatchShowsTheFinding() {
    assertThatThrownBy(() -> assertThat(report(Verdict.NOT_READY, MISMATCH))
        .finding(FindingCode.DNS_VALUE_MISMATCH).hasAttribute("classification", "case"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected attribute classification=case but it is old token");
  }

  @Test
  void evidenceFromAnotherPerspectiveFails() {
    assertThatThrownBy(() -> assertThat(MISMATCH).hasEvidenceFrom("ns1.example.test"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ns1.example.test")
        .hasMessageContaining("evidence:");
  }

  @Test
  void percentSignsInMessagesDoNotBreakTheFailure() {
    Finding odd = Finding.builder(FindingCode.DNS_VALUE_MISMATCH).message("100% wrong %s").build();
    assertThatThrownBy(() -> assertThat(report(Verdict.NOT_READY, odd)).isReady())
        .isInstanceOf(AssertionError.class).hasMessageContaining("100% wrong %s");
  }
}
