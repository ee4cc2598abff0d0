package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.HttpFixture.only;

import java.nio.charset.StandardCharsets;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.junit.jupiter.api.Test;

/** ACME http-01 (RFC 8555 §8.3) against lab web servers. */
final class AcmeHttp01CheckTest {
  static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  static final String KEY_AUTHORIZATION = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  static final String PATH = "/.well-known/acme-challenge/" + TOKEN;
  private static final AcmeHttp01Check CHECK = AcmeHttp01Check.of(KEY_AUTHORIZATION);

  @Test
  void passesWithTheKeyAuthorizationAndTrailingWhitespace() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(PATH, KEY_AUTHORIZATION + "\r\n");
      f.endpoint("127.0.0.51").http().serve(PATH, KEY_AUTHORIZATION);

      InspectionReport report = f.inspect(CHECK);

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void fetchesOnlyOverHttpOnPort80() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.serve(PATH, KEY_AUTHORIZATION);

      f.inspect(CHECK);

      assertThat(e.http().requestCount()).isEqualTo(1);
      assertThat(e.https().requestCount()).isZero();
    }
  }

  @Test
  void refusesTrailingWhitespaceWhenTheCaDoesNotTrimIt() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(PATH, KEY_AUTHORIZATION + "\n");
      f.rules(r -> r.trimTrailingWhitespace(false));

      assertThat(only(f.inspect(CHECK), FindingCode.HTTP_CONTENT_MISMATCH).attributes())
          .containsEntry("classification", "trailing-whitespace");
    }
  }

  @Test
  void reportsAByteOrderMarkBeforeTheKeyAuthorization() {
    byte[] value = ("\ufeff" + KEY_AUTHORIZATION).getBytes(StandardCharsets.UTF_8);
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serveBytes(PATH, 200, value);

      Finding mismatch = only(f.inspect(CHECK), FindingCode.HTTP_CONTENT_MISMATCH);

      assertThat(mismatch.attributes()).containsEntry("classification", "utf8-bom");
      assertThat(mismatch.remedy().orElse("")).contains("without a byte order mark");
      assertThat(mismatch.message()).contains("\\ufeff");
    }
  }

  @Test
  void recognisesAKeyAuthorizationMadeWithAnotherAccountKey() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http()
          .serve(PATH, TOKEN + ".Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

      assertThat(only(f.inspect(CHECK), FindingCode.HTTP_CONTENT_MISMATCH).attributes())
          .containsEntry("classification", "other-account-key");
    }
  }

  @Test
  void refusesExtraContentAroundTheKeyAuthorization() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(PATH, "challenge: " + KEY_AUTHORIZATION);

      assertThat(only(f.inspect(CHECK), FindingCode.HTTP_CONTENT_MISMATCH).attributes())
          .containsEntry("classification", "extra-content");
    }
  }

  @Test
  void acceptsOnlyStatus200() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(PATH, 202, KEY_AUTHORIZATION);

      Finding status = only(f.inspect(CHECK), FindingCode.HTTP_STATUS_NOT_ACCEPTED);

      assertThat(status.message()).contains("202").contains("only 200");
    }
  }

  @Test
  void reportsABodyOverLetsEncrypts128Bytes() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(PATH, KEY_AUTHORIZATION + "\n" + "#".repeat(100));
      f.rules(r -> r.bodyCapBytes(128));

      Finding large = only(f.inspect(CHECK), FindingCode.HTTP_BODY_TOO_LARGE);

      assertThat(large.message()).contains("128 bytes");
    }
  }

  @Test
  void reportsAMissingChallengeFile() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50");

      Finding missing = only(f.inspect(CHECK), FindingCode.HTTP_FILE_NOT_FOUND);

      assertThat(missing.remedy().orElse("")).contains("key authorization");
    }
  }
}
