package org.dvinspector.acme;

import org.dvinspector.DomainName;

import org.dvinspector.spi.Text;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.Locale;

/**
 * ACME challenge computations (RFC 8555 §8.1, §8.3, §8.4; RFC 8737 tls-alpn-01;
 * draft-ietf-acme-dns-account-label dns-account-01) and the account key's JWK thumbprint (RFC
 * 7638), using only {@code java.security}.
 *
 * <pre>{@code
 * String keyAuthorization = AcmeChallenges.keyAuthorization(token, accountKeyPair.getPublic());
 * String txt = AcmeChallenges.dns01TxtValue(keyAuthorization);   // _acme-challenge TXT value
 * String body = AcmeChallenges.http01Body(keyAuthorization);     // /.well-known/acme-challenge/<token>
 * }</pre>
 *
 * <p>Supported account keys: RSA, EC on P-256, P-384 and P-521 (RFC 7518 §6.2), Ed25519 and Ed448
 * (RFC 8037 §2). Any other key is rejected with an {@link IllegalArgumentException} that names it.
 * Each computation takes the account key as a {@link PublicKey}, a {@link KeyPair}, or an {@link
 * AcmeAccountKey} read from a PEM file (public or private key) or a JWK:
 *
 * <pre>{@code
 * AcmeChallenges.keyAuthorization(token, login.getKeyPair());                       // acme4j
 * AcmeChallenges.dns01TxtValue(token, AcmeAccountKey.read(Path.of("account.pem")));  // a file
 * }</pre>
 */
