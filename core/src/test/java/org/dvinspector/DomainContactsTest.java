package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BR Appendix A contact syntax, constructed addresses and Authorization Domain Names. */
final class DomainContactsTest {
  @Test
  void authorizationDomainNamesGoDownToTheRegistrableDomain() {
    assertThat(DomainContacts.authorizationDomainNames(DomainName.parse("a.b.example.co.uk")))
        .extracting(DomainName::ascii)
        .containsExactly("a.b.example.co.uk", "b.example.co.uk", "example.co.uk");
    assertThat(DomainContacts.authorizationDomainNames(DomainName.parse("*.www.example.com")))
        .extracting(DomainName::ascii)
        .containsExactly("www.example.com", "example.com");
  }

  @Test
  void constructedAddressesUseTheFiveBrLocalParts() {
    assertThat(DomainContacts.constructedAddresses(DomainName.parse("example.com")))
        .containsExactly("admin@example.com", "administrator@example.com",
            "webmaster@example.com", "hostmaster@example.com", "postmaster@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dv@example.com", "first.last+tag@sub.example.org",
      "\"odd person\"@example.com", "j\u00f6rg@example.de", "o'brien@example.ie"})
  void emailAddressesTheBrAccept(String value) {
    assertThat(DomainContacts.emailProblem(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " dv@example.com", "dv@example.com ", "mailto:dv@example.com",
      "<dv@example.com>", "DV <dv@example.com>", "dv.example.com", "dv@", "@example.com",
      "dv@localhost", "dv@example..com", ".dv@example.com", "d..v@example.com",
      "dv@[192.0.2.1]", "d,v@example.com"})
  void valuesThatAreNotJustAnAddress(String value) {
    assertThat(DomainContacts.emailProblem(value)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1-555-0100", "+44.20.7946.0000", "+1(555)0100", "+4930123456"})
  void globalNumbers(String value) {
    assertThat(DomainContacts.phoneProblem(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "555-0100", "tel:+1-555-0100", "+1 555 0100", "+", "+1-555-0100;ext=1",
      "+-()"})
  void numbersThatAreNotGlobalNumbers(String value) {
    assertThat(DomainContacts.phoneProblem(value)).isPresent();
  }

  @Test
  void contactCheckValidatesItsOptions() {
    assertThatThrownBy(() -> DomainContactCheck.builder()
        .contactMethod(Method.EMAIL_TXT_CONTACT).expectedContact("not an address").build())
        .hasMessageContaining("not an e-mail address");
    assertThatThrownBy(() -> DomainContactCheck.builder()
        .contactMethod(Method.PHONE_TXT_CONTACT).smtpProbe(true).build())
        .hasMessageContaining("SMTP probe");
    assertThatThrownBy(() -> DomainContactCheck.of(Method.DNS_TXT))
        .hasMessageContaining("not a contact method");
    assertThatThrownBy(() -> InspectionRequest.builder().domain("www.example.com")
        .addChecks(DomainContactCheck.builder().contactMethod(Method.EMAIL_CONSTRUCTED)
            .authorizationDomainName("other.com").build()).build())
        .hasMessageContaining("Authorization Domain Name other.com");
    assertThat(InspectionRequest.builder().domain("www.example.com")
        .addChecks(DomainContactCheck.builder().contactMethod(Method.EMAIL_CONSTRUCTED)
            .authorizationDomainName("example.com").build()).build().checks()).hasSize(1);
  }

  @Test
  void persistCheckNeedsAnIssuerDomainName() {
    assertThatThrownBy(() -> InspectionRequest.builder().domain("www.example.com")
        .addChecks(AcmeDnsPersist01Check.of("https://ca.example/acct/1")).build())
        .hasMessageContaining("issuer domain");
    InspectionRequest ok = InspectionRequest.builder().domain("*.example.com")
        .profile(CaProfiles.LETS_ENCRYPT)
        .addChecks(AcmeDnsPersist01Check.of("https://ca.example/acct/1")).build();
    AcmeDnsPersist01Check c = (AcmeDnsPersist01Check) ok.checks().get(0);
    assertThat(c.recordName(ok.domain()).ascii()).isEqualTo("_validation-persist.example.com");
    assertThat(c.suggestedValue(ok.domain(), ok.profile()))
        .contains("letsencrypt.org; accounturi=https://ca.example/acct/1; policy=wildcard");
    assertThatThrownBy(() -> AcmeDnsPersist01Check.of("https://ca.example/a;b", "ca.example"))
        .hasMessageContaining("\";\"");
  }
}
