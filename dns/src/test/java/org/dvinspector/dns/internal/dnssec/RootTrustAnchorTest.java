package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dvinspector.TrustAnchor;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A real-world known answer: the root zone's DNSKEY RRset and the {@code de.} delegation as the
 * root and {@code a.nic.de} served them on 2026-05-06 (public DNS data, captured 01:29:55 UTC from
 * g.root-servers.net, d.root-servers.net and a.nic.de with the DO bit), validated from the
 * trust anchors this project ships. It checks the shipped digests against the real keys and
 * the whole chain root → de with real RSA/SHA-256 signatures.
 */
final class RootTrustAnchorTest {
  /** When the records were captured: inside every signature's validity. */
  private static final Instant CAPTURED = Instant.parse("2026-05-06T01:29:55Z");

  private static final String ROOT_DNSKEY = """
      .	172800	IN	DNSKEY	( 257 3 8
      	AwEAAa96jeuknZlaeSrvyAJj6ZHv28hhOKkx3rLGXVaC6rXTsDc449/cidltpkyGwCJNnOAlFNKF
      	2jBosZBU5eeHspaQWOmOElZsjICMQMC3aeHbGiShvZsx4wMYSjH8e7Vrhbu6irwCzVBApESjbUdp
      	WWmEnhathWu1jo+siFUiRAAxm9qyJNg/wOZqqzL/dL/q8PkcRU5oUKEpUge71M3ej2/7CPqpdVwu
      	MoTvoB+ZOT4YeGyxMvHmbrxlFzGOHOijtzN+u1TQNatX2XBuzZNQ1K+s2CXkPIZo7s6JgZyvaBev
      	YtxPvYLw4z9mR7K2vaF18UYH9Z9GNUUeayffKC73PYc= ) ; keytag 38696
      .	172800	IN	DNSKEY	( 257 3 8
      	AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlE
      	xOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgC
      	mr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+
      	SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnX
      	GXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU= ) ; keytag 20326
      .	172800	IN	DNSKEY	( 256 3 8
      	AwEAAb5dDYffpgAJ8VUGLwQtWXPlQWsjIFJtCM00/XaKU+8ln+ofah3q2KxEIjvzQg+nqdxRj+8e
      	mtPne1mtYcbFWP4Q9E+DniOJLK09R05FuzvGbrG7DDdRDUX/cedFdV7O8pFEAYpJqYNR9BCTIAV9
      	73DO2biauKSA31b7I2lK/woxoR1tf5cqJ4SMbJUviuHicAEoUi2ATswloZNWd5T5thmEFZnxFx7D
      	5UgKCY7oflS7+GU7dNJwEtmFnWYVETHN0kHXVz6aguouaAZp706YXNIoR/iTgQhmsR7XX+wL0Z8Q
      	M2LxQIyU6vRZ06IyuJMGRMiwkSuGElbumyBt12JZbrU= ) ; keytag 54393
      .	172800	IN	RRSIG	( DNSKEY 8 0 172800
      	20260522000000 20260501000000 20326 .
      	XC4YzJpuixXq5eF9t9OXXvrNtB0+0gs/MO3lX+JodZefuAr2U4nez+6R/I9QRfgJqwfCotzoE8AL
      	UikNxpFUw+hfd4bEMId+6iYfj+7gWVQRM2msZAidCdbp4NddeHYDrlsyOel4QBlnUJPyJFekQygB
      	b3ZfyfLl0HEUD9Bb1R4C1uK7tAprVAP8XXA0n8PMhGEmr1SXgodiHpkZ9X4S31ahRh3tSpTn1eGz
      	04kydmswhw8RDzCdd18BXBZGDSpzFBSSUr1ttRkQmjTZbBFkNrG092D4yDu7h2xVrePmMcjZMhpL
      	UI75Ks2vXO6dX08oey9sbDAezOwZtvSLld936w== )
      """;

