package org.dvinspector;

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
  void keepsPrintableUnicode() {
    assertThat(Text.escape("bücher 例え")).isEqualTo("bücher 例え");
  }

  @Test
  void quoteShortensLongValues() {
    String q = Text.quote("x".repeat(500), 10);
    assertThat(q).startsWith("\"xxxxxxxxxx\"…").contains("500 characters");
  }
}
