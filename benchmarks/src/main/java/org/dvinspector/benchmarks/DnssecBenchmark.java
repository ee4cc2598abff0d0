package org.dvinspector.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dvinspector.dns.internal.dnssec.Delegation;
import org.dvinspector.dns.internal.dnssec.DnssecResult;
import org.dvinspector.dns.internal.dnssec.DnssecValidator;
import org.dvinspector.dns.internal.dnssec.TrustAnchors;
import org.dvinspector.dns.internal.dnssec.ZoneKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * What DNSSEC validation costs in CPU (the {@code dns} module's validator on dnsjava's {@code
 * DNSSEC.verify}): the real root → de chain (RSA/SHA-256: root DNSKEY RRset from the shipped
 * anchors, de's DS, de's DNSKEY RRset: three signatures and two DS digests), and one ECDSA P-256
 * zone's keys plus a signed TXT answer and an NSEC-proved NXDOMAIN, the steps an inspection adds
 * per zone and per server answer once the resolution core validates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DnssecBenchmark {
  private static final Name DE = Name.fromConstantString("de.");
  private static final Name ZONE = Name.fromConstantString("example.test.");

  final RRset rootKeys;
  final Message deReferral;
  final RRset deKeys;
  final Instant captured = Instant.parse("2026-05-06T01:29:55Z");

  final Instant now = Instant.parse("2026-11-30T12:00:00Z");
  /** One validator kept across calls: its signature checks are remembered (cache hits). */
  final DnssecValidator warm = new DnssecValidator(now);
  final TrustAnchors ecdsaAnchor;
  final RRset ecdsaKeys;
  final ZoneKeys ecdsaTrusted;
  final Message txtAnswer;
  final Message nxdomain;

  /** Loads the real chain and signs the ECDSA zone (JMH makes one instance per trial). */
  public DnssecBenchmark() {
    try {
      List<Record> real = load();
      rootKeys = set(real, Name.root, Type.DNSKEY);
      deKeys = set(real, DE, Type.DNSKEY);
      deReferral = new Message();
      for (Record r : real) {
        if (r.getName().equals(DE) && r.getRRsetType() == Type.DS) {
          deReferral.addRecord(r, Section.AUTHORITY);
        }
      }
      // An ECDSA P-256 zone (algorithm 13, what most DNS hosts sign with).
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kskPair = g.generateKeyPair();
      KeyPair zskPair = g.generateKeyPair();
      DNSKEYRecord ksk = new DNSKEYRecord(ZONE, DClass.IN, 3600, 257, 3, 13, kskPair.getPublic());
      DNSKEYRecord zsk = new DNSKEYRecord(ZONE, DClass.IN, 3600, 256, 3, 13, zskPair.getPublic());
      Instant from = now.minus(Duration.ofDays(1));
      Instant to = now.plus(Duration.ofDays(14));
      ecdsaKeys = new RRset(ksk, zsk);
      ecdsaKeys.addRR(DNSSEC.sign(new RRset(ksk, zsk), ksk, kskPair.getPrivate(), from, to));
      // The zone's DS as an anchor: the same check as a DS from a parent (the parent's step is
      // measured by rootToDe).
      DSRecord ds = new DSRecord(ZONE, DClass.IN, 3600, DNSSEC.Digest.SHA256, ksk);
      ecdsaAnchor = TrustAnchors.of(List.of(org.dvinspector.TrustAnchor.ds("example.test.",
          ds.getFootprint(), 13, 2, java.util.HexFormat.of().formatHex(ds.getDigest()))));
      ecdsaTrusted = warm.anchoredKeys(ecdsaAnchor, ZONE, ecdsaKeys);
      if (!ecdsaTrusted.isSecure()) {
        throw new IllegalStateException(ecdsaTrusted.toString());
      }
      TXTRecord txt = new TXTRecord(Name.fromConstantString("_acme-challenge.example.test."),
          DClass.IN, 300, "token-value-of-43-characters-aaaaaaaaaaaaaa");
      RRset txtSet = new RRset(txt);
      txtSet.addRR(DNSSEC.sign(new RRset(txt), zsk, zskPair.getPrivate(), from, to));
      txtAnswer = new Message();
      add(txtAnswer, txtSet, Section.ANSWER);
      nxdomain = new Message();
      nxdomain.getHeader().setRcode(Rcode.NXDOMAIN);
      NSECRecord apex = new NSECRecord(ZONE, DClass.IN, 300,
          Name.fromConstantString("_acme-challenge.example.test."),
          new int[] {Type.SOA, Type.NS, Type.DNSKEY, Type.RRSIG, Type.NSEC});
      NSECRecord last = new NSECRecord(Name.fromConstantString("_acme-challenge.example.test."),
          DClass.IN, 300, ZONE, new int[] {Type.TXT, Type.RRSIG, Type.NSEC});
      for (NSECRecord n : List.of(apex, last)) {
        RRset s = new RRset(n);
        s.addRR(DNSSEC.sign(new RRset(n), zsk, zskPair.getPrivate(), from, to));
        add(nxdomain, s, Section.AUTHORITY);
      }
      if (!nxdomainProof().isSecure() || !txtAnswer().isSecure() || !rootToDe().isSecure()) {
        throw new IllegalStateException("the benchmark data does not validate");
      }
    } catch (java.security.GeneralSecurityException | DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Root DNSKEY from the anchors, de's DS, de's DNSKEY: three RSA-2048 signatures. */
  @Benchmark
  public ZoneKeys rootToDe() {
    DnssecValidator v = new DnssecValidator(captured);
    ZoneKeys root = v.anchoredKeys(TrustAnchors.root(), Name.root, rootKeys);
    Delegation d = v.delegation(DE, deReferral, root);
    return v.zoneKeys(d, deKeys, true);
  }

  /** One ECDSA zone's DNSKEY RRset against its DS (one P-256 signature, one SHA-256 digest). */
  @Benchmark
  public ZoneKeys ecdsaZoneKeys() {
    return new DnssecValidator(now).anchoredKeys(ecdsaAnchor, ZONE, ecdsaKeys);
  }

  /** A signed TXT answer with the zone's trusted keys (one P-256 signature). */
  @Benchmark
  public DnssecResult txtAnswer() {
    return new DnssecValidator(now).response(txtAnswer,
        Name.fromConstantString("_acme-challenge.example.test."), Type.TXT, ecdsaTrusted);
  }

  /** The same answer again from another server of the zone: the check is remembered. */
  @Benchmark
  public DnssecResult txtAnswerRemembered() {
    return warm.response(txtAnswer,
        Name.fromConstantString("_acme-challenge.example.test."), Type.TXT, ecdsaTrusted);
  }

  /** An NXDOMAIN proved by two NSEC records (two P-256 signatures). */
  @Benchmark
  public DnssecResult nxdomainProof() {
    return new DnssecValidator(now).response(nxdomain,
        Name.fromConstantString("nothing.example.test."), Type.TXT, ecdsaTrusted);
  }

  private static void add(Message m, RRset s, int section) {
    s.rrs(false).forEach(r -> m.addRecord(r, section));
    s.sigs().forEach(r -> m.addRecord(r, section));
  }

  private static RRset set(List<Record> records, Name name, int type) {
    RRset s = new RRset();
    for (Record r : records) {
      if (r.getName().equals(name) && r.getRRsetType() == type) {
        s.addRR(r);
      }
    }
    return s;
  }

  private static List<Record> load() {
    List<Record> out = new ArrayList<>();
    try (InputStream in = DnssecBenchmark.class.getResourceAsStream("root-de-2026-05-06.zone");
        Master m = new Master(in, Name.root)) {
      for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
        out.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
