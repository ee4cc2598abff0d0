package org.dvinspector.internal.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the public key of an ACME account from the forms tools write it in, with the JDK alone:
 *
 * <ul>
 *   <li>PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) and {@code RSA PUBLIC KEY} (PKCS#1);
 *   <li>PEM {@code PRIVATE KEY} (PKCS#8: RSA, EC, Ed25519, and Ed448 when it carries its public
 *       key), {@code EC PRIVATE KEY} (SEC 1, what acme4j and OpenSSL's {@code ecparam} write) and
 *       {@code RSA PRIVATE KEY} (PKCS#1, OpenSSL's traditional form);
 *   <li>JWK (RFC 7517), public or private: RSA, EC P-256/P-384/P-521, OKP Ed25519/Ed448 (certbot
 *       keeps its account key as a private RSA JWK in {@code private_key.json}).
 * </ul>
 *
 * <p>Only the public part is kept. For a private key the public key is the one the file carries
 * (SEC 1 and PKCS#8 v2 may), else it is computed: RSA from the modulus and public exponent that
 * every RSA private key holds, EC as {@code d·G}, Ed25519 per RFC 8032 §5.1.5.
 */
public final class AccountKeys {
  private AccountKeys() {}

  /** The longest key text read (a 16384-bit RSA private key in PEM or JWK is about 25 KB). */
  public static final int MAX_CHARS = 64 * 1024;

  static final String RSA = "1.2.840.113549.1.1.1";
  static final String EC = "1.2.840.10045.2.1";
  static final String ED25519 = "1.3.101.112";
  static final String ED448 = "1.3.101.113";

  private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

  /**
   * The public key in {@code text}: a PEM block or a JWK, told apart by the first character.
   *
   * @throws KeyFormatException saying what is wrong
   */
  public static PublicKey parse(String text) {
    if (text.length() > MAX_CHARS) {
      throw new KeyFormatException("the key text is longer than " + MAX_CHARS + " characters;"
          + " an account key is a few kilobytes");
    }
    String t = text.strip();
    if (t.startsWith("{")) {
      return fromJwk(t);
    }
    if (t.contains("-----BEGIN ")) {
      return fromPem(t);
    }
    throw new KeyFormatException("neither a PEM key (-----BEGIN ...-----) nor a JWK ({...})");
  }

  /** The public key of the first key block of a PEM text. */
  public static PublicKey fromPem(String pem) {
    List<String> seen = new ArrayList<>();
    int from = 0;
    while (true) {
      int b = pem.indexOf("-----BEGIN ", from);
      if (b < 0) {
        break;
      }
      int labelEnd = pem.indexOf("-----", b + 11);
      if (labelEnd < 0) {
        break;
      }
      String label = pem.substring(b + 11, labelEnd);
      String endLine = "-----END " + label + "-----";
      int e = pem.indexOf(endLine, labelEnd + 5);
      if (e < 0) {
        throw new KeyFormatException("the PEM block '" + label + "' has no '" + endLine + "' line");
      }
      String body = pem.substring(labelEnd + 5, e);
      from = e + endLine.length();
      seen.add(label);
      if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
        throw encrypted();
      }
      switch (label) {
        case "PUBLIC KEY":
          return fromSubjectPublicKeyInfo(base64(body, label));
        case "RSA PUBLIC KEY":
          return pkcs1Public(Der.parse(base64(body, label)));
        case "PRIVATE KEY":
          return fromPkcs8(base64(body, label));
        case "EC PRIVATE KEY":
          return sec1(Der.parse(base64(body, label)), null);
        case "RSA PRIVATE KEY":
          return pkcs1Private(Der.parse(base64(body, label)));
        case "ENCRYPTED PRIVATE KEY":
          throw encrypted();
        case "OPENSSH PRIVATE KEY":
          throw new KeyFormatException("an OpenSSH private key; convert it to PKCS#8 first"
              + " (ssh-keygen -p -m PKCS8 -f FILE) or export the public key (openssl pkey -pubout)");
        default:
          // EC PARAMETERS (before an EC key from 'openssl ecparam -genkey'), certificates, ...
          break;
      }
    }
    if (seen.isEmpty()) {
      throw new KeyFormatException("no PEM block (-----BEGIN ...-----) found");
    }
    throw new KeyFormatException("no key among the PEM blocks " + seen + "; expected PUBLIC KEY,"
        + " PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY or RSA PUBLIC KEY");
  }

  private static KeyFormatException encrypted() {
    return new KeyFormatException("the private key is encrypted; give the public key instead"
        + " (openssl pkey -in KEY -pubout) or an unencrypted copy");
  }

  private static byte[] base64(String body, String label) {
    try {
      // Strict: the MIME decoder would skip characters that are not base64 instead of failing.
      return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("the PEM block '" + label + "' is not base64", e);
    }
  }

  /** An X.509 SubjectPublicKeyInfo (RFC 5280 §4.1, RFC 5480, RFC 8410). */
  public static PublicKey fromSubjectPublicKeyInfo(byte[] der) {
    List<Der.Element> spki = Der.parse(der).sequence();
    if (spki.size() != 2) {
      throw new KeyFormatException("a SubjectPublicKeyInfo has 2 elements, this has " + spki.size());
    }
    List<Der.Element> algorithm = spki.get(0).sequence();
    String oid = algorithm.get(0).oid();
    byte[] key = spki.get(1).bits();
    switch (oid) {
      case RSA:
        return pkcs1Public(Der.parse(key));
      case EC:
        return ec(curveOf(algorithm), key);
      case ED25519:
      case ED448:
        return edwards(oid, key);
      default:
        throw unsupported(oid);
    }
  }

  /** A PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958). */
  public static PublicKey fromPkcs8(byte[] der) {
    List<Der.Element> info = Der.parse(der).sequence();
    if (info.size() < 3) {
      throw new KeyFormatException("a PKCS#8 private key has at least 3 elements");
    }
    List<Der.Element> algorithm = info.get(1).sequence();
    String oid = algorithm.get(0).oid();
    byte[] privateKey = info.get(2).octets();
    byte[] publicKey = null;
    for (int i = 3; i < info.size(); i++) {
      Der.Element e = info.get(i);
      if (e.tag == 0x81) {
        // RFC 5958 [1] IMPLICIT BIT STRING.
        publicKey = new Der.Element(Der.BIT_STRING, e.contents).bits();
      } else if (e.isContext(1)) {
        publicKey = e.children().get(0).bits();
      }
    }
    switch (oid) {
      case RSA:
        return pkcs1Private(Der.parse(privateKey));
      case EC:
        return sec1(Der.parse(privateKey), curveOf(algorithm));
      case ED25519:
        return edwards(ED25519, publicKey != null ? publicKey
            : Ed25519.publicKey(Der.parse(privateKey).octets()));
      case ED448:
        if (publicKey == null) {
          // RFC 8032 §5.2.5 needs SHAKE256, which JDK 17 lacks.
          throw new KeyFormatException("this Ed448 private key does not carry its public key;"
              + " give the public key (openssl pkey -in KEY -pubout)");
        }
        return edwards(ED448, publicKey);
      default:
        throw unsupported(oid);
    }
  }

  /** A SEC 1 ECPrivateKey (SEC 1 §C.4, RFC 5915); {@code curve} from PKCS#8 when wrapped. */
  private static PublicKey sec1(Der.Element element, @Nullable EcCurves curve) {
    List<Der.Element> key = element.sequence();
    if (key.size() < 2 || !key.get(0).integer().equals(BigInteger.ONE)) {
      throw new KeyFormatException("not a SEC 1 EC private key (version 1)");
    }
    BigInteger d = new BigInteger(1, key.get(1).octets());
    EcCurves c = curve;
    byte[] point = null;
    for (int i = 2; i < key.size(); i++) {
      Der.Element e = key.get(i);
      if (e.isContext(0)) {
        String oid = e.children().get(0).oid();
        EcCurves named = EcCurves.byOid(oid);
        if (named == null) {
          throw new KeyFormatException("EC curve " + oid + " is not one ACME accepts (P-256,"
              + " P-384, P-521)");
        }
        if (c != null && c != named) {
          throw new KeyFormatException("the EC key names two curves, " + c.jwkName + " and "
              + named.jwkName);
        }
        c = named;
      } else if (e.isContext(1)) {
        point = e.children().get(0).bits();
      }
    }
    if (c == null) {
      throw new KeyFormatException("the EC private key does not name its curve");
    }
    return ec(c, point != null ? c.decodePoint(point) : c.multiplyGenerator(d));
  }

  private static EcCurves curveOf(List<Der.Element> algorithm) {
    if (algorithm.size() < 2 || algorithm.get(1).tag != Der.OID) {
      throw new KeyFormatException("the EC key does not name its curve (explicit parameters are"
          + " not supported)");
    }
    String oid = algorithm.get(1).oid();
    EcCurves c = EcCurves.byOid(oid);
    if (c == null) {
      throw new KeyFormatException("EC curve " + oid + " is not one ACME accepts (P-256, P-384,"
          + " P-521)");
    }
    return c;
  }

  private static PublicKey pkcs1Public(Der.Element element) {
    List<Der.Element> k = element.sequence();
    if (k.size() != 2) {
      throw new KeyFormatException("a PKCS#1 RSA public key has 2 elements");
    }
    return rsa(k.get(0).integer(), k.get(1).integer());
  }

  private static PublicKey pkcs1Private(Der.Element element) {
    List<Der.Element> k = element.sequence();
    if (k.size() < 9) {
      throw new KeyFormatException("a PKCS#1 RSA private key has at least 9 elements");
    }
    return rsa(k.get(1).integer(), k.get(2).integer());
  }

  // ---------------------------------------------------------------- JWK

  /** The public key of a JWK (RFC 7517), public or private. */
  public static PublicKey fromJwk(String json) {
    Map<String, String> m = JsonObject.stringMembers(json);
    if (json.contains("\"keys\"") && !m.containsKey("kty")) {
      throw new KeyFormatException("a JWK Set; give the one account key it holds");
    }
    String kty = m.get("kty");
    if (kty == null) {
      throw new KeyFormatException("the JWK has no \"kty\" member");
    }
    switch (kty) {
      case "RSA":
        return rsa(new BigInteger(1, b64(m, "n")), new BigInteger(1, b64(m, "e")));
      case "EC": {
        String crv = require(m, "crv");
        EcCurves c = EcCurves.byJwkName(crv);
        if (c == null) {
          throw new KeyFormatException("JWK curve \"" + printable(crv) + "\" is not P-256, P-384"
              + " or P-521");
        }
        if (!m.containsKey("x") && m.containsKey("d")) {
          return ec(c, c.multiplyGenerator(new BigInteger(1, b64(m, "d"))));
        }
        byte[] x = b64(m, "x");
        byte[] y = b64(m, "y");
        if (x.length != c.octets || y.length != c.octets) {
          // RFC 7518 §6.2.1.2/3: full-length coordinates; a shorter one hashes differently.
          throw new KeyFormatException("the " + crv + " JWK coordinates must be " + c.octets
              + " octets (RFC 7518 §6.2.1.2), got " + x.length + " and " + y.length);
        }
        ECPoint q = new ECPoint(new BigInteger(1, x), new BigInteger(1, y));
        if (!c.contains(q)) {
          throw new KeyFormatException("the JWK's point is not on " + crv);
        }
        return ec(c, q);
      }
      case "OKP": {
        String crv = require(m, "crv");
        String oid = switch (crv) {
          case "Ed25519" -> ED25519;
          case "Ed448" -> ED448;
          default -> throw new KeyFormatException("JWK OKP curve \"" + printable(crv)
              + "\" is not Ed25519 or Ed448");
        };
        if (!m.containsKey("x") && m.containsKey("d") && oid.equals(ED25519)) {
          return edwards(oid, Ed25519.publicKey(b64(m, "d")));
        }
        return edwards(oid, b64(m, "x"));
      }
      default:
        throw new KeyFormatException("JWK key type \"" + printable(kty) + "\" is not RSA, EC or"
            + " OKP");
    }
  }

  private static String require(Map<String, String> m, String name) {
    String v = m.get(name);
    if (v == null) {
      throw new KeyFormatException("the JWK has no \"" + name + "\" member");
    }
    return v;
  }

  private static byte[] b64(Map<String, String> m, String name) {
    String v = require(m, name);
    try {
      if (v.indexOf('=') >= 0) {
        throw new IllegalArgumentException("padding");
      }
      return B64URL.decode(v);
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("the JWK member \"" + name + "\" is not base64url without"
          + " padding (RFC 7515 §2)", e);
    }
  }

  private static String printable(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s.replaceAll("[^\\x20-\\x7e]", "?");
  }

  // ---------------------------------------------------------------- building keys

  private static PublicKey rsa(BigInteger n, BigInteger e) {
    if (n.signum() <= 0 || e.signum() <= 0 || n.bitLength() < 512) {
      throw new KeyFormatException("not a usable RSA public key (modulus of " + n.bitLength()
          + " bits)");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new KeyFormatException("the JDK rejects the RSA key: " + ex.getMessage(), ex);
    }
  }

  private static PublicKey ec(EcCurves curve, byte[] encodedPoint) {
    return ec(curve, curve.decodePoint(encodedPoint));
  }

  private static PublicKey ec(EcCurves curve, ECPoint q) {
    try {
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, curve.spec()));
    } catch (GeneralSecurityException ex) {
      throw new KeyFormatException("the JDK rejects the " + curve.jwkName + " key: "
          + ex.getMessage(), ex);
    }
  }

  /** An Ed25519/Ed448 key from its RFC 8032 encoding, through its SubjectPublicKeyInfo. */
  private static PublicKey edwards(String oid, byte[] encoded) {
    boolean ed25519 = oid.equals(ED25519);
    int octets = ed25519 ? 32 : 57;
    if (encoded.length != octets) {
      throw new KeyFormatException("an " + (ed25519 ? "Ed25519" : "Ed448") + " public key has "
          + octets + " octets, got " + encoded.length);
    }
    // SEQUENCE { SEQUENCE { OID 1.3.101.112|113 }, BIT STRING { 00 key } } (RFC 8410 §4).
    byte[] prefix = ed25519
        ? hex("302a300506032b6570032100")
        : hex("3043300506032b6571033a00");
    byte[] der = new byte[prefix.length + octets];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(encoded, 0, der, prefix.length, octets);
    try {
      return KeyFactory.getInstance(ed25519 ? "Ed25519" : "Ed448")
          .generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException ex) {
      throw new KeyFormatException("the JDK rejects the EdDSA key: " + ex.getMessage(), ex);
    }
  }

  private static KeyFormatException unsupported(String oid) {
    return new KeyFormatException("key algorithm " + oid + " is not one ACME accepts (RSA, EC"
        + " P-256/P-384/P-521, Ed25519, Ed448)");
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** For messages: the algorithm and size of a key, e.g. {@code EC P-256} or {@code RSA 2048}. */
  public static String describe(PublicKey key) {
    if (key instanceof java.security.interfaces.RSAPublicKey r) {
      return "RSA " + r.getModulus().bitLength();
    }
    if (key instanceof java.security.interfaces.ECPublicKey ec) {
      for (EcCurves c : EcCurves.values()) {
        if (c.spec().getOrder().equals(ec.getParams().getOrder())) {
          return "EC " + c.jwkName;
        }
      }
      return "EC";
    }
    if (key instanceof java.security.interfaces.EdECPublicKey ed) {
      return ed.getParams().getName();
    }
    return key.getAlgorithm();
  }
}
