package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.dvinspector.NetworkPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What a signed lab serves: DNSSEC records with the DO bit, DS at parents, and the switches. */
final class SignedDnsLabTest {
  private static DnsLab lab;
  private static Dig dig;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("www 300 A 127.0.0.50", "*.wild 300 TXT \"w\"")
            .signed())
        .zone("nsec3.test", z -> z
            .nameserver("ns1.nsec3.test", "127.0.0.13")
            .records("www 300 A 127.0.0.51")
            .signed(s -> s.nsec3(5, "abcd", false)))
        .zone("plain.test", z -> z
            .nameserver("ns1.plain.test", "127.0.0.14")
            .records("www 300 A 127.0.0.52"))
        .start();
    dig = new Dig();
  }

  @AfterAll
  static void stop() {
    dig.close();
    lab.close();
  }

  @AfterEach
  void reset() {
    lab.reset();
  }

  private static Message ask(String server, String name, int type) throws Exception {
    return dig.askDnssec(lab.server(server).address(), name, type);
  }

  @Test
  void theLabAnchorIsTheRootKskAndThePolicyCarriesIt() {
    assertThat(lab.isSigned()).isTrue();
    DSRecord rootDs = lab.dnssec(".").ds();
    assertThat(lab.trustAnchors()).singleElement().satisfies(a -> {
      assertThat(a.zone()).isEqualTo(".");
      assertThat(a.keyTag()).isEqualTo(rootDs.getFootprint());
      assertThat(a.algorithm()).isEqualTo(13);
    });
    NetworkPolicy p = lab.networkPolicy().build();
    assertThat(p.trustAnchors()).isEqualTo(lab.trustAnchors());
    assertThat(lab.dnssec("test").ksk().getAlgorithm()).isEqualTo(13);
    assertThatThrownBy(() -> lab.dnssec("plain.test")).hasMessageContaining("not a signed zone");
  }

  @Test
  void anUnsignedLabHasNoAnchorsAndItsPolicyDoesNotValidate() {
    try (DnsLab plain = DnsLab.builder()
        .zone("example.test", z -> z.nameserver("ns1.example.test", "127.0.0.11"))
        .start()) {
      assertThat(plain.trustAnchors()).isEmpty();
      assertThat(plain.isSigned()).isFalse();
      assertThat(plain.networkPolicy().build().validatesDnssec()).isFalse();
    }
  }

  @Test
  void rrsigsComeOnlyWithTheDoBit() throws Exception {
    Message plain = dig.ask(lab.server("ns1.example.test").address(), "www.example.test", Type.A);
    assertThat(Dig.types(plain, Section.ANSWER)).containsExactly(Type.A);
    Message signed = ask("ns1.example.test", "www.example.test", Type.A);
    assertThat(Dig.types(signed, Section.ANSWER)).containsExactlyInAnyOrder(Type.A, Type.RRSIG);
    assertThat(signed.getOPT()).isNotNull();
    assertThat(signed.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
    RRSIGRecord sig = (RRSIGRecord) Dig.records(signed, Section.ANSWER).stream()
        .filter(r -> r.getType() == Type.RRSIG).findFirst().orElseThrow();
    assertThat(sig.getFootprint()).isEqualTo(lab.dnssec("example.test").zsk().getFootprint());
    assertThat(sig.getExpire()).isAfter(lab.clock().instant());
    assertThat(sig.getTimeSigned()).isBefore(lab.clock().instant());
  }

  @Test
  void theApexServesItsKeysAndTheParentTheDs() throws Exception {
    Message keys = ask("ns1.example.test", "example.test", Type.DNSKEY);
    assertThat(Dig.records(keys, Section.ANSWER)).filteredOn(r -> r.getType() == Type.DNSKEY)
        .containsExactlyInAnyOrder(lab.dnssec("example.test").ksk(),
            lab.dnssec("example.test").zsk());
    Message ds = ask("ns.nic.test", "example.test", Type.DS);
    assertThat(Dig.records(ds, Section.ANSWER)).filteredOn(r -> r.getType() == Type.DS)
        .containsExactly(lab.dnssec("example.test").ds());
    Message referral = ask("ns.nic.test", "www.example.test", Type.A);
    assertThat(Dig.types(referral, Section.AUTHORITY)).contains(Type.NS, Type.DS, Type.RRSIG);
    Message plainReferral = dig.ask(lab.server("ns.nic.test").address(), "www.example.test",
        Type.A);
    assertThat(Dig.types(plainReferral, Section.AUTHORITY)).containsOnly(Type.NS);
    // An unsigned child: the parent proves there is no DS with its NSEC.
    Message noDs = ask("ns.nic.test", "www.plain.test", Type.A);
    assertThat(Dig.types(noDs, Section.AUTHORITY)).contains(Type.NS, Type.NSEC)
        .doesNotContain(Type.DS);
  }

  @Test
  void negativeAnswersCarryNsecOrNsec3() throws Exception {
    Message nx = ask("ns1.example.test", "nothing.example.test", Type.A);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(Dig.types(nx, Section.AUTHORITY)).contains(Type.SOA, Type.NSEC, Type.RRSIG);
    Message nx3 = ask("ns1.nsec3.test", "nothing.nsec3.test", Type.A);
    assertThat(Dig.types(nx3, Section.AUTHORITY)).contains(Type.SOA, Type.NSEC3, Type.RRSIG)
        .doesNotContain(Type.NSEC);
    Message param = ask("ns1.nsec3.test", "nsec3.test", Type.NSEC3PARAM);
    assertThat(Dig.answers(param)).contains("1 0 5 ABCD");
    Message wild = ask("ns1.example.test", "x.wild.example.test", Type.TXT);
    assertThat(Dig.types(wild, Section.ANSWER)).containsExactlyInAnyOrder(Type.TXT, Type.RRSIG);
    assertThat(Dig.types(wild, Section.AUTHORITY)).contains(Type.NSEC);
  }

  @Test
  void switchesChangeWhatIsServedAndResetUndoesThem() throws Exception {
    SignedZone z = lab.dnssec("example.test");
    z.expireSignatures();
    assertThat(signatureOf(ask("ns1.example.test", "www.example.test", Type.A)).getExpire())
        .isBefore(lab.clock().instant());
    z.reset();
    assertThat(signatureOf(ask("ns1.example.test", "www.example.test", Type.A)).getExpire())
        .isAfter(lab.clock().instant());
    z.stopSigning();
    assertThat(Dig.types(ask("ns1.example.test", "www.example.test", Type.A), Section.ANSWER))
        .containsExactly(Type.A);
    assertThat(ask("ns1.example.test", "example.test", Type.DNSKEY).getSection(Section.ANSWER))
        .isEmpty();
    assertThat(Dig.records(ask("ns.nic.test", "example.test", Type.DS), Section.ANSWER))
        .filteredOn(r -> r.getType() == Type.DS).containsExactly(z.ds());
    lab.reset();
    long serial = lab.zone("test").serial();
    z.wrongDsAtParent();
    assertThat(lab.zone("test").serial()).isEqualTo(serial + 1);
    assertThat(Dig.records(ask("ns.nic.test", "example.test", Type.DS), Section.ANSWER))
        .filteredOn(r -> r.getType() == Type.DS).doesNotContain(z.ds()).hasSize(1);
    lab.reset();
    assertThat(Dig.records(ask("ns.nic.test", "example.test", Type.DS), Section.ANSWER))
        .filteredOn(r -> r.getType() == Type.DS).containsExactly(z.ds());
  }

  @Test
  void oneServerCanServeStaleSignatures() throws Exception {
    lab.server("ns2.example.test").serveStaleSignatures("example.test", StaleSignatures.EXPIRED);
    Instant now = lab.clock().instant();
    assertThat(signatureOf(ask("ns2.example.test", "www.example.test", Type.A)).getExpire())
        .isBefore(now);
    assertThat(signatureOf(ask("ns1.example.test", "www.example.test", Type.A)).getExpire())
        .isAfter(now);
    lab.server("ns2.example.test").serveStaleSignatures("example.test", StaleSignatures.OLD_KEY);
    assertThat(signatureOf(ask("ns2.example.test", "www.example.test", Type.A)).getFootprint())
        .isNotEqualTo(lab.dnssec("example.test").zsk().getFootprint());
    assertThatThrownBy(() -> lab.server("ns1.plain.test")
        .serveStaleSignatures("plain.test", StaleSignatures.EXPIRED))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSignedZoneFileHoldsTheDnssecRecords() {
    String text = lab.zone("example.test").toSignedZoneFile();
    assertThat(text).contains("RRSIG").contains("NSEC").contains("DNSKEY");
    assertThat(lab.zone("example.test").toZoneFile()).doesNotContain("RRSIG");
    assertThat(lab.zone("example.test").isSigned()).isTrue();
    assertThat(lab.zone("plain.test").isSigned()).isFalse();
  }

  private static RRSIGRecord signatureOf(Message m) {
    for (Record r : m.getSection(Section.ANSWER)) {
      if (r instanceof RRSIGRecord s) {
        return s;
      }
    }
    throw new AssertionError("no RRSIG in " + m);
  }

  @Test
  void algorithmsAreSelectable() {
    try (DnsLab l = DnsLab.builder()
        .zone("ed.test", z -> z.nameserver("ns1.ed.test", "127.0.0.11")
            .signed(s -> s.algorithm(15)))
        .start()) {
      assertThat(l.dnssec("ed.test").ksk().getAlgorithm()).isEqualTo(15);
      assertThat(l.dnssec(".").ksk().getAlgorithm()).isEqualTo(13);
    }
    assertThatThrownBy(() -> DnsLab.builder().zone("x.test", z -> z
        .nameserver("ns1.x.test", "127.0.0.11").signed(s -> s.algorithm(5))))
        .hasMessageContaining("algorithm");
  }
}