  private static final String DE_DS = """
      de.	86400	IN	DS	( 26755 8 2
      	f341357809a5954311ccb82ade114c6c1d724a75c0395137aa3978035425e78d )
      de.	86400	IN	RRSIG	( DS 8 1 86400
      	20260518220000 20260505210000 54393 .
      	l9rLveoLYfo1dEQA3BZL7tVwfDNzYJdefCr1D/nvla3I7CqKczop5WygwqXn3pX+mKCBbvPUi48R
      	0wXTiErP6jgi+vJhNKySQyGd3f3BhqXa6MQVLgFu56VBcN7Dlv9oMsonETCUmAJFqGHk4XYeJeQe
      	dWi+F4r7TNUp0xiBkgM4ojLQYl8yNFhOjRk4NW7hNamyd4yD7asFYP9P76iKV2FYgO5YNoqglfv5
      	KiFrZ8DkUmbpS/fkomZgud1UDGyJcZIX5M4PPfamO+1RAuV0cjb4MR0FBPcmyMp997/h1R6Ria40
      	KEFLthQ+oybKI4Vx14m3ul/skXOHSnRUl4pd0Q== )
      """;

  private static final String DE_DNSKEY = """
      de.	3600	IN	DNSKEY	( 256 3 8
      	AwEAAbTe1PJi8EgIudNGb+KRTxBL2aCu5rXkZ+aIe/TC88pwRdrXYeXODp1ihZWFop5CrbWRBLrk
      	/YUPBE8aBc6oJP+58dSkdMLYkjSkmvdvYx+zXnRLWlF2bapxvZxshATJDfGjGbCiWxKEOoyRx3Uh
      	ICtHC+cUSddsEvzfacUcBb6n ) ; keytag 32911
      de.	3600	IN	DNSKEY	( 257 3 8
      	AwEAAbWUSd/QN9Ae543xzdiacY6qbjwtZ21QfmdgxRdm4Z7bjjHWy249uqxCyjjjoS4LDoRDKmj7
      	ElffMKvTWKE1qFKu0p8TUy4wyhX0M+m5FUjvQ3CiZMi+qY7GSHA5B+Zd73cidmnTeb3e8lso6jEs
      	Xg05/VZ2AyAqWF6FexEIFxIqiwwLk4UP0BwZ17Ur3q1qx9VSbPMyHgQ9d6nHUN1EEJsTDA2v0vKu
      	msUyp74ZanRZ/bB/6IzpaaZyr5BLF5pSCNdbRNjVmkwYD0993vm79LueyOeibsoHRc16jhALrIJo
      	u1PFjdq7YQsYN0KtqRiJtaAfPprDBREpeamPuW/MnW0= ) ; keytag 26755
      de.	3600	IN	RRSIG	( DNSKEY 8 1 3600
      	20260519214514 20260505201514 26755 de.
      	IWnqDiWjLds8qCj1oGw7tSz4TIC9W1V73DdCueAbne3qL0KynvsCC/o0kLwgW1Pd0Ky99Dv+1cab
      	R4Ln4JGZSbYdFJFbMoVdNZt7gKDvgxb5rAWPSZIz9SM/dBwl1ahVm3CXousaSwX81BhS2JuSokXm
      	2+WJihVPC8sgwyy8Ir8ESyNjO/V6kaQdeh3CfaO/+4ttKNWDMT+Uv0Bd5oXyFdNWNyoCAk77aiJj
      	9LtiCtk8H+9TzCi1MAHdgq+M7VCCe2VuR8oDh7UnhcRMkADm99Lz0nucvK9e2wdoEUkO+fSiWKRv
      	5D59D5RTGCJqUu4h2HCobmQoVOwVnuIifoVs9Q== )
      """;

