package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.dns.internal.dnssec.TestSigner.EXPIRATION;
import static org.dvinspector.dns.internal.dnssec.TestSigner.INCEPTION;
import static org.dvinspector.dns.internal.dnssec.TestSigner.NOW;
import static org.dvinspector.dns.internal.dnssec.TestSigner.name;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.dvinspector.TrustAnchor;
import org.dvinspector.dns.internal.dnssec.TestSigner.Key;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.RRset;

/** Zone key validation (RFC 4035 §5.2): DS or anchor, DNSKEY RRset, its signature. */
final class KeysTest {
  private static final String ZONE = "example.test";

  @ParameterizedTest
  @ValueSource(ints = {8, 13, 14, 15})
  void everySupportedAlgorithmValidates(int algorithm) {
    Key ksk = TestSigner.ksk(ZONE, algorithm);
    Key zsk = TestSigner.zsk(ZONE, algorithm);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(ksk.ds()), TestSigner.dnskeys(ksk, zsk),
        true, NOW);
    assertThat(keys.isSecure()).as(keys.toString()).isTrue();
    assertThat(keys.keys()).containsExactlyInAnyOrder(ksk.dnskey(), zsk.dnskey());
    assertThat(keys.result().keyTags()).containsExactly(ksk.tag());
  }

  @Test
  void aDsMatchingNoKeyNamesTheKeyTags() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    Key zsk = TestSigner.zsk(ZONE, 13);
    Key other = TestSigner.key(ZONE, 13, 257, 7);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(other.ds()), TestSigner.dnskeys(ksk, zsk),
        true, NOW);
    assertThat(keys.result().reason()).isEqualTo(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY);
    assertThat(keys.result().keyTags()).containsExactly(other.tag());
    assertThat(keys.result().detail()).contains(Integer.toString(ksk.tag()))
        .contains(Integer.toString(zsk.tag()));
    assertThat(keys.keys()).isEmpty();
  }

  @Test
  void aDsWithTheRightTagButAWrongDigestMatchesNothing() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    DSRecord good = ksk.ds();
    byte[] digest = good.getDigest().clone();
    digest[0] ^= 1;
    DSRecord wrong = new DSRecord(good.getName(), DClass.IN, 3600, good.getFootprint(),
        good.getAlgorithm(), good.getDigestID(), digest);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(wrong),
        TestSigner.dnskeys(ksk, TestSigner.zsk(ZONE, 13)), true, NOW);
    assertThat(keys.result().reason()).isEqualTo(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY);
  }

  @Test
  void aSha1DsIsIgnoredWhenASha256DsIsPresent() {
    // RFC 4509 §3: the good SHA-1 DS must not rescue a wrong SHA-256 DS (no downgrade).
    Key ksk = TestSigner.ksk(ZONE, 13);
    Key other = TestSigner.key(ZONE, 13, 257, 7);
    RRset dnskeys = TestSigner.dnskeys(ksk, TestSigner.zsk(ZONE, 13));
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(ksk.ds(DNSSEC.Digest.SHA1), other.ds()),
        dnskeys, true, NOW);
    assertThat(keys.result().reason()).isEqualTo(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY);
    assertThat(Keys.fromDs(name(ZONE), List.of(ksk.ds(DNSSEC.Digest.SHA1)), dnskeys, true, NOW)
        .isSecure()).isTrue();
    assertThat(Keys.fromDs(name(ZONE), List.of(ksk.ds(DNSSEC.Digest.SHA384)), dnskeys, true, NOW)
        .isSecure()).isTrue();
  }

  @Test
  void noDnskeyInASignedZoneIsDnskeyMissingAndInAnUnsignedOneADsForAnUnsignedZone() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    ZoneKeys missing = Keys.fromDs(name(ZONE), List.of(ksk.ds()), new RRset(), true, NOW);
    assertThat(missing.result().reason()).isEqualTo(DnssecReason.DNSKEY_MISSING);
    assertThat(missing.result().keyTags()).containsExactly(ksk.tag());
    ZoneKeys unsigned = Keys.fromDs(name(ZONE), List.of(ksk.ds()), new RRset(), false, NOW);
    assertThat(unsigned.result().reason()).isEqualTo(DnssecReason.DS_FOR_UNSIGNED_ZONE);
    assertThat(unsigned.result().security()).isEqualTo(Security.BOGUS);
  }

  @Test
  void anExpiredDnskeySignatureIsReportedWithItsDates() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    Key zsk = TestSigner.zsk(ZONE, 13);
    Instant inception = NOW.minus(Duration.ofDays(30));
    Instant expiration = NOW.minus(Duration.ofDays(2));
    RRset dnskeys = TestSigner.signedWindow(List.of(ksk.dnskey(), zsk.dnskey()), inception,
        expiration, ksk);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(ksk.ds()), dnskeys, true, NOW);
    DnssecResult r = keys.result();
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(r.signatureInception()).contains(inception);
    assertThat(r.signatureExpiration()).contains(expiration);
    assertThat(r.checkedAt()).contains(NOW);
    assertThat(r.keyTags()).containsExactly(ksk.tag());
  }

  @Test
  void aSignatureNotYetValidIsReportedWithItsDates() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    Instant inception = NOW.plus(Duration.ofHours(3));
    RRset dnskeys = TestSigner.signedWindow(List.of(ksk.dnskey()), inception, EXPIRATION, ksk);
    DnssecResult r = Keys.fromDs(name(ZONE), List.of(ksk.ds()), dnskeys, true, NOW).result();
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_NOT_YET_VALID);
    assertThat(r.signatureInception()).contains(inception);
  }

  @Test
  void aSignatureThatDoesNotVerifyIsInvalid() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    Key zsk = TestSigner.zsk(ZONE, 13);
    // Signed over the KSK alone, served with the ZSK added: the data changed after signing.
    RRset signedKskOnly = TestSigner.signed(List.of(ksk.dnskey()), ksk);
    RRset served = new RRset();
    served.addRR(ksk.dnskey());
    served.addRR(zsk.dnskey());
    signedKskOnly.sigs().forEach(served::addRR);
    DnssecResult r = Keys.fromDs(name(ZONE), List.of(ksk.ds()), served, true, NOW).result();
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_INVALID);
  }

  @Test
  void aDnskeyRrsetSignedOnlyByTheZskIsNotAnchoredByTheDs() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    Key zsk = TestSigner.zsk(ZONE, 13);
    RRset byZsk = TestSigner.signed(List.of(ksk.dnskey(), zsk.dnskey()), zsk);
    DnssecResult r = Keys.fromDs(name(ZONE), List.of(ksk.ds()), byZsk, true, NOW).result();
    assertThat(r.security()).isEqualTo(Security.BOGUS);
    assertThat(r.detail()).contains("not signed by a key the DS");
  }

  @Test
  void unsupportedAlgorithmIsInsecureNotBogus() {
    Key ed448 = TestSigner.ksk(ZONE, DNSSEC.Algorithm.ED448);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(ed448.ds()),
        TestSigner.signed(List.of(ed448.dnskey()), ed448), true, NOW);
    assertThat(keys.result().reason()).isEqualTo(DnssecReason.UNSUPPORTED_ALGORITHM);
    assertThat(keys.result().security()).isEqualTo(Security.INSECURE);
  }

  @Test
  void unsupportedDigestIsInsecureNotBogus() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    DSRecord gost = new DSRecord(name(ZONE), DClass.IN, 3600, ksk.tag(), 13,
        DNSSEC.Digest.GOST3411, new byte[32]);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(gost),
        TestSigner.dnskeys(ksk, TestSigner.zsk(ZONE, 13)), true, NOW);
    assertThat(keys.result().reason()).isEqualTo(DnssecReason.UNSUPPORTED_DIGEST);
  }

  @Test
  void aMixOfSupportedAndUnsupportedDsUsesTheSupportedOne() {
    Key ksk = TestSigner.ksk(ZONE, 13);
    DSRecord gost = new DSRecord(name(ZONE), DClass.IN, 3600, 1, 12, 3, new byte[32]);
    ZoneKeys keys = Keys.fromDs(name(ZONE), List.of(gost, ksk.ds()),
        TestSigner.dnskeys(ksk, TestSigner.zsk(ZONE, 13)), true, NOW);
    assertThat(keys.isSecure()).isTrue();
  }

  @Test
  void dnskeyAndDsAnchorsBothWork() {
    Key ksk = TestSigner.ksk(".", 13);
    Key zsk = TestSigner.zsk(".", 13);
    RRset dnskeys = TestSigner.dnskeys(ksk, zsk);
    TrustAnchors byKey = TrustAnchors.of(List.of(TrustAnchor.dnskey(".", 257, 13,
        java.util.Base64.getEncoder().encodeToString(ksk.dnskey().getKey()))));
    TrustAnchors byDs = TrustAnchors.of(List.of(TrustAnchor.ds(".", ksk.tag(), 13, 2,
        java.util.HexFormat.of().formatHex(ksk.ds().getDigest()))));
    DnssecValidator v = new DnssecValidator(NOW);
    assertThat(v.anchoredKeys(byKey, name("."), dnskeys).isSecure()).isTrue();
    assertThat(v.anchoredKeys(byDs, name("."), dnskeys).isSecure()).isTrue();
    TrustAnchors wrong = TrustAnchors.of(List.of(TrustAnchor.dnskey(".", 257, 13,
        java.util.Base64.getEncoder().encodeToString(zsk.dnskey().getKey()))));
    assertThat(v.anchoredKeys(wrong, name("."), dnskeys).result().reason())
        .isEqualTo(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY);
  }

  @Test
  void anAnchorOutsideItsValidityIsNotUsed() {
    Key ksk = TestSigner.ksk(".", 13);
    TrustAnchor retired = TrustAnchor.ds(".", ksk.tag(), 13, 2,
        java.util.HexFormat.of().formatHex(ksk.ds().getDigest()))
        .withValidity(java.util.Optional.of(INCEPTION.minus(Duration.ofDays(400))),
            java.util.Optional.of(INCEPTION));
    ZoneKeys keys = new DnssecValidator(NOW).anchoredKeys(TrustAnchors.of(List.of(retired)),
        name("."), TestSigner.dnskeys(ksk, TestSigner.zsk(".", 13)));
    assertThat(keys.result().reason()).isEqualTo(DnssecReason.NO_TRUST_ANCHOR);
  }
}
