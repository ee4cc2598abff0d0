package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dvinspector.CaaRules;

/**
 * Fuzzing the CAA value parser (RFC 8659 §4.2 grammar) and the presentation-format reader: any
 * text parses or is refused the documented way (a {@code problem()}, or IllegalArgumentException
 * for a record), never another exception; what the grammar generates always parses back.
 */
final class CaaFuzzTest {
  private static final List<CaaRules> RULES = List.of(CaaRules.rfc(),
      CaaRules.builder().rejectHyphenInParameterTags(true).build());

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> tokens = Arbitraries.strings()
        .withChars("letsncryp.org-;= \t\"\\:/0123456789ABZ_\u00e9\u0000\u007f\u202e\n")
        .ofMaxLength(60);
    return Arbitraries.oneOf(tokens, Arbitraries.strings().all().ofMaxLength(60), wellFormed());
  }

  private static Arbitrary<String> label() {
    return Combinators.combine(Arbitraries.strings().alpha().numeric().ofLength(1),
        Arbitraries.strings().withChars("abcz019-").ofMaxLength(8),
        Arbitraries.strings().alpha().numeric().ofLength(1))
        .as((a, mid, b) -> a + mid + b);
  }

  private static Arbitrary<String> wsp() {
    return Arbitraries.strings().withChars(" \t").ofMaxLength(2);
  }

  /** Values the grammar generates: issuer, then parameters, with optional blanks. */
  private static Arbitrary<String> wellFormed() {
    Arbitrary<String> issuer = label().list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
    Arbitrary<String> tag = label().filter(t -> !t.contains("-"));
    Arbitrary<String> value = Arbitraries.strings().withCharRange('!', ':')
        .withCharRange('<', '~').ofMaxLength(12);
    Arbitrary<String> parameter = Combinators.combine(tag, wsp(), wsp(), value)
        .as((t, w1, w2, v) -> t + w1 + "=" + w2 + v);
    Arbitrary<String> parameters = Combinators.combine(parameter.list().ofMaxSize(3), wsp())
        .as((ps, w) -> String.join(w + ";" + w, ps));
    return Combinators.combine(wsp(), issuer, wsp(), parameters)
        .as((w1, i, w2, ps) -> w1 + i + w2 + (ps.isEmpty() ? "" : ";" + ps));
  }

  @Property
  void issueValuesParseOrCarryAProblemNeverAnException(@ForAll("values") String value) {
    for (CaaRules rules : RULES) {
      CaaIssueValue parsed = CaaIssueValue.parse(value, rules);
      assertThat(parsed.isWellFormed()).isEqualTo(parsed.problem().isEmpty());
      if (!parsed.isWellFormed()) {
        assertThat(parsed.issuerDomain()).isEmpty();
        assertThat(parsed.problem().get()).doesNotContain("\n", "\u0000", "\u202e");
      }
      parsed.issuerDomain().ifPresent(d ->
          assertThat(d).matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"));
      for (CaaParameter p : parsed.parameters()) {
        assertThat(p.value()).matches("[\\x21-\\x3a\\x3c-\\x7e]*");
      }
      // Deterministic.
      assertThat(CaaIssueValue.parse(value, rules)).isEqualTo(parsed);
    }
  }

  @Property
  void everyValueTheGrammarGeneratesIsWellFormed(@ForAll("grammar") String value) {
    CaaIssueValue parsed = CaaIssueValue.parse(value, CaaRules.rfc());
    assertThat(parsed.problem()).as(value).isEmpty();
    assertThat(parsed.issuerDomain()).isPresent();
  }

  @Provide
  Arbitrary<String> grammar() {
    return wellFormed();
  }

  @Property
  void recordsParseOrAreRefusedWithIllegalArgument(@ForAll("records") String text) {
    CaaRecord record;
    try {
      record = CaaRecord.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain("\n", "\u0000", "\u001b");
      return;
    }
    // What is written back in presentation format reads back as the same record.
    assertThatCode(() -> CaaRecord.parse(record.presentation())).doesNotThrowAnyException();
    assertThat(CaaRecord.parse(record.presentation())).isEqualTo(record);
  }

  @Provide
  Arbitrary<String> records() {
    Arbitrary<String> flags = Arbitraries.oneOf(Arbitraries.integers().between(-5, 300)
        .map(String::valueOf), Arbitraries.strings().ofMaxLength(4));
    Arbitrary<String> tags = Arbitraries.of("issue", "issuewild", "iodef", "ISSUE", "tbs", "",
        "is sue", "x\u0000");
    return Arbitraries.oneOf(
        Combinators.combine(flags, tags, values()).as((f, t, v) -> f + " " + t + " " + v),
        Combinators.combine(flags, tags, values())
            .as((f, t, v) -> f + " " + t + " \"" + v.replace("\"", "\\\"") + "\""),
        Arbitraries.strings().all().ofMaxLength(50));
  }
}
