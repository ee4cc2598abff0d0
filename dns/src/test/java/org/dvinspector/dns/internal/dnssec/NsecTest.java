package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.dns.internal.dnssec.TestSigner.NOW;
import static org.dvinspector.dns.internal.dnssec.TestSigner.name;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** NSEC proofs (RFC 4035 §5.4, RFC 6840 §4) read through {@link DnssecValidator#response}. */
final class NsecTest {
  private final ExampleZone z = new ExampleZone();
  private final DnssecValidator v = new DnssecValidator(NOW);

  private Message negative(int rcode, NSECRecord... proof) {
    List<RRset> authority = new ArrayList<>();
    authority.add(z.soa());
    authority.addAll(z.signedEach(List.of(proof)));
    return TestSigner.message(rcode, List.of(), authority);
  }

  @Test
  void nxdomainNeedsTheNameAndTheWildcardCovered() {
    // b sorts between alias and c; *.example.test between the apex and a.
    DnssecResult ok = v.response(negative(Rcode.NXDOMAIN, z.nsec("alias.example.test"),
        z.nsec("example.test")), name("b.example.test"), Type.A, z.keys);
    assertThat(ok.isSecure()).as(ok.toString()).isTrue();

    DnssecResult noWildcardProof = v.response(negative(Rcode.NXDOMAIN,
        z.nsec("alias.example.test")), name("b.example.test"), Type.A, z.keys);
    assertThat(noWildcardProof.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    assertThat(noWildcardProof.detail()).contains("*.example.test");

    DnssecResult none = v.response(negative(Rcode.NXDOMAIN), name("b.example.test"), Type.A,
        z.keys);
    assertThat(none.reason()).isEqualTo(DnssecReason.DENIAL_MISSING);
  }

  @Test
  void anNsecShowingTheNameExistsDoesNotProveNxdomain() {
    DnssecResult r = v.response(negative(Rcode.NXDOMAIN, z.nsec("a.example.test"),
        z.nsec("example.test")), name("a.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void anExpiredNsecSignatureMakesTheProofBogusWithItsDates() {
    List<RRset> authority = new ArrayList<>();
    authority.add(z.soa());
    RRset expired = TestSigner.signedWindow(List.of(z.nsec("alias.example.test")),
        NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(1)), z.zsk);
    authority.add(expired);
    authority.addAll(z.signedEach(List.of(z.nsec("example.test"))));
    DnssecResult r = v.response(TestSigner.message(Rcode.NXDOMAIN, List.of(), authority),
        name("b.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(r.signatureExpiration()).contains(NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void nodataNeedsAnNsecAtTheNameWithoutTheTypeOrCname() {
    assertThat(v.response(negative(Rcode.NOERROR, z.nsec("a.example.test")),
        name("a.example.test"), Type.TXT, z.keys).isSecure()).isTrue();
    assertThat(v.response(negative(Rcode.NOERROR, z.nsec("a.example.test")),
        name("a.example.test"), Type.A, z.keys).reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    DnssecResult cname = v.response(negative(Rcode.NOERROR, z.nsec("alias.example.test")),
        name("alias.example.test"), Type.TXT, z.keys);
    assertThat(cname.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    assertThat(cname.detail()).contains("CNAME");
  }

  @Test
  void nodataAtAnEmptyNonTerminal() {
    // y.example.test only exists because x.y does: the NSEC *.w -> x.y covers it.
    DnssecResult r = v.response(negative(Rcode.NOERROR, z.nsec("*.w.example.test")),
        name("y.example.test"), Type.A, z.keys);
    assertThat(r.isSecure()).as(r.toString()).isTrue();
    assertThat(r.detail()).contains("empty non-terminal");
  }

  @Test
  void wildcardAnswerNeedsTheProofThatTheNameDoesNotExist() {
    RRset answer = z.wildcardAnswer("q.w.example.test");
    List<RRset> proof = z.signedEach(List.of(z.nsec("*.w.example.test")));
    DnssecResult ok = v.response(TestSigner.message(Rcode.NOERROR, List.of(answer), proof),
        name("q.w.example.test"), Type.TXT, z.keys);
    assertThat(ok.isSecure()).as(ok.toString()).isTrue();
    assertThat(ok.detail()).contains("expanded from *.w.example.test");

    DnssecResult noProof = v.response(TestSigner.message(Rcode.NOERROR, List.of(answer),
        List.of()), name("q.w.example.test"), Type.TXT, z.keys);
    assertThat(noProof.reason()).isEqualTo(DnssecReason.DENIAL_MISSING);
  }

  @Test
  void wildcardNodata() {
    DnssecResult r = v.response(negative(Rcode.NOERROR, z.nsec("*.w.example.test")),
        name("q.w.example.test"), Type.A, z.keys);
    assertThat(r.isSecure()).as(r.toString()).isTrue();
    assertThat(v.response(negative(Rcode.NOERROR, z.nsec("*.w.example.test")),
        name("q.w.example.test"), Type.TXT, z.keys).reason())
        .isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void anNsecAtADelegationDeniesNothingBelowIt() {
    // RFC 6840 §4.1: sub -> *.w spans x.sub.example.test, but sub is a zone cut.
    DnssecResult r = v.response(negative(Rcode.NXDOMAIN, z.nsec("sub.example.test"),
        z.nsec("example.test")), name("x.sub.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    // ... nor any type but DS at the cut itself (RFC 6840 §4.4).
    assertThat(v.response(negative(Rcode.NOERROR, z.nsec("sub.example.test")),
        name("sub.example.test"), Type.A, z.keys).reason())
        .isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void aReferralWithAnNsecWithoutDsIsAnInsecureDelegation() {
    Message referral = TestSigner.message(Rcode.NOERROR, List.of(), List.of(
        TestSigner.unsigned(List.of(TestSigner.record("sub.example.test. 300 NS ns.sub.example.test."))),
        z.signedEach(List.of(z.nsec("sub.example.test"))).get(0)));
    Delegation d = v.delegation(name("sub.example.test"), referral, z.keys);
    assertThat(d.result().reason()).as(d.toString()).isEqualTo(DnssecReason.UNSIGNED_DELEGATION);
    assertThat(d.result().zone()).isEqualTo(name("sub.example.test"));
    assertThat(v.zoneKeys(d, new RRset(), false).result().reason())
        .isEqualTo(DnssecReason.UNSIGNED_DELEGATION);
  }

  @Test
  void aReferralWithoutDsOrProofIsBogus() {
    Message referral = TestSigner.message(Rcode.NOERROR, List.of(), List.of(
        TestSigner.unsigned(List.of(TestSigner.record("sub.example.test. 300 NS ns.sub.example.test.")))));
    Delegation d = v.delegation(name("sub.example.test"), referral, z.keys);
    assertThat(d.result().reason()).isEqualTo(DnssecReason.DENIAL_MISSING);
  }

  @Test
  void anNsecListingDsCannotProveThereIsNone() {
    Message referral = TestSigner.message(Rcode.NOERROR, List.of(),
        z.signedEach(List.of(z.nsec("sec.example.test"))));
    assertThat(v.delegation(name("sec.example.test"), referral, z.keys).result().reason())
        .isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void theChildsApexNsecCannotProveTheParentHasNoDs() {
    NSECRecord childApex = new NSECRecord(name("sub.example.test"), 1, 300,
        name("a.sub.example.test"), new int[] {Type.SOA, Type.NS, Type.RRSIG, Type.NSEC});
    Message answer = TestSigner.message(Rcode.NOERROR, List.of(),
        z.signedEach(List.of(childApex)));
    DnssecResult r = v.delegation(name("sub.example.test"), answer, z.keys).result();
    assertThat(r.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    assertThat(r.detail()).contains("child zone");
  }

  @Test
  void aSignedDsInTheReferralIsASecureDelegation() {
    TestSigner.Key childKsk = TestSigner.ksk("sec.example.test", 13);
    Message referral = TestSigner.message(Rcode.NOERROR, List.of(), List.of(
        TestSigner.unsigned(List.of(TestSigner.record("sec.example.test. 300 NS ns.sec.example.test."))),
        TestSigner.signed(List.of(childKsk.ds()), z.zsk)));
    Delegation d = v.delegation(name("sec.example.test"), referral, z.keys);
    assertThat(d.isSecure()).as(d.toString()).isTrue();
    assertThat(d.ds()).containsExactly(childKsk.ds());
    // An unsigned DS in a signed parent is bogus.
    Message stripped = TestSigner.message(Rcode.NOERROR, List.of(), List.of(
        TestSigner.unsigned(List.of(childKsk.ds()))));
    assertThat(v.delegation(name("sec.example.test"), stripped, z.keys).result().reason())
        .isEqualTo(DnssecReason.SIGNATURE_MISSING);
  }
}
