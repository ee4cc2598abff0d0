package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.AcmeHttp01CheckTest.KEY_AUTHORIZATION;
import static org.dvinspector.http.AcmeHttp01CheckTest.PATH;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.TOKEN;
import static org.dvinspector.http.HttpFixture.only;

import java.time.Duration;
import java.util.List;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CheckResult;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.junit.jupiter.api.Test;

/**
 * The network policy: no connection to non-public addresses unless the host opts in, and every
 * fetch ends inside the inspection deadline whatever the server does.
 */
final class NetworkPolicyTest {
  private static final AcmeHttp01Check ACME = AcmeHttp01Check.of(KEY_AUTHORIZATION);

  @Test
  void refusesAPrivateAddressByDefault() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.lab.endpoint("127.0.0.50").alsoAnswersFor("10.1.2.3");
      e.http().serve(PATH, KEY_AUTHORIZATION);
      f.resolvesAlsoTo("10.1.2.3");
      f.policy(p -> p.allowNonPublicAddresses(false));

      InspectionReport report = f.inspect(ACME);

      Finding notPublic = only(report, FindingCode.ADDRESS_NOT_PUBLIC);
      assertThat(notPublic.severity()).isEqualTo(Severity.ERROR);
      assertThat(notPublic.message()).contains("10.1.2.3 (private)");
      assertThat(report.observations()).anyMatch(o -> o.outcome() == Observation.Outcome.SKIPPED
          && o.perspective().address().orElse("").equals("10.1.2.3"));
      assertThat(e.http().requestCount()).isZero();
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void fetchesFromAPrivateAddressWhenTheHostOptsIn() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.lab.endpoint("127.0.0.50").alsoAnswersFor("10.1.2.3");
      e.http().serve(PATH, KEY_AUTHORIZATION);
      f.resolvesAlsoTo("10.1.2.3");
      f.policy(p -> p.allowNonPublicAddresses(true));

      InspectionReport report = f.inspect(ACME);

      assertThat(report.hasFinding(FindingCode.ADDRESS_NOT_PUBLIC)).isFalse();
      assertThat(e.http().requestCount()).isEqualTo(1);
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void refusesLoopbackAddressesByDefault() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().serve(PATH, KEY_AUTHORIZATION);
      f.policy(p -> p.allowNonPublicAddresses(false));

      InspectionReport report = f.inspect(ACME);

      assertThat(only(report, FindingCode.ADDRESS_NOT_PUBLIC).message()).contains("(loopback)");
      assertThat(e.http().requestCount()).isZero();
    }
  }

  @Test
  void reportsADomainWithoutAddresses() {
    try (HttpFixture f = new HttpFixture()) {
      InspectionReport report = f.inspect(ACME);

      assertThat(only(report, FindingCode.DOMAIN_NOT_RESOLVABLE).severity())
          .isEqualTo(Severity.ERROR);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void reportsAServerThatNeverAnswersAsATimeout() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().stall(PATH);
      f.policy(p -> p.httpTimeout(Duration.ofMillis(400)).deadline(Duration.ofSeconds(3)));

      InspectionReport report = f.inspect(ACME);

      Finding timeout = only(report, FindingCode.HTTP_TIMEOUT);
      assertThat(timeout.severity()).isEqualTo(Severity.ERROR);
      assertThat(timeout.message()).contains("no response in time");
      assertThat(report.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).isFalse();
    }
  }

  @Test
  void endsADripFedBodyWithATimeoutFinding() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().dripFeed(PATH, KEY_AUTHORIZATION, Duration.ofMillis(100));
      f.policy(p -> p.httpTimeout(Duration.ofMillis(500)).deadline(Duration.ofSeconds(3)));

      InspectionReport report = f.inspect(ACME);

      Finding timeout = only(report, FindingCode.HTTP_TIMEOUT);
      assertThat(timeout.message()).contains("the response did not finish in time");
      assertThat(timeout.severity()).isEqualTo(Severity.ERROR);
      assertThat(report.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).isFalse();
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void endsADripFedBodyBeforeTheInspectionDeadline() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().dripFeed(PATH, KEY_AUTHORIZATION, Duration.ofMillis(100));
      f.policy(p -> p.httpTimeout(Duration.ofSeconds(30)).deadline(Duration.ofMillis(1500)));

      InspectionReport report = f.inspect(ACME);

      // The deadline, not the CA's 30 s timeout, ended the wait: a warning, and no verdict.
      Finding timeout = only(report, FindingCode.HTTP_TIMEOUT);
      assertThat(timeout.severity()).isEqualTo(Severity.WARNING);
      assertThat(timeout.message()).contains("inspection deadline");
      assertThat(report.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).isFalse();
      assertThat(report.checkResults().get(0).status()).isEqualTo(CheckResult.Status.UNDECIDED);
      assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    }
  }

  @Test
  void endsAnEndlessBodyWithABodyTooLargeFinding() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().endless(PATH);
      f.policy(p -> p.deadline(Duration.ofSeconds(3)));

      InspectionReport report = f.inspect(ACME);

      assertThat(only(report, FindingCode.HTTP_BODY_TOO_LARGE).severity())
          .isEqualTo(Severity.ERROR);
      assertThat(report.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).isFalse();
      assertThat(report.hasFinding(FindingCode.HTTP_TIMEOUT)).isFalse();
    }
  }

  @Test
  void endsAnEndlessBodyForTheFileMethodToo() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().endless(FILE_PATH);
      f.rules(r -> r.fileSchemes(List.of("http")));

      InspectionReport report = f.inspect(HttpFileCheck.of(FILE_PATH, TOKEN));

      assertThat(report.hasFinding(FindingCode.HTTP_BODY_TOO_LARGE)).isTrue();
    }
  }

  @Test
  void fetchesEveryEndpointWithinTheConnectionLimit() {
    try (HttpFixture f = new HttpFixture()) {
      for (int i = 50; i < 56; i++) {
        f.endpoint("127.0.0." + i).serve(FILE_PATH, TOKEN);
      }
      f.policy(p -> p.maxConcurrentConnections(2));

      InspectionReport report = f.inspect(HttpFileCheck.of(FILE_PATH, TOKEN));

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(only(report, FindingCode.CHECK_PASSED).attributes())
          .containsEntry("endpoints", "12");
    }
  }

  @Test
  void aDeadlineThatCutsHttpsWhileHttpIsRefusedIsUnknownNotNotReady() {
    // Either scheme will do; http is refused, https would answer after the deadline: whether the
    // CA, fetching https, would succeed is unknown.
    try (HttpFixture f = new HttpFixture()) {
      org.dvinspector.testkit.HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().stop();
      e.https().respond(HttpFixture.FILE_PATH, new mockwebserver3.MockResponse.Builder()
          .code(200)
          .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS)
          .body(HttpFixture.TOKEN)
          .build());
      f.policy(p -> p.httpTimeout(java.time.Duration.ofSeconds(10))
          .deadline(java.time.Duration.ofMillis(1500)));

      org.dvinspector.InspectionReport report =
          f.inspect(org.dvinspector.HttpFileCheck.of(HttpFixture.FILE_PATH, HttpFixture.TOKEN));

      assertThat(report.verdict()).isEqualTo(org.dvinspector.Verdict.UNKNOWN);
      assertThat(report.findings(org.dvinspector.Severity.ERROR)).isEmpty();
      assertThat(report.findings(org.dvinspector.FindingCode.HTTP_CONNECT_FAILED)).singleElement()
          .satisfies(c -> assertThat(c.severity()).isEqualTo(org.dvinspector.Severity.WARNING));
    }
  }
}
