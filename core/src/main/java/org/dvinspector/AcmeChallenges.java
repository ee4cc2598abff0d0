package org.dvinspector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** ACME challenge computations (RFC 8555 §8.1, §8.3, §8.4). */
public final class AcmeChallenges {
  private AcmeChallenges() {}

  /** The dns-01 TXT value: base64url of the SHA-256 of the key authorization, without padding. */
  public static String dns01TxtValue(String keyAuthorization) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The path of an http-01 challenge: {@code /.well-known/acme-challenge/<token>}. */
  public static String http01Path(String token) {
    requireToken(token);
    return "/.well-known/acme-challenge/" + token;
  }

  static void requireToken(String token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("The ACME token is empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw new IllegalArgumentException("The ACME token \"" + Text.escape(token)
            + "\" contains '" + Text.escape(String.valueOf(c))
            + "'; tokens are base64url (RFC 8555 §8.1)");
      }
    }
  }

  static void requireKeyAuthorization(String keyAuthorization) {
    int dot = keyAuthorization.indexOf('.');
    if (dot <= 0 || dot == keyAuthorization.length() - 1 || keyAuthorization.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("The key authorization \"" + Text.escape(keyAuthorization)
          + "\" is not of the form token.thumbprint (RFC 8555 §8.1)");
    }
    requireToken(keyAuthorization.substring(0, dot));
    requireToken(keyAuthorization.substring(dot + 1));
  }
}
