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
        "baseline", "letsencrypt", "google", "zerossl", "digicert", "digicert-console",
        "globalsign", "sectigo", "pebble");
  }

  @Test
  void byIdIsCaseInsensitiveAndEmptyForUnknownIds() {
    assertThat(CaProfiles.byId(" DigiCert ")).contains(CaProfiles.DIGICERT);
    assertThat(CaProfiles.byId("letsencrypt")).contains(CaProfiles.LETS_ENCRYPT);
    assertThat(CaProfiles.byId("nope")).isEmpty();
  }

  @Test
  void letsEncryptFollowsBouldersHttpRules() {
    HttpRules http = CaProfiles.LETS_ENCRYPT.httpRules();

    // Boulder reads 128 bytes and refuses a body that fills them.
    assertThat(http.bodyCapBytes()).isEqualTo(127);
    assertThat(http.trimTrailingWhitespace()).isTrue();
    assertThat(http.trimmedTrailingCharacters()).isEmpty();
    assertThat(http.ipv6First()).isTrue();
    assertThat(http.ipv4Fallback()).isTrue();
    assertThat(http.usesIpv6()).isTrue();
    assertThat(http.acmeRedirects().statuses()).containsExactlyInAnyOrder(301, 302, 307, 308);
    assertThat(http.acmeRedirects().ports()).containsExactlyInAnyOrder(80, 443);
    assertThat(http.acmeRedirects().schemes()).containsExactlyInAnyOrder("http", "https");
    // numRedirects > maxRedirect (10) lets an 11th redirect through.
    assertThat(http.acmeRedirects().maxRedirects()).isEqualTo(11);
    assertThat(http.acmeRedirects().followsAbsoluteTargets()).isTrue();
    assertThat(http.userAgent()).contains(
        "Mozilla/5.0 (compatible; Let's Encrypt validation server; +https://www.letsencrypt.org)");
    assertThat(http.requestHeaders()).containsEntry("Accept", "*/*");
    assertThat(CaProfiles.LETS_ENCRYPT.dnsRules().txtMatching())
        .isEqualTo(DnsRules.TxtMatching.JOINED_EQUALS);
    assertThat(CaProfiles.LETS_ENCRYPT.dnsRules().lookupBudget()).isEmpty();
  }

  @Test
  void letsEncryptCaaIsStrict() {
    CaaRules caa = CaProfiles.LETS_ENCRYPT.caaRules();

    assertThat(CaProfiles.LETS_ENCRYPT.caaIdentities()).containsExactly("letsencrypt.org");
    // Boulder: Flag & (128 | 1) marks an unknown tag critical; other bits do not.
    assertThat(caa.criticalFlagMask()).isEqualTo(129);
    assertThat(caa.anyFlagIsCritical()).isFalse();
    assertThat(caa.recognizedTags()).containsExactlyInAnyOrder("issuemail", "issuevmc");
    assertThat(caa.rejectHyphenInParameterTags()).isTrue();
    assertThat(caa.exactIssuerMatch()).isTrue();
  }

  @Test
  void criticalFlagMaskMustKeepTheIssuerCriticalFlag() {
    assertThat(CaaRules.rfc().criticalFlagMask()).isEqualTo(128);
    assertThat(CaaRules.builder().anyFlagIsCritical(true).build().criticalFlagMask())
        .isEqualTo(255);
    assertThatThrownBy(() -> CaaRules.builder().criticalFlagMask(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("128");
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
  void digicertFollowsItsOwnValidationCode() {
    CaProfile p = CaProfiles.DIGICERT;
    HttpRules http = p.httpRules();

    assertThat(p.tokenLifetime()).isEqualTo(Duration.ofDays(29));
    assertThat(p.minRandomValueLength()).hasValue(22);
    assertThat(p.httpFilePath()).contains("/.well-known/pki-validation/fileauth.txt");
    assertThat(http.fileSchemes()).containsExactly("https", "http");
    assertThat(http.fileRequiresAllSchemes()).isFalse();
    assertThat(http.fileAcceptsAnyStatusBelow400()).isTrue();
    assertThat(http.bodyCapBytes()).isEqualTo(5000);
    assertThat(http.usesIpv6()).isFalse();
    assertThat(http.fileRedirects().follow()).isTrue();
    assertThat(http.fileRedirects().followsAbsoluteTargets()).isFalse();
    assertThat(http.fileRedirects().maxRedirects()).isEqualTo(5);
    assertThat(http.userAgent()).contains("DCV-Library/1.0");
    assertThat(p.dnsRules().txtMatching()).isEqualTo(DnsRules.TxtMatching.RECORD_TEXT_CONTAINS);
    assertThat(p.dnsRules().txtAlsoAtDomain()).isTrue();
    assertThat(p.dnsRules().searchesAliasTargets()).isTrue();
    assertThat(p.dnsRules().lookupBudget()).contains(Duration.ofSeconds(2));
    assertThat(p.sensitiveKeywords())
        .containsExactly("edu", "gov", "org", "jp", "pay", "bank", "live", "nuclear");
    assertThat(p.caaIdentities())
        .containsExactly("digicert.com", "symantec.com", "geotrust.com", "thawte.com", "rapidssl.com");
    assertThat(p.sources()).anyMatch(src -> src.contains("df7d5999d41a27d9b60701df7281b6e00d265ea0"));
  }

  @Test
  void digicertConsoleKeepsTheSeedsStricterRules() {
    CaProfile p = CaProfiles.DIGICERT_CONSOLE;

    assertThat(p.tokenLifetime()).isEqualTo(Duration.ofHours(24));
    assertThat(p.httpRules().fileRedirects().follow()).isFalse();
    assertThat(p.httpRules().fileRequiresAllSchemes()).isTrue();
    assertThat(p.httpRules().fileSchemes()).containsExactly("http", "https");
    assertThat(p.dnsRules()).isEqualTo(DnsRules.defaults());
    assertThat(p.caaIdentities()).isEqualTo(CaProfiles.DIGICERT.caaIdentities());
    assertThat(p.sources()).allMatch(src -> src.contains("seed") || src.contains("CPS"));
  }

  @Test
  void pebbleDivergesFromLetsEncryptOnlyWhereItsCodeDoes() {
    CaProfile p = CaProfiles.PEBBLE;
    HttpRules http = p.httpRules();

    assertThat(p.caaIdentities()).isEmpty();
    assertThat(p.validatesDnssec()).isFalse();
    assertThat(p.dnsRules().txtMatching()).isEqualTo(DnsRules.TxtMatching.ANY_STRING_EQUALS);
    assertThat(http.trimmedTrailingCharacters()).contains("\n\r\t");
    assertThat(http.bodyCapBytes()).isEqualTo(1 << 20);
    assertThat(http.acmeRedirects().statuses()).contains(303);
    assertThat(http.acmeRedirects().ports()).contains(8080).hasSize(65535);
    assertThat(http.acmeRedirects().maxRedirects()).isEqualTo(9);
    assertThat(http.ipv4Fallback()).isFalse();
    assertThat(http.connectsToNonPublicAddresses()).isTrue();
    assertThat(http.userAgent()).hasValueSatisfying(ua -> assertThat(ua).startsWith(
        "LetsEncrypt-Pebble-VA"));
    assertThat(p.offeredMethods()).isEqualTo(CaProfiles.LETS_ENCRYPT.offeredMethods());
    assertThat(p.sources()).anyMatch(src -> src.contains("4752651a6d4bae669ebcefec00236d4379ca6ecb"));
  }

  @Test
  void requestHeadersMustBeValidAndLeaveClientHeadersAlone() {
    assertThatThrownBy(() -> HttpRules.builder().putRequestHeaders("Host", "x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    assertThatThrownBy(() -> HttpRules.builder().putRequestHeaders("User-Agent", "x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userAgent()");
    assertThatThrownBy(() -> HttpRules.builder().putRequestHeaders("Bad Name", "x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header name");
    assertThatThrownBy(() -> HttpRules.builder().userAgent("a\r\nX-Injected: 1").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userAgent");
  }

  @Test
  void aliasSearchNeedsTheTextSearch() {
    assertThatThrownBy(() -> DnsRules.builder().searchesAliasTargets(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RECORD_TEXT_CONTAINS");
    assertThatThrownBy(() -> DnsRules.builder().lookupBudget(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
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
