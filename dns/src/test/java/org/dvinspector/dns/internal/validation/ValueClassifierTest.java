package org.dvinspector.dns.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dvinspector.DomainName;
import org.dvinspector.dns.internal.validation.ValueClassifier.Kind;
import org.junit.jupiter.api.Test;

final class ValueClassifierTest {
  private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";

  private static Kind kind(String found) {
    return ValueClassifier.classifyRecord(TOKEN, List.of(found)).kind();
  }

  @Test
  void quotesAroundTheValueAreSurroundingQuotes() {
    assertThat(kind("\"" + TOKEN + "\"")).isEqualTo(Kind.SURROUNDING_QUOTES);
    assertThat(kind("'" + TOKEN + "'")).isEqualTo(Kind.SURROUNDING_QUOTES);
    assertThat(kind("\u201c" + TOKEN + "\u201d")).isEqualTo(Kind.SURROUNDING_QUOTES);
  }

  @Test
  void quotedStringsPastedLiterallyAreSplitWrongly() {
    String first = TOKEN.substring(0, 20);
    String rest = TOKEN.substring(20);
    assertThat(kind(first + "\" \"" + rest)).isEqualTo(Kind.SPLIT_WRONGLY);
    assertThat(kind("\"" + first + "\" \"" + rest + "\"")).isEqualTo(Kind.SPLIT_WRONGLY);
  }

  @Test
  void valueSplitAtItsSpacesIsSplitWrongly() {
    ValueClassifier.Classification c =
        ValueClassifier.classifyRecord("a b c", List.of("a", "b", "c"));

    assertThat(c.kind()).isEqualTo(Kind.SPLIT_WRONGLY);
    assertThat(c.found()).isEqualTo("abc");
  }

  @Test
  void valueSpreadOverSeveralRecordsIsSplitWrongly() {
    String first = "x".repeat(255);
    String rest = "y".repeat(100);

    ValueClassifier.Classification c = ValueClassifier.classifyTxt(first + rest,
        List.of(List.of(rest), List.of(first)));

    assertThat(c.kind()).isEqualTo(Kind.SPLIT_WRONGLY);
    assertThat(c.explanation()).contains("2 separate TXT records");
  }

  @Test
  void leadingTrailingOrInnerWhitespaceIsWhitespace() {
    assertThat(kind(" " + TOKEN)).isEqualTo(Kind.WHITESPACE);
    assertThat(kind(TOKEN + "\n")).isEqualTo(Kind.WHITESPACE);
    assertThat(kind(TOKEN.substring(0, 10) + " " + TOKEN.substring(10))).isEqualTo(Kind.WHITESPACE);
  }

  @Test
  void differentLetterCaseIsCase() {
    assertThat(kind(TOKEN.toLowerCase(java.util.Locale.ROOT))).isEqualTo(Kind.CASE);
  }

  @Test
  void beginningOfTheValueIsTruncated() {
    ValueClassifier.Classification c =
        ValueClassifier.classifyRecord("z".repeat(300), List.of("z".repeat(255)));

    assertThat(c.kind()).isEqualTo(Kind.TRUNCATED);
    assertThat(c.explanation()).contains("255 of its 300").contains("cut it at 255");
  }

  @Test
  void tokenOfTheSameShapeIsAnOldToken() {
    assertThat(kind("Z9b0D6qgAq3XMy5aV1nGcTfyoK3uyrLxwGh5ve4v3cA")).isEqualTo(Kind.OLD_TOKEN);
  }

  @Test
  void prefixedTokenWithAnotherCodeIsAnOldToken() {
    assertThat(ValueClassifier.classifyRecord("globalsign-domain-verification=abc123DEF456ghi789",
        List.of("globalsign-domain-verification=zzz999YYY888xxx777")).kind())
        .isEqualTo(Kind.OLD_TOKEN);
  }

  @Test
  void unrelatedValueIsDifferent() {
    assertThat(kind("v=spf1 include:_spf.example.com -all")).isEqualTo(Kind.DIFFERENT);
  }

  @Test
  void theMostSpecificClassificationOverAllRecordsWins() {
    ValueClassifier.Classification c = ValueClassifier.classifyTxt(TOKEN,
        List.of(List.of("v=spf1 -all"), List.of("\"" + TOKEN + "\"")));

    assertThat(c.kind()).isEqualTo(Kind.SURROUNDING_QUOTES);
    assertThat(c.found()).isEqualTo("\"" + TOKEN + "\"");
  }

  @Test
  void noRecordsCannotBeClassified() {
    assertThatThrownBy(() -> ValueClassifier.classifyTxt(TOKEN, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shapeNeedsTheSameLengthAndAlphabet() {
    assertThat(ValueClassifier.sameShape("0123456789abcdef", "fedcba9876543210")).isTrue();
    assertThat(ValueClassifier.sameShape("0123456789abcdef", "0123456789abcde")).isFalse();
    assertThat(ValueClassifier.sameShape("0123456789abcdef", "ghijklmnopqrstuv")).isFalse();
    assertThat(ValueClassifier.sameShape("short", "other")).isFalse();
    assertThat(ValueClassifier.sameShape("same-value-here", "same-value-here")).isFalse();
  }

  @Test
  void cnameTargetWithTheZoneAppendedIsZoneAppended() {
    ValueClassifier.Classification c = ValueClassifier.classifyTarget(
        DomainName.parse("0a1b2c.dcv.digicert.com"),
        DomainName.parse("0a1b2c.dcv.digicert.com.example.com"),
        DomainName.parse("example.com"));

    assertThat(c.kind()).isEqualTo(Kind.ZONE_APPENDED);
  }

  @Test
  void cnameTargetWithAnotherRandomLabelIsAnOldToken() {
    assertThat(ValueClassifier.classifyTarget(DomainName.parse("0a1b2c3d4e5f.dcv.digicert.com"),
        DomainName.parse("ffeeddccbbaa.dcv.digicert.com"), DomainName.parse("example.com"))
        .kind()).isEqualTo(Kind.OLD_TOKEN);
    assertThat(ValueClassifier.classifyTarget(DomainName.parse("0a1b2c3d4e5f.dcv.digicert.com"),
        DomainName.parse("www.example.net"), DomainName.parse("example.com"))
        .kind()).isEqualTo(Kind.DIFFERENT);
  }
}
