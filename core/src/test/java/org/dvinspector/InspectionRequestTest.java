package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class InspectionRequestTest {
  @Test
  void needsAtLeastOneCheck() {
    assertThatThrownBy(() -> InspectionRequest.builder().domain("example.com").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no checks");
  }

  @Test
  void rejectsAMalformedDomain() {
    assertThatThrownBy(() -> InspectionRequest.builder().domain("exa..mple.com"))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("empty label");
  }

  @Test
  void rejectsUnderscoresInTheCertificateName() {
    assertThatThrownBy(() -> InspectionRequest.builder().domain("_dnsauth.example.com")
        .addChecks(CaaCheck.forIssuers("digicert.com")).build())
        .hasMessageContaining("underscore");
  }

  @Test
  void rejectsAnEmptyTokenOrValue() {
    assertThatThrownBy(() -> DnsTxtCheck.of("_dnsauth", " "))
        .hasMessageContaining("expected TXT value is empty");
    assertThatThrownBy(() -> AcmeHttp01Check.of(".thumb"))
        .hasMessageContaining("token.thumbprint");
    assertThatThrownBy(() -> AcmeHttp01Check.of("to/ken.thumb"))
        .hasMessageContaining("base64url");
  }

  @Test
  void rejectsAFilePathOutsidePkiValidation() {
    assertThatThrownBy(() -> HttpFileCheck.of("/fileauth.txt", "x"))
        .hasMessageContaining("/.well-known/pki-validation/");
    assertThatThrownBy(() -> HttpFileCheck.of("/.well-known/pki-validation/../x", "x"))
        .hasMessageContaining("plain path");
  }

  @Test
  void rejectsABadRecordLabel() {
    assertThatThrownBy(() -> DnsTxtCheck.of("a.b", "v")).hasMessageContaining("one DNS label");
  }

  @Test
  void aFileCheckWithoutPathNeedsAProfilePath() {
    assertThatThrownBy(() -> InspectionRequest.builder().domain("example.com")
        .addChecks(HttpFileCheck.atProfilePath("v")).build())
        .hasMessageContaining("no default file path");
  }

  @Test
  void dnsRecordNamesDropTheWildcard() {
    DomainName wildcard = DomainName.parse("*.example.com");
    assertThat(DnsTxtCheck.of("_dnsauth", "v").recordName(wildcard).ascii())
        .isEqualTo("_dnsauth.example.com");
    assertThat(AcmeDns01Check.of("tok.thumb").recordName(wildcard).ascii())
        .isEqualTo("_acme-challenge.example.com");
  }

  @Test
  void dns01ValueIsTheBase64UrlSha256OfTheKeyAuthorization() {
    // RFC 8555 §8.4: base64url(SHA-256(keyAuthorization)), no padding; value computed with
    // `printf %s 'token.thumbprint' | openssl dgst -sha256 -binary | basenc --base64url`.
    assertThat(AcmeDns01Check.of("token.thumbprint").expectedValue())
        .isEqualTo("61rBZ_4knHblO0MNoxFsXZ_eTFUHum0B6IVRbhvUn5I");
  }
}
