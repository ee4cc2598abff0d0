package org.dvinspector.policy;

import org.dvinspector.DomainName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

final class PublicSuffixListTest {
  private static final PublicSuffixList PSL = PublicSuffixList.icann();

  private static DomainName d(String name) {
    return DomainName.parse(name);
  }

  @Test
  void bundledListIsTheIcannSectionOfTheShippedCopy() {
    assertThat(PSL.ruleCount()).isGreaterThan(7000);
    assertThat(PSL.version()).contains("20230209");
    assertThat(PSL.topLevelDomains()).contains("com", "uk", "jp", "arpa", "xn--p1ai").hasSizeGreaterThan(1400);
  }

  @Test
  void topLevelDomainIsAPublicSuffix() {
    assertThat(PSL.isPublicSuffix(d("com"))).isTrue();
    assertThat(PSL.publicSuffix(d("www.example.com"))).isEqualTo(d("com"));
  }

  @Test
  void secondLevelRegistryRuleIsAPublicSuffix() {
    assertThat(PSL.isPublicSuffix(d("co.uk"))).isTrue();
    assertThat(PSL.isPublicSuffix(d("example.co.uk"))).isFalse();
    assertThat(PSL.registrableDomain(d("www.example.co.uk"))).contains(d("example.co.uk"));
  }

  @Test
  void wildcardRuleMakesEveryChildAPublicSuffix() {
    // *.kawasaki.jp
    assertThat(PSL.isPublicSuffix(d("foo.kawasaki.jp"))).isTrue();
    assertThat(PSL.registrableDomain(d("www.shop.foo.kawasaki.jp"))).contains(d("shop.foo.kawasaki.jp"));
  }

  @Test
  void exceptionRuleWinsOverTheWildcard() {
    // !city.kawasaki.jp
    assertThat(PSL.isPublicSuffix(d("city.kawasaki.jp"))).isFalse();
    assertThat(PSL.publicSuffix(d("www.city.kawasaki.jp"))).isEqualTo(d("kawasaki.jp"));
    assertThat(PSL.registrableDomain(d("www.city.kawasaki.jp"))).contains(d("city.kawasaki.jp"));
  }

  @Test
  void internationalisedRulesMatchALabels() {
    assertThat(PSL.isPublicSuffix(d("網絡.hk"))).isTrue();
    assertThat(PSL.isPublicSuffix(d("xn--od0alg.hk"))).isTrue();
    assertThat(PSL.isInRootZone(d("пример.рф"))).isTrue();
  }

  @Test
  void privateSectionIsIgnored() {
    // github.io is in the PRIVATE section: for CAs (BR 3.2.2.6) it is a registrable domain.
    assertThat(PSL.isPublicSuffix(d("github.io"))).isFalse();
    assertThat(PSL.registrableDomain(d("user.github.io"))).contains(d("github.io"));
  }

  @Test
  void unknownTopLevelDomainIsNotInTheRootZone() {
    assertThat(PSL.isInRootZone(d("printer.local"))).isFalse();
    assertThat(PSL.isInRootZone(d("intranet.corp"))).isFalse();
    assertThat(PSL.isInRootZone(d("www.example.com"))).isTrue();
    // The implicit "*" rule: an unlisted TLD is its own public suffix.
    assertThat(PSL.publicSuffix(d("a.b.local"))).isEqualTo(d("local"));
  }

  @Test
  void wildcardIsIgnoredWhenFindingTheSuffix() {
    assertThat(PSL.publicSuffix(d("*.example.co.uk"))).isEqualTo(d("co.uk"));
    assertThat(PSL.isPublicSuffix(d("*.co.uk"))).isTrue();
  }

  @Test
  void parsesOnlyTheIcannSection() throws Exception {
    String text = """
        // header
        // ===BEGIN ICANN DOMAINS===
        example
        *.wild.example
        !keep.wild.example
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        priv.example
        // ===END PRIVATE DOMAINS===
        """;

    PublicSuffixList psl = PublicSuffixList.parse(new StringReader(text), "test");

    assertThat(psl.ruleCount()).isEqualTo(3);
    assertThat(psl.topLevelDomains()).containsExactly("example");
    assertThat(psl.isPublicSuffix(d("priv.example"))).isFalse();
    assertThat(psl.isPublicSuffix(d("x.wild.example"))).isTrue();
    assertThat(psl.isPublicSuffix(d("keep.wild.example"))).isFalse();
    assertThat(psl.version()).isEqualTo("test");
  }

  @Test
  void textWithoutIcannSectionIsRejected() {
    assertThatThrownBy(() -> PublicSuffixList.parse(new StringReader("com\nnet\n"), "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ICANN");
  }
}
