package org.dvinspector.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.Severity;
import org.junit.jupiter.api.Test;

final class PolicyGatesTest {
  /** A random value of DigiCert's shape: 32 base-62 characters. */
  private static final String DC_VALUE = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final String KA = "tok.thumb";

  private static InspectionRequest request(String domain, CaProfile profile, Check... checks) {
    return InspectionRequest.builder().domain(domain).profile(profile).addChecks(checks).build();
  }

  private static List<FindingCode> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  private static Finding only(List<Finding> findings, FindingCode code) {
    List<Finding> f = findings.stream().filter(x -> x.code() == code).toList();
    assertThat(f).hasSize(1);
    return f.get(0);
  }

  /** A check for the BR 3.2.2.4.8 method, which no built-in module performs. */
  private record IpAddressCheck() implements Check {
    @Override
    public Optional<Method> method() {
      return Optional.of(Method.IP_ADDRESS);
    }

    @Override
    public String moduleId() {
      return "http";
    }

    @Override
    public String kind() {
      return "ip-address";
    }

    @Override
    public String describe(DomainName domain) {
      return "A/AAAA of " + domain;
    }
  }

  @Test
  void ordinaryNameWithAnOfferedMethodPassesEveryGate() {
    List<Finding> f = PolicyGates.evaluate(
        request("www.example.com", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW);

    assertThat(f).isEmpty();
  }

  @Test
  void fileMethodIsNotAllowedForAWildcard() {
    List<Finding> f = PolicyGates.evaluate(request("*.example.com", CaProfiles.BASELINE_REQUIREMENTS,
        HttpFileCheck.of("/.well-known/pki-validation/a.txt", "v")), NOW);

    assertThat(only(f, FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD).method()).contains(Method.HTTP_FILE);
  }

  @Test
  void http01IsNotAllowedForAWildcardButDns01Is() {
    List<Finding> f = PolicyGates.evaluate(request("*.example.com", CaProfiles.LETS_ENCRYPT,
        AcmeHttp01Check.of(KA), AcmeDns01Check.of(KA)), NOW);

    assertThat(only(f, FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD).method())
        .contains(Method.ACME_HTTP_01);
  }

  @Test
  void methodTheCaDoesNotOfferIsReported() {
    List<Finding> f = PolicyGates.evaluate(
        request("www.example.com", CaProfiles.LETS_ENCRYPT, DnsTxtCheck.atDomain("v")), NOW);

    assertThat(only(f, FindingCode.METHOD_NOT_OFFERED).message())
        .contains("Let's Encrypt does not offer the dns-txt method");
  }

  @Test
  void ipAddressMethodIsRetiredFromMarch152026() {
    CaProfile offering = CaProfiles.BASELINE_REQUIREMENTS.toBuilder()
        .offeredMethods(EnumSet.of(Method.IP_ADDRESS)).build();
    InspectionRequest r = request("www.example.com", offering, new IpAddressCheck());

    assertThat(PolicyGates.evaluate(r, Instant.parse("2026-03-14T23:59:59Z"))).isEmpty();
    Finding retired = only(PolicyGates.evaluate(r, Instant.parse("2026-03-15T00:00:00Z")),
        FindingCode.METHOD_RETIRED);
    assertThat(retired.severity()).isEqualTo(Severity.ERROR);
    assertThat(retired.attributes()).containsEntry("brSection", "3.2.2.4.8")
        .containsEntry("retiredOn", "2026-03-15");
  }

  @Test
  void wildcardOverAPublicSuffixIsReported() {
    List<Finding> f = PolicyGates.evaluate(
        request("*.co.uk", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW);

    assertThat(codes(f)).containsExactly(FindingCode.WILDCARD_OVER_PUBLIC_SUFFIX);
    assertThat(f.get(0).attributes()).containsEntry("publicSuffix", "co.uk");
  }

  @Test
  void wildcardOverATopLevelDomainIsReported() {
    assertThat(codes(PolicyGates.evaluate(
        request("*.com", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)))
        .containsExactly(FindingCode.WILDCARD_OVER_PUBLIC_SUFFIX);
  }

  @Test
  void wildcardUnderARegistrableDomainIsFine() {
    assertThat(PolicyGates.evaluate(
        request("*.example.co.uk", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)).isEmpty();
  }

  @Test
  void nameThatIsItselfAPublicSuffixIsReported() {
    assertThat(codes(PolicyGates.evaluate(
        request("co.uk", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)))
        .containsExactly(FindingCode.NAME_IS_PUBLIC_SUFFIX);
  }

  @Test
  void nameUnderAWildcardPublicSuffixRuleIsAPublicSuffix() {
    // *.kawasaki.jp makes foo.kawasaki.jp a public suffix; !city.kawasaki.jp is registrable.
    assertThat(codes(PolicyGates.evaluate(
        request("foo.kawasaki.jp", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)))
        .containsExactly(FindingCode.NAME_IS_PUBLIC_SUFFIX);
    assertThat(PolicyGates.evaluate(
        request("city.kawasaki.jp", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)).isEmpty();
  }

  @Test
  void internalNameIsReportedOnce() {
    List<Finding> f = PolicyGates.evaluate(
        request("*.printer.local", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW);

    assertThat(codes(f)).containsExactly(FindingCode.INTERNAL_NAME);
    assertThat(f.get(0).attributes()).containsEntry("tld", "local");
  }

  @Test
  void internalNameGateIsOffUnderALabRoot() {
    // The testkit's DNS lab has its own root, which delegates "test".
    NetworkPolicy lab = NetworkPolicy.builder()
        .rootServers(List.of(RootServer.of("a.root-servers.lab",
            List.of(InetAddress.getLoopbackAddress()))))
        .build();

    assertThat(PolicyGates.evaluate(
        request("www.example.test", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW, lab))
        .isEmpty();
    assertThat(codes(PolicyGates.evaluate(
        request("www.example.test", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW,
        NetworkPolicy.defaults())))
        .containsExactly(FindingCode.INTERNAL_NAME);
  }

  @Test
  void internalNameGateIsOffWhenNonPublicAddressesMayBeContacted() {
    NetworkPolicy intranet = NetworkPolicy.builder().allowNonPublicAddresses(true).build();

    assertThat(PolicyGates.evaluate(
        request("intranet.corp", CaProfiles.DIGICERT, CaProfiles.DIGICERT.dnsTxtCheck(DC_VALUE)), NOW,
        intranet)).isEmpty();
  }

  @Test
  void reverseZoneNameIsAnErrorFromMarch152026() {
    InspectionRequest r = request("4.3.2.1.in-addr.arpa", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA));

    Finding after = only(PolicyGates.evaluate(r, Instant.parse("2026-03-15T00:00:00Z")),
        FindingCode.REVERSE_ZONE_NAME);
    Finding before = only(PolicyGates.evaluate(r, Instant.parse("2026-03-14T12:00:00Z")),
        FindingCode.REVERSE_ZONE_NAME);

    assertThat(after.severity()).isEqualTo(Severity.ERROR);
    assertThat(before.severity()).isEqualTo(Severity.WARNING);
    assertThat(after.message()).contains("in-addr.arpa");
  }

  @Test
  void ip6ArpaNameIsAReverseZoneName() {
    assertThat(codes(PolicyGates.evaluate(
        request("b.a.9.8.ip6.arpa", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)))
        .containsExactly(FindingCode.REVERSE_ZONE_NAME);
  }

  @Test
  void tokenOlderThanTheConsoleLifetimeHasExpired() {
    CaProfile console = CaProfiles.DIGICERT_CONSOLE;
    InspectionRequest r = InspectionRequest.builder().domain("www.example.com")
        .profile(console).addChecks(console.dnsTxtCheck(DC_VALUE))
        .tokenCreatedAt(NOW.minus(Duration.ofHours(25))).build();

    Finding f = only(PolicyGates.evaluate(r, NOW), FindingCode.TOKEN_EXPIRED);
    assertThat(f.message()).contains("25 hours", "24 hours");
  }

  @Test
  void tokenWithinTheProfileLifetimeIsFine() {
    InspectionRequest r = InspectionRequest.builder().domain("www.example.com")
        .profile(CaProfiles.DIGICERT_CONSOLE)
        .addChecks(CaProfiles.DIGICERT_CONSOLE.dnsTxtCheck(DC_VALUE))
        .tokenCreatedAt(NOW.minus(Duration.ofHours(23))).build();

    assertThat(PolicyGates.evaluate(r, NOW)).isEmpty();
  }

  @Test
  void digicertsOwnCodeAcceptsAValueFor29Days() {
    InspectionRequest young = InspectionRequest.builder().domain("www.example.com")
        .profile(CaProfiles.DIGICERT).addChecks(CaProfiles.DIGICERT.dnsTxtCheck(DC_VALUE))
        .tokenCreatedAt(NOW.minus(Duration.ofDays(28))).build();
    InspectionRequest old = InspectionRequest.builder().domain("www.example.com")
        .profile(CaProfiles.DIGICERT).addChecks(CaProfiles.DIGICERT.dnsTxtCheck(DC_VALUE))
        .tokenCreatedAt(NOW.minus(Duration.ofDays(29).plusMinutes(1))).build();

    assertThat(PolicyGates.evaluate(young, NOW)).isEmpty();
    assertThat(only(PolicyGates.evaluate(old, NOW), FindingCode.TOKEN_EXPIRED).message())
        .contains("29 days");
  }

  @Test
  void randomValueShorterThan22CharactersIsRefusedByDigicert() {
    String v21 = DC_VALUE.substring(0, 21);
    InspectionRequest shortTxt = request("www.example.com", CaProfiles.DIGICERT,
        CaProfiles.DIGICERT.dnsTxtCheck(v21));
    InspectionRequest shortFile = request("www.example.com", CaProfiles.DIGICERT,
        CaProfiles.DIGICERT.httpFileCheck(v21));
    InspectionRequest enough = request("www.example.com", CaProfiles.DIGICERT,
        CaProfiles.DIGICERT.dnsTxtCheck(DC_VALUE.substring(0, 22)));

    Finding f = only(PolicyGates.evaluate(shortTxt, NOW), FindingCode.TOKEN_TOO_SHORT);
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.attributes()).containsEntry("length", "21").containsEntry("minLength", "22");
    assertThat(codes(PolicyGates.evaluate(shortFile, NOW)))
        .containsExactly(FindingCode.TOKEN_TOO_SHORT);
    assertThat(PolicyGates.evaluate(enough, NOW)).isEmpty();
    // Profiles without a length rule take any value.
    assertThat(PolicyGates.evaluate(request("www.example.com", CaProfiles.GLOBALSIGN,
        CaProfiles.GLOBALSIGN.dnsTxtCheck("gs1")), NOW)).isEmpty();
  }

  @Test
  void sensitiveKeywordInsideALabelTriggersManualReviewWarning() {
    List<Finding> f = PolicyGates.evaluate(
        request("login.mybank-online.com", CaProfiles.DIGICERT, CaProfiles.DIGICERT.dnsTxtCheck(DC_VALUE)),
        NOW);

    Finding review = only(f, FindingCode.POLICY_MANUAL_REVIEW_LIKELY);
    assertThat(review.severity()).isEqualTo(Severity.WARNING);
    assertThat(review.attributes()).containsEntry("keywords", "bank");
    assertThat(review.evidence().get(0).detail()).contains("bank in \"mybank-online\"");
  }

  @Test
  void keywordThatIsTheTopLevelDomainMatches() {
    Finding review = only(PolicyGates.evaluate(
        request("example.org", CaProfiles.GLOBALSIGN, CaProfiles.GLOBALSIGN.dnsTxtCheck("t")), NOW),
        FindingCode.POLICY_MANUAL_REVIEW_LIKELY);

    assertThat(review.attributes()).containsEntry("keywords", "org");
  }

  @Test
  void profileWithoutKeywordsNeverWarns() {
    assertThat(PolicyGates.evaluate(
        request("mybank.org", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA)), NOW)).isEmpty();
  }
}
