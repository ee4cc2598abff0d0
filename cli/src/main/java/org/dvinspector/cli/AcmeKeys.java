package org.dvinspector.cli;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.dvinspector.AcmeChallenges;
import org.jspecify.annotations.Nullable;

/**
 * Where the ACME key authorization ({@code token.thumbprint}, RFC 8555 §8.1) comes from: given
 * whole ({@code --key-authorization}), from the account key's thumbprint ({@code --thumbprint}),
 * or computed from the account's public key ({@code --account-key FILE}, PEM).
 */
final class AcmeKeys {
  private final @Nullable String keyAuthorization;
  private final @Nullable String thumbprint;
  private final String option;

  private AcmeKeys(@Nullable String keyAuthorization, @Nullable String thumbprint, String option) {
    this.keyAuthorization = keyAuthorization;
    this.thumbprint = thumbprint;
    this.option = option;
  }

  static AcmeKeys from(RequestSpec spec) {
    String ka = spec.text(RequestField.KEY_AUTHORIZATION);
    String tp = spec.text(RequestField.THUMBPRINT);
    String keyFile = spec.text(RequestField.ACCOUNT_KEY);
    int given = (ka != null ? 1 : 0) + (tp != null ? 1 : 0) + (keyFile != null ? 1 : 0);
    if (given > 1) {
      throw new UsageException(
          "Give only one of --key-authorization, --thumbprint and --account-key");
    }
    if (keyFile != null) {
      String pem = RequestFactory.readFile("--account-key", keyFile);
      return new AcmeKeys(null, thumbprint(publicKey(pem, keyFile)), "--account-key");
    }
    if (tp != null) {
      return new AcmeKeys(null, tp.strip(), "--thumbprint");
    }
    return new AcmeKeys(ka == null ? null : ka.strip(), null, "--key-authorization");
  }

  boolean given() {
    return keyAuthorization != null || thumbprint != null;
  }

  String option() {
    return option;
  }

  /** The key authorization for {@code token}. */
  String keyAuthorization(String token, String tokenOption) {
    String t = token.strip();
    if (keyAuthorization != null) {
      if (!keyAuthorization.startsWith(t + ".")) {
        throw new UsageException("--key-authorization does not start with the " + tokenOption
            + " token '" + Style.safe(t) + ".'");
      }
      return keyAuthorization;
    }
    if (thumbprint != null) {
      return t + "." + thumbprint;
    }
    throw new UsageException(tokenOption + " needs the account key: give --account-key FILE,"
        + " --thumbprint or --key-authorization");
  }

  /** Reads a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo): RSA, EC or Ed25519/Ed448. */
  static PublicKey publicKey(String pem, String file) {
    String begin = "-----BEGIN PUBLIC KEY-----";
    String end = "-----END PUBLIC KEY-----";
    int b = pem.indexOf(begin);
    int e = pem.indexOf(end);
    if (b < 0 || e < b) {
      String hint = pem.contains("PRIVATE KEY")
          ? " (it holds a private key; export the public key: openssl pkey -pubout)" : "";
      throw new UsageException("--account-key " + Style.safe(file)
          + " holds no '-----BEGIN PUBLIC KEY-----' block" + hint);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw new UsageException("--account-key " + Style.safe(file) + ": the PEM block is not base64");
    }
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException ex) {
        // Not this algorithm; try the next.
      }
    }
    throw new UsageException("--account-key " + Style.safe(file)
        + ": not an RSA, EC (P-256/384/521) or Ed25519/Ed448 public key");
  }

  /** The JWK thumbprint (RFC 7638) of the account key, with a one-line error for odd keys. */
  static String thumbprint(PublicKey key) {
    try {
      return AcmeChallenges.jwkThumbprint(key);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--account-key: " + e.getMessage(), e);
    }
  }
}
