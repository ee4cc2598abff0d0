package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.RootServer;
import org.dvinspector.Severity;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.dvinspector.testkit.TestDnsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;

/**
 * The CA's view: zone discovery from the root, every address of every nameserver asked, and
 * what each server's trouble becomes.
 */
final class CaDnsViewTest {
  private static final DnsTxtCheck DNSAUTH = DnsTxtCheck.of("_dnsauth", "token-2024-abcdef123456");

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12", "::1")
          .records("_dnsauth TXT \"token-2024-abcdef123456\""))
      .zone("other.net", z -> z
          .nameserver("ns1.other.net", "127.0.0.13")
          .records("ghost A 127.0.0.99"))
      .zone("hosted.org", z -> z
          .nameserver("ns1.other.net")
          .nameserver("ghost.other.net")
          .records("_dnsauth TXT \"token-2024-abcdef123456\""))
      .zone("sub.example.com", z -> z
          .nameserver("ns1.example.com")
          .records("_dnsauth TXT \"token-2024-abcdef123456\""))
      .zone("split.com", z -> z
          .nameserver("ns1.split.com", "127.0.0.21")
          .parentOnlyNameserver("ns2.split.com", "127.0.0.22")
          .records("_dnsauth TXT \"token-2024-abcdef123456\"")));

  private static DnsLab lab() {
    return DNS.lab();
  }

  private static InspectionReport inspect(String domain) {
    return LabInspections.inspect(lab(), domain, DNSAUTH);
  }

  private static void faultOnNs2(DnsFault fault) {
    for (TestDnsServer s : lab().servers("ns2.example.com")) {
      s.addFault(fault);
    }
  }

  private static ZoneCut findZone(String name) {
    AtomicReference<ZoneCut> found = new AtomicReference<>();
    LabInspections.inspect(lab(), "example.com", new ProbeModule.ProbeCheck((services, context) ->
        services.capability(CaDnsView.class).orElseThrow()
            .findZone(DomainName.parse(name), context)
            .thenApply(z -> {
              found.set(z);
              return CheckResult.Status.PASSED;
            })));
    return java.util.Objects.requireNonNull(found.get(), "the probe did not run");
  }

  private static List<String> names(List<NameServer> servers) {
    return servers.stream().map(ns -> ns.name().ascii()).toList();
  }

  @Test
  void findsTheZoneWithBothNsSetsAndEveryAddress() throws Exception {
    ZoneCut zone = findZone("_dnsauth.example.com");

    assertThat(zone.zone().ascii()).isEqualTo("example.com");
    assertThat(zone.problem()).isEmpty();
    assertThat(names(zone.parentNameservers()))
        .containsExactlyInAnyOrder("ns1.example.com", "ns2.example.com");
    assertThat(names(zone.childNameservers()))
        .containsExactlyInAnyOrder("ns1.example.com", "ns2.example.com");
    assertThat(zone.nameservers()).filteredOn(ns -> ns.name().ascii().equals("ns2.example.com"))
        .singleElement()
        .satisfies(ns -> assertThat(ns.addresses()).containsExactlyInAnyOrder(
            ip("127.0.0.12"), ip("::1")));
  }

  @Test
  void resolvesOutOfBailiwickNameserversIteratively() throws Exception {
    ZoneCut zone = findZone("_dnsauth.hosted.org");

    assertThat(zone.zone().ascii()).isEqualTo("hosted.org");
    assertThat(zone.nameservers()).filteredOn(ns -> ns.name().ascii().equals("ns1.other.net"))
        .singleElement()
        .satisfies(ns -> assertThat(ns.addresses())
            .containsExactly(ip("127.0.0.13")));
  }

  @Test
  void findsASubZoneServedByTheSameServersAsItsParent() {
    ZoneCut zone = findZone("_dnsauth.sub.example.com");

    assertThat(zone.zone().ascii()).isEqualTo("sub.example.com");
    assertThat(names(zone.childNameservers())).containsExactly("ns1.example.com");
  }

  @Test
  void findsTheZoneOfAnApexName() {
    ZoneCut zone = findZone("hosted.org");

    assertThat(zone.zone().ascii()).isEqualTo("hosted.org");
    assertThat(names(zone.parentNameservers()))
        .containsExactlyInAnyOrder("ns1.other.net", "ghost.other.net");
    assertThat(names(zone.childNameservers()))
        .containsExactlyInAnyOrder("ns1.other.net", "ghost.other.net");
  }

  @Test
  void asksEveryAddressOfEveryNameserverIncludingIpv6() {
    InspectionReport report = inspect("example.com");

    assertThat(report).isReady();
    assertThat(LabInspections.observations(report, "TXT _dnsauth.example.com"))
        .extracting(o -> o.perspective().label())
        .contains("ns1.example.com [127.0.0.11] udp", "ns2.example.com [127.0.0.12] udp",
            "ns2.example.com [0:0:0:0:0:0:0:1] udp");
  }

  @Test
  void recordOnlyOnSomeServersListsWhichHaveItAndTheirSerials() {
    for (TestDnsServer s : lab().servers("ns2.example.com")) {
      s.freeze("example.com");
    }
    lab().zone("example.com")
        .replace("_dnsauth", "TXT", "_dnsauth TXT \"token-2025-newvalue9999\"");

    InspectionReport report = LabInspections.inspect(lab(), "example.com",
        DnsTxtCheck.of("_dnsauth", "token-2025-newvalue9999"));

    long fresh = lab().zone("example.com").serial();
    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .hasAttribute("present", "ns1.example.com [127.0.0.11] udp")
        .messageContains("on 1 of 3 authoritative server addresses")
        .messageContains("ns2.example.com [127.0.0.12] udp")
        .messageContains("ns2.example.com [0:0:0:0:0:0:0:1] udp")
        .remedyContains("serve zone serial " + (fresh - 1) + ", the others " + fresh)
        .hasEvidenceFrom("ns1.example.com")
        .hasEvidenceFrom("ns2.example.com");
  }

  @Test
  void aServerThatTimesOutWhileOthersAnswerIsAWarning() {
    faultOnNs2(DnsFault.drop());

    InspectionReport report =
        LabInspections.inspect(LabInspections.shortTimeouts(lab()), "example.com", DNSAUTH);

    assertThat(report).isReady()
        .finding(FindingCode.DNS_SERVER_TIMEOUT)
        .hasSeverity(Severity.WARNING)
        .messageContains("ns2.example.com [127.0.0.12]")
        .remedyContains("ns2.example.com")
        .hasEvidenceFrom("ns2.example.com [127.0.0.12]")
        .hasNoEvidenceFrom("ns1.example.com");
  }

  @Test
  void nameserversThatNeverAnswerGiveATimeoutFindingWithinTheDeadline() {
    lab().server("ns1.example.com").addFault(DnsFault.drop());
    faultOnNs2(DnsFault.drop());
    Duration deadline = Duration.ofSeconds(6);
    NetworkPolicy policy = LabInspections.policy(lab())
        .queryTimeout(Duration.ofMillis(400)).deadline(deadline).build();

    InspectionReport report = LabInspections.inspect(policy, "example.com", DNSAUTH);

    assertThat(report.duration()).isLessThan(deadline.plusMillis(500));
    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_SERVER_TIMEOUT)
        .hasSeverity(Severity.ERROR)
        .hasEvidenceFrom("ns1.example.com")
        .hasEvidenceFrom("ns2.example.com");
  }

  @Test
  void aDeadlineShorterThanTheTimeoutsEndsTheInspectionOnTime() {
    lab().server("ns1.example.com").addFault(DnsFault.drop());
    faultOnNs2(DnsFault.drop());
    Duration deadline = Duration.ofMillis(1500);
    NetworkPolicy policy = LabInspections.policy(lab())
        .queryTimeout(Duration.ofSeconds(1)).deadline(deadline).build();

    InspectionReport report = LabInspections.inspect(policy, "example.com", DNSAUTH);

    assertThat(report.duration()).isLessThan(deadline.plusMillis(500));
    assertThat(report).isUnknown().hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED);
  }

  @Test
  void servfailIsAServerFailure() {
    faultOnNs2(DnsFault.servfail());

    InspectionReport report = inspect("example.com");

    assertThat(report).finding(FindingCode.DNS_SERVER_FAILURE)
        .hasSeverity(Severity.WARNING)
        .messageContains("ns2.example.com [127.0.0.12] udp (SERVFAIL)")
        .remedyContains("cannot load the zone");
  }

  @Test
  void refusedIsAServerFailure() {
    faultOnNs2(DnsFault.refused());

    InspectionReport report = inspect("example.com");

    assertThat(report).finding(FindingCode.DNS_SERVER_FAILURE)
        .messageContains("(REFUSED)")
        .remedyContains("does not serve example.com");
  }

  @Test
  void failuresOnEveryServerAreErrors() {
    lab().server("ns1.example.com").addFault(DnsFault.servfail().forType(Type.TXT));
    faultOnNs2(DnsFault.servfail().forType(Type.TXT));

    InspectionReport report = inspect("example.com");

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_SERVER_FAILURE)
        .hasSeverity(Severity.ERROR);
  }

  @Test
  void unreachableNameserverIsAServerFailure() {
    InspectionReport report = inspect("hosted.org");

    assertThat(report).isReady()
        .finding(FindingCode.DNS_SERVER_FAILURE)
        .messageContains("ghost.other.net [127.0.0.99] udp (UNREACHABLE)")
        .remedyContains("port 53");
  }

  @Test
  void serverAnsweringWithoutAuthorityIsALameDelegation() {
    faultOnNs2(DnsFault.notAuthoritative());

    InspectionReport report = inspect("example.com");

    assertThat(report).finding(FindingCode.DNS_LAME_DELEGATION)
        .messageContains("ns2.example.com is delegated for example.com but not authoritative")
        .remedyContains("Configure the zone example.com on ns2.example.com")
        .hasEvidenceFrom("ns2.example.com [127.0.0.12]");
  }

  @Test
  void parentAndChildNsSetsThatDifferAreReported() {
    InspectionReport report = inspect("split.com");

    assertThat(report).isReady()
        .finding(FindingCode.DNS_NS_SETS_DIFFER)
        .hasAttribute("parent", "ns1.split.com, ns2.split.com")
        .hasAttribute("child", "ns1.split.com")
        .remedyContains("only the parent lists ns2.split.com");
  }

  @Test
  void truncatedUdpAnswersAreRetriedOverTcp() {
    lab().server("ns1.example.com").addFault(DnsFault.truncate().forType(Type.TXT));

    InspectionReport report = inspect("example.com");

    assertThat(report).isReady();
    assertThat(LabInspections.observations(report, "TXT _dnsauth.example.com"))
        .filteredOn(o -> o.perspective().name().equals("ns1.example.com"))
        .singleElement()
        .satisfies(o -> {
          assertThat(o.perspective().transport()).contains("tcp");
          assertThat(o.result()).contains("retried over tcp").contains("token-2024-abcdef123456");
        });
    assertThat(lab().server("ns1.example.com").queries("_dnsauth.example.com", Type.TXT))
        .extracting(q -> q.transport()).contains("udp", "tcp");
  }

  @Test
  void nonPublicAddressesLearnedFromTheNetworkAreNotAsked() throws Exception {
    // No working resolver either: the lab's own would ask the lab servers itself.
    NetworkPolicy policy = LabInspections.policy(lab()).allowNonPublicAddresses(false)
        .recursiveResolvers(List.of(new InetSocketAddress(ip("127.0.0.98"), 53)))
        .build();

    InspectionReport report = LabInspections.inspect(policy, "example.com", DNSAUTH);

    assertThat(report).isNotReady();
    assertThat(report.observations())
        .anySatisfy(o -> assertThat(o.outcome()).isEqualTo(Observation.Outcome.SKIPPED));
    assertThat(lab().server("ns.nic.com").queryCount()).isZero();
    assertThat(lab().server("ns1.example.com").queryCount()).isZero();
  }

  @Test
  void undelegatedDomainHasNoZone() {
    InspectionReport report = inspect("unregistered.com");

    assertThat(report).isNotReady()
        .finding(FindingCode.DNS_ZONE_NOT_FOUND)
        .messageContains("unregistered.com is not delegated");
  }

  @Test
  void rootServersUnreachableButResolverWorkingFallsBackToTheRecursiveView() throws Exception {
    NetworkPolicy policy = LabInspections.policy(lab())
        .rootServers(List.of(RootServer.of("a.root-servers.lab",
            List.of(ip("127.0.0.98")))))
        .build();

    InspectionReport report = LabInspections.inspect(policy, "example.com", DNSAUTH);

    assertThat(report).isUnknown()
        .doesNotHaveFinding(FindingCode.DNS_SERVER_TIMEOUT)
        .doesNotHaveFinding(FindingCode.DNS_SERVER_FAILURE)
        .finding(FindingCode.DNS_AUTHORITATIVE_UNREACHABLE)
        .messageContains("sees the expected TXT _dnsauth.example.com record")
        .hasEvidenceFrom("resolver");
    assertThat(report.checkResults().get(0).status()).isEqualTo(CheckResult.Status.UNDECIDED);
  }

  @Test
  void fallbackToTheRecursiveViewStillReportsAMissingRecord() throws Exception {
    NetworkPolicy policy = LabInspections.policy(lab())
        .rootServers(List.of(RootServer.of("a.root-servers.lab",
            List.of(ip("127.0.0.98")))))
        .build();

    InspectionReport report = LabInspections.inspect(policy, "example.com",
        DnsTxtCheck.of("_acme-challenge", "no-such-value"));

    assertThat(report).isNotReady()
        .hasFinding(FindingCode.DNS_AUTHORITATIVE_UNREACHABLE)
        .finding(FindingCode.DNS_RECORD_MISSING)
        .hasAttribute("negativeAnswer", "NXDOMAIN")
        .hasEvidenceFrom("resolver");
  }

  @Test
  void noDnsServerReachableAtAllIsTheInspectorsOwnNetwork() throws Exception {
    InetAddress nothing = ip("127.0.0.98");
    NetworkPolicy policy = LabInspections.policy(lab())
        .rootServers(List.of(RootServer.of("a.root-servers.lab", List.of(nothing))))
        .recursiveResolvers(List.of(new InetSocketAddress(nothing, 53)))
        .build();

    InspectionReport report = LabInspections.inspect(policy, "example.com", DNSAUTH);

    assertThat(report).isUnknown()
        .doesNotHaveFinding(FindingCode.DNS_AUTHORITATIVE_UNREACHABLE)
        .finding(FindingCode.INSPECTOR_NETWORK_UNAVAILABLE)
        .remedyContains("port 53");
  }

  /** An address literal (no lookup happens). */
  private static InetAddress ip(String literal) throws java.net.UnknownHostException {
    return InetAddress.getAllByName(literal)[0];
  }
}
