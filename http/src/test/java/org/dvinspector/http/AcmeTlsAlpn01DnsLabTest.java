package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.TlsAlpnFixture.CHECK;
import static org.dvinspector.http.TlsAlpnFixture.DOMAIN;
import static org.dvinspector.http.TlsAlpnFixture.KEY_AUTHORIZATION;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.time.Duration;
import org.dvinspector.CaProfiles;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.AcmeTlsCertificate;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsLabExtension;
import org.dvinspector.testkit.TlsAlpnServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * tls-alpn-01 with the addresses the CA would use: the {@code dns} module's host lookup asks the
 * lab's authoritative servers, as the http module's checks do.
 */
final class AcmeTlsAlpn01DnsLabTest {
  @RegisterExtension
  static final DnsLabExtension DNS = DnsLabExtension.of(DnsLab.builder()
      .zone("example.com", z -> z
          .nameserver("ns1.example.com", "127.0.0.11")
          .records("www A 127.0.0.65", "missing-host A 127.0.0.66")));

  @Test
  void addressesComeFromTheAuthoritativeServers() {
    try (TlsAlpnServer server = TlsAlpnServer.start("127.0.0.65")) {
      server.respond(DOMAIN, TlsAlpnServer.Response.challenge(
          AcmeTlsCertificate.forChallenge(DOMAIN, KEY_AUTHORIZATION)));
      EndpointMapping tls = EndpointMapping.builder()
          .route(TlsAlpnFixture.address("127.0.0.65"), 443, server.address())
          .route(TlsAlpnFixture.address("127.0.0.66"), 443, TlsAlpnFixture.closedPort())
          .build();
      try (DomainValidationInspector inspector = DomainValidationInspector.builder()
          .addModule(new DnsModule())
          .addModule(new HttpModule())
          .networkPolicy(DNS.lab().networkPolicy(tls).queryTimeout(Duration.ofSeconds(1))
              .queryAttempts(2).httpTimeout(Duration.ofSeconds(2)).build())
          .build()) {
        InspectionReport ok = inspector.inspect(InspectionRequest.builder().domain(DOMAIN)
            .profile(CaProfiles.LETS_ENCRYPT).addChecks(CHECK).build());
        InspectionReport unknownName = inspector.inspect(InspectionRequest.builder()
            .domain("nohost.example.com").profile(CaProfiles.LETS_ENCRYPT).addChecks(CHECK)
            .build());

        assertThat(ok).isReady();
        assertThat(ok.observations()).anySatisfy(o ->
            assertThat(o.query()).isEqualTo("A www.example.com"));
        assertThat(unknownName).isNotReady().finding(FindingCode.DOMAIN_NOT_RESOLVABLE)
            .messageContains("does not exist");
      }
    }
  }
}
