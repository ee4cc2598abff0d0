package org.dvinspector.http.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Compares a response body with the expected value the way the CA does, and when they differ says
 * how, so the remedy can be precise.
 *
 * <p>ACME http-01 (RFC 8555 §8.3; Let's Encrypt's validator): the body, with trailing whitespace
 * removed, must equal the key authorization exactly. File method (BR 3.2.2.4.18): the random
 * value must be contained in the file's content.
 */
final class ContentMatcher {
  private ContentMatcher() {}

  /** How a body compares with the expected value. */
  static final class Match {
    final boolean matches;
    /** A stable label of how it differs ({@code matches} when it does not). */
    final String classification;
    /** A phrase for messages: what is wrong with the content. */
    final String explanation;

    Match(boolean matches, String classification, String explanation) {
      this.matches = matches;
      this.classification = classification;
      this.explanation = explanation;
    }
  }

  static final String UTF8_BOM = "\ufeff";

  /**
   * Compares {@code body} with {@code expected}.
   *
   * @param exact ACME's rule (equality) instead of the file method's (containment)
   * @param trimTrailing whether trailing whitespace is removed first (Let's Encrypt does)
   */
  static Match compare(String body, String expected, boolean exact, boolean trimTrailing) {
    return compare(body, expected, exact, trimTrailing, null);
  }

  /**
   * Compares {@code body} with {@code expected}, trimming only {@code trimmedChars} from the end
   * when given (Pebble 2.4: {@code \n \r \t}); otherwise all whitespace (Go's unicode.IsSpace).
   */
  static Match compare(String body, String expected, boolean exact, boolean trimTrailing,
      @Nullable String trimmedChars) {
    if (trimTrailing && trimmedChars != null) {
      String found = stripTrailing(body, trimmedChars);
      boolean ok = exact ? found.equals(expected)
          : found.equals(expected) || body.contains(expected);
      if (ok) {
        return new Match(true, "matches", "the content matches");
      }
      if (stripTrailing(found).equals(expected)) {
        return new Match(false, "trailing-whitespace", explain("trailing-whitespace"));
      }
      Match m = compare(body, expected, exact, trimTrailing, null);
      return m.matches ? new Match(false, "trailing-whitespace", explain("trailing-whitespace"))
          : m;
    }
    String found = trimTrailing ? stripTrailing(body) : body;
    boolean ok = exact ? found.equals(expected) : found.equals(expected) || body.contains(expected);
    if (ok) {
      return new Match(true, "matches", "the content matches");
    }
    String classification = classify(body, found, expected, exact, trimTrailing);
    return new Match(false, classification, explain(classification));
  }

