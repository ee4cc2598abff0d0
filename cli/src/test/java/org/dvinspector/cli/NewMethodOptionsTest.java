package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.junit.jupiter.api.Test;

/** The options of tls-alpn-01, dns-account-01, dns-persist-01 and the contact methods. */
final class NewMethodOptionsTest {
  private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  private static final String THUMBPRINT = "9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  private static final String ACCOUNT = "https://acme-v02.api.letsencrypt.org/acme/acct/123456789";

  private static RequestSpec spec(String domain) {
    return RequestSpec.empty().with(RequestField.DOMAIN, domain);
  }

  @Test
  void tlsAlpnFromTokenAndThumbprint() {
    InspectionRequest r = RequestFactory.build(spec("www.example.com")
        .with(RequestField.PROFILE, "letsencrypt")
        .with(RequestField.ACME_TLS_ALPN_01, TOKEN).with(RequestField.THUMBPRINT, THUMBPRINT));

    assertThat(r.checks()).hasAtLeastOneElementOfType(AcmeTlsAlpn01Check.class)
        .anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(AcmeTlsAlpn01Check.class,
            t -> assertThat(t.keyAuthorization()).isEqualTo(TOKEN + "." + THUMBPRINT)));
  }

  @Test
  void dnsAccountNeedsTheAccountUri() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_ACCOUNT_01, TOKEN).with(RequestField.THUMBPRINT, THUMBPRINT)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--acme-dns-account-01 needs --account-uri");

    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_ACCOUNT_01, TOKEN).with(RequestField.THUMBPRINT, THUMBPRINT)
        .with(RequestField.ACCOUNT_URI, ACCOUNT));
    // The baseline profile names no CA: the account URI serves dns-account-01, not CAA.
    assertThat(r.checks()).singleElement().isInstanceOfSatisfying(AcmeDnsAccount01Check.class,
        c -> assertThat(c.recordName(r.domain()).ascii())
            .isEqualTo("_s7uxt2h3c45tu6gt._acme-challenge.example.com"));
  }

  @Test
  void dnsPersistUsesTheProfilesIssuerOrTheGivenOnes() {
    InspectionRequest le = RequestFactory.build(spec("example.com")
        .with(RequestField.PROFILE, "letsencrypt")
        .with(RequestField.ACME_DNS_PERSIST_01, true).with(RequestField.ACCOUNT_URI, ACCOUNT));
    InspectionRequest own = RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_PERSIST_01, true).with(RequestField.ACCOUNT_URI, ACCOUNT)
        .with(RequestField.CAA_ISSUER, List.of("ca.example")));

    assertThat(le.checks()).hasAtLeastOneElementOfType(AcmeDnsPersist01Check.class)
        .hasAtLeastOneElementOfType(CaaCheck.class);
    AcmeDnsPersist01Check p = (AcmeDnsPersist01Check) own.checks().get(0);
    assertThat(p.effectiveIssuerDomainNames(own.profile())).containsExactly("ca.example");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_PERSIST_01, true)))
        .hasMessageContaining("--acme-dns-persist-01 needs --account-uri");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.ACME_DNS_PERSIST_01, true).with(RequestField.ACCOUNT_URI, ACCOUNT)))
        .hasMessageContaining("issuer domain");
  }

  @Test
  void noCaaWithTheAccountUriOfAPersistCheckIsFine() {
    InspectionRequest r = RequestFactory.build(spec("example.com")
        .with(RequestField.PROFILE, "letsencrypt").with(RequestField.CAA, false)
        .with(RequestField.ACME_DNS_PERSIST_01, true).with(RequestField.ACCOUNT_URI, ACCOUNT));

    assertThat(r.checks()).singleElement().isInstanceOf(AcmeDnsPersist01Check.class);
  }

  @Test
  void contactMethodsWithTheirOptions() {
    InspectionRequest r = RequestFactory.build(spec("www.example.com")
        .with(RequestField.CONTACT_METHOD, List.of("email-constructed", "email-txt-contact"))
        .with(RequestField.CONTACT, "admin@example.com")
        .with(RequestField.AUTHORIZATION_DOMAIN, "example.com")
        .with(RequestField.SMTP_PROBE, true));

    assertThat(r.checks()).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOfSatisfying(
        DomainContactCheck.class, d -> {
          assertThat(d.expectedContact()).contains("admin@example.com");
          assertThat(d.authorizationDomainName()).map(Object::toString).contains("example.com");
          assertThat(d.smtpProbe()).isTrue();
        }));
    assertThat(r.checks()).extracting(c -> c.method().orElseThrow())
        .containsExactly(Method.EMAIL_CONSTRUCTED, Method.EMAIL_TXT_CONTACT);
  }

  @Test
  void contactOptionsAreCheckedAtTheBoundary() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.CONTACT_METHOD, List.of("dns-txt"))))
        .hasMessageContaining("not an e-mail or phone method");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.CONTACT_METHOD, List.of("carrier-pigeon"))))
        .hasMessageContaining("not a method");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.CONTACT, "admin@example.com").with(RequestField.DNS_TXT, "v")))
        .hasMessageContaining("need --contact-method");
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.CONTACT_METHOD, List.of("phone-txt-contact"))
        .with(RequestField.CONTACT, "555 0100")))
        .hasMessageContaining("not a global phone number");
    assertThatThrownBy(() -> RequestFactory.build(spec("www.example.com")
        .with(RequestField.CONTACT_METHOD, List.of("email-constructed"))
        .with(RequestField.AUTHORIZATION_DOMAIN, "example.net")))
        .hasMessageContaining("Authorization Domain Name example.net");
  }

  @Test
  void keyOptionsNeedAnAcmeChallenge() {
    assertThatThrownBy(() -> RequestFactory.build(spec("example.com")
        .with(RequestField.THUMBPRINT, THUMBPRINT).with(RequestField.DNS_TXT, "v")))
        .hasMessageContaining("--acme-tls-alpn-01 or --acme-dns-account-01");
  }
}
