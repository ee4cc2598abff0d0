package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.StaleSignatures;
import org.junit.jupiter.api.Test;

/**
 * CAA under DNSSEC: a bogus CAA answer is never an acceptable lookup failure (BR 4.2.2.1); one
 * server with stale signatures is passed over, as a validating resolver passes it over.
 */
final class CaaDnssecTest {
  private static DnsLab signedLab() {
    return DnsLab.builder()
        .zone("example.com", z -> z
            .nameserver("ns1.example.com", "127.0.0.11")
            .nameserver("ns2.example.com", "127.0.0.12")
            .records("@ CAA 0 issue \"digicert.com\"", "www A 127.0.0.80")
            .signed())
        .start();
  }

  private static InspectionReport inspect(DnsLab lab, CaProfile profile) {
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .addModule(new CaaModule())
        .networkPolicy(lab.networkPolicy().queryTimeout(Duration.ofSeconds(1))
            .deadline(Duration.ofSeconds(5)).build())
        .build()) {
      return inspector.inspect(InspectionRequest.builder()
          .domain("www.example.com")
          .profile(profile)
          .addChecks(CaaCheck.forIssuers("digicert.com"))
          .build());
    }
  }

  private static CheckResult.Status caaStatus(InspectionReport report) {
    return report.checkResults().get(0).status();
  }

  @Test
  void aValidlySignedSetThatNamesTheCaIsReady() {
    try (DnsLab lab = signedLab()) {
      InspectionReport report = inspect(lab, CaProfiles.BASELINE_REQUIREMENTS);

      assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.READY);
      assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.PASSED);
    }
  }

  @Test
  void expiredSignaturesOnCaaFailTheLookup() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.com").expireSignatures();

      InspectionReport report = inspect(lab, CaProfiles.BASELINE_REQUIREMENTS);

      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
      assertThat(report.findings(FindingCode.CAA_LOOKUP_FAILED)).singleElement()
          .satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.evidence()).allSatisfy(e -> assertThat(e.detail()).contains("DNSSEC"));
          });
      assertThat(report.hasFinding(FindingCode.DNSSEC_SIGNATURE_EXPIRED)).isTrue();
      assertThat(caaStatus(report)).isEqualTo(CheckResult.Status.FAILED);
    }
  }

  @Test
  void oneServerWithStaleSignaturesIsPassedOver() {
    try (DnsLab lab = signedLab()) {
      lab.server("ns2.example.com").serveStaleSignatures("example.com", StaleSignatures.EXPIRED);

      InspectionReport report = inspect(lab, CaProfiles.BASELINE_REQUIREMENTS);

      assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.READY);
      assertThat(report.hasFinding(FindingCode.DNSSEC_STALE_ON_SERVER)).isTrue();
    }
  }

  @Test
  void aProfileWhoseCaDoesNotValidateSeesNoDnssecFailure() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.com").expireSignatures();
      CaProfile lenient = CaProfile.builder().from(CaProfiles.BASELINE_REQUIREMENTS)
          .id("no-dnssec").validatesDnssec(false).build();

      InspectionReport report = inspect(lab, lenient);

      assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.READY);
      assertThat(report.hasFinding(FindingCode.DNSSEC_UNVALIDATED)).isTrue();
      assertThat(report.findings(Severity.ERROR)).isEmpty();
    }
  }
}
