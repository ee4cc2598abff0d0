package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** IDNA 2008 with UTS #46 non-transitional processing, as CAs and browsers convert names today. */
final class DomainNameIdnaTest {
  @Test
  void deviationCharactersAreKeptNotMappedAsIdna2003Did() {
    assertThat(DomainName.parse("faß.de").ascii()).isEqualTo("xn--fa-hia.de");
    assertThat(DomainName.parse("FASS.de").ascii()).isEqualTo("fass.de");
    assertThat(DomainName.parse("xn--fa-hia.de").unicode()).isEqualTo("faß.de");
    // Greek final sigma stays final sigma (IDNA 2003 mapped it to σ).
    assertThat(DomainName.parse("βόλος.com").ascii()).isEqualTo("xn--nxasmm1c.com");
  }

  @Test
  void usualInternationalisedNamesConvert() {
    assertThat(DomainName.parse("bücher.example").ascii()).isEqualTo("xn--bcher-kva.example");
    assertThat(DomainName.parse("BÜCHER.example").ascii()).isEqualTo("xn--bcher-kva.example");
    assertThat(DomainName.parse("日本語.jp").ascii()).isEqualTo("xn--wgv71a119e.jp");
    assertThat(DomainName.parse("ＥＸＡＭＰＬＥ.com").ascii()).isEqualTo("example.com");
    assertThat(DomainName.parse("例え.テスト").unicode()).isEqualTo("例え.テスト");
    // CONTEXTO: a middle dot between two l (Catalan), as ICU4J converts it.
    assertThat(DomainName.parse("col·legi.cat").ascii()).isEqualTo(icu("col·legi.cat"));
    assertThatThrownBy(() -> DomainName.parse("co·legi.cat"))
        .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("contextual");
  }

  @Test
  void invisibleCharactersAreRefusedNotDropped() {
    assertThatThrownBy(() -> DomainName.parse("exa\u200bmple.com"))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("U+200B (ZERO WIDTH SPACE)").hasMessageContaining("invisible");
    for (String c : new String[] {"\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u034f"}) {
      assertThatThrownBy(() -> DomainName.parse("exa" + c + "mple.com"))
          .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("invisible");
    }
  }

  @Test
  void bidiControlsAreRefusedAndEscapedInTheMessage() {
    assertThatThrownBy(() -> DomainName.parse("\u202eelgoog.com"))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("U+202E (RIGHT-TO-LEFT OVERRIDE)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u202e"));
    assertThatThrownBy(() -> DomainName.parse("a\u2066b.com"))
        .isInstanceOf(InvalidDomainNameException.class);
  }

  @Test
  void emojiAndSymbolsAreRefusedInBothForms() {
    assertThatThrownBy(() -> DomainName.parse("\ud83d\ude00.com"))
        .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("symbol or emoji");
    assertThatThrownBy(() -> DomainName.parse("i\u2665nyc.com"))
        .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("symbol or emoji");
    // The A-label of an emoji (xn--ls8h is U+1F4A9) is not a valid IDNA 2008 label either.
    assertThatThrownBy(() -> DomainName.parse("xn--ls8h.la"))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("not a valid IDNA 2008 A-label");
  }

  @Test
  void mixedScriptLabelsTypedInUnicodeAreRefusedWithTheirALabel() {
    // "pаypal" with a Cyrillic а (U+0430).
    assertThatThrownBy(() -> DomainName.parse("p\u0430ypal.com"))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("mixes scripts")
        .hasMessageContaining("Cyrillic (U+0430 (CYRILLIC SMALL LETTER A))")
        .hasMessageContaining("xn--pypal-4ve");
    assertThat(DomainName.parse("xn--pypal-4ve.com").unicode()).isEqualTo("p\u0430ypal.com");
    // Scripts one language mixes are fine: Japanese with Latin, Han and kana.
    assertThat(DomainName.parse("ファッションshop.jp").ascii()).startsWith("xn--");
  }

  @Test
  void invalidALabelsAreRefused() {
    assertThatThrownBy(() -> DomainName.parse("xn--abc-.com"))
        .isInstanceOf(InvalidDomainNameException.class);
    assertThatThrownBy(() -> DomainName.parse("xn--a.com"))
        .isInstanceOf(InvalidDomainNameException.class);
    // Labels are case-insensitive: an upper-case A-label is the same label.
    assertThat(DomainName.parse("XN--BCHER-KVA.example").ascii()).isEqualTo("xn--bcher-kva.example");
    assertThatThrownBy(() -> DomainName.parse("xn--bcher-kva!.example"))
        .isInstanceOf(InvalidDomainNameException.class);
  }

  private static String icu(String name) {
    com.ibm.icu.text.IDNA.Info info = new com.ibm.icu.text.IDNA.Info();
    String out = com.ibm.icu.text.IDNA.getUTS46Instance(com.ibm.icu.text.IDNA.NONTRANSITIONAL_TO_ASCII
        | com.ibm.icu.text.IDNA.CHECK_CONTEXTO).nameToASCII(name, new StringBuilder(), info)
        .toString();
    assertThat(info.getErrors()).isEmpty();
    return out;
  }

  @Test
  void divergencesFoundByTheIcuOracleStayFixed() {
    // A-labels whose U-label UTS #46 would map to something else (case folding, not lower-casing).
    for (String aLabel : new String[] {"xn--cr9ajv.com", "xn--o3fro.com", "xn--q3fsol.com",
        "xn--0qg.com", "xn--nrg.com"}) {
      assertThatThrownBy(() -> DomainName.parse(aLabel)).as(aLabel)
          .isInstanceOf(InvalidDomainNameException.class);
    }
    // Capital sigma folds to σ everywhere, not to a final ς as Java's toLowerCase would.
    assertThat(DomainName.parse("ΒΌΛΟΣ.com").ascii()).isEqualTo(icu("ΒΌΛΟΣ.com"));
    assertThat(DomainName.parse("ᾀ.com").ascii()).isEqualTo(icu("ᾀ.com"));
    // The Bidi rule covers every label once one is right-to-left.
    assertThatThrownBy(() -> DomainName.parse("0.xn--ueb.com"))
        .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("Bidi rule");
  }

  @Test
  void reservedLdhLabelsAreRefused() {
    assertThatThrownBy(() -> DomainName.parse("ab--cd.com"))
        .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("reserved");
  }

  @Test
  void rightToLeftLabelsFollowTheBidiRule() {
    assertThat(DomainName.parse("\u05e9\u05dc\u05d5\u05dd.com").ascii()).startsWith("xn--");
    assertThatThrownBy(() -> DomainName.parse("\u05e9\u05dc\u05d5\u05ddabc.com"))
        .isInstanceOf(InvalidDomainNameException.class).hasMessageContaining("Bidi rule");
  }

  @Test
  void aHugeInputIsNotEchoedWhole() {
    String huge = "a".repeat(100_000) + ".com";
    assertThatThrownBy(() -> DomainName.parse(huge))
        .isInstanceOf(InvalidDomainNameException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400)
            .contains("100004 characters"));
  }
}
