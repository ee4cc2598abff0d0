package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class CaProfilesTest {
  @Test
  void everyBuiltInProfileIsListedOnceWithSources() {
    List<CaProfile> all = CaProfiles.all();
    Set<String> ids = new HashSet<>();
    for (CaProfile p : all) {
      assertThat(ids.add(p.id())).as(p.id()).isTrue();
      assertThat(p.sources()).as(p.id()).isNotEmpty();
      assertThat(p.offeredMethods()).as(p.id()).isNotEmpty();
    }
    assertThat(ids).containsExactlyInAnyOrder(
        "baseline", "letsencrypt", "google", "zerossl", "digicert", "globalsign", "sectigo");
  }

  @Test
  void byIdIsCaseInsensitiveAndEmptyForUnknownIds() {
    assertThat(CaProfiles.byId(" DigiCert ")).contains(CaProfiles.DIGICERT);
    assertThat(CaProfiles.byId("letsencrypt")).contains(CaProfiles.LETS_ENCRYPT);
    assertThat(CaProfiles.byId("nope")).isEmpty();
  }

  @Test
  void letsEncryptReadsOnly128BytesAndFollowsAcmeRedirects() {
    HttpRules http = CaProfiles.LETS_ENCRYPT.httpRules();

    assertThat(http.bodyCapBytes()).isEqualTo(128);
    assertThat(http.trimTrailingWhitespace()).isTrue();
    assertThat(http.ipv6First()).isTrue();
    assertThat(http.ipv4Fallback()).isTrue();
    assertThat(http.acmeRedirects().statuses()).containsExactlyInAnyOrder(301, 302, 307, 308);
    assertThat(http.acmeRedirects().ports()).containsExactlyInAnyOrder(80, 443);
    assertThat(http.acmeRedirects().schemes()).containsExactlyInAnyOrder("http", "https");
    assertThat(http.acmeRedirects().maxRedirects()).isEqualTo(10);
  }

  @Test
  void letsEncryptCaaIsStrict() {
    CaaRules caa = CaProfiles.LETS_ENCRYPT.caaRules();

    assertThat(CaProfiles.LETS_ENCRYPT.caaIdentities()).containsExactly("letsencrypt.org");
    assertThat(caa.anyFlagIsCritical()).isTrue();
    assertThat(caa.rejectHyphenInParameterTags()).isTrue();
    assertThat(caa.exactIssuerMatch()).isTrue();
  }

  @Test
  void acmeProfilesLookAtAcmeChallenge() {
    for (CaProfile p : List.of(CaProfiles.LETS_ENCRYPT, CaProfiles.GOOGLE, CaProfiles.ZEROSSL)) {
      assertThat(p.dnsTxtLabels()).as(p.id()).containsExactly("_acme-challenge");
      assertThat(p.offeredMethods()).as(p.id()).contains(Method.ACME_HTTP_01, Method.ACME_DNS_01)
          .doesNotContain(Method.HTTP_FILE, Method.DNS_TXT);
    }
    assertThat(CaProfiles.GOOGLE.caaIdentities()).containsExactly("pki.goog");
    assertThat(CaProfiles.ZEROSSL.caaIdentities()).contains("sectigo.com");
    assertThat(CaProfiles.ZEROSSL.offeredMethods()).doesNotContain(Method.ACME_TLS_ALPN_01);
  }

  @Test
  void digicertFollowsTheSeedConsole() {
    CaProfile p = CaProfiles.DIGICERT;

    assertThat(p.tokenLifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(p.httpFilePath()).contains("/.well-known/pki-validation/fileauth.txt");
    assertThat(p.httpRules().fileRedirects().follow()).isFalse();
    assertThat(p.httpRules().fileRequiresAllSchemes()).isTrue();
    assertThat(p.httpRules().fileSchemes()).containsExactly("http", "https");
    assertThat(p.sensitiveKeywords())
        .containsExactly("edu", "gov", "org", "jp", "pay", "bank", "live", "nuclear");
    assertThat(p.caaIdentities())
        .containsExactly("digicert.com", "symantec.com", "geotrust.com", "thawte.com", "rapidssl.com");
  }

  @Test
  void digicertTxtCheckUsesDnsauthAndCnameTargetsMustBeUnderDcvDigicert() {
    assertThat(CaProfiles.DIGICERT.dnsTxtCheck("tok").label()).contains("_dnsauth");
    assertThat(CaProfiles.DIGICERT.dnsTxtLabels()).contains("");
    DnsCnameCheck cname = CaProfiles.DIGICERT.dnsCnameCheck("abc123.dcv.digicert.com");
    assertThat(cname.label()).contains("_dnsauth");
    assertThatThrownBy(() -> CaProfiles.DIGICERT.dnsCnameCheck("abc123.example.net"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dcv.digicert.com");
  }

  @Test
  void globalsignTxtValueHasItsPrefixOnce() {
    CaProfile p = CaProfiles.GLOBALSIGN;

    assertThat(p.dnsTxtValue("abc123")).isEqualTo("globalsign-domain-verification=abc123");
    assertThat(p.dnsTxtValue("globalsign-domain-verification=abc123"))
        .isEqualTo("globalsign-domain-verification=abc123");
    DnsTxtCheck txt = p.dnsTxtCheck("abc123");
    assertThat(txt.label()).isEmpty();
    assertThat(txt.expectedValue()).isEqualTo("globalsign-domain-verification=abc123");
    assertThat(p.httpFileCheck("abc123").path()).contains("/.well-known/pki-validation/gsdv.txt");
  }

  @Test
  void sectigoAllowsNoRedirectAndHasNoFixedFileName() {
    CaProfile p = CaProfiles.SECTIGO;

    assertThat(p.httpRules().fileRedirects().follow()).isFalse();
    assertThat(p.httpFilePath()).isEmpty();
    assertThat(p.dnsCnameTargetSuffix()).contains("sectigo.com");
    assertThatThrownBy(() -> p.httpFileCheck("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SectigoDcv");
  }

  @Test
  void baselineAllowsTheBrRedirectsAndAuthorizedPorts() {
    RedirectPolicy r = CaProfiles.BASELINE_REQUIREMENTS.httpRules().fileRedirects();

    assertThat(r.statuses()).containsExactlyInAnyOrder(301, 302, 307, 308);
    assertThat(r.ports()).containsExactlyInAnyOrder(80, 443, 25, 22);
    assertThat(CaProfiles.BASELINE_REQUIREMENTS.httpRules().fileAcceptsAny2xx()).isTrue();
  }

  @Test
  void methodTheCaDoesNotOfferCannotBeBuiltFromItsProfile() {
    assertThatThrownBy(() -> CaProfiles.LETS_ENCRYPT.dnsTxtCheck("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not offer the dns-txt method");
  }

  @Test
  void derivedProfileKeepsEverythingElse() {
    CaProfile direct = CaProfiles.DIGICERT.toBuilder()
        .id("digicert-direct")
        .tokenLifetime(Duration.ofDays(30))
        .build();

    assertThat(direct.tokenLifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(direct.httpFilePath()).isEqualTo(CaProfiles.DIGICERT.httpFilePath());
    assertThat(direct.caaIdentities()).isEqualTo(CaProfiles.DIGICERT.caaIdentities());
    assertThat(direct.dnsCnameTargetSuffix()).contains("dcv.digicert.com");
  }

  @Test
  void templateWithoutPlaceholderIsRejected() {
    assertThatThrownBy(() -> CaProfiles.GLOBALSIGN.toBuilder().dnsTxtValueTemplate("static").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{value}");
  }

  @Test
  void blankKeywordIsRejected() {
    assertThatThrownBy(() -> CaProfiles.DIGICERT.toBuilder().addSensitiveKeywords(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyword");
  }
}
