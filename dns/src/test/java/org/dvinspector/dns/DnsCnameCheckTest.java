package org.dvinspector.dns;

import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.DnsCnameCheck;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dns-cname method: DigiCert-style _dnsauth CNAME to the CA's target. */
final class DnsCnameCheckTest {
  private static final DnsCnameCheck CHECK =
      DnsCnameCheck.of("_dnsauth", "0a1b2c3d4e5f.dcv.digicert.com");

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect() {
    return LabInspections.inspect(lab(), "example.com", CHECK);
  }

  @Test
  void passesWhenTheNameIsAnAliasOfTheTarget() {
    lab().zone("example.com").add("_dnsauth CNAME 0a1b2c3d4e5f.dcv.digicert.com.");

    assertThat(inspect()).isReady().hasNoErrors();
  }

  @Test
  void missingCnameIsReported() {
    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("type", "CNAME")
        .hasAttribute("negativeAnswer", "NXDOMAIN")
        .remedyContains("Create a CNAME record")
        .remedyContains("0a1b2c3d4e5f.dcv.digicert.com.");
  }

  @Test
  void targetWithoutTrailingDotGetsTheZoneAppended() {
    lab().zone("example.com").add("_dnsauth CNAME 0a1b2c3d4e5f.dcv.digicert.com");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_CNAME_TARGET_MISMATCH)
        .hasAttribute("classification", "zone-appended")
        .hasAttribute("found", "0a1b2c3d4e5f.dcv.digicert.com.example.com")
        .remedyContains("trailing dot");
  }

  @Test
  void targetFromAnOlderRequestIsAnOldToken() {
    lab().zone("example.com").add("_dnsauth CNAME 9f8e7d6c5b4a.dcv.digicert.com.");

    InspectionReport report = inspect();

    assertThat(report).finding(FindingCode.DNS_CNAME_TARGET_MISMATCH)
        .hasAttribute("classification", "old-token")
        .hasAttribute("expected", "0a1b2c3d4e5f.dcv.digicert.com");
  }

  @Test
  void cnameOnTheBareDomainInsteadOfUnderTheLabelIsAtAWrongName() {
    lab().zone("example.com").add("dnsauth CNAME 0a1b2c3d4e5f.dcv.digicert.com.");

    InspectionReport report = inspect();

    assertThat(report).finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "dnsauth.example.com")
        .hasAttribute("mistake", "missing-underscore");
  }

  @Test
  void wildcardCnameMaskingTheMissingRecordIsReported() {
    lab().zone("example.com").add("* CNAME parking.example.com.");

    InspectionReport report = inspect();

    assertThat(report).isNotReady()
        .hasFinding(FindingCode.DNS_RECORD_MISSING)
        .finding(FindingCode.DNS_WILDCARD_ANSWER)
        .hasAttribute("wildcard", "*.example.com");
  }
}
