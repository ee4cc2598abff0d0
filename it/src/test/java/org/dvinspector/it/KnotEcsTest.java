package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.it.LabEnvironment.KNOT;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dvinspector.CaProfiles;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * The EDNS Client Subnet finding against a real ECS-aware authoritative server: Knot DNS with its
 * geoip module in subnet mode, delegated from the bind9 lab's example.net. The inspector (the
 * DigiCert profile, whose perspective networks turn ECS on by default) asks Knot again as if from
 * each of DigiCert's networks; this machine's queries come from 127.0.0.0/8.
 *
 * <pre>
 * geo.example.net.    ns.geo.example.net.    127.83.0.120  knotd, geoip module (subnet mode)
 *   _dnsauth.www      TXT knot-token-1-K7d2Qm9Xw4Lp only for 127.0.0.0/8 (this machine) and 1.0.1.0/24 (a
 *                     China network): everyone else NXDOMAIN ("TXT not synchronized outside China")
 *   _dnsauth.all      TXT knot-token-2-K7d2Qm9Xw4Lp in the zone (the default line) and for 3.120.0.0/14
 * plain.example.net.  ns.plain.example.net.  127.83.0.120  the same knotd, no module: every client
 *   _dnsauth.www      TXT knot-token-3-K7d2Qm9Xw4Lp      alike (scope 0)
 * </pre>
 */
final class KnotEcsTest {
  private static BindLab bind;
  private static UnboundResolver resolver;
  private static KnotServer knot;
  private static DomainValidationInspector inspector;

