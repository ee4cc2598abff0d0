package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.StaleSignatures;
import org.junit.jupiter.api.Test;

/**
 * DNSSEC validated by the resolution core against signed labs, each broken link failing the way a
 * validating CA fails; every test would pass if validation were skipped, except for the verdict
 * it asserts.
 */
final class DnssecValidationTest {
  private static final String TOKEN = "token-2026-dnssec0123456789";
  private static final DnsTxtCheck DNSAUTH = DnsTxtCheck.of("_dnsauth", TOKEN);

  /** example.test signed, its nameservers in dns-host.net (signed too), two servers each. */
  private static DnsLab signedLab() {
    return DnsLab.builder()
        .zone("dns-host.net", z -> z
            .nameserver("ns1.dns-host.net", "127.0.0.21")
            .nameserver("ns2.dns-host.net", "127.0.0.22")
            .signed())
        .zone("example.test", z -> z
            .nameserver("ns1.dns-host.net")
            .nameserver("ns2.dns-host.net")
            .records("_dnsauth TXT \"" + TOKEN + "\"", "www A 127.0.0.80")
            .signed())
        .zone("plain.test", z -> z
            .nameserver("ns1.dns-host.net")
            .nameserver("ns2.dns-host.net")
            .records("_dnsauth TXT \"" + TOKEN + "\""))
        .start();
  }

  private static InspectionReport inspect(DnsLab lab, String domain) {
    return LabInspections.inspect(lab, domain, DNSAUTH);
  }

  @Test
  void aValidChainIsReadyAndSaysNothing() {
    try (DnsLab lab = signedLab()) {
      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isReady().hasNoErrors()
          .doesNotHaveFinding(FindingCode.DNSSEC_UNVALIDATED)
          .doesNotHaveFinding(FindingCode.DNSSEC_STALE_ON_SERVER);
      // The keys were asked of the zone's servers (with the DO bit: the answers were signed).
      assertThat(report.observations()).anyMatch(o -> o.query().equals("DNSKEY example.test"));
    }
  }

  @Test
  void expiredSignaturesFailEveryCaWithTheDates() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").expireSignatures();

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNSSEC_SIGNATURE_EXPIRED)
          .hasSeverity(Severity.ERROR)
          .hasAttribute("zone", "example.test")
          .hasAttribute("signatureExpiration")
          .messageContains("signature expired")
          .remedyContains("Re-sign")
          .hasEvidenceFrom("ns1.dns-host.net")
          .hasEvidenceFrom("ns2.dns-host.net");
      assertThat(report.checkResults().get(0).status()).isEqualTo(CheckResult.Status.FAILED);
    }
  }

  @Test
  void aDsMatchingNoKeyNamesTheKeyTagsAndTheRegistrar() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").wrongDsAtParent();

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNSSEC_DS_KEY_MISMATCH)
          .hasAttribute("keyTags")
          .remedyContains("registrar");
    }
  }

  @Test
  void dnssecTurnedOffAtTheHostWithTheDsLeftAtTheRegistrarFails() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").stopSigning();

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNSSEC_DS_FOR_UNSIGNED_ZONE)
          .remedyContains("remove the DS record at the registrar");
    }
  }

  @Test
  void missingKeysAreReported() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").dropAllDnskeys();

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isNotReady().hasFinding(FindingCode.DNSSEC_DNSKEY_MISSING);
    }
  }

  @Test
  void anUnsignedAnswerInASignedZoneFails() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").unsignedRRset("_dnsauth", "TXT");

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNSSEC_UNSIGNED_ANSWER)
          .hasAttribute("name", "_dnsauth.example.test");
    }
  }

  @Test
  void aMissingProofOfNonExistenceIsReported() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").omitDenialProofs();

      // The record is not there: the proof that it is not is what the CA validates.
      InspectionReport report = LabInspections.inspect(lab, "example.test",
          DnsTxtCheck.of("_missing", TOKEN));

      assertThat(report).isNotReady().hasFinding(FindingCode.DNSSEC_DENIAL_PROOF_INVALID);
    }
  }

  @Test
  void oneServerWithStaleSignaturesIsAWarningBecauseResolversAskAnother() {
    try (DnsLab lab = signedLab()) {
      lab.server("ns2.dns-host.net").serveStaleSignatures("example.test", StaleSignatures.EXPIRED);

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isReady()
          .finding(FindingCode.DNSSEC_STALE_ON_SERVER)
          .hasSeverity(Severity.WARNING)
          .messageContains("ns2.dns-host.net")
          .hasEvidenceFrom("ns2.dns-host.net")
          .hasEvidenceFrom("ns1.dns-host.net");
    }
  }

  @Test
  void anUnsignedZoneUnderASignedParentIsAnInsecureDelegation() {
    try (DnsLab lab = signedLab()) {
      InspectionReport report = inspect(lab, "plain.test");

      assertThat(report).isReady()
          .finding(FindingCode.DNSSEC_INSECURE_DELEGATION)
          .hasSeverity(Severity.INFO)
          .hasAttribute("zone", "plain.test");
    }
  }

  @Test
  void theAddressesTheHttpModuleUsesAreValidatedToo() {
    try (DnsLab lab = signedLab()) {
      lab.dnssec("example.test").expireSignatures();
      java.util.concurrent.atomic.AtomicReference<HostAddresses> found =
          new java.util.concurrent.atomic.AtomicReference<>();

      InspectionReport report = LabInspections.inspect(lab, "www.example.test",
          new ProbeModule.ProbeCheck((services, context) -> services
              .capability(HostAddressLookup.class).orElseThrow()
              .lookup(DomainName.parse("www.example.test"), context)
              .thenApply(h -> {
                found.set(h);
                return CheckResult.Status.PASSED;
              })));

      HostAddresses addresses = java.util.Objects.requireNonNull(found.get(), "no lookup");
      assertThat(addresses.all()).isEmpty();
      assertThat(addresses.failure()).hasValueSatisfying(
          f -> assertThat(f).contains("DNSSEC"));
      assertThat(report).hasFinding(FindingCode.DNSSEC_SIGNATURE_EXPIRED);
    }
  }

  @Test
  void aLabWithoutAnchorsSaysOnceThatNothingWasValidated() {
    try (DnsLab lab = DnsLab.builder()
        .zone("example.test", z -> z.nameserver("ns1.example.test", "127.0.0.11")
            .records("_dnsauth TXT \"" + TOKEN + "\""))
        .start()) {
      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isReady();
      assertThat(report.findings(FindingCode.DNSSEC_UNVALIDATED)).singleElement()
          .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
      assertThat(report.observations()).noneMatch(o -> o.query().startsWith("DNSKEY"));
    }
  }
}
