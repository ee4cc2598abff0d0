package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A lab with every shape of delegation it supports, asked directly with dnsjava. */
final class DnsLabTest {
  private static DnsLab lab;
  private static Dig dig;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("_dnsauth 300 IN TXT \"token\"", "www 300 IN A 127.0.0.50",
                "alias 300 IN CNAME www", "out 300 IN CNAME target.other.test.",
                "*.wild 300 IN TXT \"wildcard\"", "deep.ent 300 IN A 127.0.0.51",
                "loop1 CNAME loop2", "loop2 CNAME loop1"))
        .zone("other.test", z -> z
            .nameserver("ns1.other.test", "127.0.0.13")
            .records("target 60 IN TXT \"other\""))
        .zone("sub.example.test", z -> z
            .nameserver("ns1.sub.example.test", "127.0.0.14")
            .records("_dnsauth TXT \"sub\""))
        .zone("hosted.com", z -> z
            .nameserver("ns1.other.test")
            .records("@ A 127.0.0.60"))
        .zone("multi.test", z -> z
            .nameserver("ns1.multi.test", "127.0.0.61", "::1")
            .records("www A 127.0.0.50"))
        .zone("diff.test", z -> z
            .lameNameserver("ns0.diff.test", "127.0.0.62")
            .nameserver("ns1.diff.test", "127.0.0.63")
            .parentOnlyNameserver("ns2.diff.test", "127.0.0.64")
            .childOnlyNameserver("ns3.diff.test", "127.0.0.65")
            .records("_dnsauth TXT \"token\""))
        .zone("file.test", z -> z
            .nameserver("ns1.file.test", "127.0.0.66")
            .zoneFile("""
                $TTL 900
                @ IN SOA ns1 admin 2026010101 7200 900 604800 120
                txt IN TXT "from a file" ; comment
                sub IN DS 12345 13 2 (
                    3490A6806D47F17A34C29E2CE80E8A999FFBE4BE0D2C6EF2C2F80B5E3E8C6E30 )
                """))
        .zone("sub.file.test", z -> z
            .nameserver("ns1.sub.file.test", "127.0.0.67"))
        .start();
    dig = new Dig();
  }

  @AfterAll
  static void stop() {
    dig.close();
    lab.close();
  }

  private static InetSocketAddress at(String address) throws Exception {
    return new InetSocketAddress(InetAddress.getByName(address), lab.port());
  }

  @Test
  void rootRefersToTheTldWithGlue() throws Exception {
    Message m = dig.ask(at(DnsLab.ROOT_ADDRESS), "_dnsauth.example.test", Type.TXT);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(Dig.section(m, Section.AUTHORITY)).singleElement().asString()
        .contains("test.").contains("NS").contains("ns.nic.test.");
    assertThat(Dig.section(m, Section.ADDITIONAL)).anySatisfy(
        s -> assertThat(s).contains("ns.nic.test.").contains("127.0.0."));
  }

  @Test
  void iterativeWalkFromRootReachesTheAnswer() throws Exception {
    Message root = dig.ask(at(DnsLab.ROOT_ADDRESS), "_dnsauth.example.test", Type.TXT);
    String tldAddress = Dig.records(root, Section.ADDITIONAL).get(0).rdataToString();
    Message tld = dig.ask(at(tldAddress), "_dnsauth.example.test", Type.TXT);
    assertThat(tld.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(Dig.section(tld, Section.AUTHORITY))
        .containsExactlyInAnyOrder(
            "example.test.\t\t3600\tIN\tNS\tns1.example.test.",
            "example.test.\t\t3600\tIN\tNS\tns2.example.test.");
    assertThat(Dig.records(tld, Section.ADDITIONAL)).extracting(r -> r.rdataToString())
        .containsExactlyInAnyOrder("127.0.0.11", "127.0.0.12");
    Message answer = dig.ask(at("127.0.0.12"), "_dnsauth.example.test", Type.TXT);
    assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(Dig.answers(answer)).containsExactly("\"token\"");
  }

  @Test
  void parentZoneRefersToSubDelegation() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "_dnsauth.sub.example.test", Type.TXT);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(Dig.section(m, Section.AUTHORITY)).singleElement().asString()
        .contains("ns1.sub.example.test.");
    assertThat(Dig.answers(dig.ask(at("127.0.0.14"), "_dnsauth.sub.example.test", Type.TXT)))
        .containsExactly("\"sub\"");
  }

  @Test
  void nxdomainCarriesSoaWithNegativeTtl() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "missing.example.test", Type.TXT);
    assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.AUTHORITY)).singleElement()
        .satisfies(r -> {
          assertThat(r.getType()).isEqualTo(Type.SOA);
          assertThat(r.getTTL()).isEqualTo(300);
        });
  }

  @Test
  void nodataIsNoErrorWithSoa() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "www.example.test", Type.TXT);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
    assertThat(m.getSection(Section.AUTHORITY)).singleElement()
        .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
  }

  @Test
  void emptyNonTerminalIsNodata() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "ent.example.test", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void wildcardAnswersWithTheQueryName() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "anything.wild.example.test", Type.TXT);
    assertThat(Dig.section(m, Section.ANSWER)).singleElement().asString()
        .startsWith("anything.wild.example.test.").contains("\"wildcard\"");
  }

  @Test
  void wildcardWithoutTheTypeIsNodata() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "anything.wild.example.test", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void cnameLoopEndsWithTheChainSoFar() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "loop1.example.test", Type.A);
    assertThat(m.getSection(Section.ANSWER)).extracting(r -> r.getType())
        .containsExactly(Type.CNAME, Type.CNAME);
  }

  @Test
  void cnameInsideTheZoneIsFollowed() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "alias.example.test", Type.A);
    assertThat(m.getSection(Section.ANSWER)).extracting(r -> r.getType())
        .containsExactly(Type.CNAME, Type.A);
  }

  @Test
  void cnameOutOfTheZoneIsGivenAlone() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "out.example.test", Type.TXT);
    assertThat(m.getSection(Section.ANSWER)).extracting(r -> r.getType())
        .containsExactly(Type.CNAME);
  }

  @Test
  void zoneNotServedIsRefused() throws Exception {
    Message m = dig.ask(at("127.0.0.11"), "www.other.test", Type.A);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void outOfZoneNameserverIsResolvableThroughItsOwnZone() throws Exception {
    Message tld = dig.ask(lab.server("ns.nic.com").address(), "hosted.com", Type.A);
    assertThat(Dig.section(tld, Section.AUTHORITY)).singleElement().asString()
        .contains("ns1.other.test.");
    assertThat(Dig.records(tld, Section.ADDITIONAL)).isEmpty();
    assertThat(Dig.answers(dig.ask(at("127.0.0.13"), "ns1.other.test", Type.A)))
        .containsExactly("127.0.0.13");
    assertThat(Dig.answers(dig.ask(at("127.0.0.13"), "hosted.com", Type.A)))
        .containsExactly("127.0.0.60");
  }

  @Test
  void tcpAnswersToo() throws Exception {
    Message m = dig.ask(at("127.0.0.12"), "_dnsauth.example.test", Type.TXT, true, false);
    assertThat(Dig.answers(m)).containsExactly("\"token\"");
  }

  @Test
  void queryLogRecordsNameTypeAndTransport() throws Exception {
    TestDnsServer s = lab.server("ns1.other.test");
    s.clearQueries();
    dig.ask(s.address(), "target.other.test", Type.TXT, true, false);
    assertThat(s.queries()).singleElement().satisfies(q -> {
      assertThat(q.isFor("target.other.test", Type.TXT)).isTrue();
      assertThat(q.transport()).isEqualTo("tcp");
    });
  }

  @Test
  void recursiveResolverResolvesThroughTheDelegation() throws Exception {
    Message m = dig.recurse(lab.recursiveResolver(), "_dnsauth.sub.example.test", Type.TXT);
    assertThat(m.getHeader().getFlag(Flags.RA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(Dig.answers(m)).containsExactly("\"sub\"");
  }

  @Test
  void recursiveResolverResolvesOutOfZoneNameserversAndCnames() throws Exception {
    assertThat(Dig.answers(dig.recurse(lab.recursiveResolver(), "hosted.com", Type.A)))
        .containsExactly("127.0.0.60");
    Message m = dig.recurse(lab.recursiveResolver(), "out.example.test", Type.TXT);
    assertThat(m.getSection(Section.ANSWER)).extracting(r -> r.getType())
        .containsExactly(Type.CNAME, Type.TXT);
  }

  @Test
  void networkPolicyPointsAtTheLab() {
    NetworkPolicy p = lab.networkPolicy().build();
    assertThat(p.rootServers()).isEqualTo(lab.rootServers());
    assertThat(p.recursiveResolvers()).containsExactly(lab.recursiveResolver());
    assertThat(p.allowNonPublicAddresses()).isTrue();
    assertThat(p.queryTimeout()).isEqualTo(Duration.ofMillis(400));
    assertThat(p.route(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53)).getPort())
        .isEqualTo(lab.port());
  }

  @Test
  void reservedAddressesAreRejected() {
    assertThatThrownBy(() -> DnsLab.builder()
        .zone("x.test", z -> z.nameserver("ns.x.test", "127.0.0.2")).start())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
  }

  @Test
  void nonLoopbackAddressesAreRejected() {
    assertThatThrownBy(() -> DnsLab.builder()
        .zone("x.test", z -> z.nameserver("ns.x.test", "192.0.2.1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
  }


  private static Message askTld(String name, int type) throws Exception {
    return dig.ask(lab.server("ns.nic.test").address(), name, type);
  }

  @Test
  void nameserverWithTwoAddressesGetsGlueForBothAndServesOnBoth() throws Exception {
    Message referral = askTld("www.multi.test", Type.A);
    assertThat(Dig.records(referral, Section.ADDITIONAL)).extracting(Record::rdataToString)
        .containsExactlyInAnyOrder("127.0.0.61", "0:0:0:0:0:0:0:1");
    assertThat(lab.servers("ns1.multi.test")).hasSize(2);
    assertThatThrownBy(() -> lab.server("ns1.multi.test"))
        .isInstanceOf(IllegalArgumentException.class);
    TestDnsServer v6 = lab.serverAt("::1");
    assertThat(Dig.answers(dig.ask(v6.address(), "www.multi.test", Type.A)))
        .containsExactly("127.0.0.50");
  }

  @Test
  void parentAndChildNsSetsDiffer() throws Exception {
    assertThat(Dig.records(askTld("diff.test", Type.NS), Section.AUTHORITY))
        .extracting(r -> r.rdataToString())
        .containsExactlyInAnyOrder("ns0.diff.test.", "ns1.diff.test.", "ns2.diff.test.");
    Message child = dig.ask(lab.server("ns1.diff.test").address(), "diff.test", Type.NS);
    assertThat(Dig.records(child, Section.ANSWER)).extracting(r -> r.rdataToString())
        .containsExactlyInAnyOrder("ns0.diff.test.", "ns1.diff.test.", "ns3.diff.test.");
  }

  @Test
  void parentOnlyAndChildOnlyNameserversServeTheZone() throws Exception {
    for (String ns : new String[] {"ns2.diff.test", "ns3.diff.test"}) {
      Message m = dig.ask(lab.server(ns).address(), "_dnsauth.diff.test", Type.TXT);
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(Dig.answers(m)).containsExactly("\"token\"");
    }
  }

  @Test
  void lameNameserverRefuses() throws Exception {
    Message m = dig.ask(lab.server("ns0.diff.test").address(), "_dnsauth.diff.test", Type.TXT);
    assertThat(m.getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void resolverGetsPastTheLameNameserver() throws Exception {
    lab.flushCache();
    assertThat(Dig.answers(dig.recurse(lab.recursiveResolver(), "_dnsauth.diff.test", Type.TXT)))
        .containsExactly("\"token\"");
  }

  @Test
  void zoneFileTextSetsTtlsAndReplacesTheSoa() throws Exception {
    TestDnsServer ns = lab.server("ns1.file.test");
    Message m = dig.ask(ns.address(), "txt.file.test", Type.TXT);
    assertThat(Dig.records(m, Section.ANSWER)).singleElement()
        .satisfies(r -> assertThat(r.getTTL()).isEqualTo(900));
    assertThat(lab.zone("file.test").serial()).isEqualTo(2026010101L);
    Message nx = dig.ask(ns.address(), "nope.file.test", Type.TXT);
    assertThat(nx.getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(120);
  }

  @Test
  void dsIsAnsweredByTheParentSide() throws Exception {
    Message m = dig.ask(lab.server("ns1.file.test").address(), "sub.file.test", Type.DS);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(Dig.records(m, Section.ANSWER)).extracting(Record::getType).containsExactly(Type.DS);
  }

  @Test
  void extraRoutesCombineWithTheDnsPortMapping() throws Exception {
    InetSocketAddress web = new InetSocketAddress(InetAddress.getByName("127.0.0.50"), 80);
    InetSocketAddress mock = new InetSocketAddress(InetAddress.getLoopbackAddress(), 41_234);
    EndpointMapping extra = EndpointMapping.builder()
        .route(web.getAddress(), 80, mock).build();
    NetworkPolicy p = lab.networkPolicy(extra).build();
    assertThat(p.route(web)).isEqualTo(mock);
    InetSocketAddress dns = new InetSocketAddress(InetAddress.getByName("127.0.0.61"), 53);
    assertThat(p.route(dns).getPort()).isEqualTo(lab.port());
  }

  @Test
  void resetPutsBackTheDeclaredState() throws Exception {
    TestZone zone = lab.zone("multi.test");
    long serial = zone.serial();
    zone.replace("www", "A", "www A 127.0.0.99");
    lab.serverAt("127.0.0.61").addFault(DnsFault.servfail());
    lab.reset();
    assertThat(lab.serverAt("127.0.0.61").faults()).isEmpty();
    assertThat(zone.records("www", Type.A)).extracting(Record::rdataToString)
        .containsExactly("127.0.0.50");
    assertThat(zone.serial()).isGreaterThan(serial);
  }

  @Test
  void nameserverAddressMustBeALiteral() {
    assertThatThrownBy(() -> DnsLab.builder().zone("x.test", z -> z.nameserver("ns.x.test", "localhost")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("literal");
  }

  @Test
  void zoneWithoutNameserversIsRejected() {
    assertThatThrownBy(() -> DnsLab.builder().zone("x.test", z -> z.records("a A 127.0.0.1")).start())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nameserver");
  }

  @Test
  void badRecordLineIsRejectedWhereItIsDeclared() {
    assertThatThrownBy(() -> DnsLab.builder().zone("x.test", z -> z.records("a IN A not-an-ip")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a IN A not-an-ip");
  }
}
