package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dvinspector.dns.internal.dnssec.TestSigner.NOW;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.RRset;

/** Identical answers from several servers are checked once; anything different on its own. */
final class SignatureCheckTest {
  private final ExampleZone z = new ExampleZone();

  @Test
  void theSameSignedDataIsCheckedOnceAndOtherDataAnew() throws Exception {
    SignatureCheck check = SignatureCheck.cached(NOW);
    RRset a = z.signed("a.example.test. 300 A 192.0.2.1");
    RRset sameFromAnotherServer = z.signed("a.example.test. 300 A 192.0.2.1");
    check.verify(a, a.sigs().get(0), z.zsk.dnskey());
    assertThat(check.size()).isEqualTo(1);
    // ECDSA signatures differ each time they are made: a re-signed copy is checked anew ...
    check.verify(sameFromAnotherServer, sameFromAnotherServer.sigs().get(0), z.zsk.dnskey());
    assertThat(check.size()).isEqualTo(2);
    // ... while the very same answer again costs nothing.
    check.verify(a, a.sigs().get(0), z.zsk.dnskey());
    assertThat(check.size()).isEqualTo(2);
    RRset expired = z.signedWindow(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(1)),
        "a.example.test. 300 A 192.0.2.1");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> check.verify(expired, expired.sigs().get(0), z.zsk.dnskey()))
          .isInstanceOf(DNSSEC.SignatureExpiredException.class);
    }
    assertThat(check.size()).isEqualTo(3);
    RRset other = TestSigner.unsigned(List.of(TestSigner.record("a.example.test. 300 A 192.0.2.2")));
    assertThatThrownBy(() -> check.verify(other, a.sigs().get(0), z.zsk.dnskey()))
        .isInstanceOf(DNSSEC.DNSSECException.class);
  }
}
