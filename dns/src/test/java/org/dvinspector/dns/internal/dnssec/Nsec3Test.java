package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.dns.internal.dnssec.TestSigner.NOW;
import static org.dvinspector.dns.internal.dnssec.TestSigner.name;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/** NSEC3 proofs (RFC 5155 §8), opt-out, and the iteration limit (RFC 9276 §3.2). */
final class Nsec3Test {
  private final ExampleZone z = new ExampleZone();
  private final DnssecValidator v = new DnssecValidator(NOW);

  private Message negative(int rcode, List<NSEC3Record> proof) {
    List<RRset> authority = new ArrayList<>();
    authority.add(z.soa());
    authority.addAll(z.signedEach(proof));
    return TestSigner.message(rcode, List.of(), authority);
  }

  private static List<NSEC3Record> without(List<NSEC3Record> chain, String name) {
    byte[] h = TestSigner.nsec3Hash(name(name), chain.get(0).getIterations(),
        chain.get(0).getSalt());
    String label = new base32(base32.Alphabet.BASE32HEX, false, false).toString(h).toLowerCase();
    List<NSEC3Record> out = new ArrayList<>(chain);
    out.removeIf(r -> r.getName().getLabelString(0).equals(label));
    if (out.size() != chain.size() - 1) {
      throw new IllegalStateException("no NSEC3 record owned by the hash of " + name);
    }
    return out;
  }

