package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.HttpFixture.DOMAIN;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.TOKEN;
import static org.dvinspector.http.HttpFixture.only;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;
import org.junit.jupiter.api.Test;

/** The file method (BR 3.2.2.4.18) against lab web servers on several loopback addresses. */
final class HttpFileCheckTest {
  private static final HttpFileCheck CHECK = HttpFileCheck.of(FILE_PATH, TOKEN);

  @Test
  void passesWhenEveryAddressServesTheFileOverHttpAndHttps() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      f.endpoint("127.0.0.51").serve(FILE_PATH, TOKEN);
      f.endpoint("::1").serve(FILE_PATH, TOKEN);

      InspectionReport report = f.inspect(CHECK);

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(only(report, FindingCode.CHECK_PASSED).attributes()).containsEntry("endpoints", "6");
      assertThat(report.observations().stream()
          .filter(o -> o.perspective().kind() == org.dvinspector.Perspective.Kind.HTTP_ENDPOINT))
          .hasSize(6)
          .allMatch(o -> o.outcome() == Observation.Outcome.ANSWER);
    }
  }

  @Test
  void keepsTheDomainInTheHostHeaderAndSniWhilePinnedToEachAddress() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint a = f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      HttpLabEndpoint b = f.endpoint("127.0.0.51").serve(FILE_PATH, TOKEN);

      f.inspect(CHECK);

      for (HttpLabEndpoint e : List.of(a, b)) {
        RecordedRequest plain = e.http().requests().get(0);
        RecordedRequest tls = e.https().requests().get(0);
        assertThat(plain.getHeaders().get("Host")).isEqualTo(DOMAIN);
        assertThat(plain.getTarget()).isEqualTo(FILE_PATH);
        assertThat(tls.getHeaders().get("Host")).isEqualTo(DOMAIN);
        assertThat(tls.getHandshakeServerNames()).containsExactly(DOMAIN);
      }
    }
  }

  @Test
  void reportsAMissingFileAsNotFound() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50");

      InspectionReport report = f.inspect(CHECK);

      Finding notFound = only(report, FindingCode.HTTP_FILE_NOT_FOUND);
      assertThat(notFound.severity()).isEqualTo(Severity.ERROR);
      assertThat(notFound.message()).contains("404");
      assertThat(notFound.evidence()).hasSize(2);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
      assertThat(report.hasFinding(FindingCode.HTTP_FILE_AT_WRONG_PATH)).isFalse();
    }
  }

  @Test
  void findsTheFileInTheWebRoot() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve("/fileauth.txt", TOKEN);

      InspectionReport report = f.inspect(CHECK);

      Finding wrong = only(report, FindingCode.HTTP_FILE_AT_WRONG_PATH);
      assertThat(wrong.attributes()).containsEntry("foundAt", "/fileauth.txt");
      assertThat(wrong.remedy().orElse("")).contains(FILE_PATH);
      assertThat(report.hasFinding(FindingCode.HTTP_FILE_NOT_FOUND)).isFalse();
    }
  }

  @Test
  void findsTheFileDirectlyUnderWellKnown() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve("/.well-known/fileauth.txt", TOKEN);

      InspectionReport report = f.inspect(CHECK);

      assertThat(only(report, FindingCode.HTTP_FILE_AT_WRONG_PATH).attributes())
          .containsEntry("foundAt", "/.well-known/fileauth.txt");
    }
  }

  @Test
  void recognisesAnOlderTokenOfTheSameShape() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, "9f8e7d6c5b4a39281706f5e4d3c2b1a0\n");

      InspectionReport report = f.inspect(CHECK);

      Finding mismatch = only(report, FindingCode.HTTP_CONTENT_MISMATCH);
      assertThat(mismatch.attributes()).containsEntry("classification", "older-token");
      assertThat(mismatch.message()).contains("looks like an older token");
      assertThat(mismatch.attributes()).containsEntry("expected", TOKEN);
    }
  }

  @Test
  void recognisesAnHtmlPageServedWithStatus200() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.serve(FILE_PATH, "<!DOCTYPE html>\n<html><head><title>Shop</title></head><body>Welcome</body></html>");

      InspectionReport report = f.inspect(CHECK);

      assertThat(only(report, FindingCode.HTTP_CONTENT_MISMATCH).attributes())
          .containsEntry("classification", "html-page");
    }
  }

  @Test
  void recognisesWindowsLineEndingsInAMultiLineFile() {
    String expected = "A1B2C3D4E5F60718293A4B5C6D7E8F90\nsectigo.com";
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, "A1B2C3D4E5F60718293A4B5C6D7E8F90\r\nsectigo.com\r\n");

      InspectionReport report = f.inspect(HttpFileCheck.of(FILE_PATH, expected));

      assertThat(only(report, FindingCode.HTTP_CONTENT_MISMATCH).attributes())
          .containsEntry("classification", "crlf-line-endings");
    }
  }

  @Test
  void acceptsTheValueAnywhereInTheFileContent() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, "domain verification\n" + TOKEN + "\nthanks\n");

      assertThat(f.inspect(CHECK).verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void reportsDifferentContentOnDifferentAddresses() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      f.endpoint("127.0.0.51").serve(FILE_PATH, "0123456789abcdef0123456789abcdef");

      InspectionReport report = f.inspect(CHECK);

      List<Finding> inconsistent = report.findings(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS);
      assertThat(inconsistent).hasSize(2); // once per scheme
      assertThat(inconsistent.get(0).severity()).isEqualTo(Severity.ERROR);
      assertThat(inconsistent.get(0).evidence()).extracting(ev -> ev.perspective().address().orElse(""))
          .containsExactlyInAnyOrder("127.0.0.50", "127.0.0.51");
      assertThat(only(report, FindingCode.HTTP_CONTENT_MISMATCH).evidence()).hasSize(2);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void acceptsAny2xxStatusWhenTheProfileDoes() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(FILE_PATH, 203, TOKEN);
      f.rules(r -> r.fileSchemes(List.of("http")));

      assertThat(f.inspect(CHECK).verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void refusesOther2xxStatusesWhenTheProfileWantsOnly200() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(FILE_PATH, 203, TOKEN);
      f.rules(r -> r.fileSchemes(List.of("http")).fileAcceptsAny2xx(false));

      Finding status = only(f.inspect(CHECK), FindingCode.HTTP_STATUS_NOT_ACCEPTED);

      assertThat(status.message()).contains("203").contains("only 200");
    }
  }

  @Test
  void reportsAForbiddenStatus() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(FILE_PATH, 403, "Forbidden");
      f.rules(r -> r.fileSchemes(List.of("http")));

      InspectionReport report = f.inspect(CHECK);

      assertThat(only(report, FindingCode.HTTP_STATUS_NOT_ACCEPTED).attributes())
          .containsEntry("status", "403");
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void reportsHttpsUnreachableAsAWarningWhenEitherSchemeWillDo() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.CLOSED).http().serve(FILE_PATH, TOKEN);

      InspectionReport report = f.inspect(CHECK);

      assertThat(only(report, FindingCode.HTTPS_UNREACHABLE).severity()).isEqualTo(Severity.WARNING);
      assertThat(only(report, FindingCode.HTTP_CONNECT_FAILED).severity())
          .isEqualTo(Severity.WARNING);
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void reportsHttpsUnreachableAsAnErrorWhenTheCaChecksBothSchemes() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.CLOSED).http().serve(FILE_PATH, TOKEN);
      f.rules(r -> r.fileRequiresAllSchemes(true));

      InspectionReport report = f.inspect(CHECK);

      assertThat(only(report, FindingCode.HTTPS_UNREACHABLE).severity()).isEqualTo(Severity.ERROR);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void reportsSchemesThatServeDifferentFiles() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().serve(FILE_PATH, TOKEN);
      e.https().serve(FILE_PATH, "0123456789abcdef0123456789abcdef");
      f.rules(r -> r.fileRequiresAllSchemes(true));

      InspectionReport report = f.inspect(CHECK);

      Finding disagree = only(report, FindingCode.HTTP_SCHEMES_DISAGREE);
      assertThat(disagree.attributes()).containsEntry("passing", "http").containsEntry("failing", "https");
      assertThat(report.hasFinding(FindingCode.HTTPS_UNREACHABLE)).isFalse();
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void reportsAClosedPort80() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50").serve(FILE_PATH, TOKEN);
      e.http().stop();
      f.rules(r -> r.fileRequiresAllSchemes(true));

      InspectionReport report = f.inspect(CHECK);

      Finding failed = only(report, FindingCode.HTTP_CONNECT_FAILED);
      assertThat(failed.severity()).isEqualTo(Severity.ERROR);
      assertThat(failed.message()).contains("http://" + DOMAIN);
      assertThat(failed.remedy().orElse("")).contains("DNS validation");
    }
  }

  @Test
  void reportsPlainHttpAnsweredOnPort443() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.PLAIN_HTTP).serve(FILE_PATH, TOKEN);
      // Some plain servers answer the TLS hello with an error, some wait for a request line:
      // a short timeout keeps the second case quick.
      f.policy(p -> p.httpTimeout(Duration.ofMillis(800)));

      InspectionReport report = f.inspect(CHECK);

      Finding plain = only(report, FindingCode.HTTP_PLAIN_ON_HTTPS_PORT);
      assertThat(plain.message()).contains("port 443 answered plain HTTP");
    }
  }

  @Test
  void reportsAServerBehindACdn() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(FILE_PATH, 200, TOKEN,
          Map.of("CF-RAY", "8a1b2c3d4e5f-AMS", "Server", "cloudflare"));
      f.rules(r -> r.fileSchemes(List.of("http")));

      InspectionReport report = f.inspect(CHECK);

      Finding cdn = only(report, FindingCode.HTTP_CDN_DETECTED);
      assertThat(cdn.severity()).isEqualTo(Severity.INFO);
      assertThat(cdn.attributes()).containsEntry("cdn", "Cloudflare");
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void reportsABodyLargerThanTheCaReadsWhenTheValueIsNotInIt() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(FILE_PATH, "x".repeat(300) + TOKEN);
      f.rules(r -> r.fileSchemes(List.of("http")).bodyCapBytes(256));

      Finding large = only(f.inspect(CHECK), FindingCode.HTTP_BODY_TOO_LARGE);

      assertThat(large.attributes()).containsEntry("bodyCapBytes", "256");
    }
  }

  @Test
  void reportsAUtf8ByteOrderMarkOnlyWhereItMatters() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] value = TOKEN.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[bom.length + value.length];
    System.arraycopy(bom, 0, body, 0, bom.length);
    System.arraycopy(value, 0, body, bom.length, value.length);
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serveBytes(FILE_PATH, 200, body);
      f.rules(r -> r.fileSchemes(List.of("http")));

      // The file method looks for the value in the content: a BOM before it does no harm.
      assertThat(f.inspect(CHECK).verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void escapesServerContentInMessages() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(FILE_PATH, "\u001b[31mred\u001b[0m\nsecond line");
      f.rules(r -> r.fileSchemes(List.of("http")));

      Finding mismatch = only(f.inspect(CHECK), FindingCode.HTTP_CONTENT_MISMATCH);

      assertThat(mismatch.message()).doesNotContain("\u001b").doesNotContain("\n")
          .contains("\\x1b[31mred");
      assertThat(mismatch.evidence()).allMatch(ev -> !ev.detail().contains("\u001b"));
    }
  }
}
