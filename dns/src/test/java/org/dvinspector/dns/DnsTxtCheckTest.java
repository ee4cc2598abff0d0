package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.time.Duration;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dns-txt method against a realistic delegation: root, com, example.com on two servers. */
final class DnsTxtCheckTest {
  private static final DnsTxtCheck DNSAUTH = DnsTxtCheck.of("_dnsauth", "token-2024-abcdef123456");

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12")
          .records("www A 127.0.0.50", "www AAAA ::1"))
      .zone("other.net", z -> z
          .nameserver("ns1.other.net", "127.0.0.13"))
      .zone("shop.example.com", z -> z
          .nameserver("ns1.other.net")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect(String domain, DnsTxtCheck check) {
    return LabInspections.inspect(lab(), domain, check);
  }

  private static CheckResult.Status status(InspectionReport report) {
    return report.checkResults().get(0).status();
  }

  @Test
  void passesWhenEveryAuthoritativeServerHasTheValue() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isReady().hasNoErrors();
    assertThat(status(report)).isEqualTo(CheckResult.Status.PASSED);
    // The question itself is asked from the root down (a non-minimising resolver's way); the
    // zone's servers are each asked once.
    assertThat(LabInspections.observations(report, "TXT _dnsauth.example.com"))
        .filteredOn(o -> o.perspective().kind() == Perspective.Kind.AUTHORITATIVE_SERVER)
        .extracting(o -> o.perspective().label() + " " + o.outcome())
        .containsExactlyInAnyOrder(
            "a.root-servers.lab [127.0.0.2] udp REFERRAL", "ns.nic.com [127.0.0.3] udp REFERRAL",
            "ns1.example.com [127.0.0.11] udp ANSWER", "ns2.example.com [127.0.0.12] udp ANSWER");
  }

  @Test
  void asksTheRecursiveResolverToo() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(LabInspections.observations(report, "TXT _dnsauth.example.com"))
        .filteredOn(o -> o.perspective().kind() == Perspective.Kind.RECURSIVE_RESOLVER)
        .singleElement()
        .satisfies(o -> assertThat(o.result()).contains("token-2024-abcdef123456"));
  }

  @Test
  void missingRecordIsNxdomainWhenTheNameDoesNotExist() {
    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("negativeAnswer", "NXDOMAIN")
        .hasAttribute("name", "_dnsauth.example.com")
        .messageContains("NXDOMAIN")
        .remedyContains("\"_dnsauth\"")
        .remedyContains("token-2024-abcdef123456")
        .hasEvidenceFrom("ns1.example.com [127.0.0.11]")
        .hasEvidenceFrom("ns2.example.com [127.0.0.12]");
    assertThat(status(report)).isEqualTo(CheckResult.Status.FAILED);
  }

  @Test
  void missingRecordIsNodataWhenTheNameHasOtherRecords() {
    lab().zone("example.com").add("_dnsauth A 127.0.0.60");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("negativeAnswer", "NODATA")
        .messageContains("NODATA");
  }

  @Test
  void valueInQuotesIsAMismatchClassifiedAsSurroundingQuotes() {
    lab().zone("example.com").add("_dnsauth TXT \"\\\"token-2024-abcdef123456\\\"\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "surrounding-quotes")
        .hasAttribute("expected", "token-2024-abcdef123456")
        .hasAttribute("found", "\"token-2024-abcdef123456\"")
        .remedyContains("remove the quote characters")
        .hasEvidenceFrom("ns1.example.com")
        .hasEvidenceFrom("ns2.example.com");
  }

  @Test
  void olderTokenOfTheSameShapeIsAMismatchClassifiedAsOldToken() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2023-fedcba654321\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "old-token")
        .hasAttribute("found", "token-2023-fedcba654321")
        .messageContains("older token");
  }

  @Test
  void truncatedValueIsAMismatchClassifiedAsTruncated() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abc\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "truncated")
        .messageContains("cut off after 14 of its 23 characters");
  }

  @Test
  void valueWithATrailingSpaceIsAMismatchClassifiedAsWhitespace() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456 \"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "whitespace")
        .remedyContains("remove the spaces");
  }

  @Test
  void longValueSpreadOverTwoRecordsIsAMismatchClassifiedAsSplitWrongly() {
    String first = "a".repeat(255);
    String rest = "b".repeat(45);
    lab().zone("example.com")
        .add("_dnsauth TXT \"" + first + "\"", "_dnsauth TXT \"" + rest + "\"");

    InspectionReport report = inspect("example.com", DnsTxtCheck.of("_dnsauth", first + rest));

    assertThat(report).finding(FindingCode.DNS_VALUE_MISMATCH)
        .hasAttribute("classification", "split-strings-joined-wrongly")
        .messageContains("2 separate TXT records")
        .remedyContains("one TXT record");
  }

  @Test
  void recordAtTheApexInsteadOfTheLabelIsAtAWrongName() {
    lab().zone("example.com").add("@ TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .doesNotHaveFinding(FindingCode.DNS_RECORD_MISSING)
        .finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "example.com")
        .hasAttribute("mistake", "apex-instead-of-label")
        .hasAttribute("name", "_dnsauth.example.com")
        .messageContains("without the _dnsauth label");
  }

  @Test
  void zoneNameAppendedTwiceIsAtAWrongName() {
    // What a panel that appends the zone makes of "_dnsauth.example.com" typed as the name.
    lab().zone("example.com").add("_dnsauth.example.com TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "_dnsauth.example.com.example.com")
        .hasAttribute("mistake", "zone-appended-twice");
  }

  @Test
  void labelWithoutItsUnderscoreIsAtAWrongName() {
    lab().zone("example.com").add("dnsauth TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "dnsauth.example.com")
        .hasAttribute("mistake", "missing-underscore");
  }

  @Test
  void recordUnderTheBareDomainForAWwwCertificateIsAtAWrongName() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("www.example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("name", "_dnsauth.www.example.com")
        .hasAttribute("foundAt", "_dnsauth.example.com")
        .hasAttribute("mistake", "www-vs-apex");
  }

  @Test
  void recordUnderAParentNameIsAtAWrongName() {
    lab().zone("example.com").add("_dnsauth.web TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("api.web.example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("foundAt", "_dnsauth.web.example.com")
        .hasAttribute("mistake", "parent-name")
        .messageContains("under web.example.com instead of under api.web.example.com");
  }

  @Test
  void recordPutInTheParentZoneIsAtAWrongNameInAnotherZone() {
    // shop.example.com is delegated to its own zone; the record went into example.com.
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456\"");

    InspectionReport report = inspect("shop.example.com", DNSAUTH);

    assertThat(report).finding(FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .hasAttribute("name", "_dnsauth.shop.example.com")
        .hasAttribute("foundAt", "_dnsauth.example.com")
        .hasAttribute("mistake", "other-zone")
        .remedyContains("in the zone shop.example.com");
  }

  @Test
  void wildcardAnswerMaskingAMissingRecordIsReported() {
    lab().zone("example.com").add("* TXT \"provider-default\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .doesNotHaveFinding(FindingCode.DNS_VALUE_MISMATCH)
        .hasFinding(FindingCode.DNS_RECORD_MISSING)
        .finding(FindingCode.DNS_WILDCARD_ANSWER)
        .hasAttribute("wildcard", "*.example.com")
        .messageContains("provider-default");
    assertThat(report).finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("negativeAnswer", "WILDCARD");
  }

  @Test
  void valueLongerThan255BytesSplitIntoStringsIsJoined() {
    String first = "a".repeat(255);
    String rest = "b".repeat(45);
    lab().zone("example.com").add("_dnsauth TXT \"" + first + "\" \"" + rest + "\"");

    InspectionReport report = inspect("example.com", DnsTxtCheck.of("_dnsauth", first + rest));

    assertThat(report).isReady();
  }

  @Test
  void severalTxtRecordsAtTheNameAreFineWhenOneMatches() {
    lab().zone("example.com").add("_dnsauth TXT \"v=spf1 -all\"",
        "_dnsauth TXT \"token-2024-abcdef123456\"", "_dnsauth TXT \"token-2023-fedcba654321\"");

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isReady();
  }

  @Test
  void valueAtTheDomainItselfIsChecked() {
    lab().zone("example.com").add("@ TXT \"globalsign-domain-verification=abc123def456\"");

    InspectionReport report = inspect("example.com",
        DnsTxtCheck.atDomain("globalsign-domain-verification=abc123def456"));

    assertThat(report).isReady();
  }

  @Test
  void notYetVisibleWhenTheResolverStillCachesTheAbsence() {
    // A first look (the user's own tool, or an earlier check) makes the resolver cache NXDOMAIN.
    inspect("example.com", DNSAUTH);
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456\"");
    lab().advanceClock(Duration.ofSeconds(100));

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(status(report)).isEqualTo(CheckResult.Status.PASSED);
    assertThat(report).isReady()
        .finding(FindingCode.DNS_NOT_YET_VISIBLE)
        .hasSeverity(Severity.WARNING)
        .hasAttribute("waitSeconds", "200")
        .hasAttribute("negativeAnswer", "NXDOMAIN")
        .hasEvidenceFrom("resolver");
  }

  @Test
  void staleValueCachedByTheResolverGivesTheRemainingTtl() {
    lab().zone("example.com").add("_dnsauth 3600 TXT \"token-2023-fedcba654321\"");
    inspect("example.com", DNSAUTH);
    lab().zone("example.com").replace("_dnsauth", "TXT",
        "_dnsauth 3600 TXT \"token-2024-abcdef123456\"");
    lab().advanceClock(Duration.ofMinutes(10));

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isReady()
        .finding(FindingCode.DNS_STALE_VALUE_CACHED)
        .hasAttribute("remainingTtlSeconds", "3000")
        .hasAttribute("waitSeconds", "3000")
        .hasAttribute("found", "token-2023-fedcba654321")
        .messageContains("3000 s");
  }

  @Test
  void recordMissingIsAlsoSeenWhenTheResolverStillServesTheDeletedValue() {
    lab().zone("example.com").add("_dnsauth TXT \"token-2024-abcdef123456\"");
    inspect("example.com", DNSAUTH);
    lab().zone("example.com").removeAll("_dnsauth", org.xbill.DNS.Type.TXT);

    InspectionReport report = inspect("example.com", DNSAUTH);

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasEvidenceFrom("resolver");
  }
}
