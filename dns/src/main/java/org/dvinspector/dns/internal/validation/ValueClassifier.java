package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dvinspector.DomainName;
import org.jspecify.annotations.Nullable;

/**
 * Says how a value found in DNS differs from the expected one, so the remedy can name the
 * mistake: quotes typed into the value field, stray whitespace, a value cut at 255 characters,
 * strings split over several records, or an older token of the same shape.
 */
public final class ValueClassifier {
  private ValueClassifier() {}

  /** How a found value differs from the expected one, most specific first. */
  public enum Kind {
    /** Quote characters around the value became part of it (the panel adds its own). */
    SURROUNDING_QUOTES("surrounding-quotes"),
    /** The value was split into strings or records and put back together wrongly. */
    SPLIT_WRONGLY("split-strings-joined-wrongly"),
    /** Leading, trailing or inner whitespace (spaces, a line break from copying). */
    WHITESPACE("whitespace"),
    /** Only the letter case differs; CAs compare exactly. */
    CASE("case"),
    /** The found value is the beginning of the expected one. */
    TRUNCATED("truncated"),
    /** The zone name was appended to a CNAME target written without a trailing dot. */
    ZONE_APPENDED("zone-appended"),
    /** A value of the same shape: most likely an older token from an earlier request. */
    OLD_TOKEN("old-token"),
    /** Something else entirely. */
    DIFFERENT("different");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The stable label used in the finding's {@code classification} attribute. */
    public String label() {
      return label;
    }
  }

  /** The classification of the closest found value. */
  public record Classification(Kind kind, String found, String explanation) {}

