package org.dvinspector.http;

import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import org.dvinspector.CaProfiles;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabTls;
import org.dvinspector.testkit.LabInspectors;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@link LabInspectors} with the real modules (it lives here because the testkit
 * cannot depend on this module): names resolve in the DNS lab, files come from the HTTP lab over
 * HTTP and HTTPS with the lab CA trusted.
 */
final class LabInspectorsTest {
  private static final String FILE = "/.well-known/pki-validation/fileauth.txt";

  @Test
  void aDnsLabAndAnHttpLabMakeAReadyInspector() {
    try (DnsLab dns = DnsLab.builder()
            .zone("joined.test", z -> z
                .nameserver("ns1.joined.test", "127.0.0.81")
                .records("www A 127.0.0.82", "_dnsauth.www TXT \"token-1\""))
            .start();
        HttpLab web = HttpLab.start("www.joined.test");
        DomainValidationInspector inspector = LabInspectors.builder(dns, web).build()) {
      web.endpoint("127.0.0.82", HttpLabTls.VALID).serve(FILE, "token-1");

      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("www.joined.test")
          // DigiCert's console wants the file over HTTP and HTTPS, so HTTPS must be trusted.
          .profile(CaProfiles.DIGICERT)
          .addChecks(HttpFileCheck.of(FILE, "token-1"), DnsTxtCheck.of("_dnsauth", "token-1"))
          .build());

      assertThat(report).isReady();
      org.assertj.core.api.Assertions.assertThat(inspector.moduleIds()).contains("dns", "http");
      org.assertj.core.api.Assertions.assertThat(
          web.endpoints().get(0).https().requestCount()).isPositive();
    }
  }
}
