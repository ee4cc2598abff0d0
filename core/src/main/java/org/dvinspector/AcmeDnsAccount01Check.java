package org.dvinspector;

import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.spi.Text;

import java.security.PublicKey;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * ACME dns-account-01 (draft-ietf-acme-dns-account-label-03, BR 3.2.2.4.21 "DNS Labeled with
 * Account ID"): the dns-01 digest of the key authorization in a TXT record at {@code
 * _<account label>._acme-challenge.<name>}, where the label is derived from the ACME account URI
 * ({@link AcmeChallenges#dnsAccountLabel(String)}). So several ACME clients (accounts) can answer
 * challenges for one name at once. CNAMEs are followed, wildcards are allowed (the record sits
 * under the name without {@code *.}), and every authoritative server must have it.
 */
@Value.Immutable
public abstract class AcmeDnsAccount01Check implements Check {
  /** The key authorization ({@code token.thumbprint}). */
  public abstract String keyAuthorization();

  /** The ACME account URI (the account's {@code Location}, RFC 8555 §7.3). */
  public abstract String accountUri();

  /** From a ready key authorization and the account URI. */
  public static AcmeDnsAccount01Check of(String keyAuthorization, String accountUri) {
    return ImmutableAcmeDnsAccount01Check.builder()
        .keyAuthorization(keyAuthorization)
        .accountUri(accountUri)
        .build();
  }

  /**
   * From the challenge token, the account's public key and its URI.
   *
   * @throws IllegalArgumentException if the token is not base64url, the key type is unsupported
   *     or the URI is not absolute
   */
  public static AcmeDnsAccount01Check of(String token, PublicKey accountKey, String accountUri) {
    return of(AcmeChallenges.keyAuthorization(token, accountKey), accountUri);
  }

  /** The TXT value the CA expects: base64url(SHA-256(key authorization)), as for dns-01. */
  @Value.Derived
  public String expectedValue() {
    return AcmeChallenges.dns01TxtValue(keyAuthorization());
  }

  /** The account label, e.g. {@code _ujmmovf2vn55tgye}. */
  public String accountLabel() {
    return AcmeChallenges.dnsAccountLabel(accountUri());
  }

  /** The labels put before the name: {@code _<account label>._acme-challenge}. */
  public String recordLabels() {
    return accountLabel() + "." + AcmeChallenges.ACME_CHALLENGE_LABEL;
  }

  /** The name the CA queries: {@code _<label>._acme-challenge.<name without *.>}. */
  public DomainName recordName(DomainName domain) {
    return AcmeChallenges.dnsAccount01RecordName(domain, accountUri());
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.ACME_DNS_ACCOUNT_01);
  }

  @Override
  public String moduleId() {
    return "dns";
  }

  @Override
  public String kind() {
    return Method.ACME_DNS_ACCOUNT_01.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "TXT " + recordName(domain) + " = " + Text.quote(expectedValue())
        + " (dns-account-01 for " + Text.quote(accountUri(), 120) + ")";
  }

  @Value.Check
  void check() {
    AcmeChallenges.requireKeyAuthorization(keyAuthorization());
    AcmeChallenges.requireAccountUri(accountUri());
  }
}
