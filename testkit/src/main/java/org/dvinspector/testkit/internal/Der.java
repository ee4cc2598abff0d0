package org.dvinspector.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings (ITU-T X.690) a test certificate needs: lengths, integers, object
 * identifiers, strings, times, sequences, sets and context tags. Enough to write an X.509 v3
 * certificate with any extension (RFC 5280 §4.1), which the JDK cannot build itself.
 */
public final class Der {
  private Der() {}

  /** A tag and its content. */
  public static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((n >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** A SEQUENCE of already encoded elements. */
  public static byte[] sequence(byte[]... elements) {
    return tlv(0x30, concat(elements));
  }

  /** A SET of already encoded elements (in the order given: callers give one element). */
  public static byte[] set(byte[]... elements) {
    return tlv(0x31, concat(elements));
  }

  /** An INTEGER. */
  public static byte[] integer(BigInteger value) {
    return tlv(0x02, value.toByteArray());
  }

  /** A BOOLEAN. */
  public static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
  }

  /** An OCTET STRING. */
  public static byte[] octetString(byte[] value) {
    return tlv(0x04, value);
  }

  /** A BIT STRING with no unused bits. */
  public static byte[] bitString(byte[] value) {
    byte[] content = new byte[value.length + 1];
    System.arraycopy(value, 0, content, 1, value.length);
    return tlv(0x03, content);
  }

  /** A UTF8String. */
  public static byte[] utf8(String value) {
    return tlv(0x0c, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A UTCTime (RFC 5280 §4.1.2.5.1: years 1950 to 2049). */
  public static byte[] utcTime(Instant t) {
    String s = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(t);
    return tlv(0x17, s.getBytes(StandardCharsets.US_ASCII));
  }

  /** A context-specific constructed tag {@code [n]} (EXPLICIT). */
  public static byte[] explicit(int n, byte[] content) {
    return tlv(0xa0 | n, content);
  }

  /** A context-specific primitive tag {@code [n]} (IMPLICIT), e.g. a GeneralName's dNSName [2]. */
  public static byte[] implicit(int n, byte[] content) {
    return tlv(0x80 | n, content);
  }

  /** An OBJECT IDENTIFIER from its dotted form. */
  public static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long first = Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]);
    base128(out, first);
    for (int i = 2; i < parts.length; i++) {
      base128(out, Long.parseLong(parts[i]));
    }
    return tlv(0x06, out.toByteArray());
  }

  private static void base128(ByteArrayOutputStream out, long value) {
    int groups = 1;
    for (long v = value >>> 7; v != 0; v >>>= 7) {
      groups++;
    }
    for (int i = groups - 1; i >= 0; i--) {
      int b = (int) ((value >>> (7 * i)) & 0x7f);
      out.write(i == 0 ? b : b | 0x80);
    }
  }

  /** The arrays one after another. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
