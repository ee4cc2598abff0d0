package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.AddressScope;
import org.dvinspector.CaProfiles;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
import org.dvinspector.Severity;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;
import org.junit.jupiter.api.Test;

/**
 * The profiles' HTTP rules against lab web servers, each rule where the CAs decide differently:
 * the CA's request identity, DigiCert's https-first order, IPv4-only addresses, relative-only
 * redirects, any status below 400, its 5,000-character window and host-name check; Let's
 * Encrypt's 127-byte body, eleven redirects and Go's whitespace; Pebble's trim set; and the
 * k-of-n wording for a CDN with one stale node.
 */
final class ProfileHttpRulesTest {
  /** A random value of DigiCert's shape: 32 base-62 characters. */
  private static final String DC = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";
  private static final String FILE = HttpFileCheck.PATH_PREFIX + "fileauth.txt";
  private static final HttpFileCheck DC_FILE = CaProfiles.DIGICERT.httpFileCheck(DC);
  private static final String KA = AcmeHttp01CheckTest.KEY_AUTHORIZATION;
  private static final String ACME_PATH = AcmeHttp01CheckTest.PATH;
  private static final AcmeHttp01Check ACME = AcmeHttp01Check.of(KA);
  private static final String LE_AGENT =
      "Mozilla/5.0 (compatible; Let's Encrypt validation server; +https://www.letsencrypt.org)";

  // ------------------------------------------------------------------ request identity

  @Test
  void theCasUserAgentAndHeadersReachTheWebServer() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().serve(ACME_PATH, KA);
      f.profile(CaProfiles.LETS_ENCRYPT);

      assertThat(f.inspect(ACME)).isReady();

