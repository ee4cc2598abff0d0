package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.util.List;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.PerspectiveNetwork;
import org.dvinspector.PerspectiveNetworks;
import org.dvinspector.Rir;
import org.dvinspector.Severity;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.dvinspector.testkit.TestZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers that depend on the client's region: the zone's servers asked again as if from each of
 * the CA's perspective networks (EDNS Client Subnet, RFC 7871), against testkit zones that answer
 * by client network ("lines"). The lab machine's own queries come from 127.0.0.0/8.
 */
final class ClientRegionTest {
  private static final String TOKEN = "token-geo-2024-abcdef";
  private static final DnsTxtCheck CHECK = DnsTxtCheck.of("_dnsauth", TOKEN);
  private static final String RECORD = "_dnsauth TXT \"" + TOKEN + "\"";
  private static final String OWN = "127.0.0.0/8";

  /** A CA with three perspective networks. */
  private static final CaProfile CA = CaProfiles.BASELINE_REQUIREMENTS.toBuilder()
      .id("three-regions")
      .perspectiveNetworks(List.of(
          PerspectiveNetwork.of("us-east-1 (N. Virginia)", Rir.ARIN, "3.80.0.0/12", "test"),
          PerspectiveNetwork.of("eu-central-1 (Frankfurt)", Rir.RIPE_NCC, "3.120.0.0/14", "test"),
          PerspectiveNetwork.of("af-south-1 (Cape Town)", Rir.AFRINIC, "13.244.0.0/15", "test")))
      .build();

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("geo.com", z -> z
          .nameserver("ns1.geo.com", "127.0.0.11")
          .nameserver("ns2.geo.com", "127.0.0.12")
          .records("www A 127.0.0.50"))
      .zone("plain.net", z -> z
          .nameserver("ns1.plain.net", "127.0.0.13")
          .records("www A 127.0.0.50")));

  private static TestZone geo() {
    return DNS.lab().zone("geo.com");
  }

  @AfterEach
  void resetZones() {
    geo().reset();
    DNS.lab().zone("plain.net").reset();
  }

  private static InspectionReport inspect(String domain, CaProfile profile,
      java.util.Optional<Boolean> ecs) {
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .networkPolicy(LabInspections.policy(DNS.lab()).build())
        .build()) {
      InspectionRequest.Builder b = InspectionRequest.builder().domain(domain).profile(profile)
          .addChecks(CHECK);
      ecs.ifPresent(b::ednsClientSubnet);
      return inspector.inspect(b.build());
    }
  }

  private static InspectionReport inspect(String domain) {
    return inspect(domain, CA, java.util.Optional.empty());
  }

  private static CheckResult.Status status(InspectionReport report) {
    return report.checkResults().get(0).status();
  }

  @Test
  void aRecordMissingInOneRegionIsAnErrorNamingTheRegion() {
    // The record is in the lines of this machine and of two of the CA's three regions; clients
    // anywhere else (Cape Town among them) get the zone's default answer: no such name.
    geo().addForClientSubnet(OWN, RECORD);
    geo().addForClientSubnet("3.80.0.0/12", RECORD);
    geo().addForClientSubnet("3.120.0.0/14", RECORD);

    InspectionReport report = inspect("geo.com");

    assertThat(report).isNotReady();
    assertThat(status(report)).isEqualTo(CheckResult.Status.FAILED);
    assertThat(report).finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .hasSeverity(Severity.ERROR)
        .messageContains("withheld from clients in 1 of 3 regions")
        .messageContains("af-south-1 (Cape Town) 13.244.0.0/15 (AFRINIC)")
        .messageContains("ns1.geo.com [127.0.0.11]")
        .messageContains("without it (NXDOMAIN)")
        .messageContains("the inspector's own network and us-east-1")
        .remedyContains("default line")
        .hasAttribute("regionsWithout", "af-south-1 (Cape Town)")
        .hasAttribute("networksWithout", "13.244.0.0/15")
        .hasAttribute("registriesWithout", "AFRINIC")
        .hasEvidenceFrom("ns2.geo.com");
    Finding f = report.findings().stream()
        .filter(x -> x.code() == FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION).findFirst()
        .orElseThrow();
    assertThat(f.evidence()).anyMatch(e -> e.perspective().region()
        .equals(java.util.Optional.of("af-south-1 (Cape Town), AFRINIC"))
        && e.detail().startsWith("lacks it") && e.detail().contains("scope /"));
    // The plain view (this machine) has the record on both servers: nothing else is wrong.
    assertThat(report).doesNotHaveFinding(FindingCode.DNS_RECORD_MISSING)
        .doesNotHaveFinding(FindingCode.DNS_CLIENT_SUBNET_IGNORED);
  }

  @Test
  void aRecordOnlyInThisMachinesLineIsWithheldFromEveryRegionOfTheCa() {
    // The seed's "TXT not synchronized outside China": the user (here: this machine) sees it.
    geo().addForClientSubnet(OWN, RECORD);

    InspectionReport report = inspect("geo.com");

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .messageContains("withheld from clients in 3 of 3 regions")
        .messageContains("while the inspector's own network gets it");
  }

  @Test
  void anotherValueInOneRegionIsAnError() {
    geo().add(RECORD);
    geo().addForClientSubnet("3.120.0.0/14", "_dnsauth TXT \"token-geo-OLD\"");

    InspectionReport report = inspect("geo.com");

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .messageContains("eu-central-1 (Frankfurt)")
        .messageContains("with another value (\"token-geo-OLD\")");
  }

  @Test
  void theSameRecordInEveryRegionIsReady() {
    // The server answers by region (its lines), but every line and the default have the value.
    geo().add(RECORD);
    geo().addForClientSubnet("3.120.0.0/14", RECORD, "www A 127.0.0.51");
    geo().addForClientSubnet("13.244.0.0/15", RECORD);

    InspectionReport report = inspect("geo.com");

    assertThat(report).isReady().hasNoErrors()
        .doesNotHaveFinding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        // It uses the client subnet (a non-zero scope for the lines): not "ignored".
        .doesNotHaveFinding(FindingCode.DNS_CLIENT_SUBNET_IGNORED);
    assertThat(report.observations()).filteredOn(o -> o.query().endsWith("(client subnet"
        + " 3.120.0.0/24)")).hasSize(2);
  }

  @Test
  void aServerThatIgnoresTheClientSubnetIsNotedOnceNotFlagged() {
    DNS.lab().zone("plain.net").add(RECORD);

    InspectionReport report = inspect("plain.net");

    assertThat(report).isReady().hasNoErrors()
        .doesNotHaveFinding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .finding(FindingCode.DNS_CLIENT_SUBNET_IGNORED)
        .hasSeverity(Severity.INFO)
        .messageContains("ns1.plain.net")
        .messageContains("answer every client region alike")
        .hasAttribute("networks", "3.80.0.0/12, 3.120.0.0/14, 13.244.0.0/15");
    assertThat(report.findings())
        .filteredOn(f -> f.code() == FindingCode.DNS_CLIENT_SUBNET_IGNORED).hasSize(1);
    // Each network asked once, of the one nameserver.
    assertThat(report.observations()).filteredOn(o -> o.query().contains("(client subnet"))
        .extracting(o -> o.query())
        .containsExactlyInAnyOrder(
            "TXT _dnsauth.plain.net (client subnet 3.80.0.0/24)",
            "TXT _dnsauth.plain.net (client subnet 3.120.0.0/24)",
            "TXT _dnsauth.plain.net (client subnet 13.244.0.0/24)");
  }

  @Test
  void aServerThatDropsQuestionsWithTheOptionHoldsTheVerdictOneAttemptAndIsNoted() {
    DNS.lab().zone("plain.net").add(RECORD);
    DNS.lab().server("ns1.plain.net").addFault(DnsFault.drop().withClientSubnetOnly());
    try {
      long start = System.nanoTime();
      InspectionReport report = inspect("plain.net");
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);

      assertThat(report).isReady().hasNoErrors()
          .finding(FindingCode.DNS_CLIENT_SUBNET_IGNORED)
          .messageContains("The nameservers of plain.net gave no answer in time to the questions"
              + " asked as if from 3.80.0.0/12")
          .hasAttribute("networksNotAnswered", "3.80.0.0/12, 3.120.0.0/14, 13.244.0.0/15");
      // The plain answer is not held back by every retry of the dropped questions (2 attempts of
      // 1 s here): at most one attempt's grace, with a generous margin for a busy machine.
      assertThat(took).isLessThan(java.time.Duration.ofSeconds(10));
    } finally {
      DNS.lab().server("ns1.plain.net").clearFaults();
    }
  }

  @Test
  void onlyTheInspectorsOwnNetworkWithoutTheRecordIsAWarning() {
    geo().add(RECORD);
    geo().addForClientSubnet(OWN, "_dnsauth TXT \"token-geo-OLD\"");

    InspectionReport report = inspect("geo.com");

    // The plain check sees the old value here (an error about this machine's view); the regional
    // answers say every region of the CA has the right one.
    assertThat(report).hasFinding(FindingCode.DNS_VALUE_MISMATCH)
        .finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .hasSeverity(Severity.WARNING)
        .messageContains("served to every region the CA validates from that was asked")
        .messageContains("the inspector's own network without it");
  }

  @Test
  void anAliasIntoAZoneThatAnswersByRegionIsJudgedAtItsTarget() {
    DNS.lab().zone("plain.net").add("_dnsauth CNAME _dnsauth.geo.com.");
    geo().addForClientSubnet(OWN, RECORD);
    geo().addForClientSubnet("3.80.0.0/12", RECORD);
    geo().addForClientSubnet("3.120.0.0/14", RECORD);

    InspectionReport report = inspect("plain.net");

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .messageContains("TXT _dnsauth.geo.com")
        .messageContains("af-south-1 (Cape Town)")
        .hasAttribute("zone", "geo.com");
  }

  @Test
  void theBaselineProfileNamesNoNetworksSoNothingIsAskedUnlessTurnedOn() {
    geo().add(RECORD);

    InspectionReport off = inspect("geo.com", CaProfiles.BASELINE_REQUIREMENTS,
        java.util.Optional.empty());
    InspectionReport on = inspect("geo.com", CaProfiles.BASELINE_REQUIREMENTS,
        java.util.Optional.of(true));

    assertThat(off.observations()).noneMatch(o -> o.query().contains("client subnet"));
    // Turned on, a profile without networks is asked from the representative ones (one per RIR).
    assertThat(on.observations()).filteredOn(o -> o.query().contains("client subnet"))
        .hasSize(2 * PerspectiveNetworks.representative().size());
  }

  @Test
  void turnedOffNothingIsAskedEvenWhenTheProfileNamesNetworks() {
    geo().addForClientSubnet(OWN, RECORD);

    InspectionReport report = inspect("geo.com", CA, java.util.Optional.of(false));

    assertThat(report).isReady()
        .doesNotHaveFinding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION);
    assertThat(report.observations()).noneMatch(o -> o.query().contains("client subnet"));
  }
}