  @Test
  void nxdomainWithTheClosestEncloserProof() {
    List<NSEC3Record> chain = z.nsec3Chain(0, false);
    DnssecResult ok = v.response(negative(Rcode.NXDOMAIN, chain), name("b.example.test"),
        Type.A, z.keys);
    assertThat(ok.isSecure()).as(ok.toString()).isTrue();
    // Without the record matching the closest encloser (the apex) nothing is proved.
    DnssecResult noEncloser = v.response(negative(Rcode.NXDOMAIN, without(chain, "example.test")),
        name("b.example.test"), Type.A, z.keys);
    assertThat(noEncloser.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    assertThat(v.response(negative(Rcode.NXDOMAIN, List.of()), name("b.example.test"), Type.A,
        z.keys).reason()).isEqualTo(DnssecReason.DENIAL_MISSING);
    // A name that exists cannot be NXDOMAIN.
    assertThat(v.response(negative(Rcode.NXDOMAIN, chain), name("a.example.test"), Type.A,
        z.keys).reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void nodataMatchesTheNamesHash() {
    List<NSEC3Record> chain = z.nsec3Chain(0, false);
    assertThat(v.response(negative(Rcode.NOERROR, chain), name("a.example.test"), Type.TXT,
        z.keys).isSecure()).isTrue();
    assertThat(v.response(negative(Rcode.NOERROR, chain), name("a.example.test"), Type.A,
        z.keys).reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    // Empty non-terminals have NSEC3 records of their own (RFC 5155 §7.1).
    assertThat(v.response(negative(Rcode.NOERROR, chain), name("y.example.test"), Type.A,
        z.keys).isSecure()).isTrue();
    assertThat(v.response(negative(Rcode.NOERROR, without(chain, "a.example.test")),
        name("a.example.test"), Type.TXT, z.keys).reason())
        .isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void wildcardAnswerAndWildcardNodata() {
    List<NSEC3Record> chain = z.nsec3Chain(0, false);
    RRset answer = z.wildcardAnswer("q.w.example.test");
    DnssecResult ok = v.response(TestSigner.message(Rcode.NOERROR, List.of(answer),
        z.signedEach(chain)), name("q.w.example.test"), Type.TXT, z.keys);
    assertThat(ok.isSecure()).as(ok.toString()).isTrue();
    DnssecResult nodata = v.response(negative(Rcode.NOERROR, chain), name("q.w.example.test"),
        Type.A, z.keys);
    assertThat(nodata.isSecure()).as(nodata.toString()).isTrue();
    assertThat(v.response(negative(Rcode.NOERROR, without(chain, "*.w.example.test")),
        name("q.w.example.test"), Type.A, z.keys).reason())
        .isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void noDsAtAnUnsignedDelegation() {
    List<NSEC3Record> chain = z.nsec3Chain(0, false);
    Delegation d = v.delegation(name("sub.example.test"), negative(Rcode.NOERROR, chain), z.keys);
    assertThat(d.result().reason()).as(d.toString()).isEqualTo(DnssecReason.UNSIGNED_DELEGATION);
    Delegation signed = v.delegation(name("sec.example.test"), negative(Rcode.NOERROR, chain),
        z.keys);
    assertThat(signed.result().reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
  }

  @Test
  void optOutMakesTheUnsignedDelegationAndNxdomainInsecure() {
    List<NSEC3Record> chain = z.nsec3Chain(0, true);
    Delegation d = v.delegation(name("sub.example.test"), negative(Rcode.NOERROR, chain), z.keys);
    assertThat(d.result().reason()).as(d.toString()).isEqualTo(DnssecReason.NSEC3_OPT_OUT);
    assertThat(d.result().security()).isEqualTo(Security.INSECURE);
    DnssecResult nx = v.response(negative(Rcode.NXDOMAIN, chain), name("b.example.test"), Type.A,
        z.keys);
    assertThat(nx.reason()).isEqualTo(DnssecReason.NSEC3_OPT_OUT);
    // Opt-out does not affect what the chain proves directly.
    assertThat(v.response(negative(Rcode.NOERROR, chain), name("a.example.test"), Type.TXT,
        z.keys).isSecure()).isTrue();
  }

  @Test
  void iterationsAboveTheLimitAreInsecureAndAtTheLimitValidate() {
    List<NSEC3Record> over = z.nsec3Chain(Algorithms.MAX_NSEC3_ITERATIONS + 1, false);
    DnssecResult r = v.response(negative(Rcode.NXDOMAIN, over), name("b.example.test"), Type.A,
        z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.NSEC3_ITERATIONS_ABOVE_LIMIT);
    assertThat(r.security()).isEqualTo(Security.INSECURE);
    List<NSEC3Record> at = z.nsec3Chain(Algorithms.MAX_NSEC3_ITERATIONS, false);
    assertThat(v.response(negative(Rcode.NXDOMAIN, at), name("b.example.test"), Type.A, z.keys)
        .isSecure()).isTrue();
  }

  @Test
  void theSignatureOverHighIterationRecordsIsStillChecked() {
    List<NSEC3Record> over = z.nsec3Chain(Algorithms.MAX_NSEC3_ITERATIONS + 1, false);
    List<RRset> authority = new ArrayList<>();
    for (NSEC3Record r : over) {
      authority.add(TestSigner.unsigned(List.of(r)));
    }
    DnssecResult r = v.response(TestSigner.message(Rcode.NXDOMAIN, List.of(), authority),
        name("b.example.test"), Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_MISSING);
  }

  @Test
  void recordsWithAnUnknownHashAlgorithmAreIgnored() {
    List<NSEC3Record> unknown = new ArrayList<>();
    for (NSEC3Record r : z.nsec3Chain(0, false)) {
      unknown.add(new NSEC3Record(r.getName(), r.getDClass(), r.getTTL(), 2, r.getFlags(),
          r.getIterations(), r.getSalt(), r.getNext(), r.getTypes()));
    }
    DnssecResult r = v.response(negative(Rcode.NXDOMAIN, unknown), name("b.example.test"),
        Type.A, z.keys);
    assertThat(r.reason()).isEqualTo(DnssecReason.DENIAL_INVALID);
    assertThat(r.detail()).contains("RFC 5155 §8.1");
  }

  @Test
  void theHashMatchesRfc5155AppendixA() {
    // RFC 5155 Appendix A: H(example) with salt aabbccdd and 12 iterations.
    byte[] h = TestSigner.nsec3Hash(Name.fromConstantString("example."), 12,
        new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd});
    assertThat(new base32(base32.Alphabet.BASE32HEX, false, false).toString(h).toLowerCase())
        .isEqualTo("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom");
  }
}
