package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.it.LabEnvironment.NS1;
import static org.dvinspector.it.LabEnvironment.NS2;
import static org.dvinspector.it.LabEnvironment.NS4;
import static org.dvinspector.it.LabEnvironment.NS_LAME;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;
import static org.dvinspector.it.LabEnvironment.TLD;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The bind9 lab itself: the servers answer the way the inspection tests rely on. */
final class BindLabTest {
  private static BindLab lab;
  private static UnboundResolver resolver;

  @BeforeAll
  static void startLab(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    lab = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.com", "www A 127.83.0.80", "_acme-challenge.www TXT \"on-both\"")
        .add("lame.example.com", "www A 127.83.0.80")
        .add("refused.example.com", "www A 127.83.0.80")
        .servers());
    resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
  }

  @AfterAll
  static void stopLab() {
    if (resolver != null) {
      resolver.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void rootRefersComToTheTldServerWithGlue() throws Exception {
    Message m = lab.query(ROOT, "www.example.com", Type.A);

    assertThat(Dig.rcode(m)).isEqualTo("NOERROR");
    assertThat(m.getSection(Section.AUTHORITY)).extracting(r -> r.rdataToString())
        .containsExactly("ns1.nic.com.");
    assertThat(m.getSection(Section.ADDITIONAL)).extracting(r -> r.rdataToString())
        .contains(TLD.getHostAddress());
  }

  @Test
  void secondaryTransferredTheZoneFromThePrimary() throws Exception {
    assertThat(Dig.txt(lab.query(NS2, "_acme-challenge.www.example.com", Type.TXT)))
        .containsExactly("on-both");
    assertThat(Dig.authoritative(lab.query(NS2, "example.com", Type.SOA))).isTrue();
  }

  @Test
  void updateReachesThePrimaryOnlySoTheSecondaryKeepsTheOlderSerial() throws Exception {
    lab.add(NS1, "example.com", "_acme-challenge.late 60 TXT \"primary-only\"");

    assertThat(Dig.txt(lab.query(NS1, "_acme-challenge.late.example.com", Type.TXT)))
        .containsExactly("primary-only");
    assertThat(Dig.rcode(lab.query(NS2, "_acme-challenge.late.example.com", Type.TXT)))
        .isEqualTo("NXDOMAIN");
    assertThat(Dig.soaSerial(lab.query(NS2, "example.com", Type.SOA)))
        .isLessThan(Dig.soaSerial(lab.query(NS1, "example.com", Type.SOA)));
  }

  @Test
  void lameServerAnswersWithAReferralNotAuthoritatively() throws Exception {
    Message m = lab.query(NS1, "www.lame.example.com", Type.A);

    assertThat(Dig.authoritative(m)).isFalse();
    assertThat(m.getSection(Section.AUTHORITY)).extracting(r -> r.rdataToString())
        .contains("ns1.example.com.");
    assertThat(Dig.answers(lab.query(NS4, "www.lame.example.com", Type.A)))
        .containsExactly("127.83.0.80");
  }

  @Test
  void refusingServerRefusesTheZoneDelegatedToIt() throws Exception {
    assertThat(Dig.rcode(lab.query(NS_LAME, "www.refused.example.com", Type.A)))
        .isEqualTo("REFUSED");
    assertThat(Dig.answers(lab.query(NS4, "www.refused.example.com", Type.A)))
        .containsExactly("127.83.0.80");
  }

  @Test
  void unloadableZoneAnswersServfail() throws Exception {
    assertThat(Dig.rcode(lab.query(NS4, "www.broken.example.com", Type.A))).isEqualTo("SERVFAIL");
    assertThat(lab.log("ns4")).contains("CNAME and other data");
  }

  @Test
  void unboundResolvesThroughTheFakeRoot() throws Exception {
    Message m = Dig.query(RESOLVER, 53, "www.example.com", Type.A, true);

    assertThat(Dig.answers(m)).containsExactly("127.83.0.80");
  }
}
