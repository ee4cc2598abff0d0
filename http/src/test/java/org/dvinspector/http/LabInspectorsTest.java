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
  /** A random value as DigiCert issues them (22+ characters). */
  private static final String VALUE = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";

  @Test
  void aDnsLabAndAnHttpLabMakeAReadyInspector() {
    try (DnsLab dns = DnsLab.builder()
            .zone("joined.test", z -> z
                .nameserver("ns1.joined.test", "127.0.0.81")
                .records("www A 127.0.0.82", "_dnsauth.www TXT \"" + VALUE + "\""))
            .start();
        HttpLab web = HttpLab.start("www.joined.test");
        DomainValidationInspector inspector = LabInspectors.builder(dns, web).build()) {
      web.endpoint("127.0.0.82", HttpLabTls.VALID).serve(FILE, VALUE);

      InspectionReport report = inspector.inspect(InspectionRequest.builder()
          .domain("www.joined.test")
          // The seed's DigiCert console wants the file over HTTP and HTTPS, so HTTPS must be trusted.
          .profile(CaProfiles.DIGICERT_CONSOLE)
          .addChecks(HttpFileCheck.of(FILE, VALUE), DnsTxtCheck.of("_dnsauth", VALUE))
          .build());

      assertThat(report).isReady();
      org.assertj.core.api.Assertions.assertThat(inspector.moduleIds()).contains("dns", "http");
      org.assertj.core.api.Assertions.assertThat(
          web.endpoints().get(0).https().requestCount()).isPositive();
    }
  }
}
