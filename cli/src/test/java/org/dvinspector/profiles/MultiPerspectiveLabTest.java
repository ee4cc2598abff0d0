package org.dvinspector.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.time.LocalDate;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MultiPerspectiveInspector;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.spi.RemotePerspective;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multi-perspective corroboration (BR 3.2.2.9) against two DNS labs: one where the TXT record is
 * on the nameservers, one where it is not (a region the zone's update has not reached). Remote
 * perspectives are inspectors aimed at one lab or the other.
 */
final class MultiPerspectiveLabTest {
  /** A random value of DigiCert's shape (its library refuses fewer than 22 characters). */
  private static final String VALUE = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";

  private static DnsLab synced;
  private static DnsLab lagging;
  private static DomainValidationInspector primary;
  private static DomainValidationInspector seesRecord;
  private static DomainValidationInspector missesRecord;

  private static DnsLab lab(boolean withRecord) {
    return DnsLab.builder()
        .zone("example.test", z -> {
          z.nameserver("ns1.example.test", "127.0.0.11")
              .nameserver("ns2.example.test", "127.0.0.12")
              .records("www 300 IN CAA 0 issue \"digicert.com\"");
          if (withRecord) {
            z.records("_dnsauth.www 300 IN TXT \"" + VALUE + "\"");
          }
        })
        .start();
  }

  private static DomainValidationInspector inspector(DnsLab lab) {
    return DomainValidationInspector.builder()
        .networkPolicy(lab.networkPolicy().build())
        .findAndAddModules()
        .build();
  }

  @BeforeAll
  static void start() {
    synced = lab(true);
    lagging = lab(false);
    primary = inspector(synced);
    seesRecord = inspector(synced);
    missesRecord = inspector(lagging);
  }

  @AfterAll
  static void stop() {
    primary.close();
    seesRecord.close();
    missesRecord.close();
    synced.close();
    lagging.close();
  }

  private static InspectionReport inspect(RemotePerspective... remotes) {
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(primary)
        .quorumPolicy(QuorumPolicy.baselineRequirements(LocalDate.of(2026, 4, 1)));
    for (RemotePerspective r : remotes) {
      b.addRemotePerspective(r);
    }
    try (MultiPerspectiveInspector mpic = b.build()) {
      return mpic.inspect(InspectionRequest.builder()
          .domain("www.example.test")
          .profile(CaProfiles.DIGICERT)
          .addChecks(CaProfiles.DIGICERT.dnsTxtCheck(VALUE), CaaCheck.forProfile())
          .build());
    }
  }

  @Test
  void oneLaggingRegionIsToleratedButReported() {
    InspectionReport report = inspect(
        RemotePerspective.of("us-east", Rir.ARIN, seesRecord),
        RemotePerspective.of("eu-central", Rir.RIPE_NCC, missesRecord),
        RemotePerspective.of("ap-south", Rir.APNIC, seesRecord));

    assertThat(report).isReady().hasFinding(FindingCode.PERSPECTIVES_DISAGREE);
    Finding f = report.findings(FindingCode.PERSPECTIVES_DISAGREE).get(0);
    assertThat(f.message()).contains("not from 1 of 3 remote perspectives (eu-central)");
  }

  @Test
  void twoLaggingRegionsBreakTheQuorum() {
    InspectionReport report = inspect(
        RemotePerspective.of("us-east", Rir.ARIN, seesRecord),
        RemotePerspective.of("eu-central", Rir.RIPE_NCC, missesRecord),
        RemotePerspective.of("ap-south", Rir.APNIC, missesRecord));

    assertThat(report).isNotReady().hasFinding(FindingCode.QUORUM_NOT_MET);
    Finding f = report.findings(FindingCode.QUORUM_NOT_MET).get(0);
    assertThat(f.evidence()).anyMatch(e -> e.perspective().name().equals("eu-central")
        && e.detail().startsWith("failed"));
  }
}
