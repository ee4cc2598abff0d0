package org.dvinspector.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class TextTest {
  @Test
  void escapesControlsQuotesAndBackslashes() {
    assertThat(Text.escape("a\nb\r\t\"c\\\u001b[31m")).isEqualTo("a\\nb\\r\\t\\\"c\\\\\\x1b[31m");
  }

  @Test
  void escapesFormatCharactersAndByteOrderMarks() {
    assertThat(Text.escape("\ufeffabc\u202e")).isEqualTo("\\ufeffabc\\u202e");
  }

  @Test
  void escapesC1ControlsBidiControlsZeroWidthAndLineSeparators() {
    assertThat(Text.escape("a\u009b31m\u0085")).isEqualTo("a\\u009b31m\\u0085");
    assertThat(Text.escape("\u202a\u202d\u2066\u2069\u200b\u200d\u00ad"))
        .isEqualTo("\\u202a\\u202d\\u2066\\u2069\\u200b\\u200d\\u00ad");
    assertThat(Text.escape("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
    assertThat(Text.escape("lone\udc00")).isEqualTo("lone\\udc00");
  }

  @Test
  void keepsPrintableUnicode() {
    assertThat(Text.escape("bücher 例え")).isEqualTo("bücher 例え");
  }

  @Test
  void quoteShortensLongValues() {
    String q = Text.quote("x".repeat(500), 10);
    assertThat(q).startsWith("\"xxxxxxxxxx\"…").contains("500 characters");
  }
}
