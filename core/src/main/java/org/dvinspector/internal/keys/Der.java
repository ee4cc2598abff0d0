package org.dvinspector.internal.keys;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough DER (X.690) to read key structures: tag, definite length, contents. Anything else
 * (indefinite lengths, high tag numbers, lengths past the end) is rejected as malformed.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  /** One element: its tag and contents. */
  static final class Element {
    final int tag;
    final byte[] contents;

    Element(int tag, byte[] contents) {
      this.tag = tag;
      this.contents = contents;
    }

    boolean isContext(int n) {
      return tag == (0xA0 | n);
    }

    /** The elements inside a SEQUENCE or a constructed context tag. */
    List<Element> children() {
      if ((tag & 0x20) == 0) {
        throw new KeyFormatException("expected a constructed DER element, got tag 0x"
            + Integer.toHexString(tag));
      }
      return parseAll(contents);
    }

    List<Element> sequence() {
      expect(SEQUENCE);
      return children();
    }

    BigInteger integer() {
      expect(INTEGER);
      if (contents.length == 0) {
        throw new KeyFormatException("empty DER INTEGER");
      }
      return new BigInteger(contents);
    }

    byte[] octets() {
      expect(OCTET_STRING);
      return contents;
    }

    /** A BIT STRING with no unused bits (keys are whole octets). */
    byte[] bits() {
      expect(BIT_STRING);
      if (contents.length == 0 || contents[0] != 0) {
        throw new KeyFormatException("DER BIT STRING with unused bits");
      }
      byte[] out = new byte[contents.length - 1];
      System.arraycopy(contents, 1, out, 0, out.length);
      return out;
    }

    String oid() {
      expect(OID);
      return Der.oidString(contents);
    }

    private void expect(int t) {
      if (tag != t) {
        throw new KeyFormatException("expected DER tag 0x" + Integer.toHexString(t) + ", got 0x"
            + Integer.toHexString(tag));
      }
    }
  }

  private Der() {}

  /** The single element that {@code der} holds (nothing may follow it). */
  static Element parse(byte[] der) {
    List<Element> all = parseAll(der);
    if (all.size() != 1) {
      throw new KeyFormatException("expected one DER structure, found " + all.size());
    }
    return all.get(0);
  }

  static List<Element> parseAll(byte[] der) {
    List<Element> out = new ArrayList<>();
    int i = 0;
    while (i < der.length) {
      int tag = der[i++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new KeyFormatException("DER high tag numbers are not used in keys");
      }
      if (i >= der.length) {
        throw new KeyFormatException("truncated DER");
      }
      int first = der[i++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int n = first & 0x7f;
        if (n == 0 || n > 3) {
          throw new KeyFormatException("unsupported DER length encoding");
        }
        length = 0;
        for (int k = 0; k < n; k++) {
          if (i >= der.length) {
            throw new KeyFormatException("truncated DER");
          }
          length = (length << 8) | (der[i++] & 0xff);
        }
      }
      if (length > der.length - i) {
        throw new KeyFormatException("DER length runs past the end");
      }
      byte[] contents = new byte[length];
      System.arraycopy(der, i, contents, 0, length);
      i += length;
      out.add(new Element(tag, contents));
    }
    return out;
  }

  static String oidString(byte[] b) {
    if (b.length == 0) {
      throw new KeyFormatException("empty OBJECT IDENTIFIER");
    }
    StringBuilder s = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (int i = 0; i < b.length; i++) {
      value = (value << 7) | (b[i] & 0x7f);
      if (value > (1L << 56)) {
        throw new KeyFormatException("OBJECT IDENTIFIER arc too large");
      }
      if ((b[i] & 0x80) == 0) {
        if (first) {
          long a = Math.min(value / 40, 2);
          s.append(a).append('.').append(value - 40 * a);
          first = false;
        } else {
          s.append('.').append(value);
        }
        value = 0;
      }
    }
    if ((b[b.length - 1] & 0x80) != 0) {
      throw new KeyFormatException("truncated OBJECT IDENTIFIER");
    }
    return s.toString();
  }
}
