package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DNSSEC;

/**
 * The testkit's zone signer checked by an independent implementation: every zone of a signed
 * lab, exported as served, must pass bind9's {@code dnssec-verify} (every RRset signed by every
 * algorithm of the DNSKEY RRset, the DNSKEY RRset self-signed by the KSK, a complete NSEC or
 * NSEC3 chain with the right type bitmaps, opt-out spans right). Needs dnssec-verify, not root.
 */
final class TestkitSigningBindTest {
  private static DnsLab lab;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    BindTools.require("dnssec-verify");
    lab = DnsLab.builder()
        .zone("nsec.test", z -> z
            .nameserver("ns1.nsec.test", "127.0.0.11")
            .records("www 300 A 127.0.0.50", "alias CNAME www", "*.wild TXT \"w\"",
                "deep.ent A 127.0.0.51", "_acme-challenge TXT \"token\"")
            .signed())
        .zone("child.nsec.test", z -> z.nameserver("ns1.child.nsec.test", "127.0.0.12").signed())
        .zone("plain.nsec.test", z -> z.nameserver("ns1.plain.nsec.test", "127.0.0.13"))
        .zone("nsec3.test", z -> z
            .nameserver("ns1.nsec3.test", "127.0.0.14")
            .records("www 300 A 127.0.0.52", "*.wild TXT \"w\"", "deep.ent A 127.0.0.53")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.RSASHA256).nsec3(0, "", false)))
        .zone("plain.nsec3.test", z -> z.nameserver("ns1.plain.nsec3.test", "127.0.0.15"))
        .zone("optout.test", z -> z
            .nameserver("ns1.optout.test", "127.0.0.16")
            .records("www 300 A 127.0.0.54")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.ED25519).nsec3(5, "beef", true)))
        .zone("plain.optout.test", z -> z.nameserver("ns1.plain.optout.test", "127.0.0.17"))
        .zone("signed.optout.test", z -> z
            .nameserver("ns1.signed.optout.test", "127.0.0.18")
            .signed(s -> s.algorithm(DNSSEC.Algorithm.ECDSAP384SHA384)))
        .start();
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "test", "nsec.test", "child.nsec.test", "nsec3.test",
      "optout.test", "signed.optout.test"})
  void dnssecVerifyAcceptsTheSignedZone(String zone) throws Exception {
    String origin = zone.equals(".") ? "." : zone + ".";
    Path file = dir.resolve((zone.equals(".") ? "root" : zone) + ".signed");
    Files.writeString(file, lab.zone(zone).toSignedZoneFile(), StandardCharsets.UTF_8);
    // The signatures are valid around the lab's start, which is now.
    BindTools.Run r = BindTools.run(dir, "dnssec-verify", "-o", origin, file.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("Zone fully signed");
  }
}
