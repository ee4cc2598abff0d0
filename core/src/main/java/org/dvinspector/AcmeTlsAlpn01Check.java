package org.dvinspector;

import org.dvinspector.acme.AcmeChallenges;

import java.security.PublicKey;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * ACME tls-alpn-01 (RFC 8737, BR 3.2.2.4.20): the CA connects to port 443 of the name's addresses
 * with SNI set to the name and ALPN offering only {@code acme-tls/1}; the server must negotiate
 * that protocol and present a self-signed certificate whose only subjectAltName is the name and
 * whose critical acmeIdentifier extension holds the SHA-256 digest of the key authorization. Not
 * usable for wildcard names.
 */
@Value.Immutable
public abstract class AcmeTlsAlpn01Check implements Check {
  /** The port the CA connects to (RFC 8737 §3). */
  public static final int PORT = 443;

  /** The key authorization ({@code token.thumbprint}). */
  public abstract String keyAuthorization();

  /** From a ready key authorization. */
  public static AcmeTlsAlpn01Check of(String keyAuthorization) {
    return ImmutableAcmeTlsAlpn01Check.builder().keyAuthorization(keyAuthorization).build();
  }

  /**
   * From the challenge token and the ACME account's public key (RFC 8555 §8.1, RFC 7638).
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static AcmeTlsAlpn01Check of(String token, PublicKey accountKey) {
    return of(AcmeChallenges.keyAuthorization(token, accountKey));
  }

  /** The digest the acmeIdentifier extension must hold, in lower-case hex (64 characters). */
  @Value.Derived
  public String expectedDigestHex() {
    // Derived values run before @Value.Check: stay total on any string.
    return AcmeChallenges.tlsAlpn01DigestHex(keyAuthorization());
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.ACME_TLS_ALPN_01);
  }

  @Override
  public String moduleId() {
    return "http";
  }

  @Override
  public String kind() {
    return Method.ACME_TLS_ALPN_01.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "TLS " + domain.withoutWildcard() + ":" + PORT + " with ALPN "
        + AcmeChallenges.TLS_ALPN_PROTOCOL + " presents a self-signed certificate for "
        + domain.withoutWildcard() + " with acmeIdentifier SHA-256 " + expectedDigestHex();
  }

  @Value.Check
  void check() {
    AcmeChallenges.requireKeyAuthorization(keyAuthorization());
  }
}
