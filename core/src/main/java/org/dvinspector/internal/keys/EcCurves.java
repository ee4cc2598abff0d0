package org.dvinspector.internal.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The NIST curves an ACME account key may use (RFC 7518 §6.2.1.1), with the point arithmetic
 * needed to find the public point of a private scalar ({@code Q = d·G}, SEC 1 §3.2.1) and to check
 * that a point is on its curve. The curve parameters come from the JDK.
 */
enum EcCurves {
  P256("P-256", "secp256r1", "1.2.840.10045.3.1.7", 32),
  P384("P-384", "secp384r1", "1.3.132.0.34", 48),
  P521("P-521", "secp521r1", "1.3.132.0.35", 66);

  final String jwkName;
  final String jdkName;
  final String oid;
  final int octets;

  EcCurves(String jwkName, String jdkName, String oid, int octets) {
    this.jwkName = jwkName;
    this.jdkName = jdkName;
    this.oid = oid;
    this.octets = octets;
  }

  ECParameterSpec spec() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec(jdkName));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK has no " + jdkName + " parameters", e);
    }
  }

  static @Nullable EcCurves byOid(String oid) {
    for (EcCurves c : values()) {
      if (c.oid.equals(oid)) {
        return c;
      }
    }
    return null;
  }

  static @Nullable EcCurves byJwkName(String name) {
    for (EcCurves c : values()) {
      if (c.jwkName.equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** {@code d·G}. */
  ECPoint multiplyGenerator(BigInteger d) {
    ECParameterSpec s = spec();
    if (d.signum() <= 0 || d.compareTo(s.getOrder()) >= 0) {
      throw new KeyFormatException("the " + jwkName + " private scalar is out of range");
    }
    BigInteger p = ((ECFieldFp) s.getCurve().getField()).getP();
    BigInteger a = s.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = s.getGenerator();
    for (int i = 0; i < d.bitLength(); i++) {
      if (d.testBit(i)) {
        result = add(result, addend, p, a);
      }
      addend = add(addend, addend, p, a);
    }
    return result;
  }

  /** Whether {@code q} satisfies {@code y² = x³ + ax + b (mod p)} and is not the identity. */
  boolean contains(ECPoint q) {
    if (q.equals(ECPoint.POINT_INFINITY)) {
      return false;
    }
    ECParameterSpec s = spec();
    BigInteger p = ((ECFieldFp) s.getCurve().getField()).getP();
    BigInteger x = q.getAffineX();
    BigInteger y = q.getAffineY();
    if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(p);
    BigInteger right = x.pow(3).add(s.getCurve().getA().multiply(x)).add(s.getCurve().getB()).mod(p);
    return left.equals(right);
  }

  /**
   * The point of a SEC 1 §2.3.3 encoding: {@code 04 || X || Y}, or compressed {@code 02/03 || X}.
   */
  ECPoint decodePoint(byte[] encoded) {
    ECParameterSpec s = spec();
    BigInteger p = ((ECFieldFp) s.getCurve().getField()).getP();
    ECPoint q;
    if (encoded.length == 1 + 2 * octets && encoded[0] == 0x04) {
      q = new ECPoint(new BigInteger(1, slice(encoded, 1, octets)),
          new BigInteger(1, slice(encoded, 1 + octets, octets)));
    } else if (encoded.length == 1 + octets && (encoded[0] == 0x02 || encoded[0] == 0x03)) {
      BigInteger x = new BigInteger(1, slice(encoded, 1, octets));
      BigInteger rhs = x.pow(3).add(s.getCurve().getA().multiply(x)).add(s.getCurve().getB()).mod(p);
      // p ≡ 3 (mod 4) for P-256, P-384 and P-521: the square root is rhs^((p+1)/4).
      BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
      if (y.testBit(0) != (encoded[0] == 0x03)) {
        y = p.subtract(y);
      }
      q = new ECPoint(x, y);
    } else {
      throw new KeyFormatException("not a " + jwkName + " point encoding ("
          + encoded.length + " octets, first 0x"
          + String.format(Locale.ROOT, "%02x", encoded.length == 0 ? 0 : encoded[0] & 0xff) + ")");
    }
    if (!contains(q)) {
      throw new KeyFormatException("the public point is not on " + jwkName);
    }
    return q;
  }

  private static byte[] slice(byte[] b, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(b, from, out, 0, length);
    return out;
  }

  private static ECPoint add(ECPoint p1, ECPoint p2, BigInteger p, BigInteger a) {
    if (p1.equals(ECPoint.POINT_INFINITY)) {
      return p2;
    }
    if (p2.equals(ECPoint.POINT_INFINITY)) {
      return p1;
    }
    BigInteger x1 = p1.getAffineX();
    BigInteger y1 = p1.getAffineY();
    BigInteger x2 = p2.getAffineX();
    BigInteger y2 = p2.getAffineY();
    BigInteger lambda;
    if (x1.equals(x2)) {
      if (!y1.equals(y2) || y1.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      lambda = x1.multiply(x1).multiply(BigInteger.valueOf(3)).add(a)
          .multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    BigInteger x3 = lambda.multiply(lambda).subtract(x1).subtract(x2).mod(p);
    BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }
}
