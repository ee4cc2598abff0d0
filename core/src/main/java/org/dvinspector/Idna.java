package org.dvinspector;

import org.dvinspector.spi.Text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * IDNA 2008 label conversion the way CAs and browsers do it today: UTS #46 <em>non-transitional</em>
 * processing ({@code faß.de} is {@code xn--fa-hia.de}, not IDNA 2003's {@code fass.de}), then the
 * IDNA 2008 validity rules (RFC 5891 §4.2, RFC 5892 code point categories and contextual rules, the
 * RFC 5893 Bidi rule), then Punycode (RFC 3492). The Baseline Requirements (1.6.1, "P-Label")
 * require valid IDNA 2008 A-labels.
 *
 * <p>Why not ICU4J: it is 14 MB, more than the rest of the library together, for one conversion.
 * The mapping here is NFKC, lower case, NFKC (what UTS #46's table is derived from) with the JDK's
 * Unicode data; the test suite checks it against ICU4J's UTS #46 implementation (as the oracle)
 * and any difference is a refusal, never another A-label. It is stricter than UTS #46 on purpose
 * where a silent mapping would surprise: invisible characters (zero-width space, joiners, bidi
 * controls, soft hyphen) that UTS #46 drops or keeps are refused with a clear error, and so are
 * labels typed in Unicode that mix scripts (a homograph of another name).
 */
final class Idna {
  /** The ACE prefix of an A-label (RFC 5890 §2.3.2.5). */
  static final String ACE_PREFIX = "xn--";

  private Idna() {}

  /** A label that is not a valid IDNA 2008 label; the message says why. */
  static final class IdnaException extends Exception {
    private static final long serialVersionUID = 1L;

    IdnaException(String message) {
      super(message);
    }
  }

  /**
   * The A-label of a label typed in Unicode (it holds a non-ASCII character), or the mapped ASCII
   * label when the mapping leaves only ASCII (full-width letters, say).
   */
  static String toAscii(String label) throws IdnaException {
    for (int i = 0; i < label.length(); ) {
      int cp = label.codePointAt(i);
      if (isInvisible(cp)) {
        throw new IdnaException("it contains the invisible character " + name(cp)
            + ", which IDNA 2008 does not allow; the name is not the one it looks like");
      }
      i += Character.charCount(cp);
    }
    String mapped = map(label);
    if (mapped.chars().allMatch(c -> c < 0x80)) {
      return mapped;
    }
    validate(mapped, true);
    return ACE_PREFIX + Punycode.encode(mapped);
  }

  /**
   * The U-label of an A-label ({@code xn--...}, lower case), checked to be a valid IDNA 2008 label
   * whose encoding gives back the same A-label.
   */
  static String toUnicode(String aLabel) throws IdnaException {
    String ulabel;
    try {
      ulabel = Punycode.decode(aLabel.substring(ACE_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IdnaException("it starts with \"xn--\" but is not valid Punycode ("
          + e.getMessage() + ")");
    }
    if (ulabel.chars().allMatch(c -> c < 0x80)) {
      throw new IdnaException("it starts with \"xn--\" but decodes to the ASCII label "
          + Text.quote(ulabel, 63) + ", which is not an A-label");
    }
    for (int i = 0; i < ulabel.length(); ) {
      int cp = ulabel.codePointAt(i);
      if (isInvisible(cp)) {
        throw new IdnaException("it decodes to " + Text.quote(ulabel, 63) + ", which holds the"
            + " invisible character " + name(cp) + "; IDNA 2008 does not allow it");
      }
      i += Character.charCount(cp);
    }
    if (!Normalizer.isNormalized(ulabel, Normalizer.Form.NFC)) {
      throw new IdnaException("it decodes to " + Text.quote(ulabel, 63)
          + ", which is not in Unicode normalization form C (RFC 5891 §5.4)");
    }
    if (!map(ulabel).equals(ulabel)) {
      throw new IdnaException("it decodes to " + Text.quote(ulabel, 63) + ", which holds"
          + " characters IDNA 2008 maps to others (upper case or compatibility forms); the"
          + " A-label of that name is " + toAscii(ulabel));
    }
    validate(ulabel, false);
    if (!(ACE_PREFIX + Punycode.encode(ulabel)).equals(aLabel)) {
      throw new IdnaException("it is not the canonical Punycode of " + Text.quote(ulabel, 63));
    }
    return ulabel;
  }

  /**
   * UTS #46 mapping, as its table is derived: NFKC, case folding, NFKC. Case folding is done code
   * point by code point (never Java's context-dependent final-sigma rule: UTS #46 maps Σ to σ
   * everywhere) as the lower case of the upper case, with the foldings that differ from that:
   * U+0130 (İ) folds to "i̇", Cherokee folds to its capital letters, and ς (a deviation character,
   * valid in non-transitional processing) and ı stay as they are.
   */
  static String map(String label) {
    // Decomposed first, so that folding reaches combining marks too: ᾀ (U+1F80) is α, psili and
    // ypogegrammeni, and the ypogegrammeni folds to ι, giving "ἀι" as UTS #46 maps it.
    String nfkc = Normalizer.normalize(label, Normalizer.Form.NFKD);
    StringBuilder folded = new StringBuilder(nfkc.length());
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      if (cp == 0x0130) {
        folded.append("i\u0307");
      } else if ((cp >= 0xab70 && cp <= 0xabbf) || (cp >= 0x13f8 && cp <= 0x13fd)) {
        folded.appendCodePoint(Character.toUpperCase(cp));
      } else if (cp == 0x03c2 || cp == 0x0131) {
        folded.appendCodePoint(cp); // final sigma (a deviation, kept) and dotless i
      } else {
        // Simple case folding: lower case of the upper case, so that variants such as U+1C80
        // (CYRILLIC SMALL LETTER ROUNDED VE) fold to their base letter (в) as UTS #46 maps them.
        folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp)));
      }
      i += Character.charCount(cp);
    }
    return Normalizer.normalize(folded, Normalizer.Form.NFKC);
  }

  /** The U-label of {@code label} for display, or the label itself when it is not an A-label. */
  static String displayForm(String label) {
    if (!label.startsWith(ACE_PREFIX)) {
      return label;
    }
    try {
      return toUnicode(label);
    } catch (IdnaException e) {
      return label;
    }
  }

  /**
   * Invisible characters: format characters (Cf: bidi controls, zero-width space and joiners,
   * the byte order mark, soft hyphen), default-ignorable code points, and variation selectors.
   * UTS #46 silently drops some of them ({@code exa\u200bmple} becomes {@code example}); a name
   * that holds one is not what it looks like, so it is refused.
   */
  static boolean isInvisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.FORMAT
        || cp == 0x034f // COMBINING GRAPHEME JOINER
        || (cp >= 0x115f && cp <= 0x1160) || cp == 0x3164 || cp == 0xffa0 // Hangul fillers
        || (cp >= 0x17b4 && cp <= 0x17b5)
        || (cp >= 0x180b && cp <= 0x180f) // Mongolian variation selectors and vowel separator
        || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef); // variation sel.
  }

  /** The IDNA 2008 rules for one U-label (RFC 5891 §4.2.3, RFC 5892, RFC 5893). */
  private static void validate(String u, boolean typed) throws IdnaException {
    if (u.startsWith("-") || u.endsWith("-")) {
      throw new IdnaException("it starts or ends with a hyphen");
    }
    if (u.length() >= 4 && u.charAt(2) == '-' && u.charAt(3) == '-') {
      throw new IdnaException("it has \"--\" in the third and fourth positions (RFC 5891 §4.2.3.1)");
    }
    int first = u.codePointAt(0);
    int firstType = Character.getType(first);
    if (firstType == Character.NON_SPACING_MARK || firstType == Character.COMBINING_SPACING_MARK
        || firstType == Character.ENCLOSING_MARK) {
      throw new IdnaException("it begins with the combining mark " + name(first)
          + " (RFC 5891 §4.2.3.2)");
    }
    boolean arabicIndic = false;
    boolean extendedArabicIndic = false;
    for (int i = 0; i < u.length(); ) {
      int cp = u.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp < 0x80) {
        boolean ldh = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '-';
        if (!ldh) {
          throw new IdnaException("it contains the character " + name(cp)
              + ", which a host name cannot contain");
        }
      } else if (isContexto(cp)) {
        if (!contextOk(u, i, cp)) {
          throw new IdnaException("it contains " + name(cp) + " where IDNA 2008's contextual"
              + " rule for it does not allow it (RFC 5892 Appendix A)");
        }
      } else if (!pvalid(cp)) {
        int type = Character.getType(cp);
        String what = type == Character.UNASSIGNED
            ? " is not assigned in the Unicode version this Java runtime knows"
            : type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL
                || type == Character.CURRENCY_SYMBOL || type == Character.MODIFIER_SYMBOL
                ? " is a symbol or emoji"
                : " is not a letter, digit or combining mark";
        throw new IdnaException("it contains " + name(cp) + ", which" + what
            + "; IDNA 2008 (RFC 5892) does not allow it, so CAs refuse the name");
      }
      arabicIndic |= cp >= 0x0660 && cp <= 0x0669;
      extendedArabicIndic |= cp >= 0x06f0 && cp <= 0x06f9;
      i = next;
    }
    if (arabicIndic && extendedArabicIndic) {
      throw new IdnaException("it mixes Arabic-Indic and extended Arabic-Indic digits"
          + " (RFC 5892 Appendix A.8 and A.9)");
    }
    bidiRule(u);
    if (typed) {
      mixedScripts(u);
    }
  }

  /** IDNA 2008 PVALID, from the general category with RFC 5892's exceptions (§2.6). */
  private static boolean pvalid(int cp) {
    switch (cp) {
      case 0x00df: case 0x03c2: case 0x06fd: case 0x06fe: case 0x0f0b: case 0x3007:
        return true; // exceptions: PVALID
      case 0x0640: case 0x07fa: case 0x302e: case 0x302f: case 0x3031: case 0x3032: case 0x3033:
      case 0x3034: case 0x3035: case 0x303b:
        return false; // exceptions: DISALLOWED
      default:
        break;
    }
    if (cp >= 0x1100 && cp <= 0x11ff || cp >= 0xa960 && cp <= 0xa97f
        || cp >= 0xd7b0 && cp <= 0xd7ff) {
      return false; // old Hangul Jamo (§2.9)
    }
    switch (Character.getType(cp)) {
      case Character.LOWERCASE_LETTER:
      case Character.OTHER_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.NON_SPACING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER:
        return true;
      default:
        return false;
    }
  }

  private static boolean isContexto(int cp) {
    return cp == 0x00b7 || cp == 0x0375 || cp == 0x05f3 || cp == 0x05f4 || cp == 0x30fb;
  }

  /** CONTEXTO rules (RFC 5892 Appendix A.3 to A.7); CONTEXTJ characters are refused earlier. */
  private static boolean contextOk(String u, int i, int cp) {
    switch (cp) {
      case 0x00b7: // MIDDLE DOT: between two 'l' (Catalan l·l)
        return i > 0 && u.charAt(i - 1) == 'l' && i + 1 < u.length() && u.charAt(i + 1) == 'l';
      case 0x0375: // GREEK LOWER NUMERAL SIGN: followed by Greek
        return i + 1 < u.length()
            && Character.UnicodeScript.of(u.codePointAt(i + 1)) == Character.UnicodeScript.GREEK;
      case 0x05f3: case 0x05f4: // HEBREW GERESH, GERSHAYIM: preceded by Hebrew
        return i > 0
            && Character.UnicodeScript.of(u.codePointBefore(i)) == Character.UnicodeScript.HEBREW;
      case 0x30fb: // KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han in the label
        return u.codePoints().anyMatch(c -> {
          Character.UnicodeScript s = Character.UnicodeScript.of(c);
          return c != 0x30fb && (s == Character.UnicodeScript.HIRAGANA
              || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HAN);
        });
      default:
        return true;
    }
  }

  /** Whether a label holds right-to-left characters (R, AL or AN: RFC 5893 §1.4). */
  static boolean isRightToLeft(String u) {
    return u.codePoints().anyMatch(c -> {
      byte d = Character.getDirectionality(c);
      return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
          || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
    });
  }

  /**
   * RFC 5893 §2 at the level of the name: once one label is right-to-left (a "Bidi domain
   * name"), every label must satisfy the Bidi rule, ASCII ones included ({@code 0.שלום.com} is
   * refused: "0" does not start with a letter). Labels with an underscore or the wildcard are
   * record names, not host names, and are left out.
   */
  static void checkBidiDomain(List<String> uLabels) throws IdnaException {
    if (uLabels.stream().noneMatch(Idna::isRightToLeft)) {
      return;
    }
    for (String u : uLabels) {
      if (u.indexOf('_') >= 0 || u.equals("*")) {
        continue;
      }
      try {
        bidiLabel(u);
      } catch (IdnaException e) {
        String why = String.valueOf(e.getMessage());
        throw new IdnaException("the name holds right-to-left labels, and its label "
            + Text.quote(u, 63) + " does not satisfy the Bidi rule for such names (RFC 5893 §2): "
            + why.substring(why.indexOf(": ") + 2));
      }
    }
  }

  /** The Bidi rule of RFC 5893 §2, for a label holding right-to-left characters. */
  private static void bidiRule(String u) throws IdnaException {
    if (isRightToLeft(u)) {
      bidiLabel(u);
    }
  }

  /** Rules 1 to 6 of RFC 5893 §2 for one label. */
  private static void bidiLabel(String u) throws IdnaException {
    int[] cps = u.codePoints().toArray();
    byte first = Character.getDirectionality(cps[0]);
    String fail = "it does not satisfy the Bidi rule for right-to-left labels (RFC 5893 §2)";
    if (first != Character.DIRECTIONALITY_LEFT_TO_RIGHT
        && first != Character.DIRECTIONALITY_RIGHT_TO_LEFT
        && first != Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
      throw new IdnaException(fail + ": its first character is not a letter");
    }
    int last = cps.length - 1;
    while (last > 0 && Character.getDirectionality(cps[last])
        == Character.DIRECTIONALITY_NONSPACING_MARK) {
      last--;
    }
    byte end = Character.getDirectionality(cps[last]);
    if (first == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
      for (int c : cps) {
        byte d = Character.getDirectionality(c);
        if (!EnumSet.of(Dir.L, Dir.EN, Dir.ES, Dir.CS, Dir.ET, Dir.ON, Dir.BN, Dir.NSM)
            .contains(Dir.of(d))) {
          throw new IdnaException(fail + ": it mixes left-to-right and right-to-left characters");
        }
      }
      if (end != Character.DIRECTIONALITY_LEFT_TO_RIGHT
          && end != Character.DIRECTIONALITY_EUROPEAN_NUMBER) {
        throw new IdnaException(fail + ": it does not end with a letter or digit");
      }
      return;
    }
    boolean en = false;
    boolean an = false;
    for (int c : cps) {
      Dir d = Dir.of(Character.getDirectionality(c));
      if (!EnumSet.of(Dir.R, Dir.AL, Dir.AN, Dir.EN, Dir.ES, Dir.CS, Dir.ET, Dir.ON, Dir.BN,
          Dir.NSM).contains(d)) {
        throw new IdnaException(fail + ": it mixes right-to-left and left-to-right characters");
      }
      en |= d == Dir.EN;
      an |= d == Dir.AN;
    }
    Dir e = Dir.of(end);
    if (e != Dir.R && e != Dir.AL && e != Dir.EN && e != Dir.AN) {
      throw new IdnaException(fail + ": it does not end with a right-to-left letter or a digit");
    }
    if (en && an) {
      throw new IdnaException(fail + ": it mixes European and Arabic digits");
    }
  }

  /** Bidi classes the rule names. */
  private enum Dir {
    L, R, AL, EN, ES, ET, AN, CS, NSM, BN, ON, OTHER;

    static Dir of(byte d) {
      switch (d) {
        case Character.DIRECTIONALITY_LEFT_TO_RIGHT: return L;
        case Character.DIRECTIONALITY_RIGHT_TO_LEFT: return R;
        case Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC: return AL;
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER: return EN;
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR: return ES;
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR: return ET;
        case Character.DIRECTIONALITY_ARABIC_NUMBER: return AN;
        case Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR: return CS;
        case Character.DIRECTIONALITY_NONSPACING_MARK: return NSM;
        case Character.DIRECTIONALITY_BOUNDARY_NEUTRAL: return BN;
        case Character.DIRECTIONALITY_OTHER_NEUTRALS: return ON;
        default: return OTHER;
      }
    }
  }

  /**
   * Refuses a label typed in Unicode that mixes scripts outside the combinations one language
   * uses (UTS #39 "highly restrictive": Latin with Han and Japanese kana, with Han and Bopomofo,
   * or with Han and Hangul): {@code pаypal} with a Cyrillic {@code а} is a look-alike of another
   * name. The A-label is accepted as given: whoever types it means that name.
   */
  private static void mixedScripts(String u) throws IdnaException {
    Set<Character.UnicodeScript> scripts = new LinkedHashSet<>();
    List<Integer> firstOf = new ArrayList<>();
    for (int i = 0; i < u.length(); ) {
      int cp = u.codePointAt(i);
      Character.UnicodeScript s = Character.UnicodeScript.of(cp);
      if (s != Character.UnicodeScript.COMMON && s != Character.UnicodeScript.INHERITED
          && scripts.add(s)) {
        firstOf.add(cp);
      }
      i += Character.charCount(cp);
    }
    if (scripts.size() < 2) {
      return;
    }
    Set<Character.UnicodeScript> rest = EnumSet.copyOf(scripts);
    rest.remove(Character.UnicodeScript.LATIN);
    rest.remove(Character.UnicodeScript.HAN);
    boolean japanese = EnumSet.of(Character.UnicodeScript.HIRAGANA,
        Character.UnicodeScript.KATAKANA).containsAll(rest);
    boolean chinese = EnumSet.of(Character.UnicodeScript.BOPOMOFO).containsAll(rest);
    boolean korean = EnumSet.of(Character.UnicodeScript.HANGUL).containsAll(rest);
    if (japanese || chinese || korean) {
      return;
    }
    List<String> names = new ArrayList<>();
    int i = 0;
    for (Character.UnicodeScript s : scripts) {
      names.add(title(s) + " (" + name(firstOf.get(i++)) + ")");
    }
    String aLabel = ACE_PREFIX + Punycode.encode(u);
    throw new IdnaException("it mixes scripts: " + String.join(", ", names) + "; it can pass for"
        + " another name (a homograph). If this is the name you mean, give its A-label " + aLabel);
  }

  private static String title(Character.UnicodeScript s) {
    String n = s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  /** {@code U+200B (ZERO WIDTH SPACE)}. */
  static String name(int cp) {
    String n = Character.getName(cp);
    return String.format(Locale.ROOT, "U+%04X", cp) + (n == null ? "" : " (" + n + ")");
  }
}
