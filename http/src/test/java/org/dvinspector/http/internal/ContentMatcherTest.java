package org.dvinspector.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ContentMatcherTest {
  private static final String KEY_AUTH =
      "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  private static final String TOKEN = "2c1f8a7e9b0d4e6f8a1b3c5d7e9f0a2b";

  private static ContentMatcher.Match acme(String body) {
    return ContentMatcher.compare(body, KEY_AUTH, true, true);
  }

  private static ContentMatcher.Match file(String body) {
    return ContentMatcher.compare(body, TOKEN, false, true);
  }

  @Test
  void acmeTrimsTrailingWhitespaceOnly() {
    assertThat(acme(KEY_AUTH + " \r\n\t").matches).isTrue();
    assertThat(acme(" " + KEY_AUTH).classification).isEqualTo("whitespace");
  }

  @Test
  void acmeRefusesTheValueInsideOtherContent() {
    assertThat(acme("value=" + KEY_AUTH).classification).isEqualTo("extra-content");
  }

  @Test
  void fileMethodFindsTheValueInsideOtherContent() {
    assertThat(file("header\n" + TOKEN + "\nfooter").matches).isTrue();
  }

  @Test
  void classifiesAnEmptyBody() {
    assertThat(file("  \n").classification).isEqualTo("empty");
  }

  @Test
  void classifiesAByteOrderMark() {
    assertThat(acme("\ufeff" + KEY_AUTH).classification).isEqualTo("utf8-bom");
  }

  @Test
  void classifiesCaseDifferences() {
    assertThat(file(TOKEN.toUpperCase(java.util.Locale.ROOT)).classification).isEqualTo("case");
  }

  @Test
  void classifiesQuotes() {
    assertThat(acme("\"" + KEY_AUTH + "\"").classification).isEqualTo("quoted");
  }

  @Test
  void classifiesATruncatedValue() {
    assertThat(file(TOKEN.substring(0, 20)).classification).isEqualTo("truncated");
  }

  @Test
  void classifiesAnHtmlPage() {
    assertThat(file("<html><body>Not here</body></html>").classification).isEqualTo("html-page");
    assertThat(ContentMatcher.looksLikeHtml("  <!DOCTYPE html>\n<html>")).isTrue();
    assertThat(ContentMatcher.looksLikeHtml("<token>")).isFalse();
  }

  @Test
  void classifiesAnOlderTokenOfTheSameShape() {
    assertThat(file("0123456789abcdef0123456789abcdef").classification).isEqualTo("older-token");
    assertThat(ContentMatcher.compare("globalsign-domain-verification=zyxwvutsrqponmlk",
        "globalsign-domain-verification=abcdefghijklmnop", false, true).classification)
        .isEqualTo("older-token");
  }

  @Test
  void doesNotCallSomethingElseAnOlderToken() {
    assertThat(file("Hello, world! This is a page.").classification).isEqualTo("different");
    assertThat(file("abc").classification).isEqualTo("different");
  }

  @Test
  void classifiesAKeyAuthorizationForAnotherAccountKey() {
    String other = KEY_AUTH.substring(0, KEY_AUTH.indexOf('.') + 1) + "x".repeat(43);
    assertThat(acme(other).classification).isEqualTo("other-account-key");
  }

  @Test
  void explainsEveryClassification() {
    for (String c : new String[] {"empty", "utf8-bom", "crlf-line-endings", "trailing-whitespace",
        "extra-content", "whitespace", "case", "quoted", "html-page", "truncated",
        "other-account-key", "older-token"}) {
      assertThat(ContentMatcher.explain(c)).isNotEqualTo(ContentMatcher.explain("different"));
    }
  }
}
