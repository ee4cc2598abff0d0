package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;
import static org.dvinspector.it.LabEnvironment.NS1;
import static org.dvinspector.it.LabEnvironment.NS2;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;

import java.nio.file.Path;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * The DNS module against real bind9 servers: a fake root, a TLD, a primary and its secondary, a
 * lame delegation, a zone that fails to load, wildcard records.
 */
final class DnsModuleBindTest {
  private static BindLab lab;
  private static UnboundResolver resolver;
  private static DomainValidationInspector inspector;

  @BeforeAll
  static void startLab(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    lab = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.com",
            "ready A 127.83.0.80",
            "_acme-challenge.ready TXT \"ready-token\"",
            "stale A 127.83.0.80",
            "_acme-challenge.stale TXT \"old-token\"",
            "late A 127.83.0.80",
            "empty A 127.83.0.80",
            "*.wild TXT \"wildcard-value\"",
            "*.wild A 127.83.0.80")
        .add("lame.example.com", "www A 127.83.0.80", "_acme-challenge.www TXT \"lame-token\"")
        .add("refused.example.com", "www A 127.83.0.80",
            "_acme-challenge.www TXT \"refused-token\"")
        .add("hosted.net", "www A 127.83.0.80", "_acme-challenge.www TXT \"hosted-token\"")
        .servers());
    resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
    inspector = LabInspector.create();
  }

  @AfterAll
  static void stopLab() {
    if (inspector != null) {
      inspector.close();
    }
    if (resolver != null) {
      resolver.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  private static InspectionReport inspectTxt(String domain, String value) {
    return inspector.inspect(InspectionRequest.builder()
        .domain(domain)
        .addChecks(DnsTxtCheck.of("_acme-challenge", value))
        .build());
  }

  @Test
  void aRootServerThatAlsoServesTheNameserversZoneIsFollowed() {
    // The root server is authoritative for rootserved.org, where hosted.net's nameserver's
    // address lives: it answers that address itself instead of referring to org.
    InspectionReport report = inspectTxt("www.hosted.net", "hosted-token");

    assertThat(report).isReady().doesNotHaveFinding(FindingCode.DNS_ZONE_NOT_FOUND);
    assertThat(report.observations()).anyMatch(o -> o.query().equals("A ns.rootserved.org")
        && o.perspective().name().equals("rootns") && o.result().contains(" aa"));
  }

  @Test
  void recordOnEveryNameserverIsReady() {
    InspectionReport report = inspectTxt("ready.example.com", "ready-token");

    assertThat(report).isReady();
  }

  @Test
  void secondaryStillServingTheOlderSerialMissesTheRecord() throws Exception {
    lab.add(NS1, "example.com", "_acme-challenge.late 60 TXT \"late-token\"");
    assertThat(Dig.soaSerial(lab.query(NS2, "example.com", Type.SOA)))
        .isLessThan(Dig.soaSerial(lab.query(NS1, "example.com", Type.SOA)));

    InspectionReport report = inspectTxt("late.example.com", "late-token");

    assertThat(report).hasFinding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS);
    assertThat(report).isNotReady();
  }

  @Test
  void lameNameserverIsReported() {
    InspectionReport report = inspectTxt("www.lame.example.com", "lame-token");

    assertThat(report).hasFinding(FindingCode.DNS_LAME_DELEGATION);
  }

  @Test
  void nameserverRefusingTheZoneIsAServerFailure() {
    InspectionReport report = inspectTxt("www.refused.example.com", "refused-token");

    // A delegated server that answers REFUSED: reported as a failure of that server (SPEC §4 lists
    // REFUSED with the per-server failures); the other server has the record.
    assertThat(report).finding(FindingCode.DNS_SERVER_FAILURE)
        .messageContains("127.83.0.13").messageContains("REFUSED");
  }

  @Test
  void zoneThatFailedToLoadIsAServerFailure() {
    InspectionReport report = inspectTxt("www.broken.example.com", "any-token");

    assertThat(report).hasFinding(FindingCode.DNS_SERVER_FAILURE);
    assertThat(report).isNotReady();
  }

  @Test
  void oldValueIsAMismatch() {
    InspectionReport report = inspectTxt("stale.example.com", "new-token");

    assertThat(report).hasFinding(FindingCode.DNS_VALUE_MISMATCH);
    assertThat(report).isNotReady();
  }

  @Test
  void wildcardAnswerMaskingTheMissingRecordIsReported() {
    InspectionReport report = inspectTxt("host.wild.example.com", "host-token");

    assertThat(report).hasFinding(FindingCode.DNS_WILDCARD_ANSWER);
    assertThat(report).isNotReady();
  }

  @Test
  void missingRecordIsReported() {
    InspectionReport report = inspectTxt("empty.example.com", "never-published");

    assertThat(report).hasFinding(FindingCode.DNS_RECORD_MISSING);
  }
}
