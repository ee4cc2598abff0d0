package org.dvinspector;

import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.acme.AcmeAccountKey;
import org.dvinspector.spi.Text;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * ACME http-01 (RFC 8555 §8.3, BR 3.2.2.4.19): {@code http://<name>/.well-known/acme-challenge/<token>}
 * on port 80 must answer 200 with the key authorization (trailing whitespace trimmed).
 */
@Value.Immutable
public abstract class AcmeHttp01Check implements Check {
  /** The challenge token. */
  @Value.Derived
  public String token() {
    // Derived values are computed before @Value.Check runs: stay total on malformed input so the
    // check can reject it with its own message.
    int dot = keyAuthorization().indexOf('.');
    return dot < 0 ? keyAuthorization() : keyAuthorization().substring(0, dot);
  }

  /** The key authorization ({@code token.thumbprint}). */
  public abstract String keyAuthorization();

  /** From a ready key authorization. */
  public static AcmeHttp01Check of(String keyAuthorization) {
    return ImmutableAcmeHttp01Check.builder().keyAuthorization(keyAuthorization).build();
  }

  /**
   * From the challenge token and the ACME account's public key: the key authorization is {@code
   * token.thumbprint} (RFC 8555 §8.1, RFC 7638).
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static AcmeHttp01Check of(String token, PublicKey accountKey) {
    return of(AcmeChallenges.keyAuthorization(token, accountKey));
  }

  /**
   * From the challenge token and the ACME account's key pair (e.g. acme4j's {@code
   * Login.getKeyPair()}); only the public key is used.
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static AcmeHttp01Check of(String token, KeyPair accountKeyPair) {
    return of(AcmeChallenges.keyAuthorization(token, accountKeyPair));
  }

  /**
   * From the challenge token and an account key read from PEM or JWK ({@link
   * AcmeAccountKey#read}).
   *
   * @throws IllegalArgumentException if the token is not base64url
   */
  public static AcmeHttp01Check of(String token, AcmeAccountKey accountKey) {
    return of(accountKey.keyAuthorization(token));
  }

  /** The path the CA fetches. */
  public String path() {
    return AcmeChallenges.http01Path(token());
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.ACME_HTTP_01);
  }

  @Override
  public String moduleId() {
    return "http";
  }

  @Override
  public String kind() {
    return Method.ACME_HTTP_01.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "http://" + domain + path() + " answers " + Text.quote(keyAuthorization());
  }

  @Value.Check
  void check() {
    AcmeChallenges.requireKeyAuthorization(keyAuthorization());
  }
}
