package org.dvinspector.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabExtension;
import org.dvinspector.testkit.LabInspectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's "Test your own environment", as a user writes it with the testkit. */
final class GettingStartedTest {
  private static final String FILE = "/.well-known/pki-validation/fileauth.txt";

  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .nameserver("ns2.example.com", "127.0.0.12")
          .records("www A 127.0.0.50", "_dnsauth.www TXT \"K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a\"")));

  @RegisterExtension
  static final HttpLabExtension WEB = HttpLabExtension.of("www.example.com")
      .setUp(lab -> lab.endpoint("127.0.0.50").serve(FILE, "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a"));

  @Test
  void runsOnTheClassPathOrTheModulePathAsTheBuildSays() {
    // Surefire runs this class twice (see pom.xml): both runs must really happen.
    boolean named = GettingStartedTest.class.getModule().isNamed();
    assertThat(named ? "module" : "class").isEqualTo(System.getProperty("examples.path", "class"));
  }

  @Test
  void aReadyDomainIsReady() {
    try (DomainValidationInspector inspector =
        LabInspectors.builder(DNS.lab(), WEB.lab()).build()) {
      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("www.example.com")
          .profile(CaProfiles.DIGICERT)
          .addChecks(DnsTxtCheck.of("_dnsauth", "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a"),
              HttpFileCheck.of(FILE, "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a"), CaaCheck.forProfile())
          .build());

      assertThat(report).isReady();
      assertThat(inspector.moduleIds()).containsExactly("caa", "dns", "http");
    }
  }

  @Test
  void aMissingRecordIsNotReadyAndSaysWhy(DnsLab dns) {
    dns.zone("example.com").remove("_dnsauth.www TXT \"K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a\"");
    try (DomainValidationInspector inspector = LabInspectors.builder(dns, WEB.lab()).build()) {
      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("www.example.com")
          .profile(CaProfiles.DIGICERT)
          .addChecks(DnsTxtCheck.of("_dnsauth", "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a"))
          .build());

      assertThat(report).isNotReady().hasFinding(FindingCode.DNS_RECORD_MISSING);
    }
  }

  @Test
  void theLabsCanBeUsedWithoutExtensions() {
    try (DnsLab dns = DnsLab.builder()
            .infrastructureAddresses("127.0.3.2")
            .zone("example.net", z -> z
                .nameserver("ns1.example.net", "127.0.3.11")
                .records("shop A 127.0.3.50"))
            .start();
        HttpLab web = HttpLab.start("shop.example.net");
        DomainValidationInspector inspector = LabInspectors.builder(dns, web).build()) {
      web.endpoint("127.0.3.50").serve(FILE, "2024def");
      assertThat(inspector.inspect(InspectionRequest.builder()
          .domain("shop.example.net")
          .addChecks(HttpFileCheck.of(FILE, "2024def"))
          .build())).isReady();
    }
  }
}
