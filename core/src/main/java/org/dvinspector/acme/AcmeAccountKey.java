package org.dvinspector.acme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Objects;
import org.dvinspector.internal.keys.AccountKeys;
import org.jspecify.annotations.Nullable;

/**
 * The public key of an ACME account, from whatever form the ACME client keeps it in, and what the
 * CA computes from it: the RFC 7638 thumbprint, the key authorization of a challenge (RFC 8555
 * §8.1) and the dns-01 TXT value (§8.4).
 *
 * <pre>{@code
 * AcmeAccountKey key = AcmeAccountKey.read(Path.of("account.pem"));      // acme4j, certbot, lego...
 * AcmeAccountKey key = AcmeAccountKey.of(login.getKeyPair());             // acme4j in memory
 * InspectionRequest request = InspectionRequest.builder()
 *     .domain("example.com")
 *     .profile(CaProfiles.LETS_ENCRYPT)
 *     .addChecks(AcmeDns01Check.of(key.keyAuthorization(token)))
 *     .build();
 * }</pre>
 *
 * <p>Accepted, parsed with the JDK alone:
 *
 * <ul>
 *   <li>PEM public keys: {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) and
 *       {@code RSA PUBLIC KEY} (PKCS#1);
 *   <li>PEM private keys: {@code PRIVATE KEY} (PKCS#8: RSA, EC, Ed25519; Ed448 when it carries its
 *       public key), {@code EC PRIVATE KEY} (SEC 1, as acme4j's {@code KeyPairUtils} and {@code
 *       openssl ecparam -genkey} write it) and {@code RSA PRIVATE KEY} (PKCS#1); a leading {@code
 *       EC PARAMETERS} block is skipped; encrypted keys are refused with a hint;
 *   <li>JWK (RFC 7517), public or private (certbot's {@code private_key.json}, lego's and
 *       acme.sh's JSON keys): {@code kty} RSA, EC (P-256, P-384, P-521) or OKP (Ed25519, Ed448).
 * </ul>
 *
 * <p>Only the public part is kept; a private key's public key is the one it carries, or is
 * computed from it (RSA: its modulus and exponent; EC: {@code d·G}; Ed25519: RFC 8032 §5.1.5).
 * Nothing of the private key is stored in this object.
 */
public final class AcmeAccountKey {
  /** The largest key file {@link #read(Path)} reads, in bytes. */
  public static final int MAX_FILE_BYTES = AccountKeys.MAX_CHARS;

  private final PublicKey publicKey;
  private final String thumbprint;

  private AcmeAccountKey(PublicKey publicKey) {
    // Computing the thumbprint first rejects unsupported keys here, at the API boundary.
    this.thumbprint = AcmeChallenges.jwkThumbprint(publicKey);
    this.publicKey = publicKey;
  }

  /**
   * The account key from its public key.
   *
   * @throws IllegalArgumentException if the key is not RSA, EC P-256/P-384/P-521, Ed25519 or Ed448
   */
  public static AcmeAccountKey of(PublicKey publicKey) {
    return new AcmeAccountKey(Objects.requireNonNull(publicKey, "publicKey"));
  }

  /**
   * The account key from the key pair an ACME client holds (e.g. acme4j's {@code
   * Login.getKeyPair()}); only its public key is used.
   *
   * @throws IllegalArgumentException if the key type is unsupported
   */
  public static AcmeAccountKey of(KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    return of(Objects.requireNonNull(keyPair.getPublic(), "keyPair.getPublic()"));
  }

  /**
   * The account key from PEM or JWK text (told apart by the first character), public or private.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static AcmeAccountKey parse(String text) {
    Objects.requireNonNull(text, "text");
    return new AcmeAccountKey(AccountKeys.parse(text));
  }

  /**
   * The account key from a PEM text (the first key block).
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static AcmeAccountKey fromPem(String pem) {
    Objects.requireNonNull(pem, "pem");
    return new AcmeAccountKey(AccountKeys.fromPem(pem));
  }

  /**
   * The account key from a JWK (RFC 7517), public or private.
   *
   * @throws IllegalArgumentException saying what is wrong with the JWK
   */
  public static AcmeAccountKey fromJwk(String jwk) {
    Objects.requireNonNull(jwk, "jwk");
    return new AcmeAccountKey(AccountKeys.fromJwk(jwk));
  }

  /**
   * The account key from a file holding PEM or JWK text. At most {@link #MAX_FILE_BYTES} are read,
   * whatever the file claims to be (a device or a growing file included).
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is too large, not UTF-8 text, or not a key; the message
   *     names the file
   */
  public static AcmeAccountKey read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES / 1024
          + " KiB; an ACME account key file is a few kilobytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not a PEM or JWK text file (binary DER keys"
          + " are not read; convert with: openssl pkey -inform DER -in FILE -pubout)", e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** The public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The RFC 7638 JWK thumbprint: base64url, no padding, of the SHA-256 of the canonical JWK. */
  public String thumbprint() {
    return thumbprint;
  }

  /** The canonical JWK RFC 7638 hashes, e.g. {@code {"e":"AQAB","kty":"RSA","n":"..."}}. */
  public String canonicalJwk() {
    return AcmeChallenges.canonicalJwk(publicKey);
  }

  /**
   * The key authorization of a challenge token: {@code token + "." + thumbprint} (RFC 8555 §8.1).
   *
   * @throws IllegalArgumentException if the token is not base64url
   */
  public String keyAuthorization(String token) {
    AcmeChallenges.requireToken(token);
    return token + "." + thumbprint;
  }

  /** The dns-01 TXT value for a challenge token (RFC 8555 §8.4). */
  public String dns01TxtValue(String token) {
    return AcmeChallenges.dns01TxtValue(keyAuthorization(token));
  }

  /** Same public key. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AcmeAccountKey k && k.publicKey.equals(publicKey);
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  /** The key type and thumbprint, e.g. {@code AcmeAccountKey[EC P-256, thumbprint ...]}. */
  @Override
  public String toString() {
    return "AcmeAccountKey[" + AccountKeys.describe(publicKey) + ", thumbprint " + thumbprint + "]";
  }
}