      RecordedRequest r = e.http().requests().get(0);
      assertThat(r.getHeaders().get("User-Agent")).isEqualTo(LE_AGENT);
      assertThat(r.getHeaders().get("Accept")).isEqualTo("*/*");
    }
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50").serve(FILE, DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady();

      assertThat(e.https().requests()).extracting(r -> r.getHeaders().get("User-Agent"))
          .containsOnly("DCV-Library/1.0");
    }
  }

  @Test
  void aSiteThatRefusesTheCasAgentButServesABrowserIsReported() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().serve(ACME_PATH, KA).refuseAgent("Let's Encrypt validation server", 403);
      f.profile(CaProfiles.LETS_ENCRYPT);

      InspectionReport report = f.inspect(ACME);

      assertThat(report).isNotReady()
          .finding(FindingCode.HTTP_USER_AGENT_REFUSED)
          .hasSeverity(Severity.ERROR)
          .hasAttribute("caStatus", "403")
          .hasAttribute("browserStatus", "200")
          .hasAttribute("userAgent", LE_AGENT)
          .messageContains("a firewall, WAF or bot rule refuses the CA")
          .remedyContains("Let's Encrypt validation server");
      assertThat(report.hasFinding(FindingCode.HTTP_STATUS_NOT_ACCEPTED)).isFalse();
      // The browser's fetch is an auxiliary observation caused by the CA-like fetch.
      Observation browser = report.observations().stream()
          .filter(o -> o.query().contains("as a browser")).findFirst().orElseThrow();
      Observation ca = report.observations().stream()
          .filter(o -> o.query().equals("GET http://www.example.com" + ACME_PATH))
          .findFirst().orElseThrow();
      assertThat(browser.auxiliary()).isTrue();
      assertThat(browser.causes()).contains(ca.id());
      assertThat(e.http().requests()).extracting(r -> r.getHeaders().get("User-Agent"))
          .hasSize(2).contains(LE_AGENT);
    }
  }

  @Test
  void aSiteBrokenForEveryoneIsNotBlamedOnTheAgent() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(ACME_PATH, 503, "maintenance");
      f.profile(CaProfiles.LETS_ENCRYPT);

      InspectionReport report = f.inspect(ACME);

      assertThat(report).isNotReady()
          .doesNotHaveFinding(FindingCode.HTTP_USER_AGENT_REFUSED)
          .hasFinding(FindingCode.HTTP_STATUS_NOT_ACCEPTED);
      assertThat(report.observations()).filteredOn(Observation::auxiliary)
          .anySatisfy(o -> assertThat(o.query()).contains("as a browser"));
    }
  }

  @Test
  void theGenericProfileSendsTheInspectorsAgentAndComparesWithNoBrowser() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().serve(ACME_PATH, 503, "maintenance");

      f.inspect(ACME);

      assertThat(e.http().requests()).extracting(r -> r.getHeaders().get("User-Agent"))
          .singleElement().asString().contains("DV Inspector");
    }
  }

  // ------------------------------------------------------------------ DigiCert's file fetch

  @Test
  void httpRedirectingToHttpsIsReadyForDigicertWhichFetchesHttpsFirst() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(FILE, 301, "https://" + HttpFixture.DOMAIN + FILE);
      e.https().serve(FILE, DC);
      f.profile(CaProfiles.DIGICERT);

      InspectionReport digicert = f.inspect(DC_FILE);

      assertThat(digicert).isReady().hasNoErrors()
          .finding(FindingCode.HTTP_SCHEMES_DISAGREE)
          .hasSeverity(Severity.WARNING)
          .messageContains("DigiCert fetches https, then http and stops at the first that passes");
    }
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(FILE, 301, "https://" + HttpFixture.DOMAIN + FILE);
      e.https().serve(FILE, DC);
      f.profile(CaProfiles.DIGICERT_CONSOLE);

      assertThat(f.inspect(DC_FILE)).isNotReady()
          .finding(FindingCode.HTTP_REDIRECT_NOT_ALLOWED)
          .hasSeverity(Severity.ERROR);
    }
  }

  @Test
  void digicertUsesIpv4Only() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE, DC);
      HttpLabEndpoint v6 = f.endpoint("::1");
      f.profile(CaProfiles.DIGICERT);

      InspectionReport report = f.inspect(DC_FILE);

      // The IPv6 address answers 404, but DigiCert never connects to it.
      assertThat(report).isReady().hasNoErrors();
      assertThat(v6.http().requestCount() + v6.https().requestCount()).isZero();
      assertThat(report.observations())
          .filteredOn(o -> o.outcome() == Observation.Outcome.SKIPPED)
          .extracting(Observation::result)
          .contains("not fetched: DigiCert connects over IPv4 only (it looks up A records)");
    }
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE, DC);
      f.endpoint("::1");

      // A CA that uses IPv6 meets the 404 there.
      assertThat(f.inspect(DC_FILE)).isNotReady().hasFinding(FindingCode.HTTP_FILE_NOT_FOUND);
    }
  }

  @Test
  void aNameWithOnlyAaaaRecordsFailsForDigicert() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("::1").serve(FILE, DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isNotReady()
          .finding(FindingCode.DOMAIN_NOT_RESOLVABLE)
          .messageContains("has no A record, only AAAA, and DigiCert looks up A records only");
    }
  }

  @Test
  void digicertFollowsRelativeRedirectsButNotAbsoluteOnes() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().redirect(FILE, 302, "/files/fileauth.txt").serve("/files/fileauth.txt", DC);
      e.https().redirect(FILE, 302, "/files/fileauth.txt").serve("/files/fileauth.txt", DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady().hasNoErrors();
    }
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      String absolute = "https://" + HttpFixture.DOMAIN + "/files/fileauth.txt";
      e.http().redirect(FILE, 302, absolute).serve("/files/fileauth.txt", DC);
      e.https().redirect(FILE, 302, absolute).serve("/files/fileauth.txt", DC);
      f.profile(CaProfiles.DIGICERT);

      InspectionReport report = f.inspect(DC_FILE);

      assertThat(report).isNotReady()
          .finding(FindingCode.HTTP_REDIRECT_NOT_ALLOWED)
          .messageContains("an absolute URL; DigiCert follows only relative redirects")
          .messageContains("takes the 302 response as final and searches its body");
      // The same site passes for a CA that follows absolute redirects.
      f.profile(CaProfiles.BASELINE_REQUIREMENTS);
      assertThat(f.inspect(DC_FILE)).isReady();
    }
  }

  @Test
  void digicertSearchesAnyStatusBelow400IncludingARedirectItDoesNotFollow() {
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      // A 303 is not followed: the response itself is final, and its body holds the value.
      e.http().serve(FILE, 303, "see other: " + DC);
      e.https().serve(FILE, 303, "see other: " + DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady().hasNoErrors();
    }
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").https().serve(FILE, 203, DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady();
    }
    try (HttpFixture f = new HttpFixture()) {
      HttpLabEndpoint e = f.endpoint("127.0.0.50");
      e.http().serve(FILE, 403, DC);
      e.https().serve(FILE, 403, DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isNotReady()
          .finding(FindingCode.HTTP_STATUS_NOT_ACCEPTED)
          .messageContains("DigiCert accepts any status below 400");
    }
  }

  @Test
  void digicertSearchesTheFirst5000CharactersAndIgnoresWhatSurroundsTheValue() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE, "\ufeff<html><body>\r\n" + DC + "\r\n</body></html>");
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady().hasNoErrors();
    }
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE, "x".repeat(4968) + DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady();
    }
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").serve(FILE, "x".repeat(4969) + DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isNotReady()
          .finding(FindingCode.HTTP_BODY_TOO_LARGE)
          .hasAttribute("bodyCapBytes", "5000");
    }
  }

  @Test
  void digicertChecksTheCertificatesNameButNotItsIssuer() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.SELF_SIGNED).https().serve(FILE, DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isReady().hasNoErrors();
    }
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50", HttpLabTls.WRONG_NAME).https().serve(FILE, DC);
      f.profile(CaProfiles.DIGICERT);

      assertThat(f.inspect(DC_FILE)).isNotReady()
          .finding(FindingCode.HTTP_TLS_PROBLEM)
          .hasSeverity(Severity.ERROR)
          .messageContains("does not cover");
      // Let's Encrypt-style rules look at neither.
      f.profile(CaProfiles.BASELINE_REQUIREMENTS);
      f.rules(r -> r.fileSchemes(List.of("https")));
      assertThat(f.inspect(DC_FILE)).isReady();
    }
  }

  // ------------------------------------------------------------------ Let's Encrypt and Pebble

  @Test
  void letsEncryptRefusesABodyThatFillsItsRead() {
    String padded127 = KA + " ".repeat(127 - KA.length());
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(ACME_PATH, padded127);
      f.profile(CaProfiles.LETS_ENCRYPT);

      assertThat(f.inspect(ACME)).isReady();
    }
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(ACME_PATH, padded127 + " ");
      f.profile(CaProfiles.LETS_ENCRYPT);

      assertThat(f.inspect(ACME)).isNotReady()
          .finding(FindingCode.HTTP_BODY_TOO_LARGE)
          .hasAttribute("bodyCapBytes", "127");
    }
  }

  @Test
  void letsEncryptFollowsElevenRedirectsAndFailsOnTheTwelfth() {
    for (int hops : new int[] {11, 12}) {
      try (HttpFixture f = new HttpFixture()) {
        HttpLabEndpoint e = f.endpoint("127.0.0.50");
        e.http().redirect(ACME_PATH, 301, "http://" + HttpFixture.DOMAIN + "/r/1");
        for (int i = 1; i < hops; i++) {
          e.http().redirect("/r/" + i, 301, "http://" + HttpFixture.DOMAIN + "/r/" + (i + 1));
        }
        e.http().serve("/r/" + hops, KA);
        f.profile(CaProfiles.LETS_ENCRYPT);

        InspectionReport report = f.inspect(ACME);

        if (hops == 11) {
          assertThat(report).isReady();
        } else {
          assertThat(report).isNotReady().finding(FindingCode.HTTP_TOO_MANY_REDIRECTS)
              .hasAttribute("maxRedirects", "11");
        }
      }
    }
  }

  @Test
  void letsEncryptTrimsGoWhitespaceAndPebbleOnlyNewlinesAndTabs() {
    for (String tail : new String[] {"\n", "\r\n", "\t", " ", "\u00a0"}) {
      boolean pebbleTrims = !tail.equals(" ") && !tail.equals("\u00a0");
      try (HttpFixture f = new HttpFixture()) {
        f.endpoint("127.0.0.50").http().serve(ACME_PATH, KA + tail);
        f.profile(CaProfiles.LETS_ENCRYPT);
        // Go's unicode.IsSpace counts the no-break space (Java's isWhitespace does not).
        assertThat(f.inspect(ACME)).as("LE, tail %s", Map.of("tail", tail)).isReady();
        f.profile(CaProfiles.PEBBLE);
        InspectionReport pebble = f.inspect(ACME);
        if (pebbleTrims) {
          assertThat(pebble).as("Pebble, tail %s", Map.of("tail", tail)).isReady();
        } else {
          assertThat(pebble).as("Pebble, tail %s", Map.of("tail", tail)).isNotReady()
              .finding(FindingCode.HTTP_CONTENT_MISMATCH)
              .hasAttribute("classification", "trailing-whitespace");
        }
      }
    }
  }

  @Test
  void pebbleConnectsToNonPublicAddressesSoTheInspectorCannotDecideThere() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(ACME_PATH, KA);
      f.resolvesAlsoTo("10.0.0.1");
      f.policy(b -> b.allowNonPublicAddresses(false)
          .addAllowedAddressScopes(AddressScope.LOOPBACK));
      f.profile(CaProfiles.LETS_ENCRYPT);

      assertThat(f.inspect(ACME)).isNotReady()
          .finding(FindingCode.ADDRESS_NOT_PUBLIC)
          .hasSeverity(Severity.ERROR);

      f.profile(CaProfiles.PEBBLE);
      InspectionReport pebble = f.inspect(ACME);
      assertThat(pebble).isUnknown()
          .finding(FindingCode.ADDRESS_NOT_PUBLIC)
          .hasSeverity(Severity.WARNING)
          .messageContains("Pebble connects to such addresses");
    }
  }

  // ------------------------------------------------------------------ k of n addresses

  @Test
  void cdnWithOneStaleNodeSaysKOfNAndTheCaPicksAtRandom() {
    try (HttpFixture f = new HttpFixture()) {
      f.endpoint("127.0.0.50").http().serve(ACME_PATH, KA);
      f.endpoint("127.0.0.51").http().serve(ACME_PATH, KA);
      f.endpoint("127.0.0.52").http().serve(ACME_PATH,
          "oldTokenXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxA.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI");
      f.profile(CaProfiles.LETS_ENCRYPT);

      InspectionReport report = f.inspect(ACME);

      assertThat(report).isNotReady()
          .finding(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)
          .hasSeverity(Severity.ERROR)
          .hasAttribute("k", "2")
          .hasAttribute("n", "3")
          .messageContains("validation passes from 2 of 3 addresses; the CA reaches one of them"
              + " at random");
      Finding stale = report.findings(FindingCode.HTTP_CONTENT_MISMATCH).get(0);
      assertThat(stale.evidence()).extracting(ev -> ev.perspective().address().orElse(""))
          .containsExactly("127.0.0.52");
    }
  }
}
