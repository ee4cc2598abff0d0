package org.dvinspector.caa;

import org.dvinspector.spi.Text;

/**
 * The zone-file presentation form of CAA data (RFC 1035 §5.1 character strings, RFC 8659 §4.1.1):
 * quoting values for suggested records and evidence, and reading records typed by a person.
 */
final class PresentationFormat {
  private PresentationFormat() {}

  /** The value as a quoted character string, escaping what a zone file cannot hold literally. */
  static String quote(String value) {
    return "\"" + escape(value, true) + "\"";
  }

  /** A tag as an unquoted word; anything that is not a visible ASCII character is escaped. */
  static String word(String text) {
    return escape(text, false);
  }

  private static String escape(String text, boolean quoted) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean visible = (c > 0x20 && c < 0x7f) || (quoted && c == ' ');
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (visible) {
        out.append(c);
      } else {
        out.append('\\').append(String.format("%03d", c & 0xff));
      }
    }
    return out.toString();
  }

  /** Parses {@code <flags> <tag> <value>}. */
  static CaaRecord parse(String text) {
    String s = text.strip();
    int sp = indexOfBlank(s, 0);
    if (sp < 0) {
      throw new IllegalArgumentException(
          "A CAA record is written <flags> <tag> <value>, got " + Text.quote(text));
    }
    int flags;
    try {
      flags = Integer.parseInt(s.substring(0, sp));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "The CAA flags must be a number from 0 to 255, got " + Text.quote(s.substring(0, sp)), e);
    }
    int tagStart = skipBlanks(s, sp);
    int tagEnd = indexOfBlank(s, tagStart);
    if (tagEnd < 0) {
      throw new IllegalArgumentException("The CAA record " + Text.quote(text) + " has no value");
    }
    // The tag is a word of the same presentation form as the value: presentation() escapes what
    // is not visible ASCII in it, so reading must unescape it too (found by CaaFuzzTest).
    String tag = unescape(s.substring(tagStart, tagEnd), text);
    int valueStart = skipBlanks(s, tagEnd);
    String value = readValue(s.substring(valueStart), text);
    return CaaRecord.of(flags, tag, value);
  }

  private static String readValue(String s, String original) {
    if (!s.startsWith("\"")) {
      if (indexOfBlank(s, 0) >= 0) {
        throw new IllegalArgumentException("The CAA value in " + Text.quote(original)
            + " contains blanks; put it in double quotes");
      }
      return unescape(s, original);
    }
    int i = 1;
    StringBuilder raw = new StringBuilder();
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        raw.append(c).append(s.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '"') {
        if (i != s.length() - 1) {
          throw new IllegalArgumentException(
              "Unexpected text after the quoted CAA value in " + Text.quote(original));
        }
        return unescape(raw.toString(), original);
      }
      raw.append(c);
      i++;
    }
    throw new IllegalArgumentException("The CAA value in " + Text.quote(original) + " lacks its closing quote");
  }

  private static String unescape(String s, String original) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (isDigits(s, i + 1, 3)) {
        int v = Integer.parseInt(s.substring(i + 1, i + 4));
        if (v > 255) {
          throw new IllegalArgumentException(
              "The escape \\" + v + " in " + Text.quote(original) + " is not an octet");
        }
        out.append((char) v);
        i += 3;
      } else if (i + 1 < s.length()) {
        out.append(s.charAt(i + 1));
        i++;
      } else {
        throw new IllegalArgumentException("A lone backslash ends " + Text.quote(original));
      }
    }
    return out.toString();
  }

  private static boolean isDigits(String s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int indexOfBlank(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
        return i;
      }
    }
    return -1;
  }

  private static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
