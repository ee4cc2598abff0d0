package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.Severity;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsQuery;
import org.dvinspector.testkit.TestDnsServer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The resolution core on the topologies where the first DNS view went wrong (the DNS core
 * issue's observations 1-9), each built in a lab of its own.
 */
final class ResolutionCoreTest {
  private static final String TOKEN = "token-2026-core0123456789";
  private static final DnsTxtCheck DNSAUTH = DnsTxtCheck.of("_dnsauth", TOKEN);

  private static InspectionReport inspect(DnsLab lab, String domain) {
    return LabInspections.inspect(lab, domain, DNSAUTH);
  }

  /**
   * Zones whose nameservers live in a zone of their own under another top-level domain (out of
   * bailiwick, so the referral carries no glue and their names must be looked up).
   */
  private static DnsLab.Builder hostedLab() {
    return DnsLab.builder()
        .zone("dns-host.net", z -> z
            .nameserver("ns1.dns-host.net", "127.0.0.21")
            .nameserver("ns2.dns-host.net", "127.0.0.22"))
        .zone("example.test", z -> z
            .nameserver("ns1.dns-host.net")
            .nameserver("ns2.dns-host.net")
            .records("_dnsauth TXT \"" + TOKEN + "\"", "www A 127.0.0.80"));
  }

  /** The questions an inspector sent a server (the lab resolver asks from its own address). */
  private static List<DnsQuery> inspectorQueries(TestDnsServer s) {
    return s.queries().stream()
        .filter(q -> !q.client().getAddress().getHostAddress().equals(DnsLab.RESOLVER_ADDRESS))
        .toList();
  }

  // ------------------------------------------------------------------ 1. root serves a child

  @Test
  void aRootServerThatAlsoServesTheNameserversZoneIsFollowed() {
    try (DnsLab lab = hostedLab().start()) {
      // As real root servers serve root-servers.net, the lab's root also serves dns-host.net:
      // it answers the nameservers' addresses itself, authoritatively.
      lab.rootServer().serve(lab.zone("dns-host.net"));

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isReady().doesNotHaveFinding(FindingCode.DNS_ZONE_NOT_FOUND);
      assertThat(inspectorQueries(lab.rootServer()))
          .anyMatch(q -> q.name().toString().equals("ns1.dns-host.net."));
      assertThat(inspectorQueries(lab.server("ns.nic.net"))).isEmpty();
    }
  }

  @Test
  void aRootServerThatServesTheValidationZoneItselfFindsThatZone() {
    try (DnsLab lab = hostedLab().start()) {
      lab.rootServer().serve(lab.zone("example.test"));

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isReady();
    }
  }

  // ------------------------------------------------------------------ 2. top-level zones

  @Test
  void aTopLevelZoneThatHoldsTheRecordItselfIsWhereTheCaFindsIt() {
    try (DnsLab lab = hostedLab().start()) {
      lab.zone("test").add("_dnsauth.held TXT \"" + TOKEN + "\"");

      InspectionReport report = inspect(lab, "held.test");

      assertThat(report).isReady();
    }
  }

  @Test
  void notDelegatedOnlyWhenTheParentSaysTheNameDoesNotExist() {
    try (DnsLab lab = hostedLab().start()) {
      InspectionReport report = inspect(lab, "unregistered.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNS_ZONE_NOT_FOUND)
          .hasAttribute("reason", "NOT_DELEGATED")
          .messageContains("is not delegated")
          .messageContains("is the domain registered?");
    }
  }

  @Test
  void failingTopLevelServersAreNotCalledAnUnregisteredDomain() {
    try (DnsLab lab = hostedLab().start()) {
      lab.server("ns.nic.test").addFault(DnsFault.servfail().forName("_dnsauth.example.test"));

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNS_ZONE_NOT_FOUND)
          .hasAttribute("reason", "SERVERS_FAILED")
          .messageContains("could not be found")
          .messageContains("SERVFAIL");
      assertThat(report.findings(FindingCode.DNS_ZONE_NOT_FOUND))
          .allSatisfy(f -> assertThat(f.message()).doesNotContain("registered"));
    }
  }

  // ------------------------------------------------------------------ 3. no NS questions below

  @Test
  void serversThatRefuseNsQuestionsForNamesBelowTheApexDoNotStopTheCheck() {
    try (DnsLab lab = DnsLab.builder()
        .zone("example.com", z -> z
            .nameserver("ns1.example.com", "127.0.0.11")
            .nameserver("ns2.example.com", "127.0.0.12")
            .records("_dnsauth TXT \"" + TOKEN + "\""))
        .start()) {
      for (String ns : List.of("ns1.example.com", "ns2.example.com")) {
        lab.server(ns).addFault(DnsFault.refused().forName("_dnsauth.example.com")
            .forType(Type.NS));
      }

      InspectionReport report = inspect(lab, "example.com");

      assertThat(report).isReady().hasNoErrors()
          .doesNotHaveFinding(FindingCode.DNS_SERVER_FAILURE);
      // The question itself is asked at every step; NS only at the zone's apex.
      for (TestDnsServer s : lab.authoritativeServers()) {
        assertThat(s.queries()).filteredOn(q -> q.type() == Type.NS)
            .allSatisfy(q -> assertThat(q.name().toString()).isEqualTo("example.com."));
      }
    }
  }

  // ------------------------------------------------------------------ 4. one shared resolution

  @Test
  void txtCaaAndAddressLookupsShareOneResolution() {
    try (DnsLab lab = hostedLab().start()) {
      DomainName www = DomainName.parse("www.example.test");
      ProbeModule.ProbeCheck others = new ProbeModule.ProbeCheck((services, context) -> {
        CaDnsView view = services.capability(CaDnsView.class).orElseThrow();
        HostAddressLookup hosts = services.capability(HostAddressLookup.class).orElseThrow();
        return CompletableFuture.allOf(
                view.lookup(www, RecordType.CAA, context).toCompletableFuture(),
                view.lookup(www.parent().orElseThrow(), RecordType.CAA, context)
                    .toCompletableFuture(),
                hosts.lookup(www, context).toCompletableFuture())
            .thenApply(v -> CheckResult.Status.PASSED);
      });

      InspectionReport report =
          LabInspections.inspect(lab, "www.example.test", DNSAUTH, others);

      assertThat(report.checkResults()).allSatisfy(r ->
          assertThat(r.status()).isIn(CheckResult.Status.PASSED, CheckResult.Status.FAILED));
      for (TestDnsServer s : lab.authoritativeServers()) {
        Map<String, Integer> asked = new HashMap<>();
        for (DnsQuery q : inspectorQueries(s)) {
          asked.merge(q.name().toString().toLowerCase() + " " + q.typeName(), 1, Integer::sum);
        }
        assertThat(asked).as("questions asked more than once at %s", s.name())
            .allSatisfy((question, times) -> assertThat(times).as(question).isEqualTo(1));
      }
    }
  }

  // ------------------------------------------------------------------ 5. glue and zone addresses

  @Test
  void anAddressOnlyTheZonePublishesIsAskedTooAndTheMismatchIsReported() {
    try (DnsLab lab = DnsLab.builder()
        .zone("example.com", z -> z
            .nameserver("ns1.example.com", "127.0.0.11")
            .nameserver("ns2.example.com", "127.0.0.12")
            .records("_dnsauth TXT \"" + TOKEN + "\"", "ns1 AAAA ::1"))
        .zone("v6.test", z -> z.nameserver("ns.v6.test", "::1"))
        .start()) {
      // ::1 serves example.com too, but the parent's glue for ns1.example.com has only its A.
      TestDnsServer v6 = lab.serverAt("::1");
      v6.serve(lab.zone("example.com"));

      InspectionReport report = inspect(lab, "example.com");

      assertThat(report).isReady()
          .finding(FindingCode.DNS_GLUE_MISMATCH)
          .hasSeverity(Severity.WARNING)
          .hasAttribute("nameserver", "ns1.example.com")
          .messageContains("127.0.0.11")
          .messageContains("0:0:0:0:0:0:0:1");
      assertThat(v6.queries("_dnsauth.example.com", Type.TXT)).hasSize(1);
    }
  }

  // ------------------------------------------------------------------ 6. aliases and loops

  @Test
  void aNameserverNameThatIsAnAliasIsAWarning() {
    try (DnsLab lab = DnsLab.builder()
        .zone("provider.net", z -> z.nameserver("real.provider.net", "127.0.0.13"))
        .zone("hosted.org", z -> z.nameserver("ns1.provider.net")
            .records("_dnsauth TXT \"" + TOKEN + "\""))
        .start()) {
      lab.zone("provider.net").add("ns1 CNAME real");
      lab.serverAt("127.0.0.13").serve(lab.zone("hosted.org"));

      InspectionReport report = inspect(lab, "hosted.org");

      assertThat(report).isReady()
          .finding(FindingCode.DNS_NS_IS_ALIAS)
          .hasSeverity(Severity.WARNING)
          .messageContains("ns1.provider.net")
          .messageContains("real.provider.net")
          .messageContains("RFC 2181");
    }
  }

  @Test
  void aDelegationLoopIsNamedInTheFinding() {
    try (DnsLab lab = DnsLab.builder()
        .zone("a.test", z -> z.nameserver("ns.b.test").records("_dnsauth TXT \"x\""))
        .zone("b.test", z -> z.nameserver("ns.a.test"))
        .start()) {
      InspectionReport report = inspect(lab, "a.test");

      assertThat(report).isNotReady()
          .finding(FindingCode.DNS_ZONE_NOT_FOUND)
          .messageContains("delegation loop")
          .messageContains("ns.b.test")
          .messageContains("ns.a.test");
    }
  }

  // ------------------------------------------------------------------ 8. deadline and fallback

  @Test
  void blackholedRootServersFallBackToTheRecursiveViewLongBeforeTheDeadline() throws Exception {
    try (DnsLab lab = hostedLab().start();
        TestDnsServer blackhole = TestDnsServer.start(new InetSocketAddress("127.0.0.99", 0))) {
      blackhole.addFault(DnsFault.drop());
      NetworkPolicy policy = lab.networkPolicy()
          .rootServers(List.of(RootServer.of("a.root-servers.blackhole",
              List.of(blackhole.address().getAddress()))))
          .endpointMapping(target -> target.getAddress().equals(blackhole.address().getAddress())
              ? blackhole.address() : lab.endpointMapping().map(target))
          .queryTimeout(Duration.ofMillis(400))
          .deadline(Duration.ofSeconds(20))
          .build();

      InspectionReport report = LabInspections.inspect(policy, "example.test", DNSAUTH);

      // The recursive resolver sees the record, but the authoritative servers could not be
      // asked: undecided, and said so, with time to spare.
      assertThat(report).isUnknown()
          .doesNotHaveFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)
          .finding(FindingCode.DNS_AUTHORITATIVE_UNREACHABLE)
          .messageContains("none of the root servers answered");
      assertThat(report.duration()).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void anUnresponsiveResolverNeverHoldsTheVerdict() {
    try (DnsLab lab = hostedLab().start()) {
      lab.resolverServer().addFault(DnsFault.drop());
      NetworkPolicy policy = LabInspections.policy(lab).deadline(Duration.ofSeconds(20)).build();

      InspectionReport report = LabInspections.inspect(policy, "example.test", DNSAUTH);

      assertThat(report).isReady()
          .doesNotHaveFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)
          .finding(FindingCode.DNS_RECURSIVE_NOT_COMPARED)
          .hasSeverity(Severity.INFO);
      // The resolver's two attempts of a second each would take 2 s; the grace is 250 ms.
      assertThat(report.duration()).isLessThan(Duration.ofMillis(1500));
    }
  }

  // ------------------------------------------------------------------ 9. the inspector's backlog

  @Test
  void aBackedUpExecutorDoesNotTurnAnswersIntoTimeouts() throws Exception {
    ScheduledExecutorService delayer = Executors.newScheduledThreadPool(2);
    // Every task the inspector hands to the host's executor waits 500 ms, longer than the
    // attempt timeout: answers arrive in time on the I/O thread and must count.
    Executor slow = task -> delayer.schedule(task, 500, TimeUnit.MILLISECONDS);
    try (DnsLab lab = hostedLab().start();
        DomainValidationInspector inspector = DomainValidationInspector.builder()
            .addModule(new DnsModule())
            .executor(slow)
            .networkPolicy(lab.networkPolicy().queryTimeout(Duration.ofMillis(400))
                .deadline(Duration.ofSeconds(30)).build())
            .build()) {
      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("example.test").addChecks(DNSAUTH).build());

      assertThat(report).isReady()
          .doesNotHaveFinding(FindingCode.DNS_SERVER_TIMEOUT)
          .doesNotHaveFinding(FindingCode.DNS_ZONE_NOT_FOUND);
    } finally {
      delayer.shutdownNow();
    }
  }

  @Test
  void noNetworkAtAllIsUnknownNotNotReady() {
    try (DnsLab lab = hostedLab().start()) {
      lab.rootServer().pause();
      lab.resolverServer().pause();

      InspectionReport report = inspect(lab, "example.test");

      assertThat(report).isUnknown()
          .finding(FindingCode.INSPECTOR_NETWORK_UNAVAILABLE);
      assertThat(report.findings(Severity.ERROR)).isEmpty();
    }
  }

  @Test
  void everyObservationRecordsWhatItWaitedFor() {
    try (DnsLab lab = hostedLab().start()) {
      InspectionReport report = inspect(lab, "example.test");

      List<String> chain = new ArrayList<>();
      report.dependentChain().steps().forEach(o -> chain.add(o.perspective().name() + " "
          + o.query()));
      // The zone's answer (or its own NS set, learned beside it) waited for the servers'
      // addresses, which waited for the referral from test that named the glue-less servers,
      // which waited for the root's.
      assertThat(chain.get(0)).isEqualTo("a.root-servers.lab TXT _dnsauth.example.test");
      assertThat(chain.get(1)).isEqualTo("ns.nic.test TXT _dnsauth.example.test");
      assertThat(chain).anyMatch(q -> q.contains(" A ns1.dns-host.net")
          || q.contains(" AAAA ns1.dns-host.net") || q.contains(" A ns2.dns-host.net")
          || q.contains(" AAAA ns2.dns-host.net"));
      assertThat(chain.get(chain.size() - 1)).matches(
          "ns[12]\\.dns-host\\.net (TXT _dnsauth\\.|NS )example\\.test");
    }
  }
}