  @BeforeAll
  static void startLab(@TempDir Path dir) throws Exception {
    KnotServer.require();
    bind = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.net",
            "geo NS ns.geo.example.net.",
            "ns.geo A " + KNOT.getHostAddress(),
            "plain NS ns.plain.example.net.",
            "ns.plain A " + KNOT.getHostAddress())
        .servers());
    KnotServer.Zone geo = new KnotServer.Zone("geo.example.net", LabZones.zone(
        "geo.example.net.", "ns.geo.example.net.", 1,
        "ns A " + KNOT.getHostAddress(),
        "www A 127.83.0.80",
        "all A 127.83.0.80",
        "_dnsauth.all TXT \"knot-token-2-K7d2Qm9Xw4Lp\""))
        .txtFor("_dnsauth.www.geo.example.net", "127.0.0.0/8", "knot-token-1-K7d2Qm9Xw4Lp")
        .txtFor("_dnsauth.www.geo.example.net", "1.0.1.0/24", "knot-token-1-K7d2Qm9Xw4Lp")
        .txtFor("_dnsauth.all.geo.example.net", "3.120.0.0/14", "knot-token-2-K7d2Qm9Xw4Lp");
    KnotServer.Zone plain = new KnotServer.Zone("plain.example.net", LabZones.zone(
        "plain.example.net.", "ns.plain.example.net.", 1,
        "ns A " + KNOT.getHostAddress(),
        "www A 127.83.0.80",
        "_dnsauth.www TXT \"knot-token-3-K7d2Qm9Xw4Lp\""));
    knot = KnotServer.start(dir.resolve("knot"), KNOT, List.of(geo, plain));
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
    if (knot != null) {
      knot.close();
    }
    if (bind != null) {
      bind.close();
    }
  }

  private static InspectionReport inspect(String domain, String value) {
    return inspector.inspect(InspectionRequest.builder()
        .domain(domain)
        .profile(CaProfiles.DIGICERT)
        .addChecks(DnsTxtCheck.of("_dnsauth", value))
        .build());
  }

  @Test
  void knotAnswersByClientSubnetAndEchoesTheViewsPrefixAsScope() throws Exception {
    Message china = knot.askFrom("_dnsauth.www.geo.example.net", "1.0.1.0");
    Message frankfurt = knot.askFrom("_dnsauth.www.geo.example.net", "3.120.0.0");
    Message plain = knot.askFrom("_dnsauth.www.plain.example.net", "1.0.1.0");

    assertThat(Dig.txt(china)).containsExactly("knot-token-1-K7d2Qm9Xw4Lp");
    assertThat(KnotServer.scope(china)).isEqualTo(24);
    assertThat(frankfurt.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(KnotServer.scope(frankfurt)).isZero();
    assertThat(Dig.txt(plain)).containsExactly("knot-token-3-K7d2Qm9Xw4Lp");
    assertThat(KnotServer.scope(plain)).isZero();
    // Without the option Knot decides by the query's own address: this machine's view.
    assertThat(Dig.txt(Dig.query(KNOT, "_dnsauth.www.geo.example.net", org.xbill.DNS.Type.TXT)))
        .containsExactly("knot-token-1-K7d2Qm9Xw4Lp");
  }

  @Test
  void aRecordOnlyInTheChinaViewIsWithheldFromEveryRegionOfTheCa() {
    InspectionReport report = inspect("www.geo.example.net", "knot-token-1-K7d2Qm9Xw4Lp");

    assertThat(report).as(LabInspector.describe(report)).isNotReady()
        .finding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .hasSeverity(Severity.ERROR)
        .messageContains("withheld from clients in " + CaProfiles.DIGICERT.perspectiveNetworks()
            .size() + " of " + CaProfiles.DIGICERT.perspectiveNetworks().size() + " regions")
        .messageContains("ns.geo.example.net [127.83.0.120]")
        .messageContains("eu-central-1 (Frankfurt) 3.120.0.0/14 (RIPE NCC)")
        .messageContains("without it (NXDOMAIN)")
        .messageContains("while the inspector's own network gets it")
        .hasAttribute("zone", "geo.example.net")
        .hasEvidenceFrom("ns.geo.example.net [127.83.0.120]");
    // From this machine (and its resolver) everything looks fine: only the regional questions
    // show what the CA would see. (DigiCert also looks at the name itself, where nothing is: that
    // is only a note.)
    assertThat(report).doesNotHaveFinding(FindingCode.DNS_CLIENT_SUBNET_IGNORED);
    org.assertj.core.api.Assertions.assertThat(report.findings(FindingCode.DNS_RECORD_MISSING))
        .allMatch(f -> f.severity() == Severity.INFO);
    assertThat(report.observations()).anyMatch(o -> o.query()
        .equals("TXT _dnsauth.www.geo.example.net (client subnet 3.120.0.0/24)")
        && o.result().contains("NXDOMAIN"));
  }

  @Test
  void theSameValueInEveryViewIsReady() {
    InspectionReport report = inspect("all.geo.example.net", "knot-token-2-K7d2Qm9Xw4Lp");

    assertThat(report).as(LabInspector.describe(report)).isReady().hasNoErrors()
        .doesNotHaveFinding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        // Knot used the subnet (scope 14 for Frankfurt's view): not "ignored".
        .doesNotHaveFinding(FindingCode.DNS_CLIENT_SUBNET_IGNORED);
  }

  @Test
  void aZoneKnotAnswersAlikeForEveryClientIsNotedNotFlagged() {
    InspectionReport report = inspect("www.plain.example.net", "knot-token-3-K7d2Qm9Xw4Lp");

    assertThat(report).as(LabInspector.describe(report)).isReady().hasNoErrors()
        .doesNotHaveFinding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .finding(FindingCode.DNS_CLIENT_SUBNET_IGNORED)
        .hasSeverity(Severity.INFO)
        .messageContains("ns.plain.example.net");
  }

  @Test
  void withEcsTurnedOffTheCaseOutsideChinaIsNotSeen() {
    InspectionReport report = inspector.inspect(InspectionRequest.builder()
        .domain("www.geo.example.net")
        .profile(CaProfiles.DIGICERT)
        .ednsClientSubnet(false)
        .addChecks(DnsTxtCheck.of("_dnsauth", "knot-token-1-K7d2Qm9Xw4Lp"))
        .build());

    // What a single vantage point without EDNS Client Subnet concludes: READY, wrongly.
    assertThat(report).as(LabInspector.describe(report)).isReady()
        .doesNotHaveFinding(FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION);
  }
}