public final class AcmeChallenges {
  private AcmeChallenges() {}

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * The dns-01 TXT value of a key authorization: base64url of the SHA-256 of the key
   * authorization, without padding (RFC 8555 §8.4).
   */
  public static String dns01TxtValue(String keyAuthorization) {
    return B64URL.encodeToString(sha256(keyAuthorization.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The dns-01 TXT value for a challenge token and the account's public key: {@code
   * dns01TxtValue(keyAuthorization(token, accountKey))}.
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static String dns01TxtValue(String token, PublicKey accountKey) {
    return dns01TxtValue(keyAuthorization(token, accountKey));
  }

  /**
   * The dns-01 TXT value for a challenge token and the account's key pair (only its public key is
   * used).
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static String dns01TxtValue(String token, KeyPair accountKeyPair) {
    return dns01TxtValue(keyAuthorization(token, accountKeyPair));
  }

  /**
   * The dns-01 TXT value for a challenge token and an account key read from PEM or JWK.
   *
   * @throws IllegalArgumentException if the token is not base64url
   */
  public static String dns01TxtValue(String token, AcmeAccountKey accountKey) {
    return accountKey.dns01TxtValue(token);
  }

  /** The ALPN protocol of tls-alpn-01 (RFC 8737 §6.2). */
  public static final String TLS_ALPN_PROTOCOL = "acme-tls/1";

  /** The OID of the id-pe-acmeIdentifier certificate extension (RFC 8737 §6.1): id-pe 31. */
  public static final String ACME_IDENTIFIER_OID = "1.3.6.1.5.5.7.1.31";

  /** The label dns-01 and dns-account-01 put their TXT record under (RFC 8555 §8.4). */
  public static final String ACME_CHALLENGE_LABEL = "_acme-challenge";

  /**
   * What the tls-alpn-01 challenge certificate's acmeIdentifier extension holds (RFC 8737 §3):
   * the SHA-256 digest of the key authorization, 32 octets (DER-encoded as an OCTET STRING).
   */
  public static byte[] tlsAlpn01Digest(String keyAuthorization) {
    return sha256(keyAuthorization.getBytes(StandardCharsets.UTF_8));
  }

  /** {@link #tlsAlpn01Digest(String)} in lower-case hex, for messages and reports. */
  public static String tlsAlpn01DigestHex(String keyAuthorization) {
    return hex(tlsAlpn01Digest(keyAuthorization), false);
  }

  /**
   * The account label of dns-account-01 (draft-ietf-acme-dns-account-label-03): {@code "_"}
   * followed by the base32 (RFC 4648 §6) of the first 10 octets of SHA-256 of the account URL,
   * in lower case; 16 characters after the underscore, no padding. For the draft's example
   * account {@code https://example.com/acme/acct/ExampleAccount} it is {@code _ujmmovf2vn55tgye}.
   *
   * @throws IllegalArgumentException if {@code accountUri} is not an absolute URI
   */
  public static String dnsAccountLabel(String accountUri) {
    requireAccountUri(accountUri);
    byte[] digest = sha256(accountUri.getBytes(StandardCharsets.UTF_8));
    return "_" + base32Lower(digest, 10);
  }

  /**
   * The name a CA queries for dns-account-01: {@code <account label>._acme-challenge.<name>}, the
   * name without a wildcard's {@code *.} (draft-ietf-acme-dns-account-label-03).
   */
  public static DomainName dnsAccount01RecordName(DomainName domain, String accountUri) {
    return domain.withoutWildcard()
        .child(dnsAccountLabel(accountUri) + "." + ACME_CHALLENGE_LABEL);
  }

  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /** RFC 4648 §6 base32 of the first {@code n} octets, lower case, without padding. */
  static String base32Lower(byte[] data, int n) {
    StringBuilder out = new StringBuilder((n * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < n; i++) {
      buffer = (buffer << 8) | (data[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /**
   * Checks an ACME account URI (RFC 8555 §7.3, the {@code Location} of the account): an absolute
   * URI without spaces or control characters.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static void requireAccountUri(String accountUri) {
    boolean ok = !accountUri.isBlank()
        && accountUri.chars().noneMatch(c -> c <= 0x20 || c >= 0x7f);
    if (ok) {
      try {
        ok = new java.net.URI(accountUri).isAbsolute();
      } catch (java.net.URISyntaxException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException("The ACME account URI \"" + Text.escape(accountUri)
          + "\" is not an absolute URI such as https://acme.example/acct/123 (RFC 8555 §7.3)");
    }
  }

  /** The path of an http-01 challenge: {@code /.well-known/acme-challenge/<token>}. */
  public static String http01Path(String token) {
    requireToken(token);
    return "/.well-known/acme-challenge/" + token;
  }

  /**
   * The body the http-01 resource must serve: the key authorization itself (RFC 8555 §8.3). The CA
   * trims trailing whitespace before comparing, so a trailing newline is harmless.
   *
   * @throws IllegalArgumentException if {@code keyAuthorization} is not {@code token.thumbprint}
   */
  public static String http01Body(String keyAuthorization) {
    requireKeyAuthorization(keyAuthorization);
    return keyAuthorization;
  }

  /**
   * The key authorization for a challenge token and the ACME account's public key: {@code token +
   * "." + base64url(JWK thumbprint)} (RFC 8555 §8.1).
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static String keyAuthorization(String token, PublicKey accountKey) {
    requireToken(token);
    return token + "." + jwkThumbprint(accountKey);
  }

  /**
   * The key authorization for a challenge token and the ACME account's key pair (e.g. acme4j's
   * {@code Login.getKeyPair()}); only the public key is used.
   *
   * @throws IllegalArgumentException if the token is not base64url or the key type is unsupported
   */
  public static String keyAuthorization(String token, KeyPair accountKeyPair) {
    return keyAuthorization(token, publicOf(accountKeyPair));
  }

  /**
   * The key authorization for a challenge token and an account key read from PEM (public or
   * private) or JWK with {@link AcmeAccountKey#parse(String)} or {@link AcmeAccountKey#read}.
   *
   * @throws IllegalArgumentException if the token is not base64url
   */
  public static String keyAuthorization(String token, AcmeAccountKey accountKey) {
    return accountKey.keyAuthorization(token);
  }

  /**
   * The RFC 7638 JWK thumbprint of a key pair's public key.
   *
   * @throws IllegalArgumentException if the key type or curve is unsupported
   */
  public static String jwkThumbprint(KeyPair keyPair) {
    return jwkThumbprint(publicOf(keyPair));
  }

  private static PublicKey publicOf(KeyPair keyPair) {
    PublicKey key = keyPair.getPublic();
    if (key == null) {
      throw new IllegalArgumentException("The key pair has no public key");
    }
    return key;
  }

  /**
   * The RFC 7638 JWK thumbprint of a public key: base64url (no padding) of the SHA-256 of the
   * key's canonical JWK (required members only, in lexicographic order, no whitespace).
   *
   * @throws IllegalArgumentException if the key type or curve is unsupported
   */
  public static String jwkThumbprint(PublicKey key) {
    return B64URL.encodeToString(sha256(canonicalJwk(key).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The canonical JWK of a public key as RFC 7638 §3 hashes it, e.g. {@code
   * {"e":"AQAB","kty":"RSA","n":"..."}}.
   *
   * @throws IllegalArgumentException if the key type or curve is unsupported
   */
  public static String canonicalJwk(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      // RFC 7518 §6.3.1: unsigned big-endian, no leading zero octets.
      return "{\"e\":\"" + b64(unsigned(rsa.getPublicExponent())) + "\",\"kty\":\"RSA\",\"n\":\""
          + b64(unsigned(rsa.getModulus())) + "\"}";
    }
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.of(ec.getParams());
      ECPoint w = ec.getW();
      // RFC 7518 §6.2.1.2: coordinates are fixed-length, left-padded to the field size.
      return "{\"crv\":\"" + curve.jwkName + "\",\"kty\":\"EC\",\"x\":\""
          + b64(fixedLength(w.getAffineX(), curve.octets)) + "\",\"y\":\""
          + b64(fixedLength(w.getAffineY(), curve.octets)) + "\"}";
    }
    if (key instanceof EdECPublicKey ed) {
      String name = ed.getParams().getName();
      int octets;
      String crv;
      if (name.equalsIgnoreCase(NamedParameterSpec.ED25519.getName())) {
        octets = 32;
        crv = "Ed25519";
      } else if (name.equalsIgnoreCase(NamedParameterSpec.ED448.getName())) {
        octets = 57;
        crv = "Ed448";
      } else {
        throw new IllegalArgumentException("Unsupported EdDSA curve " + name);
      }
      return "{\"crv\":\"" + crv + "\",\"kty\":\"OKP\",\"x\":\""
          + b64(edwardsEncoding(ed.getPoint().getY(), ed.getPoint().isXOdd(), octets)) + "\"}";
    }
    throw new IllegalArgumentException("Unsupported ACME account key type "
        + key.getAlgorithm() + " (" + key.getClass().getName()
        + "); use RSA, EC P-256/P-384/P-521, Ed25519 or Ed448");
  }

  /**
   * RFC 8032 §5.1.2 / §5.2.2 point encoding, which RFC 8037 §2 uses as the OKP "x" member: y as
   * little-endian octets, with the most significant bit of the last octet holding the parity of x.
   */
  static byte[] edwardsEncoding(BigInteger y, boolean xOdd, int octets) {
    byte[] bigEndian = fixedLength(y, octets);
    byte[] out = new byte[octets];
    for (int i = 0; i < octets; i++) {
      out[i] = bigEndian[octets - 1 - i];
    }
    if (xOdd) {
      out[octets - 1] |= (byte) 0x80;
    }
    return out;
  }

  /** NIST curves a JWK can name (RFC 7518 §6.2.1.1), told apart by their group order. */
  private enum Curve {
    P256("P-256", 32, "secp256r1"),
    P384("P-384", 48, "secp384r1"),
    P521("P-521", 66, "secp521r1");

    final String jwkName;
    final int octets;
    final BigInteger order;

    Curve(String jwkName, int octets, String jdkName) {
      this.jwkName = jwkName;
      this.octets = octets;
      // The group order from the JDK's own curve parameters (a hand-copied constant once had
      // the wrong length for P-521 and rejected every P-521 key).
      try {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(jdkName));
        this.order = p.getParameterSpec(ECParameterSpec.class).getOrder();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("The JDK has no " + jdkName + " parameters", e);
      }
    }

    static Curve of(ECParameterSpec params) {
      // Comparing the group order (not only the field size) keeps secp256k1, which is also a
      // 256-bit curve, from being mistaken for P-256.
      for (Curve c : values()) {
        if (c.order.equals(params.getOrder())) {
          return c;
        }
      }
      throw new IllegalArgumentException("Unsupported EC curve (field size "
          + params.getCurve().getField().getFieldSize()
          + " bits); ACME account keys use P-256, P-384 or P-521");
    }
  }

  private static byte[] unsigned(BigInteger v) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      byte[] t = new byte[b.length - 1];
      System.arraycopy(b, 1, t, 0, t.length);
      return t;
    }
    return b;
  }

  private static byte[] fixedLength(BigInteger v, int octets) {
    byte[] u = unsigned(v);
    if (u.length > octets) {
      throw new IllegalArgumentException("Key coordinate is longer than " + octets + " octets");
    }
    byte[] out = new byte[octets];
    System.arraycopy(u, 0, out, octets - u.length, u.length);
    return out;
  }

  private static String b64(byte[] b) {
    return B64URL.encodeToString(b);
  }

  static byte[] sha256(byte[] data) {
    return digest("SHA-256", data);
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  static String hex(byte[] b, boolean upper) {
    StringBuilder s = new StringBuilder(b.length * 2);
    for (byte x : b) {
      s.append(String.format(Locale.ROOT, upper ? "%02X" : "%02x", x & 0xff));
    }
    return s.toString();
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

  /**
   * Checks that {@code keyAuthorization} has the form of an ACME key authorization, {@code
   * token.thumbprint} (RFC 8555 §8.1): two non-empty parts separated by one dot.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static void requireKeyAuthorization(String keyAuthorization) {
    int dot = keyAuthorization.indexOf('.');
    if (dot <= 0 || dot == keyAuthorization.length() - 1 || keyAuthorization.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException("The key authorization \"" + Text.escape(keyAuthorization)
          + "\" is not of the form token.thumbprint (RFC 8555 §8.1)");
    }
    requireToken(keyAuthorization.substring(0, dot));
    requireToken(keyAuthorization.substring(dot + 1));
  }
}
