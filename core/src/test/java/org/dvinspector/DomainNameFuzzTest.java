package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.IDNA;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/**
 * Fuzzing {@link DomainName#parse}: any input either parses to a canonical name or is refused
 * with {@link InvalidDomainNameException}, never another exception; and every internationalised
 * name it accepts converts exactly as ICU4J's UTS #46 implementation (non-transitional, STD3,
 * CheckBidi, CheckJoiners, CONTEXTO), the reference the CAs' and browsers' libraries follow.
 *
 * <p>Tries: {@code jqwik.tries.default} (10,000 in {@code mvn verify}; SECURITY.md has the longer
 * run).
 */
final class DomainNameFuzzTest {
  private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
      | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
      | IDNA.CHECK_CONTEXTO | IDNA.USE_STD3_RULES);

  /** Characters that make names interesting: scripts, deviations, marks, invisibles, symbols. */
  private static final String ALPHABET = "abcxyz019-_.*ABZ"
      + "ßςσΣẞİıéÉüÜñçøæ"
      + "аеорсухАЕ" // Cyrillic look-alikes
      + "αβγδεζηθ"
      + "日本語中文ひらがなカタカナ한국어"
      + "שלוםعربي٠١۰۱"
      + "\u0301\u0308\u05b7\u064b" // combining marks
      + "ＡＢｃ１。．｡" // full-width forms and other full stops
      + "\u00b7\u0375\u05f3\u30fb" // CONTEXTO
      + "\u200b\u200c\u200d\u00ad\u202e\u2066\ufeff" // invisible
      + "♥☃€$%&@/: \t\n\u0000\u009b\u001b"
      + "\ud83d\ude00\ud83d\udca9"; // emoji (surrogate pairs, split or whole)

  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> alphabet = Arbitraries.strings().withChars(ALPHABET).ofMinLength(0)
        .ofMaxLength(40);
    Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(80);
    Arbitrary<String> dotted = Combinators.combine(alphabet, alphabet, Arbitraries.of("com", "de",
        "jp", "xn--p1ai", "example", "")).as((a, b, tld) -> a + "." + b + "." + tld);
    Arbitrary<String> aLabels = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
        .ofMinLength(1).ofMaxLength(20).map(s -> "xn--" + s + ".com");
    return Arbitraries.oneOf(alphabet, anything, dotted, aLabels);
  }

  @Property
  void parsesOrRefusesCleanlyAndIsCanonical(@ForAll("names") String input) {
    DomainName name;
    try {
      name = DomainName.parse(input);
    } catch (InvalidDomainNameException e) {
      // Refusals say what is wrong in one escaped line, never echoing control characters.
      assertThat(e.getMessage()).doesNotContain("\n", "\u001b", "\u009b", "\u202e", "\u0000");
      return;
    }
    String ascii = name.ascii();
    assertThat(ascii.length()).isLessThanOrEqualTo(DomainName.MAX_LENGTH);
    assertThat(ascii).matches("[a-z0-9_*.-]+");
    for (String label : name.labels()) {
      assertThat(label.length()).isBetween(1, DomainName.MAX_LABEL_LENGTH);
    }
    // Canonical: parsing the A-label form gives the same name, and so does its display form.
    assertThat(DomainName.parse(ascii)).isEqualTo(name);
    try {
      assertThat(DomainName.parse(name.unicode())).isEqualTo(name);
    } catch (InvalidDomainNameException e) {
      // Only a mixed-script A-label may be refused when typed in Unicode (a homograph).
      assertThat(e.getMessage()).contains("mixes scripts");
    }
  }

  @Property
  void everyAcceptedInternationalisedNameMatchesIcuUts46(@ForAll("names") String input) {
    DomainName name;
    try {
      name = DomainName.parse(input);
    } catch (InvalidDomainNameException e) {
      return; // refusing is allowed (we are stricter than UTS #46 on purpose)
    }
    if (name.isWildcard() || name.labels().stream().anyMatch(l -> l.indexOf('_') >= 0)
        || name.labels().stream().noneMatch(l -> l.startsWith("xn--"))) {
      return; // ASCII-only names and underscore labels are outside IDNA
    }
    IDNA.Info info = new IDNA.Info();
    String icu = UTS46.nameToASCII(name.ascii(), new StringBuilder(), info).toString();
    assertThat(info.getErrors()).as("ICU's errors for %s", name.ascii()).isEmpty();
    assertThat(icu).isEqualTo(name.ascii());
    IDNA.Info typed = new IDNA.Info();
    String icuFromInput = UTS46.nameToASCII(name.unicode(), new StringBuilder(), typed).toString();
    assertThat(typed.getErrors()).as("ICU's errors for %s", name.unicode()).isEmpty();
    assertThat(icuFromInput).isEqualTo(name.ascii());
  }

  @Provide
  Arbitrary<String> plainNames() {
    Arbitrary<String> label = Arbitraries.strings().withChars("abz019-_").ofMinLength(0)
        .ofMaxLength(70);
    return label.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join(".", l))
        .flatMap(n -> Arbitraries.of(n, n + ".", n + ".example", "xn--" + n));
  }

  /**
   * Lower-case LDH names take a short path in {@link DomainName#parse}; the same name in upper
   * case takes the full one. Both must accept and refuse alike, with the same result.
   */
  @Property
  void plainNamesParseAsTheFullPathDoes(@ForAll("plainNames") String input) {
    String upper = input.toUpperCase(java.util.Locale.ROOT);
    java.util.Optional<DomainName> fast = DomainName.tryParse(input);
    java.util.Optional<DomainName> full = DomainName.tryParse(upper);
    assertThat(fast).isEqualTo(full);
    fast.ifPresent(n -> {
      assertThat(n.labels()).isEqualTo(full.orElseThrow().labels());
      assertThat(n.ascii()).isEqualTo(String.join(".", n.labels()));
    });
  }
}