  @Test
  void theShippedDigestsAreTheDigestsOfBothRootKsks() {
    for (Record r : parse(ROOT_DNSKEY)) {
      if (r instanceof DNSKEYRecord k && (k.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0) {
        DSRecord computed = new DSRecord(Name.root, DClass.IN, 0, DNSSEC.Digest.SHA256, k);
        TrustAnchor shipped = TrustAnchor.rootAnchors().stream()
            .filter(a -> a.keyTag() == k.getFootprint()).findFirst().orElseThrow();
        assertThat(shipped.digest()).contains(
            HexFormat.of().withUpperCase().formatHex(computed.getDigest()));
        assertThat(shipped.algorithm()).isEqualTo(k.getAlgorithm());
      }
    }
    assertThat(TrustAnchor.rootAnchors()).extracting(TrustAnchor::keyTag)
        .containsExactly(20326, 38696);
  }

  @Test
  void theRealRootDnskeyRrsetValidatesFromTheShippedAnchors() {
    ZoneKeys root = new DnssecValidator(CAPTURED)
        .anchoredKeys(TrustAnchors.root(), Name.root, rrset(ROOT_DNSKEY, Type.DNSKEY));
    assertThat(root.isSecure()).as(root.toString()).isTrue();
    assertThat(root.result().keyTags()).containsExactly(20326);
    assertThat(root.keys()).extracting(DNSKEYRecord::getFootprint)
        .containsExactlyInAnyOrder(20326, 38696, 54393);
  }

  @Test
  void theChainContinuesToDeThroughTheRealDsAndDnskey() {
    DnssecValidator v = new DnssecValidator(CAPTURED);
    ZoneKeys root = v.anchoredKeys(TrustAnchors.root(), Name.root, rrset(ROOT_DNSKEY, Type.DNSKEY));
    Message referral = new Message();
    referral.getHeader().setRcode(Rcode.NOERROR);
    for (Record r : parse(DE_DS)) {
      referral.addRecord(r, org.xbill.DNS.Section.AUTHORITY);
    }
    Name de = Name.fromConstantString("de.");
    Delegation d = v.delegation(de, referral, root);
    assertThat(d.isSecure()).as(d.toString()).isTrue();
    assertThat(d.result().keyTags()).containsExactly(54393);
    ZoneKeys deKeys = v.zoneKeys(d, rrset(DE_DNSKEY, Type.DNSKEY), true);
    assertThat(deKeys.isSecure()).as(deKeys.toString()).isTrue();
    assertThat(deKeys.result().keyTags()).containsExactly(26755);
  }

  @Test
  void theSameRecordsAreExpiredThreeWeeksLater() {
    Instant later = Instant.parse("2026-05-27T00:00:00Z");
    ZoneKeys root = new DnssecValidator(later)
        .anchoredKeys(TrustAnchors.root(), Name.root, rrset(ROOT_DNSKEY, Type.DNSKEY));
    assertThat(root.result().reason()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(root.result().signatureExpiration())
        .contains(Instant.parse("2026-05-22T00:00:00Z"));
    assertThat(root.result().signatureInception())
        .contains(Instant.parse("2026-05-01T00:00:00Z"));
  }

  @Test
  void aFlippedBitInTheRealSignatureIsCaught() {
    RRset set = rrset(ROOT_DNSKEY, Type.DNSKEY);
    RRset tampered = new RRset();
    set.rrs(false).forEach(tampered::addRR);
    org.xbill.DNS.RRSIGRecord sig = set.sigs().get(0);
    byte[] s = sig.getSignature().clone();
    s[10] ^= 0x01;
    tampered.addRR(new org.xbill.DNS.RRSIGRecord(sig.getName(), sig.getDClass(), sig.getTTL(),
        sig.getTypeCovered(), sig.getAlgorithm(), sig.getOrigTTL(), sig.getExpire(),
        sig.getTimeSigned(), sig.getFootprint(), sig.getSigner(), s));
    ZoneKeys root = new DnssecValidator(CAPTURED)
        .anchoredKeys(TrustAnchors.root(), Name.root, tampered);
    assertThat(root.result().reason()).isEqualTo(DnssecReason.SIGNATURE_INVALID);
  }

  private static List<Record> parse(String text) {
    List<Record> out = new ArrayList<>();
    try (Master m = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        Name.root)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        out.add(r);
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static RRset rrset(String text, int type) {
    RRset set = new RRset();
    for (Record r : parse(text)) {
      if (r.getRRsetType() == type) {
        set.addRR(r);
      }
    }
    return set;
  }
}
