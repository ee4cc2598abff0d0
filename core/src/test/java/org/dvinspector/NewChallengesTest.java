package org.dvinspector;

import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.policy.BaselineRequirements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Known answers for tls-alpn-01 and dns-account-01. The dns-account-01 label of the account
 * {@code https://example.com/acme/acct/ExampleAccount} is the example of
 * draft-ietf-acme-dns-account-label-03 ({@code _ujmmovf2vn55tgye}, the same account boulder's
 * va/dns_account_test.go uses); the other values were computed outside Java with Python's hashlib
 * and base64 modules.
 */
final class NewChallengesTest {
  private static final String KEY_AUTHORIZATION =
      "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";

  @Test
  void accountLabelOfTheDraftsExampleAccount() {
    assertThat(AcmeChallenges.dnsAccountLabel("https://example.com/acme/acct/ExampleAccount"))
        .isEqualTo("_ujmmovf2vn55tgye");
    assertThat(AcmeChallenges.dnsAccount01RecordName(DomainName.parse("example.org"),
        "https://example.com/acme/acct/ExampleAccount").ascii())
        .isEqualTo("_ujmmovf2vn55tgye._acme-challenge.example.org");
  }

  @Test
  void accountLabelsOfOtherAccounts() {
    assertThat(AcmeChallenges.dnsAccountLabel(
        "https://acme-v02.api.letsencrypt.org/acme/acct/123456789"))
        .isEqualTo("_s7uxt2h3c45tu6gt");
    assertThat(AcmeChallenges.dnsAccountLabel("https://localhost:14000/my-account/1"))
        .isEqualTo("_bpjsk7g2c3iuj47a");
  }

  @Test
  void accountLabelIsTheSameForAWildcardAndItsBaseName() {
    String uri = "https://example.com/acme/acct/ExampleAccount";

    assertThat(AcmeChallenges.dnsAccount01RecordName(DomainName.parse("*.example.org"), uri))
        .isEqualTo(AcmeChallenges.dnsAccount01RecordName(DomainName.parse("example.org"), uri));
  }

  @Test
  void accountUriMustBeAbsolute() {
    assertThatThrownBy(() -> AcmeChallenges.dnsAccountLabel("acct/123"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute URI");
    assertThatThrownBy(() -> AcmeChallenges.dnsAccountLabel("https://ca.example/acct 1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AcmeDnsAccount01Check.of(KEY_AUTHORIZATION, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tlsAlpnDigestIsSha256OfTheKeyAuthorization() {
    assertThat(AcmeChallenges.tlsAlpn01DigestHex(KEY_AUTHORIZATION))
        .isEqualTo("346c0aa17060093f098446b46caec0c1f4aa1f2bbf6567ae815d3b7cb18856ad");
    assertThat(AcmeTlsAlpn01Check.of(KEY_AUTHORIZATION).expectedDigestHex())
        .isEqualTo("346c0aa17060093f098446b46caec0c1f4aa1f2bbf6567ae815d3b7cb18856ad");
  }

  @Test
  void dnsAccountCheckExpectsTheDns01Digest() {
    AcmeDnsAccount01Check c = AcmeDnsAccount01Check.of(KEY_AUTHORIZATION,
        "https://example.com/acme/acct/ExampleAccount");

    assertThat(c.expectedValue()).isEqualTo("NGwKoXBgCT8JhEa0bK7AwfSqHyu_ZWeugV07fLGIVq0")
        .isEqualTo(AcmeDns01Check.of(KEY_AUTHORIZATION).expectedValue());
    assertThat(c.recordName(DomainName.parse("*.www.example.org")).ascii())
        .isEqualTo("_ujmmovf2vn55tgye._acme-challenge.www.example.org");
    assertThat(c.method()).contains(Method.ACME_DNS_ACCOUNT_01);
    assertThat(c.moduleId()).isEqualTo("dns");
  }

  @Test
  void tlsAlpnCheckRejectsABadKeyAuthorization() {
    assertThatThrownBy(() -> AcmeTlsAlpn01Check.of("no-dot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token.thumbprint");
  }

  @Test
  void newMethodsNameTheirBrSectionsAndModules() {
    assertThat(Method.ACME_DNS_ACCOUNT_01.brSection()).isEqualTo("3.2.2.4.21");
    assertThat(Method.ACME_DNS_ACCOUNT_01.acmeChallengeType()).contains("dns-account-01");
    assertThat(Method.ACME_DNS_PERSIST_01.brSection()).isEqualTo("3.2.2.4.22");
    assertThat(Method.ACME_DNS_PERSIST_01.acmeChallengeType()).contains("dns-persist-01");
    assertThat(Method.ACME_DNS_PERSIST_01.allowsWildcard()).isTrue();
    assertThat(Method.ACME_TLS_ALPN_01.allowsWildcard()).isFalse();
    assertThat(Method.EMAIL_CONSTRUCTED.brSection()).isEqualTo("3.2.2.4.4");
    assertThat(Method.EMAIL_CAA_CONTACT.brSection()).isEqualTo("3.2.2.4.13");
    assertThat(Method.EMAIL_TXT_CONTACT.brSection()).isEqualTo("3.2.2.4.14");
    assertThat(Method.PHONE_DOMAIN_CONTACT.brSection()).isEqualTo("3.2.2.4.15");
    assertThat(Method.PHONE_TXT_CONTACT.brSection()).isEqualTo("3.2.2.4.16");
    assertThat(Method.PHONE_CAA_CONTACT.brSection()).isEqualTo("3.2.2.4.17");
    assertThat(Method.EMAIL_CONSTRUCTED.moduleId()).isEqualTo("contact");
    assertThat(Method.fromLabel("acme-dns-persist-01")).isEqualTo(Method.ACME_DNS_PERSIST_01);
    assertThatThrownBy(() -> Method.fromLabel("nope"))
        .hasMessageContaining("email-constructed").hasMessageContaining("acme-dns-account-01");
  }

  @Test
  void contactMethodsMapToTheirBrRetirements() {
    assertThat(BaselineRequirements.retirementOf(Method.EMAIL_CONSTRUCTED))
        .map(BaselineRequirements.Retirement::mustNotRelyFrom)
        .contains(java.time.LocalDate.of(2028, 3, 15));
    assertThat(BaselineRequirements.retirementOf(Method.PHONE_TXT_CONTACT))
        .map(BaselineRequirements.Retirement::mustNotRelyFrom)
        .contains(java.time.LocalDate.of(2027, 3, 15));
    assertThat(BaselineRequirements.retirementOf(Method.PHONE_DOMAIN_CONTACT))
        .map(BaselineRequirements.Retirement::mustNotRelyFrom)
        .contains(java.time.LocalDate.of(2025, 7, 15));
    assertThat(BaselineRequirements.retirementOf(Method.ACME_DNS_PERSIST_01)).isEmpty();
  }
}
