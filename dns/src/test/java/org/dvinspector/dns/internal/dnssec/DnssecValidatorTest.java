package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.dns.internal.dnssec.TestSigner.NOW;
import static org.dvinspector.dns.internal.dnssec.TestSigner.name;

import java.time.Duration;
import java.util.List;
import org.dvinspector.TrustAnchor;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Whole responses: answers, alias chains, unsigned data, referrals, errors, insecure zones. */
final class DnssecValidatorTest {
  private final ExampleZone z = new ExampleZone();
  private final DnssecValidator v = new DnssecValidator(NOW);

  @Test
  void aSignedAnswerIsSecure() {
    Message m = TestSigner.message(Rcode.NOERROR,
        List.of(z.signed("a.example.test. 300 A 192.0.2.1")), List.of());
    DnssecResult r = v.response(m, name("a.example.test"), Type.A, z.keys);
    assertThat(r.isSecure()).as(r.toString()).isTrue();
    assertThat(r.withServer("ns1.example.test/192.0.2.53").server())
        .contains("ns1.example.test/192.0.2.53");
  }

  @Test
  void anUnsignedAnswerInASignedZoneIsBogus() {
    Message m = TestSigner.message(Rcode.NOERROR, List.of(TestSigner.unsigned(
        List.of(TestSigner.record("a.example.test. 300 A 192.0.2.1")))), List.of());
    DnssecResult r = v.response(m, name("a.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_MISSING);
    assertThat(r.name()).contains(name("a.example.test"));
    assertThat(r.type()).hasValue(Type.A);
  }

  @Test
  void anExpiredAnswerCarriesItsDates() {
    Message m = TestSigner.message(Rcode.NOERROR, List.of(z.signedWindow(
        NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofHours(1)),
        "a.example.test. 300 A 192.0.2.1")), List.of());
    DnssecResult r = v.response(m, name("a.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(r.signatureExpiration()).contains(NOW.minus(Duration.ofHours(1)));
    assertThat(r.keyTags()).containsExactly(z.zsk.tag());
  }

  @Test
  void dataSignedByAKeyTheZoneDoesNotPublishIsBogus() {
    TestSigner.Key old = TestSigner.key("example.test", 13, 256, 9);
    RRset a = TestSigner.signed(List.of(TestSigner.record("a.example.test. 300 A 192.0.2.1")),
        old);
    DnssecResult r = v.response(TestSigner.message(Rcode.NOERROR, List.of(a), List.of()),
        name("a.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNING_KEY_MISSING);
    assertThat(r.keyTags()).containsExactly(old.tag());
  }

  @Test
  void oneGoodSignatureAmongStaleOnesSuffices() {
    TestSigner.Key old = TestSigner.key("example.test", 13, 256, 9);
    RRset a = TestSigner.signed(List.of(TestSigner.record("a.example.test. 300 A 192.0.2.1")),
        old, z.zsk);
    assertThat(v.response(TestSigner.message(Rcode.NOERROR, List.of(a), List.of()),
        name("a.example.test"), Type.A, z.keys).isSecure()).isTrue();
  }

  @Test
  void aCnameChainIsValidatedLinkByLink() {
    RRset alias = z.signed("alias.example.test. 300 CNAME a.example.test.");
    RRset a = z.signed("a.example.test. 300 A 192.0.2.1");
    assertThat(v.response(TestSigner.message(Rcode.NOERROR, List.of(alias, a), List.of()),
        name("alias.example.test"), Type.A, z.keys).isSecure()).isTrue();
    RRset unsignedA = TestSigner.unsigned(List.of(TestSigner.record("a.example.test. 300 A 192.0.2.1")));
    DnssecResult r = v.response(TestSigner.message(Rcode.NOERROR, List.of(alias, unsignedA),
        List.of()), name("alias.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_MISSING);
    assertThat(r.name()).contains(name("a.example.test"));
  }

  @Test
  void aCnameLeavingTheZoneIsSecureUpToTheAlias() {
    RRset out = z.signed("c.example.test. 300 CNAME target.other.test.");
    DnssecResult r = v.response(TestSigner.message(Rcode.NOERROR, List.of(out), List.of()),
        name("c.example.test"), Type.TXT, z.keys);
    assertThat(r.isSecure()).isTrue();
    assertThat(r.detail()).contains("target.other.test");
  }

  @Test
  void aCnameToANameThatDoesNotExistNeedsTheProofForTheTarget() {
    RRset alias = z.signed("alias.example.test. 300 CNAME b.example.test.");
    Message m = TestSigner.message(Rcode.NXDOMAIN, List.of(alias),
        z.signedEach(List.of(z.nsec("alias.example.test"), z.nsec("example.test"))));
    // The NSEC at alias lists CNAME: it still covers b (alias < b < c).
    assertThat(v.response(m, name("alias.example.test"), Type.A, z.keys).isSecure()).isTrue();
  }

  @Test
  void aReferralAndAServerErrorAreIndeterminate() {
    Message referral = TestSigner.message(Rcode.NOERROR, List.of(), List.of(TestSigner.unsigned(
        List.of(TestSigner.record("sub.example.test. 300 NS ns.sub.example.test.")))));
    assertThat(v.response(referral, name("www.sub.example.test"), Type.A, z.keys).security())
        .isEqualTo(Security.INDETERMINATE);
    Message servfail = TestSigner.message(Rcode.SERVFAIL, List.of(), List.of());
    DnssecResult r = v.response(servfail, name("a.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.INCOMPLETE);
    assertThat(r.detail()).contains("SERVFAIL");
  }

  @Test
  void belowAnInsecureZoneEverythingIsInsecureAndBelowABogusOneBogus() {
    ZoneKeys insecure = ZoneKeys.insecure(name("example.test"), DnssecReason.UNSIGNED_DELEGATION,
        "no DS");
    Message m = TestSigner.message(Rcode.NOERROR, List.of(TestSigner.unsigned(
        List.of(TestSigner.record("a.example.test. 300 A 192.0.2.1")))), List.of());
    DnssecResult r = v.response(m, name("a.example.test"), Type.A, insecure);
    assertThat(r.reason()).isEqualTo(DnssecReason.UNSIGNED_DELEGATION);
    assertThat(r.name()).contains(name("a.example.test"));
    Delegation below = v.delegation(name("sub.example.test"), m, insecure);
    assertThat(below.result().security()).isEqualTo(Security.INSECURE);
    ZoneKeys bogus = Keys.fromDs(name("example.test"), List.of(z.ksk.ds()), new RRset(), true,
        NOW);
    assertThat(v.response(m, name("a.example.test"), Type.A, bogus).reason())
        .isEqualTo(DnssecReason.DNSKEY_MISSING);
  }

  @Test
  void dnskeyResponsesTellAnUnsignedZoneFromOneThatLostItsKeys() {
    TestSigner.Key childKsk = TestSigner.ksk("sec.example.test", 13);
    Delegation d = v.delegation(name("sec.example.test"), TestSigner.message(Rcode.NOERROR,
        List.of(TestSigner.signed(List.of(childKsk.ds()), z.zsk)), List.of()), z.keys);
    Message unsignedNodata = TestSigner.message(Rcode.NOERROR, List.of(), List.of(
        TestSigner.unsigned(List.of(TestSigner.record(
            "sec.example.test. 300 SOA ns.sec.example.test. h.sec.example.test. 1 3600 600 86400 300")))));
    assertThat(v.zoneKeys(d, unsignedNodata).result().reason())
        .isEqualTo(DnssecReason.DS_FOR_UNSIGNED_ZONE);
    TestSigner.Key childZsk = TestSigner.zsk("sec.example.test", 13);
    Message signedNodata = TestSigner.message(Rcode.NOERROR, List.of(), List.of(
        TestSigner.signed(List.of(TestSigner.record(
            "sec.example.test. 300 SOA ns.sec.example.test. h.sec.example.test. 1 3600 600 86400 300")),
            childZsk)));
    assertThat(v.zoneKeys(d, signedNodata).result().reason())
        .isEqualTo(DnssecReason.DNSKEY_MISSING);
    Message good = TestSigner.message(Rcode.NOERROR,
        List.of(TestSigner.dnskeys(childKsk, childZsk)), List.of());
    assertThat(v.zoneKeys(d, good).isSecure()).isTrue();
    assertThat(v.zoneKeys(d, TestSigner.message(Rcode.REFUSED, List.of(), List.of()))
        .result().security()).isEqualTo(Security.INDETERMINATE);
  }

  @Test
  void trustAnchorsFindTheClosestAnchoredZone() {
    TrustAnchors anchors = TrustAnchors.of(List.of(
        TrustAnchor.ds(".", 1, 8, 2, "00".repeat(32)),
        TrustAnchor.ds("lab.", 2, 13, 2, "11".repeat(32))));
    assertThat(anchors.closestAnchor(name("www.example.lab"))).contains(name("lab"));
    assertThat(anchors.closestAnchor(name("www.example.com"))).contains(Name.root);
    assertThat(anchors.closestAnchor(Name.root)).contains(Name.root);
    assertThat(TrustAnchors.of(List.of()).isEmpty()).isTrue();
    assertThat(TrustAnchors.of(List.of()).closestAnchor(name("example.com"))).isEmpty();
    assertThat(anchors.ds(name("lab"), NOW)).singleElement()
        .satisfies(ds -> assertThat(ds.getFootprint()).isEqualTo(2));
    assertThat(DnssecValidator.withoutAnchor(name("lab")).result().reason())
        .isEqualTo(DnssecReason.NO_TRUST_ANCHOR);
  }
}
