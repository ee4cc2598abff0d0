package org.dvinspector.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.CheckCorroboration;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MultiPerspectiveInspector;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.Verdict;
import org.dvinspector.http.HttpModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * Three agents on loopback addresses, each with a network of its own standing in for a region,
 * and {@link MultiPerspectiveInspector} applying the BR quorum over them:
 *
 * <ul>
 *   <li>{@code eu-central} (RIPE NCC) sees what the primary sees: the zone with the record, the
 *       web server;
 *   <li>{@code ap-south} (APNIC) has the same DNS view but its route to the web server goes
 *       nowhere (a firewall, geo-blocking: connection refused);
 *   <li>{@code us-east} (ARIN) has its own DNS lab whose nameservers lag behind (the record is
 *       not there yet), and its route to the site reaches a CDN node that still serves the old
 *       file.
 * </ul>
 */
final class AgentRegionsTest {
  private static final String TOKEN = "dvi-agents-2f7c1a9e4b6d08";
  private static final String OLD_TOKEN = "dvi-agents-0b3d5e71c9a2f4";
  private static final String FILE = "/.well-known/pki-validation/fileauth.txt";
  private static final String WEB = "127.0.3.10";
  private static final String LAGGING_WEB = "127.0.3.11";
  /** 2026-04-01: three remote perspectives in two registries (BR 3.2.2.9). */
  private static final QuorumPolicy POLICY = QuorumPolicy.baselineRequirements(LocalDate.of(2026, 4, 1));

  private static DnsLab current;
  private static DnsLab lagging;
  private static HttpLab web;
  private static final List<AutoCloseable> CLOSE = new ArrayList<>();
  private static DomainValidationInspector primary;
  private static AgentServer eu;
  private static AgentServer ap;
  private static AgentServer us;

  private static DnsLab lab(boolean withRecord) {
    return DnsLab.builder()
        .zone("example.test", z -> {
          z.nameserver("ns1.example.test", "127.0.0.11")
              .nameserver("ns2.example.test", "127.0.0.12")
              .records("www 300 IN A " + WEB, "www 300 IN CAA 0 issue \"digicert.com\"");
          if (withRecord) {
            z.records("_dnsauth.www 300 IN TXT \"" + TOKEN + "\"");
          }
        })
        .start();
  }

  private static DomainValidationInspector inspector(NetworkPolicy policy) {
    DomainValidationInspector i = DomainValidationInspector.builder()
        .addModule(HttpModule.builder().client(web.trustingClient()).build())
        .findAndAddModules()
        .networkPolicy(policy)
        .build();
    CLOSE.add(i);
    return i;
  }

  private static AgentServer agent(String listen, String region, Rir rir,
      DomainValidationInspector inspector) {
    AgentServer a = AgentServer.builder(inspector, AgentServerTest.KEY)
        .listen(new InetSocketAddress(AgentServerTest.address(listen), 0))
        .region(region).rir(rir)
        .start();
    CLOSE.add(a);
    return a;
  }

  /** Ports 80 and 443 of the site's address go to {@code to}'s servers, or nowhere. */
  private static EndpointMapping webRoute(@Nullable String to) {
    InetAddress site = AgentServerTest.address(WEB);
    InetSocketAddress nowhere = new InetSocketAddress(AgentServerTest.address("127.0.3.99"), 9);
    return target -> {
      if (!target.getAddress().equals(site)) {
        return target;
      }
      if (to == null) {
        return nowhere;
      }
      InetSocketAddress mapped = web.endpointMapping().map(new InetSocketAddress(
          AgentServerTest.address(to), target.getPort()));
      return mapped;
    };
  }

