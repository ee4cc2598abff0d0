package org.dvinspector.internal.keys;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Ed25519 public key of a private key (RFC 8032 §5.1.5): SHA-512 of the 32-octet seed, the
 * first half clamped into the scalar {@code s}, and {@code A = s·B} encoded as in §5.1.2. The JDK
 * reads Ed25519 keys but offers no way to derive the public key of a private one.
 */
final class Ed25519 {
  private Ed25519() {}

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  /** d = -121665 / 121666 (mod p). */
  private static final BigInteger D = BigInteger.valueOf(-121665)
      .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  /** The base point (RFC 8032 §5.1). */
  private static final BigInteger BX = new BigInteger(
      "15112221349535400772501151409588531511454012693041857206046113283949847762202");
  private static final BigInteger BY = new BigInteger(
      "46316835694926478169428394003475163141307993866256225615783033603165251855960");

  /** The 32-octet public key of the 32-octet private key (seed). */
  static byte[] publicKey(byte[] seed) {
    if (seed.length != 32) {
      throw new KeyFormatException("an Ed25519 private key has 32 octets, got " + seed.length);
    }
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-512").digest(seed);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is not available", e);
    }
    byte[] s = new byte[32];
    System.arraycopy(h, 0, s, 0, 32);
    s[0] &= (byte) 248;
    s[31] &= 127;
    s[31] |= 64;
    BigInteger scalar = new BigInteger(1, reverse(s));
    BigInteger[] a = multiply(scalar);
    // Encoding: y little-endian, the top bit of the last octet is the parity of x.
    byte[] y = reverse(fixed(a[1]));
    if (a[0].testBit(0)) {
      y[31] |= (byte) 0x80;
    }
    return y;
  }

  private static BigInteger[] multiply(BigInteger k) {
    BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE}; // the identity (0, 1)
    BigInteger[] addend = {BX, BY};
    for (int i = 0; i < k.bitLength(); i++) {
      if (k.testBit(i)) {
        result = add(result, addend);
      }
      addend = add(addend, addend);
    }
    return result;
  }

  /** Twisted Edwards addition with a = -1 (RFC 8032 §5.1.4, affine form; complete for Ed25519). */
  private static BigInteger[] add(BigInteger[] p1, BigInteger[] p2) {
    BigInteger x1 = p1[0];
    BigInteger y1 = p1[1];
    BigInteger x2 = p2[0];
    BigInteger y2 = p2[1];
    BigInteger t = D.multiply(x1).multiply(x2).multiply(y1).multiply(y2).mod(P);
    BigInteger x3 = x1.multiply(y2).add(y1.multiply(x2))
        .multiply(BigInteger.ONE.add(t).modInverse(P)).mod(P);
    BigInteger y3 = y1.multiply(y2).add(x1.multiply(x2))
        .multiply(BigInteger.ONE.subtract(t).mod(P).modInverse(P)).mod(P);
    return new BigInteger[] {x3, y3};
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] reverse(byte[] b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[b.length - 1 - i];
    }
    return out;
  }
}
