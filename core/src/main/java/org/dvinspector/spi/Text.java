package org.dvinspector.spi;

/**
 * Escaping for text that came from the network (DNS record values, HTTP bodies, headers) before
 * it is placed in a finding's message or printed on a terminal.
 */
public final class Text {
  private Text() {}

  /** Default length after which {@link #quote(String)} shortens a value. */
  public static final int DEFAULT_MAX_LENGTH = 200;

  /**
   * Escapes control characters, backslashes, quotes and non-printing characters so the result is
   * one printable line: newline becomes backslash-n, other controls backslash-x and two hex digits,
   * C1 controls (U+0080-U+009F), format characters (Cf: bidi controls such as U+202E and U+2066,
   * zero-width characters, the byte order mark), line and paragraph separators and lone surrogates
   * backslash-u and four hex digits.
   */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else if (Character.isISOControl(c)
              || Character.getType(c) == Character.FORMAT
              || c == '\u2028' || c == '\u2029' // line and paragraph separators
              || Character.isSurrogate(c) && !validSurrogateAt(value, i)
              || c == '\ufeff') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static boolean validSurrogateAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** {@link #escape(String) Escapes} the value, shortens it past 200 characters, and quotes it. */
  public static String quote(String value) {
    return quote(value, DEFAULT_MAX_LENGTH);
  }

  /** {@link #escape(String) Escapes} the value, shortens it past {@code maxLength}, and quotes it. */
  public static String quote(String value, int maxLength) {
    String escaped = escape(value);
    if (escaped.length() > maxLength) {
      return "\"" + escaped.substring(0, maxLength) + "\"… (" + value.length() + " characters)";
    }
    return "\"" + escaped + "\"";
  }
}