  @BeforeAll
  static void start() {
    current = lab(true);
    lagging = lab(false);
    web = HttpLab.start("www.example.test");
    web.endpoint(WEB, HttpLabTls.VALID).serve(FILE, TOKEN);
    web.endpoint(LAGGING_WEB, HttpLabTls.VALID).serve(FILE, OLD_TOKEN);

    primary = inspector(current.networkPolicy(web.endpointMapping()).build());
    eu = agent("127.0.4.21", "eu-central", Rir.RIPE_NCC,
        inspector(current.networkPolicy(web.endpointMapping()).build()));
    ap = agent("127.0.4.22", "ap-south", Rir.APNIC,
        inspector(current.networkPolicy(webRoute(null)).build()));
    us = agent("127.0.4.23", "us-east", Rir.ARIN,
        inspector(lagging.networkPolicy(webRoute(LAGGING_WEB)).build()));
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = CLOSE.size() - 1; i >= 0; i--) {
      CLOSE.get(i).close();
    }
    web.close();
    current.close();
    lagging.close();
  }

  private static InspectionReport inspect(Check... checks) {
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(primary)
        .quorumPolicy(POLICY);
    for (AgentServer a : List.of(eu, ap, us)) {
      // Names and registries come from the agents themselves.
      b.addRemotePerspective(AgentPerspective.builder(a.url(), AgentServerTest.KEY)
          .name(a.info().region()).build());
    }
    try (MultiPerspectiveInspector mpic = b.build()) {
      return mpic.inspect(InspectionRequest.builder()
          .domain("www.example.test")
          .profile(CaProfiles.DIGICERT)
          .addChecks(checks)
          .deadline(Duration.ofSeconds(8))
          .build());
    }
  }

  private static PerspectiveOutcome outcome(InspectionReport r, String name) {
    return r.perspectiveOutcomes().stream().filter(o -> o.name().equals(name)).findFirst()
        .orElseThrow();
  }

  @Test
  void oneRegionWhoseNameserversLagIsToleratedAndShown() {
    InspectionReport r = inspect(CaProfiles.DIGICERT.dnsTxtCheck(TOKEN));

    assertThat(r).isReady().hasFinding(FindingCode.PERSPECTIVES_DISAGREE)
        .doesNotHaveFinding(FindingCode.QUORUM_NOT_MET);
    assertThat(outcome(r, "eu-central").verdict()).isEqualTo(Verdict.READY);
    assertThat(outcome(r, "ap-south").verdict()).isEqualTo(Verdict.READY);
    PerspectiveOutcome usEast = outcome(r, "us-east");
    assertThat(usEast.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(usEast.rir()).contains(Rir.ARIN);
    assertThat(usEast.findings()).extracting(Finding::code).contains(FindingCode.DNS_RECORD_MISSING);
    CheckCorroboration c = r.corroboration().orElseThrow().checks().get(0);
    assertThat(c.corroborating()).containsExactly("eu-central", "ap-south");
    assertThat(c.nonCorroborating()).containsExactly("us-east");
    assertThat(c.corroboratingRirs()).containsExactlyInAnyOrder(Rir.RIPE_NCC, Rir.APNIC);
    assertThat(c.quorumMet()).isTrue();
  }

  @Test
  void aSiteOnlyReachableFromSomeRegionsBreaksTheQuorum() {
    InspectionReport r = inspect(CaProfiles.DIGICERT.httpFileCheck(TOKEN));

    assertThat(r).isNotReady().hasFinding(FindingCode.QUORUM_NOT_MET);
    Finding q = r.findings(FindingCode.QUORUM_NOT_MET).get(0);
    assertThat(q.message()).contains("2 of 3 remote perspectives (ap-south, us-east)");
    assertThat(q.evidence()).extracting(Evidence::detail)
        .anyMatch(d -> d.startsWith("failed - HTTP_CONNECT_FAILED"))
        .anyMatch(d -> d.startsWith("failed - HTTP_CONTENT_MISMATCH"));
    assertThat(outcome(r, "ap-south").findings()).extracting(Finding::code)
        .contains(FindingCode.HTTP_CONNECT_FAILED);
  }

  @Test
  void eachCheckMeetsOrMissesTheQuorumOnItsOwn() {
    InspectionReport r = inspect(CaProfiles.DIGICERT.dnsTxtCheck(TOKEN),
        CaProfiles.DIGICERT.httpFileCheck(TOKEN));

    assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
    List<CheckCorroboration> checks = r.corroboration().orElseThrow().checks();
    assertThat(checks).extracting(CheckCorroboration::quorumMet).containsExactly(true, false);
    assertThat(r.findings(FindingCode.QUORUM_NOT_MET)).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("The http-file check"));
  }
}
