package org.dvinspector.caa;

import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.time.Duration;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The profiles' CAA rules where they differ: Let's Encrypt treats flag bits 128 and 1 as critical
 * and nothing else (Boulder va/caa.go filterCAA: {@code Flag & (128 | 1)}), and recognizes
 * {@code issuemail} and {@code issuevmc}; DigiCert's profile keeps RFC 8659 (flag 128 only).
 */
final class CaaProfileRulesTest {
  private DnsLab lab;
  private DomainValidationInspector inspector;

  @BeforeEach
  void startLab() {
    lab = DnsLab.builder()
        .zone("example.com", z -> z
            .nameserver("ns1.example.com", "127.0.0.11")
            .records("www A 127.0.0.80"))
        .start();
    inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .addModule(new CaaModule())
        .networkPolicy(lab.networkPolicy()
            .queryTimeout(Duration.ofMillis(500))
            .deadline(Duration.ofSeconds(4))
            .build())
        .build();
  }

  @AfterEach
  void stopLab() {
    inspector.close();
    lab.close();
  }

  private InspectionReport inspect(CaProfile profile) {
    return inspector.inspect(InspectionRequest.builder()
        .domain("www.example.com")
        .profile(profile)
        .addChecks(CaaCheck.forProfile())
        .build());
  }

  private void records(int flags, String tag) {
    lab.zone("example.com").add(
        "@ CAA 0 issue \"letsencrypt.org\"", "@ CAA 0 issue \"digicert.com\"",
        "@ CAA " + flags + " " + tag + " \"x\"");
  }

  @Test
  void flagOneMakesAnUnknownTagCriticalForLetsEncryptOnly() {
    records(1, "tbs");

    assertThat(inspect(CaProfiles.LETS_ENCRYPT)).isNotReady()
        .finding(FindingCode.CAA_UNKNOWN_CRITICAL_TAG)
        .messageContains("this CA treats flag 1 as critical, not only 128");
    assertThat(inspect(CaProfiles.DIGICERT)).isReady();
  }

  @Test
  void otherFlagBitsAreNotCriticalForLetsEncrypt() {
    records(2, "tbs");

    assertThat(inspect(CaProfiles.LETS_ENCRYPT)).isReady()
        .doesNotHaveFinding(FindingCode.CAA_UNKNOWN_CRITICAL_TAG);
  }

  @Test
  void criticalIssuemailIsKnownToLetsEncryptButNotToAnRfcOnlyCa() {
    records(128, "issuemail");

    assertThat(inspect(CaProfiles.LETS_ENCRYPT)).isReady();
    assertThat(inspect(CaProfiles.DIGICERT)).isNotReady()
        .hasFinding(FindingCode.CAA_UNKNOWN_CRITICAL_TAG);
  }
}
