package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.junit.jupiter.api.Test;

final class RequestFactoryTest {
  private static RequestSpec spec(String domain) {
    return RequestSpec.empty().with(RequestField.DOMAIN, domain);
  }

  @Test
  void txtRecordAtALabel() {
    InspectionRequest r = RequestFactory.build(spec("www.example.com")
        .with(RequestField.DNS_TXT, "token123").with(RequestField.TXT_LABEL, "_dnsauth"));
    assertThat(r.checks()).singleElement().isInstanceOfSatisfying(DnsTxtCheck.class, c -> {
      assertThat(c.recordName(r.domain()).ascii()).isEqualTo("_dnsauth.www.example.com");
      assertThat(c.expectedValue()).isEqualTo("token123");
    });
  }

  @Test
  void txtLabelAtSignMeansTheNameItself() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_TXT, "v").with(RequestField.TXT_LABEL, "@"));
    assertThat(((DnsTxtCheck) r.checks().get(0)).recordName(r.domain()).ascii())
        .isEqualTo("example.com");
  }

  @Test
  void cnameWithLabel() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_CNAME, "abc.dcv.digicert.com")
        .with(RequestField.CNAME_LABEL, "_dnsauth"));
    assertThat(r.checks()).singleElement().isInstanceOfSatisfying(DnsCnameCheck.class, c ->
        assertThat(c.expectedTarget().ascii()).isEqualTo("abc.dcv.digicert.com"));
  }

  @Test
  void httpFileWithPathAndContent() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.HTTP_FILE, "/.well-known/pki-validation/check.txt=abc=="));
    HttpFileCheck c = (HttpFileCheck) r.checks().get(0);
    assertThat(c.path()).contains("/.well-known/pki-validation/check.txt");
    assertThat(c.expectedContent()).isEqualTo("abc==");
  }

  @Test
  void httpFileContentWithEqualsSignsIsNotMistakenForAPath() {
    HttpFileCheck c = RequestFactory.httpFile("abc=def==");
    assertThat(c.path()).isEmpty();
    assertThat(c.expectedContent()).isEqualTo("abc=def==");
  }

  @Test
  void httpFileWithoutPathUsesTheProfilesFile() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.HTTP_FILE, "abc").with(RequestField.PROFILE, "digicert"));
    assertThat(((HttpFileCheck) r.checks().get(0)).path())
        .contains("/.well-known/pki-validation/fileauth.txt");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.HTTP_FILE, "abc")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no standard file path");
  }

  @Test
  void httpFilePathOutsideWellKnownIsRejected() {
    assertThatThrownBy(() -> RequestFactory.httpFile("/fileauth.txt=abc"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("/.well-known/pki-validation/");
  }

  @Test
  void acmeChallengesFromAThumbprint() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_HTTP_01, "tok1")
        .with(RequestField.ACME_DNS_01, "tok2")
        .with(RequestField.THUMBPRINT, "thumb"));
    assertThat(r.checks()).hasSize(2);
    assertThat(((AcmeHttp01Check) r.checks().get(0)).keyAuthorization()).isEqualTo("tok1.thumb");
    assertThat(((AcmeDns01Check) r.checks().get(1)).keyAuthorization()).isEqualTo("tok2.thumb");
  }

  @Test
  void keyAuthorizationMustStartWithTheToken() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_HTTP_01, "tok1")
        .with(RequestField.KEY_AUTHORIZATION, "other.thumb")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("does not start with the --acme-http-01 token");
  }

  @Test
  void acmeTokenWithoutAnyKeyIsAUsageError() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_01, "tok")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--account-key");
  }

  @Test
  void httpFileWithABareFileNameGoesUnderPkiValidation() {
    // The form `dvi check --help` shows: fileauth.txt=CONTENT.
    HttpFileCheck c = RequestFactory.httpFile("fileauth.txt=2024abc");
    assertThat(c.path()).contains("/.well-known/pki-validation/fileauth.txt");
    assertThat(c.expectedContent()).isEqualTo("2024abc");
    HttpFileCheck sectigo = RequestFactory.httpFile("C7B9B3B1F7A4E0D9.txt=a=b");
    assertThat(sectigo.path()).contains("/.well-known/pki-validation/C7B9B3B1F7A4E0D9.txt");
    assertThat(sectigo.expectedContent()).isEqualTo("a=b");
    // The baseline profile has no file of its own: the name given is enough.
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.HTTP_FILE, "fileauth.txt=CONTENT"));
    assertThat(((HttpFileCheck) r.checks().get(0)).path())
        .contains("/.well-known/pki-validation/fileauth.txt");
  }

  @Test
  void caaMethodGivesTheRfc8657ValidationMethodOfACaaOnlyCheck() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.CAA_ISSUER, List.of("letsencrypt.org"))
        .with(RequestField.CAA_METHOD, "dns-01"));
    assertThat(((CaaCheck) r.checks().get(0)).validationMethod()).contains(Method.ACME_DNS_01);
    InspectionRequest label = RequestFactory.build(spec("example.com")
        .with(RequestField.CAA_ISSUER, List.of("digicert.com"))
        .with(RequestField.CAA_METHOD, "HTTP-FILE"));
    assertThat(((CaaCheck) label.checks().get(0)).validationMethod()).contains(Method.HTTP_FILE);
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.CAA_ISSUER, List.of("letsencrypt.org"))
        .with(RequestField.CAA_METHOD, "email")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--caa-method 'email' is not an ACME challenge type");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_TXT, "v")
        .with(RequestField.CAA, false)
        .with(RequestField.CAA_METHOD, "dns-01")))
        .isInstanceOf(UsageException.class).hasMessageContaining("--no-caa contradicts");
  }

  @Test
  void caaIssuerAddsACaaCheckWithTheAccountUri() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_TXT, "v")
        .with(RequestField.CAA_ISSUER, List.of("letsencrypt.org"))
        .with(RequestField.ACCOUNT_URI, "https://acme.example/acct/1"));
    assertThat(r.checks()).hasSize(2);
    CaaCheck caa = (CaaCheck) r.checks().get(1);
    assertThat(caa.issuerDomains()).containsExactly("letsencrypt.org");
    assertThat(caa.accountUri()).contains("https://acme.example/acct/1");
  }

  @Test
  void noCaaWithIssuerIsAContradiction() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_TXT, "v").with(RequestField.CAA, false)
        .with(RequestField.CAA_ISSUER, List.of("letsencrypt.org"))))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void caaWithoutAnIdentityIsAUsageError() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_TXT, "v").with(RequestField.CAA, true)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--caa-issuer");
  }

  @Test
  void nothingToCheckIsAUsageError() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Nothing to check");
  }

  @Test
  void invalidDomainIsAUsageErrorWithTheLibrarysReason() {
    assertThatThrownBy(() -> RequestFactory.build(spec("exa mple.com").with(RequestField.DNS_TXT, "v")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("exa mple.com");
  }

  @Test
  void unknownProfileNamesTheKnownOnes() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.DNS_TXT, "v").with(RequestField.PROFILE, "nosuchca")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("nosuchca")
        .hasMessageContaining("baseline");
  }

  @Test
  void tokenCreatedAcceptsInstantsAndOffsets() {
    assertThat(RequestFactory.instant("2026-01-31T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
    assertThat(RequestFactory.instant("2026-01-31T12:00:00+02:00"))
        .isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
    assertThatThrownBy(() -> RequestFactory.instant("yesterday"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void profileGivesTheTxtLabelAndValueFormat() {
    InspectionRequest digicert = RequestFactory.build(spec("www.example.com")
        .with(RequestField.DNS_TXT, "tok").with(RequestField.PROFILE, "digicert"));
    DnsTxtCheck c = (DnsTxtCheck) digicert.checks().get(0);
    assertThat(c.recordName(digicert.domain()).ascii()).isEqualTo("_dnsauth.www.example.com");
    InspectionRequest globalsign = RequestFactory.build(spec("www.example.com")
        .with(RequestField.DNS_TXT, "tok").with(RequestField.PROFILE, "GlobalSign"));
    assertThat(((DnsTxtCheck) globalsign.checks().get(0)).expectedValue())
        .isEqualTo("globalsign-domain-verification=tok");
  }

  @Test
  void profileWithCaaIdentitiesAddsCaaByDefault() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_01, "tok").with(RequestField.THUMBPRINT, "th")
        .with(RequestField.PROFILE, "letsencrypt"));
    assertThat(r.checks()).hasSize(2);
    assertThat(((CaaCheck) r.checks().get(1)).effectiveIssuerDomains(r.profile()))
        .contains("letsencrypt.org");
    InspectionRequest none = RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_01, "tok").with(RequestField.THUMBPRINT, "th")
        .with(RequestField.PROFILE, "letsencrypt").with(RequestField.CAA, false));
    assertThat(none.checks()).hasSize(1);
  }

  @Test
  void commandLineValuesAreDefaultsForBatchLines() {
    RequestSpec defaults = RequestSpec.empty().with(RequestField.DNS_TXT, "default-token")
        .with(RequestField.TXT_LABEL, "_dnsauth");
    RequestSpec line = spec("a.example.com").with(RequestField.DNS_TXT, "line-token");
    InspectionRequest r = RequestFactory.build(line.withDefaults(defaults));
    DnsTxtCheck c = (DnsTxtCheck) r.checks().get(0);
    assertThat(c.expectedValue()).isEqualTo("line-token");
    assertThat(c.label()).contains("_dnsauth");
  }
}
