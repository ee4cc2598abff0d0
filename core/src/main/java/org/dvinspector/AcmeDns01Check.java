package org.dvinspector;

import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.acme.AcmeAccountKey;
import org.dvinspector.spi.Text;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * ACME dns-01 (RFC 8555 §8.4): a TXT record at {@code _acme-challenge.<name>} holding the
 * base64url SHA-256 digest of the key authorization. Any one of several TXT records may match.
 */
@Value.Immutable
public abstract class AcmeDns01Check implements Check {
  /** The label the CA queries (RFC 8555 §8.4). */
  public static final String LABEL = "_acme-challenge";

  /** The key authorization ({@code token.thumbprint}). */
  public abstract String keyAuthorization();

  /** From a ready key authorization. */
  public static AcmeDns01Check of(String keyAuthorization) {
    return ImmutableAcmeDns01Check.builder().keyAuthorization(keyAuthorization).build();
  }

  /**
   * From the challenge token and the ACME account's public key: the key authorization is {@code
   * token.thumbprint} (RFC 8555 §8.1, RFC 7638).
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static AcmeDns01Check of(String token, PublicKey accountKey) {
    return of(AcmeChallenges.keyAuthorization(token, accountKey));
  }

  /**
   * From the challenge token and the ACME account's key pair (e.g. acme4j's {@code
   * Login.getKeyPair()}); only the public key is used.
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static AcmeDns01Check of(String token, KeyPair accountKeyPair) {
    return of(AcmeChallenges.keyAuthorization(token, accountKeyPair));
  }

  /**
   * From the challenge token and an account key read from PEM or JWK ({@link
   * AcmeAccountKey#read}).
   *
   * @throws IllegalArgumentException if the token is not base64url
   */
  public static AcmeDns01Check of(String token, AcmeAccountKey accountKey) {
    return of(accountKey.keyAuthorization(token));
  }

  /** The TXT value the CA expects: base64url(SHA-256(key authorization)), no padding. */
  @Value.Derived
  public String expectedValue() {
    return AcmeChallenges.dns01TxtValue(keyAuthorization());
  }

  /** The name the CA queries: {@code _acme-challenge.<name without *.>}. */
  public DomainName recordName(DomainName domain) {
    return domain.withoutWildcard().child(LABEL);
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.ACME_DNS_01);
  }

  @Override
  public String moduleId() {
    return "dns";
  }

  @Override
  public String kind() {
    return Method.ACME_DNS_01.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "TXT " + recordName(domain) + " = " + Text.quote(expectedValue()) + " (dns-01)";
  }

  @Value.Check
  void check() {
    AcmeChallenges.requireKeyAuthorization(keyAuthorization());
  }
}
