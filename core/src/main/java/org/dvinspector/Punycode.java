package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.ArrayList;
import java.util.List;

/** Punycode (RFC 3492) for one label, without the ACE prefix. */
final class Punycode {
  private static final int BASE = 36;
  private static final int TMIN = 1;
  private static final int TMAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 128;

  private Punycode() {}

  static String encode(String input) {
    int[] cps = input.codePoints().toArray();
    StringBuilder out = new StringBuilder();
    for (int c : cps) {
      if (c < 0x80) {
        out.append((char) c);
      }
    }
    int b = out.length();
    int h = b;
    if (b > 0) {
      out.append('-');
    }
    int n = INITIAL_N;
    long delta = 0;
    int bias = INITIAL_BIAS;
    while (h < cps.length) {
      int m = Integer.MAX_VALUE;
      for (int c : cps) {
        if (c >= n && c < m) {
          m = c;
        }
      }
      delta += (long) (m - n) * (h + 1);
      if (delta > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("overflow");
      }
      n = m;
      for (int c : cps) {
        if (c < n) {
          delta++;
        }
        if (c == n) {
          long q = delta;
          for (int k = BASE; ; k += BASE) {
            int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) {
              break;
            }
            out.append(digit((int) (t + (q - t) % (BASE - t))));
            q = (q - t) / (BASE - t);
          }
          out.append(digit((int) q));
          bias = adapt(delta, h + 1, h == b);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return out.toString();
  }

  static String decode(String input) {
    List<Integer> out = new ArrayList<>();
    int basic = input.lastIndexOf('-');
    for (int j = 0; j < Math.max(basic, 0); j++) {
      char c = input.charAt(j);
      if (c >= 0x80) {
        throw new IllegalArgumentException("a non-ASCII character before the last '-'");
      }
      out.add((int) c);
    }
    int n = INITIAL_N;
    int i = 0;
    int bias = INITIAL_BIAS;
    int in = basic > 0 ? basic + 1 : 0;
    while (in < input.length()) {
      int oldi = i;
      int w = 1;
      for (int k = BASE; ; k += BASE) {
        if (in >= input.length()) {
          throw new IllegalArgumentException("it ends in the middle of a number");
        }
        int d = value(input.charAt(in++));
        if (d < 0) {
          throw new IllegalArgumentException("'" + Text.escape(String.valueOf(
              input.charAt(in - 1))) + "' is not a Punycode digit");
        }
        if (d > (Integer.MAX_VALUE - i) / w) {
          throw new IllegalArgumentException("overflow");
        }
        i += d * w;
        int t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (d < t) {
          break;
        }
        if (w > Integer.MAX_VALUE / (BASE - t)) {
          throw new IllegalArgumentException("overflow");
        }
        w *= BASE - t;
      }
      bias = adapt(i - oldi, out.size() + 1, oldi == 0);
      if (i / (out.size() + 1) > Integer.MAX_VALUE - n) {
        throw new IllegalArgumentException("overflow");
      }
      n += i / (out.size() + 1);
      i %= out.size() + 1;
      if (n > Character.MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff) || n < 0x80) {
        throw new IllegalArgumentException("it encodes an invalid code point");
      }
      out.add(i, n);
      i++;
    }
    StringBuilder b = new StringBuilder();
    for (int c : out) {
      b.appendCodePoint(c);
    }
    return b.toString();
  }

  private static int adapt(long delta, int numPoints, boolean first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / numPoints;
    int k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
      delta /= BASE - TMIN;
      k += BASE;
    }
    return (int) (k + (BASE - TMIN + 1) * delta / (delta + SKEW));
  }

  private static char digit(int d) {
    return (char) (d < 26 ? 'a' + d : '0' + d - 26);
  }

  private static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0' + 26;
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    return -1;
  }
}
