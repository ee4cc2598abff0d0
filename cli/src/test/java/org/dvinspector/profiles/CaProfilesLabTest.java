package org.dvinspector.profiles;

import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.time.Duration;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.SectigoDcv;
import org.dvinspector.http.HttpModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each built-in profile against a lab domain prepared the way that CA wants it (READY), and
 * against one prepared for another CA (the finding that CA's rules produce). One DNS lab and one
 * HTTP lab serve every scenario, each under its own host name.
 */
final class CaProfilesLabTest {
  private static final String ZONE = "example.test";
  /** An ACME key authorization: token "tok" and an account key thumbprint. */
  private static final String KA = "tok.v1z0ZinZ8NpZNE9zD93xSoTKa1A3MO_6boQPZAsqCyc";
  private static final String DIGEST = AcmeChallenges.dns01TxtValue(KA);
  /** A random value of DigiCert's shape (its library refuses fewer than 22 characters). */
  private static final String DC_VALUE = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";
  private static final SectigoDcv SECTIGO = SectigoDcv.of(
      "9474B035686C679EE84E61BA67967147",
      "F2C1E1743F95F26F2978F88CDB578BEBC257E17785A75D152C684F950C5C56C8");

  private static DnsLab dns;
  private static HttpLab http;
  private static DomainValidationInspector inspector;

  @BeforeAll
  static void startLabs() {
    dns = DnsLab.builder()
        .zone(ZONE, z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records(
                // Let's Encrypt: dns-01 and CAA for letsencrypt.org; the other one for DigiCert.
                "_acme-challenge.le 300 IN TXT \"" + DIGEST + "\"",
                "le 300 IN CAA 0 issue \"letsencrypt.org\"",
                "_acme-challenge.le-other 300 IN TXT \"" + DIGEST + "\"",
                "le-other 300 IN CAA 0 issue \"digicert.com\"",
                // Google Trust Services: dns-01 and pki.goog; the other one for Let's Encrypt.
                "_acme-challenge.gts 300 IN TXT \"" + DIGEST + "\"",
                "gts 300 IN CAA 0 issue \"pki.goog\"",
                "_acme-challenge.gts-other 300 IN TXT \"" + DIGEST + "\"",
                "gts-other 300 IN CAA 0 issue \"letsencrypt.org\"",
                // ZeroSSL: http-01 and sectigo.com; the other one for Google.
                "zerossl 300 IN A 127.0.0.61",
                "zerossl 300 IN CAA 0 issue \"sectigo.com\"",
                "zerossl-other 300 IN A 127.0.0.61",
                "zerossl-other 300 IN CAA 0 issue \"pki.goog\"",
                // DigiCert: _dnsauth TXT, fileauth.txt over HTTP and HTTPS, digicert.com.
                "_dnsauth.dc 300 IN TXT \"" + DC_VALUE + "\"",
                "dc 300 IN A 127.0.0.62",
                "dc 300 IN CAA 0 issue \"digicert.com\"",
                // Issue 16's new user: the value pasted with its quotes; the value at the name.
                "_dnsauth.dc-quoted 300 IN TXT \"\\\"" + DC_VALUE + "\\\"\"",
                "dc-apex 300 IN TXT \"" + DC_VALUE + "\"",
                // Prepared for a CA that follows redirects: HTTP redirects to HTTPS.
                "dc-other 300 IN A 127.0.0.63",
                "dc-other 300 IN CAA 0 issue \"digicert.com\"",
                // GlobalSign: TXT at the name with its prefix, gsdv.txt, globalsign.com.
                "gs 300 IN TXT \"globalsign-domain-verification=gscode\"",
                "gs 300 IN A 127.0.0.64",
                "gs 300 IN CAA 0 issue \"globalsign.com\"",
                // Prepared the way DigiCert takes a TXT at the name: the bare value.
                "gs-other 300 IN TXT \"gscode\"",
                "gs-other 300 IN CAA 0 issue \"globalsign.com\"",
                // Sectigo: CSR-hash CNAME and file, sectigo.com; the other one for DigiCert.
                SECTIGO.cnameLabel() + ".sectigo 300 IN CNAME " + SECTIGO.cnameTarget() + ".",
                "sectigo 300 IN A 127.0.0.65",
                "sectigo 300 IN CAA 0 issue \"sectigo.com\"",
                SECTIGO.cnameLabel() + ".sectigo-other 300 IN CNAME " + SECTIGO.cnameTarget() + ".",
                "sectigo-other 300 IN A 127.0.0.65",
                "sectigo-other 300 IN CAA 0 issue \"digicert.com\"",
                // Baseline Requirements: TXT at the name and a file.
                "br 300 IN TXT \"brtoken\"",
                "br 300 IN A 127.0.0.66"))
        .start();
    http = HttpLab.start("zerossl.example.test", "zerossl-other.example.test",
        "dc.example.test", "dc-other.example.test", "gs.example.test",
        "sectigo.example.test", "sectigo-other.example.test", "br.example.test");
    http.endpoint("127.0.0.61").http().serve(AcmeChallenges.http01Path("tok"), KA);
    http.endpoint("127.0.0.62").serve(HttpFileCheck.PATH_PREFIX + "fileauth.txt", DC_VALUE);
    HttpLabEndpoint redirecting = http.endpoint("127.0.0.63");
    redirecting.http().redirect(HttpFileCheck.PATH_PREFIX + "fileauth.txt", 301,
        "https://dc-other.example.test" + HttpFileCheck.PATH_PREFIX + "fileauth.txt");
    redirecting.https().serve(HttpFileCheck.PATH_PREFIX + "fileauth.txt", DC_VALUE);
    http.endpoint("127.0.0.64").serve(HttpFileCheck.PATH_PREFIX + "gsdv.txt", "gscode");
    http.endpoint("127.0.0.65").serve(SECTIGO.filePath(), SECTIGO.fileContent() + "\n");
    http.endpoint("127.0.0.66").serve(HttpFileCheck.PATH_PREFIX + "br.txt", "brtoken");
    inspector = DomainValidationInspector.builder()
        .networkPolicy(dns.networkPolicy(http.endpointMapping()).deadline(Duration.ofSeconds(8))
            .build())
        .addModule(HttpModule.builder().client(http.trustingClient()).build())
        .findAndAddModules()
        .build();
  }

  @AfterAll
  static void stopLabs() {
    inspector.close();
    http.close();
    dns.close();
  }

  private static InspectionReport inspect(String host, CaProfile profile, Check... checks) {
    return inspector.inspect(InspectionRequest.builder()
        .domain(host + "." + ZONE)
        .profile(profile)
        .addChecks(checks)
        .build());
  }

  @Test
  void letsEncryptDomainIsReady() {
    assertThat(inspect("le", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA), CaaCheck.forProfile()))
        .isReady();
  }

  @Test
  void domainPreparedForDigicertForbidsLetsEncryptByCaa() {
    assertThat(inspect("le-other", CaProfiles.LETS_ENCRYPT, AcmeDns01Check.of(KA),
        CaaCheck.forProfile()))
        .isNotReady().hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
  }

  @Test
  void googleDomainIsReady() {
    assertThat(inspect("gts", CaProfiles.GOOGLE, AcmeDns01Check.of(KA), CaaCheck.forProfile()))
        .isReady();
  }

  @Test
  void domainPreparedForLetsEncryptForbidsGoogleByCaa() {
    assertThat(inspect("gts-other", CaProfiles.GOOGLE, AcmeDns01Check.of(KA), CaaCheck.forProfile()))
        .isNotReady().hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
  }

  @Test
  void zerosslDomainIsReadyOverHttp01() {
    assertThat(inspect("zerossl", CaProfiles.ZEROSSL, AcmeHttp01Check.of(KA), CaaCheck.forProfile()))
        .isReady();
  }

  @Test
  void domainPreparedForGoogleForbidsZerosslByCaa() {
    assertThat(inspect("zerossl-other", CaProfiles.ZEROSSL, AcmeHttp01Check.of(KA),
        CaaCheck.forProfile()))
        .isNotReady().hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
  }

  @Test
  void digicertDomainIsReadyByDnsAndFile() {
    CaProfile p = CaProfiles.DIGICERT;

    assertThat(inspect("dc", p, p.dnsTxtCheck(DC_VALUE), p.httpFileCheck(DC_VALUE),
        CaaCheck.forProfile()))
        .isReady();
  }

  @Test
  void httpRedirectingToHttpsPassesDigicertButFailsTheSeedsConsole() {
    HttpFileCheck file = CaProfiles.DIGICERT.httpFileCheck(DC_VALUE);
    CaaCheck caa = CaaCheck.forIssuers("digicert.com");

    assertThat(inspect("dc-other", CaProfiles.BASELINE_REQUIREMENTS, file, caa)).isReady();
    // DigiCert's code fetches https first and never sees the redirect on http.
    assertThat(inspect("dc-other", CaProfiles.DIGICERT, file, caa)).isReady();
    assertThat(inspect("dc-other", CaProfiles.DIGICERT_CONSOLE, file, caa))
        .isNotReady().hasFinding(FindingCode.HTTP_REDIRECT_NOT_ALLOWED);
  }

  @Test
  void quotedValueAndValueAtTheNameAreReadyForDigicertButNotForTheSeedsConsole() {
    CaProfile dc = CaProfiles.DIGICERT;
    CaProfile console = CaProfiles.DIGICERT_CONSOLE;

    assertThat(inspect("dc-quoted", dc, dc.dnsTxtCheck(DC_VALUE))).isReady().hasNoErrors();
    assertThat(inspect("dc-apex", dc, dc.dnsTxtCheck(DC_VALUE))).isReady().hasNoErrors();
    assertThat(inspect("dc-quoted", console, console.dnsTxtCheck(DC_VALUE))).isNotReady()
        .hasFinding(FindingCode.DNS_VALUE_MISMATCH);
    assertThat(inspect("dc-apex", console, console.dnsTxtCheck(DC_VALUE))).isNotReady()
        .hasFinding(FindingCode.DNS_RECORD_AT_WRONG_NAME);
  }

  @Test
  void globalsignDomainIsReadyByDnsAndFile() {
    CaProfile p = CaProfiles.GLOBALSIGN;

    assertThat(inspect("gs", p, p.dnsTxtCheck("gscode"), p.httpFileCheck("gscode"),
        CaaCheck.forProfile()))
        .isReady();
  }

  @Test
  void bareValueAsDigicertTakesItIsAValueMismatchForGlobalsign() {
    assertThat(inspect("gs-other", CaProfiles.GLOBALSIGN,
        CaProfiles.GLOBALSIGN.dnsTxtCheck("gscode"), CaaCheck.forProfile()))
        .isNotReady().hasFinding(FindingCode.DNS_VALUE_MISMATCH);
  }

  @Test
  void sectigoDomainIsReadyByCnameAndFile() {
    assertThat(inspect("sectigo", CaProfiles.SECTIGO, SECTIGO.dnsCnameCheck(),
        SECTIGO.httpFileCheck(), CaaCheck.forProfile()))
        .isReady();
  }

  @Test
  void domainPreparedForDigicertForbidsSectigoByCaa() {
    assertThat(inspect("sectigo-other", CaProfiles.SECTIGO, SECTIGO.dnsCnameCheck(),
        SECTIGO.httpFileCheck(), CaaCheck.forProfile()))
        .isNotReady().hasFinding(FindingCode.CAA_FORBIDS_ISSUER);
  }

  @Test
  void baselineDomainIsReadyByTxtAndFile() {
    assertThat(inspect("br", CaProfiles.BASELINE_REQUIREMENTS, DnsTxtCheck.atDomain("brtoken"),
        HttpFileCheck.of(HttpFileCheck.PATH_PREFIX + "br.txt", "brtoken")))
        .isReady();
  }

  @Test
  void fileMethodForAWildcardIsRefusedByTheBaseline() {
    assertThat(inspect("*.br", CaProfiles.BASELINE_REQUIREMENTS, DnsTxtCheck.atDomain("brtoken"),
        HttpFileCheck.of(HttpFileCheck.PATH_PREFIX + "br.txt", "brtoken")))
        .isNotReady().hasFinding(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD);
  }
}
