package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.StaleSignatures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Type;

/**
 * The testkit's signed labs, asked with plain dnsjava queries (DO bit) and judged by the
 * validator: every break-it switch must be caught as the right link, and the intact lab must
 * validate from its own trust anchor.
 */
final class SignedLabTest {
  private static DnsLab lab;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("_acme-challenge 300 TXT \"token\"", "www 300 A 127.0.0.50",
                "alias 300 CNAME www", "*.wild 300 TXT \"wildcard\"", "deep.ent 300 A 127.0.0.51")
            .signed())
        .zone("plain.example.test", z -> z
            .nameserver("ns1.plain.example.test", "127.0.0.13")
            .records("www 300 A 127.0.0.52"))
        .zone("nsec3.test", z -> z
            .nameserver("ns1.nsec3.test", "127.0.0.14")
            .records("www 300 A 127.0.0.53", "*.wild 300 TXT \"w\"", "deep.ent 300 A 127.0.0.54")
            .signed(s -> s.nsec3(0, "", false)))
        .zone("optout.test", z -> z
            .nameserver("ns1.optout.test", "127.0.0.15")
            .records("www 300 A 127.0.0.55")
            .signed(s -> s.nsec3(0, "beef", true)))
        .zone("island.optout.test", z -> z
            .nameserver("ns1.island.optout.test", "127.0.0.16")
            .records("www 300 A 127.0.0.56"))
        .zone("iterations.test", z -> z
            .nameserver("ns1.iterations.test", "127.0.0.17")
            .records("www 300 A 127.0.0.57")
            .signed(s -> s.nsec3(Algorithms.MAX_NSEC3_ITERATIONS + 50, "01", false)))
        .zone("rsa.test", z -> z
            .nameserver("ns1.rsa.test", "127.0.0.18")
            .records("www 300 A 127.0.0.58")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.RSASHA256)))
        .zone("p384.test", z -> z
            .nameserver("ns1.p384.test", "127.0.0.19")
            .records("www 300 A 127.0.0.59")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.ECDSAP384SHA384).nsec3(0, "", false)))
        .zone("ed.test", z -> z
            .nameserver("ns1.ed.test", "127.0.0.20")
            .records("www 300 A 127.0.0.60")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.ED25519)))
        .zone("ed448.test", z -> z
            .nameserver("ns1.ed448.test", "127.0.0.21")
            .records("www 300 A 127.0.0.61")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.ED448)))
        .start();
  }

  @AfterAll
  static void stop() {
    lab.close();
  }

  @AfterEach
  void reset() {
    lab.reset();
  }

  private static DnssecResult check(String name, int type) {
    LabChain chain = new LabChain(lab);
    DnssecResult r = chain.validate(name, type);
    return r;
  }

  private static DnssecResult checkAt(String name, int type, String zone, String server) {
    return new LabChain(lab, Map.of(zone, server)).validate(name, type);
  }

  @Test
  void theIntactLabValidatesFromItsAnchor() {
    assertThat(lab.trustAnchors()).singleElement()
        .satisfies(a -> assertThat(a.zone()).isEqualTo("."));
    for (String[] q : new String[][] {
        {"_acme-challenge.example.test", "TXT"}, // data
        {"alias.example.test", "A"}, // CNAME chain inside the zone
        {"nothing.example.test", "TXT"}, // NXDOMAIN
        {"www.example.test", "TXT"}, // NODATA
        {"ent.example.test", "A"}, // empty non-terminal
        {"x.wild.example.test", "TXT"}, // wildcard answer
        {"x.wild.example.test", "A"}, // wildcard NODATA
        {"www.nsec3.test", "A"}, {"none.nsec3.test", "A"}, {"www.nsec3.test", "TXT"},
        {"ent.nsec3.test", "A"}, {"x.wild.nsec3.test", "TXT"}, {"x.wild.nsec3.test", "A"},
        {"www.rsa.test", "A"}, {"www.p384.test", "A"}, {"www.ed.test", "A"},
        {"nothing.p384.test", "A"}, {"nothing.ed.test", "A"}}) {
      DnssecResult r = check(q[0], Type.value(q[1]));
      assertThat(r.isSecure()).as(q[0] + "/" + q[1] + ": " + r).isTrue();
    }
  }

  @Test
  void anUnsignedChildOfASignedZoneIsAnInsecureDelegation() {
    DnssecResult r = check("www.plain.example.test", Type.A);
    assertThat(r.reason()).as(r.toString()).isEqualTo(DnssecReason.UNSIGNED_DELEGATION);
    assertThat(r.zone().toString()).isEqualTo("plain.example.test.");
  }

  @Test
  void anOptedOutChildIsInsecureAndHighIterationsToo() {
    assertThat(check("www.island.optout.test", Type.A).reason())
        .isEqualTo(DnssecReason.NSEC3_OPT_OUT);
    assertThat(check("www.optout.test", Type.A).isSecure()).isTrue();
    assertThat(check("www.iterations.test", Type.A).isSecure()).isTrue();
    assertThat(check("nothing.iterations.test", Type.A).reason())
        .isEqualTo(DnssecReason.NSEC3_ITERATIONS_ABOVE_LIMIT);
  }

  @Test
  void anUnsupportedAlgorithmIsInsecure() {
    DnssecResult r = check("www.ed448.test", Type.A);
    assertThat(r.reason()).as(r.toString()).isEqualTo(DnssecReason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void expiredAndNotYetValidSignatures() {
    lab.dnssec("example.test").expireSignatures();
    DnssecResult expired = check("_acme-challenge.example.test", Type.TXT);
    assertThat(expired.reason()).as(expired.toString()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(expired.zone().toString()).isEqualTo("example.test.");
    assertThat(expired.signatureExpiration()).isPresent();
    lab.reset();
    lab.dnssec("example.test").signaturesNotYetValid();
    assertThat(check("_acme-challenge.example.test", Type.TXT).reason())
        .isEqualTo(DnssecReason.SIGNATURE_NOT_YET_VALID);
  }

  @Test
  void droppedKeys() {
    lab.dnssec("example.test").dropKsk();
    DnssecResult noKsk = check("www.example.test", Type.A);
    assertThat(noKsk.reason()).as(noKsk.toString())
        .isEqualTo(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY);
    assertThat(noKsk.keyTags()).containsExactly(lab.dnssec("example.test").ksk().getFootprint());
    lab.reset();
    lab.dnssec("example.test").dropZsk();
    DnssecResult noZsk = check("www.example.test", Type.A);
    assertThat(noZsk.reason()).as(noZsk.toString()).isEqualTo(DnssecReason.SIGNING_KEY_MISSING);
    assertThat(noZsk.keyTags()).containsExactly(lab.dnssec("example.test").zsk().getFootprint());
    lab.reset();
    lab.dnssec("example.test").dropAllDnskeys();
    assertThat(check("www.example.test", Type.A).reason()).isEqualTo(DnssecReason.DNSKEY_MISSING);
  }

  @Test
  void aWrongDsAtTheParent() {
    lab.dnssec("example.test").wrongDsAtParent();
    DnssecResult r = check("www.example.test", Type.A);
    assertThat(r.reason()).as(r.toString()).isEqualTo(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY);
    lab.reset();
    assertThat(check("www.example.test", Type.A).isSecure()).isTrue();
  }

  @Test
  void aDsAtTheParentForAZoneThatStoppedSigning() {
    lab.dnssec("example.test").stopSigning();
    DnssecResult r = check("_acme-challenge.example.test", Type.TXT);
    assertThat(r.reason()).as(r.toString()).isEqualTo(DnssecReason.DS_FOR_UNSIGNED_ZONE);
    assertThat(r.keyTags()).containsExactly(lab.dnssec("example.test").ksk().getFootprint());
  }

  @Test
  void anUnsignedAnswerInASignedZone() {
    lab.dnssec("example.test").unsignedRRset("_acme-challenge", "TXT");
    DnssecResult r = check("_acme-challenge.example.test", Type.TXT);
    assertThat(r.reason()).as(r.toString()).isEqualTo(DnssecReason.SIGNATURE_MISSING);
    assertThat(check("www.example.test", Type.A).isSecure()).isTrue();
  }

  @Test
  void missingDenialProofs() {
    lab.dnssec("example.test").omitDenialProofs();
    assertThat(check("nothing.example.test", Type.TXT).reason())
        .isEqualTo(DnssecReason.DENIAL_MISSING);
    assertThat(check("www.plain.example.test", Type.A).reason())
        .isEqualTo(DnssecReason.DENIAL_MISSING);
    lab.reset();
    lab.server("ns1.example.test").addFault(DnsFault.noDenialProofs());
    assertThat(checkAt("nothing.example.test", Type.TXT, "example.test", "127.0.0.11").reason())
        .isEqualTo(DnssecReason.DENIAL_MISSING);
    assertThat(checkAt("nothing.example.test", Type.TXT, "example.test", "127.0.0.12").isSecure())
        .isTrue();
  }

  @Test
  void staleSignaturesOnOneServerOnly() {
    lab.server("ns2.example.test").serveStaleSignatures("example.test", StaleSignatures.EXPIRED);
    assertThat(checkAt("www.example.test", Type.A, "example.test", "127.0.0.11").isSecure())
        .isTrue();
    DnssecResult stale = checkAt("www.example.test", Type.A, "example.test", "127.0.0.12");
    assertThat(stale.reason()).as(stale.toString()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(stale.server()).contains("127.0.0.12");
    lab.server("ns2.example.test").serveStaleSignatures("example.test", StaleSignatures.OLD_KEY);
    assertThat(checkAt("www.example.test", Type.A, "example.test", "127.0.0.12").reason())
        .isEqualTo(DnssecReason.SIGNING_KEY_MISSING);
  }

  @Test
  void unsignedAnswersFromOneServer() {
    lab.server("ns1.example.test").addFault(DnsFault.unsignedAnswers().forType(Type.TXT));
    assertThat(checkAt("_acme-challenge.example.test", Type.TXT, "example.test", "127.0.0.11")
        .reason()).isEqualTo(DnssecReason.SIGNATURE_MISSING);
    assertThat(checkAt("_acme-challenge.example.test", Type.TXT, "example.test", "127.0.0.12")
        .isSecure()).isTrue();
  }

  @Test
  void aTldBrokenAboveTheZoneBreaksEverythingBelow() {
    lab.dnssec("test").expireSignatures();
    DnssecResult r = check("www.example.test", Type.A);
    assertThat(r.reason()).isEqualTo(DnssecReason.SIGNATURE_EXPIRED);
    assertThat(r.zone().toString()).isEqualTo("test.");
  }
}
