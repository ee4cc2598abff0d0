package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.AcmeHttp01CheckTest.KEY_AUTHORIZATION;
import static org.dvinspector.http.AcmeHttp01CheckTest.PATH;
import static org.dvinspector.http.HttpFixture.DOMAIN;
import static org.dvinspector.http.HttpFixture.FILE_PATH;
import static org.dvinspector.http.HttpFixture.OTHER;
import static org.dvinspector.http.HttpFixture.TOKEN;
import static org.dvinspector.http.HttpFixture.only;

import java.util.List;
import mockwebserver3.RecordedRequest;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.RedirectPolicy;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.junit.jupiter.api.Test;

/** Redirects followed (or refused) the way the profile says the CA does. */
final class RedirectPolicyTest {
  private static final AcmeHttp01Check ACME = AcmeHttp01Check.of(KEY_AUTHORIZATION);

  @Test
  void followsARedirectFromHttpToHttpsOnTheSameAddress() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(PATH, 301, "https://" + DOMAIN + PATH);
      e.https().serve(PATH, KEY_AUTHORIZATION);

      InspectionReport report = f.inspect(ACME);

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(e.https().requests()).hasSize(1);
    }
  }

  @Test
  void followsARelativeRedirect() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(PATH, 302, "/challenges/current");
      e.http().serve("/challenges/current", KEY_AUTHORIZATION);

      assertThat(f.inspect(ACME).verdict()).isEqualTo(Verdict.READY);
    }
  }

  @Test
  void resolvesAndFetchesARedirectTargetOnAnotherHost() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().redirect(PATH, 307, "http://" + OTHER + "/acme" + PATH);
      HttpLabEndpoint other = f.lab.endpoint("127.0.0.60");
      other.http().serve("/acme" + PATH, KEY_AUTHORIZATION);
      f.name(OTHER, "127.0.0.60");

      InspectionReport report = f.inspect(ACME);

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      RecordedRequest r = other.http().requests().get(0);
      assertThat(r.getHeaders().get("Host")).isEqualTo(OTHER);
    }
  }

  @Test
  void refusesAnyRedirectWhenTheProfileFollowsNone() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(FILE_PATH, 302, "https://" + DOMAIN + FILE_PATH);
      e.https().serve(FILE_PATH, TOKEN);
      f.rules(r -> r.fileRedirects(RedirectPolicy.none()).fileRequiresAllSchemes(true));

      InspectionReport report = f.inspect(HttpFileCheck.of(FILE_PATH, TOKEN));

      Finding refused = only(report, FindingCode.HTTP_REDIRECT_NOT_ALLOWED);
      assertThat(refused.message()).contains("302").contains("does not follow redirects");
      assertThat(refused.attributes()).containsEntry("redirectStatus", "302");
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void refusesAStatusTheCaDoesNotFollow() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().redirect(PATH, 303, "/elsewhere");

      Finding refused = only(f.inspect(ACME), FindingCode.HTTP_REDIRECT_NOT_ALLOWED);

      assertThat(refused.message()).contains("303").contains("301, 302, 307, 308");
    }
  }

  @Test
  void refusesAPortTheCaDoesNotFollow() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().redirect(PATH, 301, "http://" + DOMAIN + ":8080" + PATH);

      Finding refused = only(f.inspect(ACME), FindingCode.HTTP_REDIRECT_NOT_ALLOWED);

      assertThat(refused.message()).contains("port 8080");
    }
  }

  @Test
  void refusesASchemeTheCaDoesNotFollow() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().redirect(PATH, 301, "ftp://" + DOMAIN + PATH);

      Finding refused = only(f.inspect(ACME), FindingCode.HTTP_REDIRECT_NOT_ALLOWED);

      assertThat(refused.message()).contains("ftp://");
    }
  }

  @Test
  void followsARedirectToAPublicIpAddressLikeLetsEncrypt() {
    // boulder va/http.go at 2d00c8e (extractRequestTarget): a public IP literal is followed.
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.lab.endpoint("127.0.0.50").alsoAnswersFor("203.0.114.50");
      f.resolvesAlsoTo("203.0.114.50");
      e.http().redirect(PATH, 301, "http://203.0.114.51" + PATH);
      HttpLabEndpoint literal = f.lab.endpoint("127.0.0.51").alsoAnswersFor("203.0.114.51");
      literal.serve(PATH, KEY_AUTHORIZATION);
      f.policy(p -> p.allowNonPublicAddresses(false));

      InspectionReport report = f.inspect(ACME);

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(literal.http().requestCount()).isEqualTo(1);
    }
  }

  @Test
  void refusesARedirectToANonPublicIpAddress() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.lab.endpoint("127.0.0.50").alsoAnswersFor("203.0.114.50");
      f.resolvesAlsoTo("203.0.114.50");
      e.http().redirect(PATH, 301, "http://127.0.0.51" + PATH);
      HttpLabEndpoint loopback = f.lab.endpoint("127.0.0.51");
      loopback.serve(PATH, KEY_AUTHORIZATION);
      f.policy(p -> p.allowNonPublicAddresses(false));

      InspectionReport report = f.inspect(ACME);

      Finding refused = only(report, FindingCode.ADDRESS_NOT_PUBLIC);
      assertThat(refused.message()).contains("the loopback address 127.0.0.51");
      assertThat(loopback.http().requestCount()).isZero();
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void refusesATargetOutsideThePublicTopLevelDomains() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().redirect(PATH, 301, "http://intranet.corp" + PATH);
      f.name("intranet.corp", "127.0.0.50");

      Finding refused = only(f.inspect(ACME), FindingCode.HTTP_REDIRECT_NOT_ALLOWED);

      assertThat(refused.message()).contains(".corp is not in the public root zone");
    }
  }

  @Test
  void recognisesAMissingSlashInTheRedirectRule() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http()
          .redirect(PATH, 301, "https://" + DOMAIN + ".well-known/acme-challenge/" + "x");

      Finding slash = only(f.inspect(ACME), FindingCode.HTTP_REDIRECT_MISSING_SLASH);

      assertThat(slash.message()).contains(DOMAIN + ".well-known");
      assertThat(slash.remedy().orElse("")).contains("missing '/'");
    }
  }

  @Test
  void detectsARedirectLoop() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(PATH, 301, "https://" + DOMAIN + PATH);
      e.https().redirect(PATH, 301, "http://" + DOMAIN + PATH);

      Finding loop = only(f.inspect(ACME), FindingCode.HTTP_REDIRECT_LOOP);

      assertThat(loop.message()).contains("http://" + DOMAIN + PATH + " -> https://" + DOMAIN + PATH
          + " -> http://" + DOMAIN + PATH);
    }
  }

  @Test
  void stopsAfterTheMostRedirectsTheCaFollows() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(PATH, 301, "/hop/1");
      for (int i = 1; i <= 4; i++) {
        e.http().redirect("/hop/" + i, 301, "/hop/" + (i + 1));
      }
      e.http().serve("/hop/5", KEY_AUTHORIZATION);
      f.rules(r -> r.acmeRedirects(RedirectPolicy.acme().toBuilder().maxRedirects(3).build()));

      Finding tooMany = only(f.inspect(ACME), FindingCode.HTTP_TOO_MANY_REDIRECTS);

      assertThat(tooMany.attributes()).containsEntry("maxRedirects", "3");
      assertThat(e.http().requestCount()).isEqualTo(4);
    }
  }

  @Test
  void refusesARedirectTargetThatResolvesToAPrivateAddress() {
    try (HttpFixture f = new HttpFixture()) {
      // The domain itself stands on a public address (routed to the lab); the target is private.
      HttpLabEndpoint e = f.lab.endpoint("127.0.0.50").alsoAnswersFor("203.0.114.50");
      f.resolvesAlsoTo("203.0.114.50");
      e.http().redirect(PATH, 301, "http://" + OTHER + PATH);
      f.lab.endpoint("127.0.0.60").alsoAnswersFor("10.20.30.40").serve(PATH, KEY_AUTHORIZATION);
      f.name(OTHER, "10.20.30.40");
      f.policy(p -> p.allowNonPublicAddresses(false));

      InspectionReport report = f.inspect(ACME);

      Finding notPublic = only(report, FindingCode.ADDRESS_NOT_PUBLIC);
      assertThat(notPublic.message()).contains("10.20.30.40 (private)");
      assertThat(f.lab.endpoints().get(1).http().requestCount()).isZero();
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    }
  }

  @Test
  void reportsARedirectTargetThatDoesNotResolve() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().redirect(PATH, 301, "http://gone.example.com" + PATH);

      Finding unresolvable = only(f.inspect(ACME), FindingCode.DOMAIN_NOT_RESOLVABLE);

      assertThat(unresolvable.message()).contains("gone.example.com");
    }
  }

  @Test
  void judgesEachAddressOwnChain() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint good = f.endpoint("127.0.0.50");
      good.http().redirect(PATH, 301, "https://" + DOMAIN + PATH);
      good.https().serve(PATH, KEY_AUTHORIZATION);
      HttpLabEndpoint stale = f.endpoint("127.0.0.51");
      stale.http().redirect(PATH, 301, "https://" + DOMAIN + PATH);

      InspectionReport report = f.inspect(ACME);

      Finding notFound = only(report, FindingCode.HTTP_FILE_NOT_FOUND);
      assertThat(notFound.evidence()).extracting(ev -> ev.perspective().address().orElse(""))
          .containsExactly("127.0.0.51");
      assertThat(report.findings(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)).hasSize(1);
      assertThat(List.of(good.https().requestCount(), stale.https().requestCount()))
          .containsExactly(1, 1);
    }
  }

  @Test
  void followsTheFirstOfTwoLocationHeadersAsLetsEncryptDoes() {
    // boulder va/http.go at 2d00c8e follows redirects with Go's http.Client, which reads
    // Header.Get("Location"): the first value. OkHttp's Headers.get would give the last.
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().respond(PATH, new mockwebserver3.MockResponse.Builder()
          .code(301)
          .addHeader("Location", "/first")
          .addHeader("Location", "/second")
          .build());
      e.http().serve("/first", KEY_AUTHORIZATION);
      e.http().serve("/second", "not it");

      InspectionReport report = f.inspect(ACME);

      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(report.findings(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS))
          .singleElement().satisfies(w -> assertThat(w.message()).contains("2 Location headers"));
    }
  }

  @Test
  void fetchesTheRedirectTargetsPublicAddressWhateverTheRecordOrder() {
    // boulder va/dns.go at 2d00c8e (getAddrs) drops reserved addresses and uses what is left.
    for (int run = 0; run < 6; run++) {
      boolean privateFirst = run % 2 == 0;
      try (HttpFixture f = new HttpFixture()) {
        HttpLabEndpoint e = f.lab.endpoint("127.0.0.50").alsoAnswersFor("203.0.114.50");
        f.resolvesAlsoTo("203.0.114.50");
        e.http().redirect(PATH, 301, "http://" + OTHER + PATH);
        HttpLabEndpoint pub = f.lab.endpoint("127.0.0.60").alsoAnswersFor("203.0.114.60");
        pub.serve(PATH, KEY_AUTHORIZATION);
        HttpLabEndpoint priv = f.lab.endpoint("127.0.0.61").alsoAnswersFor("10.20.30.40");
        priv.serve(PATH, "private");
        if (privateFirst) {
          f.name(OTHER, "10.20.30.40", "203.0.114.60");
        } else {
          f.name(OTHER, "203.0.114.60", "10.20.30.40");
        }
        f.policy(p -> p.allowNonPublicAddresses(false));

        InspectionReport report = f.inspect(ACME);

        assertThat(report.verdict()).as("private first: %s", privateFirst).isEqualTo(Verdict.READY);
        assertThat(priv.http().requestCount()).isZero();
        assertThat(report.findings(FindingCode.ADDRESS_NOT_PUBLIC)).singleElement()
            .satisfies(w -> assertThat(w.message()).contains("10.20.30.40 (private)"));
      }
    }
  }
}