  private static String classify(
      String body, String found, String expected, boolean exact, boolean trimTrailing) {
    if (body.isBlank()) {
      return "empty";
    }
    if (found.startsWith(UTF8_BOM)
        && compare(found.substring(1), expected, exact, trimTrailing).matches) {
      return "utf8-bom";
    }
    if (body.contains("\r\n")
        && compare(body.replace("\r\n", "\n"), expected, exact, trimTrailing).matches) {
      return "crlf-line-endings";
    }
    if (!trimTrailing && stripTrailing(body).equals(expected)) {
      return "trailing-whitespace";
    }
    if (found.strip().equals(expected) || removeWhitespace(found).equals(removeWhitespace(expected))) {
      return "whitespace";
    }
    if (found.strip().equalsIgnoreCase(expected.strip())
        || (!exact && body.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT)))) {
      return "case";
    }
    String unquoted = found.strip();
    if (unquoted.length() >= 2 && ((unquoted.startsWith("\"") && unquoted.endsWith("\""))
        || (unquoted.startsWith("'") && unquoted.endsWith("'")))
        && unquoted.substring(1, unquoted.length() - 1).equals(expected)) {
      return "quoted";
    }
    if (exact && found.contains(expected)) {
      return "extra-content";
    }
    if (looksLikeHtml(found)) {
      return "html-page";
    }
    String core = found.strip();
    if (!core.isEmpty() && expected.startsWith(core)) {
      return "truncated";
    }
    int dot = expected.indexOf('.');
    if (exact && dot > 0 && core.indexOf('.') == dot && core.regionMatches(0, expected, 0, dot + 1)) {
      return "other-account-key";
    }
    if (sameShape(core, expected.strip())) {
      return "older-token";
    }
    return "different";
  }

  static String explain(String classification) {
    return switch (classification) {
      case "empty" -> "the file is empty";
      case "utf8-bom" -> "the file starts with a UTF-8 byte order mark (BOM) before the value";
      case "crlf-line-endings" -> "the file has Windows (CRLF) line endings";
      case "trailing-whitespace" -> "the file has trailing whitespace or a newline after the"
          + " value, which this CA does not ignore";
      case "extra-content" ->
          "the file holds the value plus other content; it must hold exactly the value";
      case "whitespace" -> "the value is surrounded by or contains extra whitespace";
      case "case" -> "the value differs only in upper/lower case";
      case "quoted" -> "the value is wrapped in quotes";
      case "html-page" -> "an HTML page is served instead of the file (a catch-all route or"
          + " error page answering with a success status)";
      case "truncated" -> "the value is cut short";
      case "other-account-key" ->
          "the key authorization has the right token but another account key's thumbprint";
      case "older-token" -> "it looks like an older token: same shape, different value";
      default -> "the content is different";
    };
  }

  /**
   * {@code s} without trailing whitespace as Let's Encrypt's validator trims it: {@code
   * strings.TrimRightFunc(body, unicode.IsSpace)} (Boulder va/http.go), Go's definition of space.
   */
  static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (!isGoSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** {@code s} without the trailing characters listed in {@code chars}. */
  static String stripTrailing(String s, String chars) {
    int end = s.length();
    while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * Go's {@code unicode.IsSpace}: tab, line feed, vertical tab, form feed, carriage return, space,
   * U+0085 and U+00A0, and above Latin-1 the White_Space property (U+1680, U+2000 to U+200A,
   * U+2028, U+2029, U+202F, U+205F, U+3000). Unlike Java's {@code Character.isWhitespace} it counts
   * the no-break spaces and not U+001C to U+001F.
   */
  static boolean isGoSpace(int cp) {
    if (cp <= 0xFF) {
      return cp == '\t' || cp == '\n' || cp == 0x0B || cp == '\f' || cp == '\r' || cp == ' '
          || cp == 0x85 || cp == 0xA0;
    }
    return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029
        || cp == 0x202F || cp == 0x205F || cp == 0x3000;
  }

  private static String removeWhitespace(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!Character.isWhitespace(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Whether the text looks like an HTML document rather than a plain validation file. */
  static boolean looksLikeHtml(String text) {
    String t = text.strip();
    if (t.startsWith(UTF8_BOM)) {
      t = t.substring(1).strip();
    }
    String head = t.substring(0, Math.min(t.length(), 512)).toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
        || head.startsWith("<body") || (head.startsWith("<!--") && head.contains("<html"))
        || (head.startsWith("<?xml") && head.contains("<html"));
  }

  /**
   * Whether two values have the same shape: same number of lines, and each line the same length
   * over the same kinds of characters (digits, lower and upper case letters, the same other
   * characters), or the same prefix before '=' (e.g. {@code globalsign-domain-verification=}).
   * An old token from an earlier order has the shape of the new one.
   */
  static boolean sameShape(String found, String expected) {
    if (found.isEmpty() || found.equals(expected)) {
      return false;
    }
    String[] f = found.split("\\R", -1);
    String[] e = expected.split("\\R", -1);
    if (f.length != e.length) {
      return false;
    }
    for (int i = 0; i < f.length; i++) {
      if (!sameLineShape(f[i].strip(), e[i].strip())) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameLineShape(String f, String e) {
    if (f.equals(e)) {
      return true;
    }
    int eq = e.indexOf('=');
    if (eq > 0 && eq < e.length() - 1) {
      return f.startsWith(e.substring(0, eq + 1))
          && sameLineShape(f.substring(eq + 1), e.substring(eq + 1));
    }
    int tolerance = Math.max(0, e.length() / 10);
    if (Math.abs(f.length() - e.length()) > tolerance || e.length() < 8) {
      return false;
    }
    String alphabet = alphabet(e);
    if (!alphabet.equals("text")) {
      return inAlphabet(f, alphabet);
    }
    // Free text: every kind of character in the found value also occurs in the expected one.
    return (classes(f) & ~classes(e)) == 0 && otherCharsSubset(f, e);
  }

  /** The smallest usual token alphabet that holds {@code s}. */
  private static String alphabet(String s) {
    for (String a : new String[] {"hex", "base64url", "base64"}) {
      if (inAlphabet(s, a)) {
        return a;
      }
    }
    return "text";
  }

  private static boolean inAlphabet(String s, String alphabet) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      boolean alnum = isAlnum(ch);
      boolean ok = switch (alphabet) {
        case "hex" -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
        case "base64url" -> alnum || ch == '-' || ch == '_';
        default -> alnum || ch == '+' || ch == '/' || ch == '=';
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }

  private static int classes(String s) {
    int c = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= '0' && ch <= '9') {
        c |= 1;
      } else if (ch >= 'a' && ch <= 'z') {
        c |= 2;
      } else if (ch >= 'A' && ch <= 'Z') {
        c |= 4;
      } else {
        c |= 8;
      }
    }
    return c;
  }

  private static boolean otherCharsSubset(String f, String e) {
    for (int i = 0; i < f.length(); i++) {
      char ch = f.charAt(i);
      if (!isAlnum(ch) && e.indexOf(ch) < 0) {
        return false;
      }
    }
    return true;
  }
}
