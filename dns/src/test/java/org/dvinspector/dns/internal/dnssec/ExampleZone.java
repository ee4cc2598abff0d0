package org.dvinspector.dns.internal.dnssec;

import static org.dvinspector.dns.internal.dnssec.TestSigner.name;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dvinspector.dns.internal.dnssec.TestSigner.Key;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A small signed zone for proof tests, {@code example.test}:
 *
 * <pre>
 * example.test        SOA NS DNSKEY
 * a                   A
 * alias               CNAME a
 * c                   TXT
 * sec                 NS DS        (signed delegation)
 * sub                 NS           (unsigned delegation)
 * *.w                 TXT          (w is an empty non-terminal)
 * x.y                 A            (y is an empty non-terminal)
 * </pre>
 */
final class ExampleZone {
  static final Name APEX = name("example.test");
  final Key ksk = TestSigner.ksk("example.test", DNSSEC.Algorithm.ECDSAP256SHA256);
  final Key zsk = TestSigner.zsk("example.test", DNSSEC.Algorithm.ECDSAP256SHA256);
  final ZoneKeys keys;

  ExampleZone() {
    keys = Keys.fromDs(APEX, List.of(ksk.ds()), TestSigner.dnskeys(ksk, zsk), true,
        TestSigner.NOW);
    if (!keys.isSecure()) {
      throw new IllegalStateException(keys.toString());
    }
  }

  /** The names with data and their types (no RRSIG/NSEC; the chains add those). */
  static Map<Name, int[]> names() {
    Map<Name, int[]> m = new LinkedHashMap<>();
    m.put(APEX, new int[] {Type.SOA, Type.NS, Type.DNSKEY});
    m.put(name("a.example.test"), new int[] {Type.A});
    m.put(name("alias.example.test"), new int[] {Type.CNAME});
    m.put(name("c.example.test"), new int[] {Type.TXT});
    m.put(name("sec.example.test"), new int[] {Type.NS, Type.DS});
    m.put(name("sub.example.test"), new int[] {Type.NS});
    m.put(name("*.w.example.test"), new int[] {Type.TXT});
    m.put(name("x.y.example.test"), new int[] {Type.A});
    return m;
  }

  List<NSECRecord> nsecChain() {
    return TestSigner.nsecChain(APEX, names());
  }

  NSECRecord nsec(String owner) {
    return nsecChain().stream().filter(n -> n.getName().equals(name(owner))).findFirst()
        .orElseThrow();
  }

  /** The NSEC3 chain; empty non-terminals included; {@code sub} left out when opted out. */
  List<NSEC3Record> nsec3Chain(int iterations, boolean optOut) {
    Map<Name, int[]> m = new LinkedHashMap<>(names());
    m.put(name("w.example.test"), new int[0]);
    m.put(name("y.example.test"), new int[0]);
    if (optOut) {
      m.remove(name("sub.example.test"));
    }
    return TestSigner.nsec3Chain(APEX, m, iterations, new byte[] {(byte) 0xab, (byte) 0xcd},
        optOut);
  }

  List<RRset> signedEach(List<? extends Record> records) {
    return TestSigner.signedEach(records, zsk);
  }

  RRset signed(String... records) {
    List<Record> rs = new ArrayList<>();
    for (String r : records) {
      rs.add(TestSigner.record(r));
    }
    return TestSigner.signed(rs, zsk);
  }

  RRset signedWindow(Instant inception, Instant expiration, String... records) {
    List<Record> rs = new ArrayList<>();
    for (String r : records) {
      rs.add(TestSigner.record(r));
    }
    return TestSigner.signedWindow(rs, inception, expiration, zsk);
  }

  RRset soa() {
    return signed("example.test. 300 SOA ns.example.test. host.example.test. 1 3600 600 86400 300");
  }

  /** The wildcard's TXT as a server synthesizes it for {@code qname} (RFC 4035 §5.3.4). */
  RRset wildcardAnswer(String qname) {
    RRset atWildcard = signed("*.w.example.test. 300 TXT \"wild\"");
    RRset out = new RRset();
    for (Record r : atWildcard.rrs(false)) {
      out.addRR(r.withName(name(qname)));
    }
    for (RRSIGRecord sig : atWildcard.sigs()) {
      out.addRR((RRSIGRecord) sig.withName(name(qname)));
    }
    return out;
  }
}
