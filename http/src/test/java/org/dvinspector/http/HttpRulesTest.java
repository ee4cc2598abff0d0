package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.TOKEN;
import static org.dvinspector.http.HttpFixture.only;

import java.util.List;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;
import org.junit.jupiter.api.Test;

/** The profile's HTTP rules: TLS certificate strictness, IPv6 first with IPv4 fallback. */
final class HttpRulesTest {
  private static final HttpFileCheck CHECK = HttpFileCheck.of(FILE_PATH, TOKEN);

  @Test
  void reportsACertificateForAnotherNameAsAWarningWhenTheCaDoesNotCheckIt() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.WRONG_NAME).serve(FILE_PATH, TOKEN);
      f.rules(r -> r.fileRequiresAllSchemes(true));

      InspectionReport report = f.inspect(CHECK);

      Finding tls = only(report, FindingCode.HTTP_TLS_PROBLEM);
      assertThat(tls.severity()).isEqualTo(Severity.WARNING);
      assertThat(tls.message()).contains("does not cover").contains(HttpLab.WRONG_NAME);
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void reportsASelfSignedCertificate() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.SELF_SIGNED).serve(FILE_PATH, TOKEN);

      Finding tls = only(f.inspect(CHECK), FindingCode.HTTP_TLS_PROBLEM);

      assertThat(tls.message()).contains("self-signed");
    }
  }

  @Test
  void reportsAnExpiredCertificate() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.EXPIRED).serve(FILE_PATH, TOKEN);

      Finding tls = only(f.inspect(CHECK), FindingCode.HTTP_TLS_PROBLEM);

      assertThat(tls.message()).contains("expired");
    }
  }

  @Test
  void failsOnACertificateProblemWhenTheCaRequiresAValidCertificate() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.SELF_SIGNED).serve(FILE_PATH, TOKEN);
      f.rules(r -> r.fileRequiresAllSchemes(true).httpsCertificateMustBeValid(true));

      InspectionReport report = f.inspect(CHECK);

      Finding tls = only(report, FindingCode.HTTP_TLS_PROBLEM);
      assertThat(tls.severity()).isEqualTo(Severity.ERROR);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void trustsTheLabCaThroughTheHostsClient() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      f.rules(r -> r.httpsCertificateMustBeValid(true).fileRequiresAllSchemes(true));

      InspectionReport report = f.inspect(CHECK);

      assertThat(report.hasFinding(FindingCode.HTTP_TLS_PROBLEM)).isFalse();
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void warnsWhenIpv6IsRefusedButIpv4Works() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      HttpLabEndpoint v6 = f.endpoint("::1").serve(FILE_PATH, TOKEN);
      v6.http().stop();
      f.rules(r -> r.fileSchemes(List.of("http")));

      InspectionReport report = f.inspect(CHECK);

      Finding broken = only(report, FindingCode.HTTP_IPV6_BROKEN);
      assertThat(broken.severity()).isEqualTo(Severity.WARNING);
      assertThat(broken.message()).contains("fall back to IPv4");
      assertThat(report.hasFinding(FindingCode.HTTP_CONNECT_FAILED)).isFalse();
      assertThat(report.hasFinding(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)).isFalse();
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void failsWhenIpv6IsRefusedAndTheCaDoesNotFallBack() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      f.endpoint("::1").serve(FILE_PATH, TOKEN).http().stop();
      f.rules(r -> r.fileSchemes(List.of("http")).ipv4Fallback(false));

      InspectionReport report = f.inspect(CHECK);

      assertThat(only(report, FindingCode.HTTP_IPV6_BROKEN).severity()).isEqualTo(Severity.ERROR);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void failsWhenIpv6ConnectsButServesSomethingElse() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      f.endpoint("::1");
      f.rules(r -> r.fileSchemes(List.of("http")));

      InspectionReport report = f.inspect(CHECK);

      // A CA falls back only when the IPv6 connection fails, not after a 404.
      assertThat(only(report, FindingCode.HTTP_FILE_NOT_FOUND).evidence())
          .extracting(ev -> ev.perspective().address().orElse(""))
          .containsExactly("0:0:0:0:0:0:0:1");
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }
}