  /**
   * Classifies the TXT records found (each the list of its strings) against the expected value,
   * picking the most specific explanation over all records. {@code records} must not contain a
   * record whose strings join to the expected value.
   */
  public static Classification classifyTxt(String expected, List<List<String>> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("no records to classify");
    }
    Classification best = classifyRecord(expected, records.get(0));
    for (List<String> strings : records.subList(1, records.size())) {
      Classification c = classifyRecord(expected, strings);
      if (c.kind().compareTo(best.kind()) < 0) {
        best = c;
      }
    }
    Classification split = splitOverRecords(expected, records);
    if (split != null && split.kind().compareTo(best.kind()) < 0) {
      best = split;
    }
    return best;
  }

  /** Classifies one TXT record (its strings) against the expected value. */
  public static Classification classifyRecord(String expected, List<String> strings) {
    String found = String.join("", strings);
    String stripped = found.strip();
    String unquoted = stripQuotes(stripped);
    if (!unquoted.equals(stripped)
        && (unquoted.equals(expected) || unquoted.strip().equals(expected))) {
      return new Classification(Kind.SURROUNDING_QUOTES, found,
          "the value is wrapped in quote characters, which became part of the value");
    }
    // Several quoted strings pasted as one: `abc" "def` or `"abc" "def"` stored literally.
    String pasted = stripQuotes(stripped.replaceAll("\"\\s*\"", ""));
    if (!pasted.equals(unquoted) && pasted.equals(expected)) {
      return new Classification(Kind.SPLIT_WRONGLY, found,
          "the value was entered as several quoted strings in a field that took the quotes and"
              + " spaces between them literally");
    }
    if (strings.size() > 1 && String.join(" ", strings).equals(expected)) {
      return new Classification(Kind.SPLIT_WRONGLY, found, "the value was split into "
          + strings.size() + " strings at its spaces, and CAs join strings without spaces");
    }
    if (stripped.equals(expected) || removeWhitespace(found).equals(removeWhitespace(expected))) {
      return new Classification(Kind.WHITESPACE, found,
          "the value has extra whitespace (a space or line break, often from copying)");
    }
    if (found.equalsIgnoreCase(expected)) {
      return new Classification(Kind.CASE, found,
          "the value differs only in upper and lower case, and CAs compare it exactly");
    }
    if (!found.isEmpty() && found.length() < expected.length() && expected.startsWith(found)) {
      String why = found.length() == 255
          ? " (a DNS panel cut it at 255 characters, the limit of one TXT string, instead of"
              + " splitting it into several strings)"
          : "";
      return new Classification(Kind.TRUNCATED, found, "the value is cut off after "
          + found.length() + " of its " + expected.length() + " characters" + why);
    }
    if (sameShape(expected, found)) {
      return new Classification(Kind.OLD_TOKEN, found,
          "a value of the same shape: most likely an older token from an earlier request");
    }
    return new Classification(Kind.DIFFERENT, found, "a different value");
  }

  private static @Nullable Classification splitOverRecords(
      String expected, List<List<String>> records) {
    if (records.size() < 2) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (List<String> r : records) {
      values.add(String.join("", r));
    }
    // DNS does not keep the order of records in a set, so any order of the parts counts.
    if (concatenates(expected, values, new boolean[values.size()], 0, 0)) {
      return new Classification(Kind.SPLIT_WRONGLY, String.join(" | ", values),
          "the value was split over " + values.size() + " separate TXT records; it must be one"
              + " record (a long value is several strings of one record, joined by the CA)");
    }
    return null;
  }

  private static boolean concatenates(
      String expected, List<String> parts, boolean[] used, int offset, int count) {
    if (offset == expected.length()) {
      return count >= 2;
    }
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      if (!used[i] && !p.isEmpty() && expected.startsWith(p, offset)) {
        used[i] = true;
        if (concatenates(expected, parts, used, offset + p.length(), count + 1)) {
          return true;
        }
        used[i] = false;
      }
    }
    return false;
  }

  /** Classifies a CNAME target found instead of the expected one. */
  public static Classification classifyTarget(
      DomainName expected, DomainName found, DomainName zone) {
    if (found.ascii().equals(expected.ascii() + "." + zone.ascii())) {
      return new Classification(Kind.ZONE_APPENDED, found.ascii(), "the target was written"
          + " without a trailing dot, so the zone name " + zone + " was appended to it");
    }
    if (found.labelCount() == expected.labelCount() && found.labelCount() > 1
        && found.parent().equals(expected.parent())
        && sameShape(expected.firstLabel(), found.firstLabel())) {
      return new Classification(Kind.OLD_TOKEN, found.ascii(),
          "a target of the same shape: most likely from an older request");
    }
    return new Classification(Kind.DIFFERENT, found.ascii(), "a different target");
  }

  private static String stripQuotes(String s) {
    String out = s;
    while (out.length() >= 2 && ((out.startsWith("\"") && out.endsWith("\""))
        || (out.startsWith("'") && out.endsWith("'"))
        || (out.startsWith("\u201c") && out.endsWith("\u201d")))) {
      out = out.substring(1, out.length() - 1);
    }
    return out;
  }

  private static String removeWhitespace(String s) {
    return s.replaceAll("\\s+", "");
  }

  /** The coarse alphabets a token's variable part may use, smallest first. */
  private enum Family {
    DIGITS,
    HEX,
    BASE64,
    OTHER
  }

  /**
   * Whether two values look like tokens of one kind: the same fixed prefix (such as {@code
   * globalsign-domain-verification=}), a variable part of the same length (at least 8) over a
   * compatible alphabet (digits, hex, base64/base64url), and otherwise the same pattern of
   * letters, digits and punctuation.
   */
  public static boolean sameShape(String expected, String found) {
    if (expected.equals(found)) {
      return false;
    }
    String[] e = splitPrefix(expected);
    String[] f = splitPrefix(found);
    if (!e[0].equalsIgnoreCase(f[0]) || e[1].length() != f[1].length() || e[1].length() < 8
        || !e[2].equals(f[2])) {
      return false;
    }
    Family fe = family(e[1]);
    Family ff = family(f[1]);
    if (fe == Family.OTHER || ff == Family.OTHER) {
      return pattern(e[1]).equals(pattern(f[1]));
    }
    return ff.compareTo(fe) <= 0;
  }

  /** {prefix up to the last '=' or ':', variable part, trailing '=' padding}. */
  private static String[] splitPrefix(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    String core = s.substring(0, end);
    int idx = Math.max(core.lastIndexOf('='), core.lastIndexOf(':'));
    return new String[] {
      core.substring(0, idx + 1).toLowerCase(Locale.ROOT), core.substring(idx + 1), s.substring(end)
    };
  }

  private static Family family(String s) {
    boolean digits = true;
    boolean hex = true;
    boolean b64 = true;
    boolean lowerHex = false;
    boolean upperHex = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean d = c >= '0' && c <= '9';
      boolean lh = c >= 'a' && c <= 'f';
      boolean uh = c >= 'A' && c <= 'F';
      lowerHex |= lh;
      upperHex |= uh;
      digits &= d;
      hex &= d || lh || uh;
      b64 &= d || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '/'
          || c == '-' || c == '_';
    }
    if (digits) {
      return Family.DIGITS;
    }
    if (hex && !(lowerHex && upperHex)) {
      return Family.HEX;
    }
    return b64 ? Family.BASE64 : Family.OTHER;
  }

  private static String pattern(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isDigit(c) ? '9' : Character.isLetter(c) ? 'a' : c);
    }
    return b.toString();
  }
}
