package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TrustAnchorTest {
  /** The root's KSK-2017 as published in the root zone (public data). */
  private static final String KSK_2017 = "AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3"
      + "+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8"
      + "PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6"
      + "H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn"
      + "6UwNR1AkUTV74bU=";

  @Test
  void shippedRootAnchorsAreBothRootKsksWithIanasDigests() {
    assertThat(TrustAnchor.rootAnchors()).extracting(TrustAnchor::presentation).containsExactly(
        ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
        ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16");
  }

  @Test
  void policyDefaultsToTheRootAnchorsAndCanDropThem() {
    assertThat(NetworkPolicy.defaults().trustAnchors()).isEqualTo(TrustAnchor.rootAnchors());
    assertThat(NetworkPolicy.defaults().validatesDnssec()).isTrue();
    NetworkPolicy lab = NetworkPolicy.builder().withoutDnssecValidation().build();
    assertThat(lab.trustAnchors()).isEmpty();
    assertThat(lab.validatesDnssec()).isFalse();
    TrustAnchor own = TrustAnchor.ds(".", 1234, 13, 2, "00".repeat(32));
    assertThat(NetworkPolicy.builder().trustAnchors(List.of(own)).build().trustAnchors())
        .containsExactly(own);
  }

  @Test
  void everyBuiltInProfileValidatesDnssecAndACustomOneMayNot() {
    assertThat(CaProfiles.LETS_ENCRYPT.validatesDnssec()).isTrue();
    assertThat(CaProfiles.BASELINE_REQUIREMENTS.validatesDnssec()).isTrue();
    assertThat(CaProfiles.LETS_ENCRYPT.toBuilder().validatesDnssec(false).build().validatesDnssec())
        .isFalse();
  }

  @Test
  void parsesZoneFileLinesWithTtlClassCommentsAndParentheses() {
    List<TrustAnchor> anchors = TrustAnchor.parse("""
        ; lab anchors
        $TTL 3600
        lab. 86400 IN DS 4711 13 2 (
            0123456789ABCDEF0123456789abcdef
            0123456789ABCDEF0123456789ABCDEF ) ; the KSK
        Lab. IN 3600 DS 4712 ECDSAP256SHA256 1 0123456789abcdef0123456789abcdef01234567
        """);
    assertThat(anchors).extracting(TrustAnchor::presentation).containsExactly(
        "lab. IN DS 4711 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
        "lab. IN DS 4712 13 1 0123456789ABCDEF0123456789ABCDEF01234567");
  }

  @Test
  void aDnskeyAnchorGetsItsKeyTagComputed() {
    // unbound's root.key form: the DNSKEY with autotrust comments.
    List<TrustAnchor> anchors = TrustAnchor.parse(
        ". 172800 IN DNSKEY 257 3 8 " + KSK_2017 + " ;{id = 20326 (ksk), size = 2048b}\n");
    assertThat(anchors).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(TrustAnchor.Kind.DNSKEY);
      assertThat(a.keyTag()).isEqualTo(20326);
      assertThat(a.algorithm()).isEqualTo(8);
      assertThat(a.flags()).hasValue(257);
      assertThat(a.publicKeyBytes()).hasSize(260);
    });
  }

  @Test
  void parsesIanasXmlWithValidityDates() {
    List<TrustAnchor> anchors = TrustAnchor.parse("""
        <?xml version="1.0" encoding="UTF-8"?>
        <TrustAnchor id="test" source="http://data.iana.org/root-anchors/root-anchors.xml">
        <Zone>.</Zone>
        <KeyDigest id="Kjqmt7v" validFrom="2010-07-15T00:00:00+00:00" validUntil="2019-01-11T00:00:00+00:00">
        <KeyTag>19036</KeyTag>
        <Algorithm>8</Algorithm>
        <DigestType>2</DigestType>
        <Digest>49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5</Digest>
        </KeyDigest>
        <KeyDigest id="Kmyv6jo" validFrom="2024-07-18T00:00:00+00:00">
        <KeyTag>38696</KeyTag>
        <Algorithm>8</Algorithm>
        <DigestType>2</DigestType>
        <Digest>
        683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16
        </Digest>
        <PublicKey>AwEAAa96</PublicKey>
        <Flags>257</Flags>
        </KeyDigest>
        </TrustAnchor>
        """);
    assertThat(anchors).hasSize(2);
    Instant now = Instant.parse("2026-11-30T00:00:00Z");
    assertThat(anchors.get(0).keyTag()).isEqualTo(19036);
    assertThat(anchors.get(0).isValidAt(now)).isFalse();
    assertThat(anchors.get(0).isValidAt(Instant.parse("2015-01-01T00:00:00Z"))).isTrue();
    assertThat(anchors.get(1).presentation()).isEqualTo(TrustAnchor.rootAnchors().get(1).presentation());
    assertThat(anchors.get(1).isValidAt(now)).isTrue();
    assertThat(anchors.get(1).isValidAt(Instant.parse("2024-07-17T00:00:00Z"))).isFalse();
  }

  @Test
  void refusesXmlWithADoctype() {
    assertThatThrownBy(() -> TrustAnchor.parse("""
        <?xml version="1.0"?>
        <!DOCTYPE TrustAnchor [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <TrustAnchor><Zone>.</Zone></TrustAnchor>
        """)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a root-anchors.xml document");
  }

  @Test
  void badLinesAreNamed() {
    assertThatThrownBy(() -> TrustAnchor.parse(". IN DS 20326 8 2 NOTHEX\n"))
        .hasMessageContaining("line 1").hasMessageContaining("hexadecimal");
    assertThatThrownBy(() -> TrustAnchor.parse("\n\nlab IN DS 1 8 2 " + "00".repeat(32)))
        .hasMessageContaining("line 3").hasMessageContaining("relative");
    assertThatThrownBy(() -> TrustAnchor.parse(". IN NS a.root-servers.net.\n"))
        .hasMessageContaining("only DS and DNSKEY");
    assertThatThrownBy(() -> TrustAnchor.parse(". IN DS 20326 8 2 E06D44B8\n"))
        .hasMessageContaining("32 octets");
    assertThatThrownBy(() -> TrustAnchor.parse(". IN DNSKEY 256 2 8 AwEAAQ==\n"))
        .hasMessageContaining("protocol must be 3");
    assertThatThrownBy(() -> TrustAnchor.parse(". IN DNSKEY 1 3 8 AwEAAQ==\n"))
        .hasMessageContaining("zone key");
    assertThatThrownBy(() -> TrustAnchor.parse("; nothing here\n"))
        .hasMessageContaining("No DS or DNSKEY trust anchor");
    assertThatThrownBy(() -> TrustAnchor.parse(". IN DS ( 1 8 2\n"))
        .hasMessageContaining("never closed");
  }
}
