package org.dvinspector.cli;

/**
 * ANSI colours for the human report, or none. Colour is only used on a terminal, never with
 * {@code --no-color} or a non-empty {@code NO_COLOR} variable.
 */
final class Style {
  private static final String RESET = "\u001b[0m";

  private final boolean enabled;

  private Style(boolean enabled) {
    this.enabled = enabled;
  }

  /** Colour on. */
  static Style colour() {
    return new Style(true);
  }

  /** Plain text. */
  static Style plain() {
    return new Style(false);
  }

  boolean enabled() {
    return enabled;
  }

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  String red(String s) {
    return wrap("1;31", s);
  }

  String green(String s) {
    return wrap("1;32", s);
  }

  String yellow(String s) {
    return wrap("1;33", s);
  }

  String cyan(String s) {
    return wrap("36", s);
  }

  private String wrap(String code, String s) {
    return enabled ? "\u001b[" + code + "m" + s + RESET : s;
  }

  /**
   * Makes text safe for a terminal: control characters that are still present (values are
   * escaped by the library, this is a second line of defence) become visible escapes, so nothing
   * from the network can move the cursor or change colours. Besides C0 and C1 controls and DEL,
   * Unicode format characters (Cf: bidi controls U+202A-U+202E and U+2066-U+2069, zero-width
   * characters, the byte order mark), line and paragraph separators and lone surrogates are
   * escaped: they reorder or hide what a terminal shows (CVE-2021-42574, "Trojan Source").
   */
  static String safe(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      boolean hidden = !control && (Character.getType(c) == Character.FORMAT
          || c == '\u2028' || c == '\u2029' || loneSurrogate(s, i));
      if (control || hidden) {
        if (b == null) {
          b = new StringBuilder(s.length() + 8);
          b.append(s, 0, i);
        }
        b.append(control ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  private static boolean loneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
