package org.dvinspector.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import org.dvinspector.acme.AcmeAccountKey;
import org.dvinspector.acme.AcmeChallenges;
import org.jspecify.annotations.Nullable;

/**
 * Where the ACME key authorization ({@code token.thumbprint}, RFC 8555 §8.1) comes from: given
 * whole ({@code --key-authorization}), from the account key's thumbprint ({@code --thumbprint}),
 * or computed from the account key ({@code --account-key FILE}: PEM public or private key, or
 * JWK).
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
      return new AcmeKeys(null, read(keyFile).thumbprint(), "--account-key");
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

  /**
   * Reads the account key file the way the library does ({@link AcmeAccountKey#read}): PEM public
   * or private key (PKCS#8, SEC 1 {@code EC PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}) or JWK
   * (certbot's {@code private_key.json}), at most 64 KiB.
   */
  static AcmeAccountKey read(String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (RuntimeException e) {
      throw new UsageException("--account-key '" + Style.safe(file) + "' is not a file name");
    }
    if (Files.isDirectory(path)) {
      throw new UsageException("--account-key " + Style.safe(file) + " is a directory");
    }
    try {
      return AcmeAccountKey.read(path);
    } catch (NoSuchFileException e) {
      throw new UsageException("--account-key " + Style.safe(file) + ": no such file");
    } catch (IOException e) {
      throw new UsageException("--account-key " + Style.safe(file) + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      // The message names the file and says what is wrong with it.
      throw new UsageException("--account-key " + Style.safe(String.valueOf(e.getMessage())), e);
    }
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
