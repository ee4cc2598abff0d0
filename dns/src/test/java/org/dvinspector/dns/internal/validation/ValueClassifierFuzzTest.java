package org.dvinspector.dns.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the TXT value classification: whatever strings a server sends (any count, any
 * characters, split anywhere), classifying them against an expected value ends with one
 * classification that quotes what was found, never an exception.
 */
final class ValueClassifierFuzzTest {
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ019-_=\" \t\n\r\\;.\u00a0\u200b\u202e\u0000\u009b")
            .ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().alpha().numeric().ofLength(43));
  }

  @Provide
  Arbitrary<List<List<String>>> records() {
    return texts().list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property
  void classifiesAnyRecordsWithoutThrowing(@ForAll("texts") String expected,
      @ForAll("records") List<List<String>> records) {
    // The contract: no record joins to the expected value (that one would have matched).
    List<List<String>> others = records.stream()
        .filter(r -> !String.join("", r).equals(expected))
        .collect(java.util.stream.Collectors.toList());
    if (others.isEmpty()) {
      return;
    }
    ValueClassifier.Classification c = ValueClassifier.classifyTxt(expected, others);
    assertThat(c.kind()).isNotNull();
    assertThat(c.explanation()).isNotBlank();
    assertThat(c.found()).isNotNull();
    // Each record alone classifies too (what the per-server evidence shows).
    for (List<String> r : others) {
      assertThat(ValueClassifier.classifyRecord(expected, r).explanation()).isNotBlank();
    }
  }

  @Property
  void sameShapeNeverThrowsAndHoldsForAValueItself(@ForAll("texts") String a,
      @ForAll("texts") String b) {
    ValueClassifier.sameShape(a, b);
    ValueClassifier.sameShape(b, a);
  }
}
