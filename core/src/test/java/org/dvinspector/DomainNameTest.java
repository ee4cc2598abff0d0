package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class DomainNameTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "example.com, example.com",
      "Example.COM, example.com",
      "example.com., example.com",
      "' www.example.com ', www.example.com",
      "*.example.com, *.example.com",
      "_dnsauth.example.com, _dnsauth.example.com",
      "bücher.example, xn--bcher-kva.example",
      "XN--BCHER-KVA.example, xn--bcher-kva.example",
      "münchen.DE., xn--mnchen-3ya.de",
      "例え.テスト, xn--r8jz45g.xn--zckzah",
      "a-b.c-d.example, a-b.c-d.example",
      "1.2.3.example, 1.2.3.example",
  })
  void normalises(String input, String expected) {
    assertThat(DomainName.parse(input).ascii()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "''| empty",
      "'   '| empty",
      ".| root zone",
      "example..com| empty label",
      ".example.com| starts with a dot",
      "example.com..| empty label",
      "192.0.2.1| IPv4 address literal",
      "2001:db8::1| IP address literal",
      "[2001:db8::1]| IP address literal",
      "a*.example.com| only as the whole leftmost label",
      "www.*.example.com| only as the whole leftmost label",
      "*.*.example.com| only as the whole leftmost label",
      "*| needs a name under it",
      "-bad.example.com| starts or ends with a hyphen",
      "bad-.example.com| starts or ends with a hyphen",
      "exa mple.com| URL or e-mail",
      "https://example.com/| URL or e-mail",
      "user@example.com| URL or e-mail",
      "ex!ample.com| contains the character '!'",
      "example.123| all digits",
      "xn--zz.example| not valid Punycode",
  })
  void rejectsWithAClearMessage(String input, String problem) {
    assertThatThrownBy(() -> DomainName.parse(input))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("Invalid domain name")
        .hasMessageContaining(problem);
  }

  @Test
  void rejectsALabelOver63Octets() {
    String label = "a".repeat(64);
    assertThatThrownBy(() -> DomainName.parse(label + ".example.com"))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("64 octets long; the limit is 63");
    assertThat(DomainName.parse("a".repeat(63) + ".example.com").labels().get(0)).hasSize(63);
  }

  @Test
  void rejectsANameOver253Octets() {
    String name = ("a".repeat(60) + ".").repeat(4) + "example.com"; // 244 + 11 = 255
    assertThatThrownBy(() -> DomainName.parse(name))
        .isInstanceOf(InvalidDomainNameException.class)
        .hasMessageContaining("the limit is 253");
    String ok = ("a".repeat(60) + ".").repeat(4) + "exa.com"; // 251
    assertThat(DomainName.parse(ok).ascii()).hasSize(251);
  }

  @Test
  void limitsApplyToTheALabelForm() {
    // 30 "ü" characters become a label longer than 63 octets once encoded.
    assertThatThrownBy(() -> DomainName.parse("ü".repeat(60) + ".example"))
        .isInstanceOf(InvalidDomainNameException.class);
  }

  @Test
  @SuppressWarnings("NullAway") // the point of the test
  void rejectsNull() {
    assertThatThrownBy(() -> DomainName.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void escapesControlCharactersInTheMessage() {
    assertThatThrownBy(() -> DomainName.parse("bad\u0007name.example"))
        .hasMessageContaining("\\x07")
        .hasMessageNotContaining("\u0007");
  }

  @Test
  void wildcardHelpers() {
    DomainName w = DomainName.parse("*.Example.com.");
    assertThat(w.isWildcard()).isTrue();
    assertThat(w.withoutWildcard().ascii()).isEqualTo("example.com");
    assertThat(w.isHostname()).isTrue();
    assertThat(DomainName.parse("example.com").withoutWildcard().isWildcard()).isFalse();
  }

  @Test
  void navigation() {
    DomainName n = DomainName.parse("www.example.com");
    assertThat(n.parent()).contains(DomainName.parse("example.com"));
    assertThat(DomainName.parse("com").parent()).isEmpty();
    assertThat(n.child("_dnsauth").ascii()).isEqualTo("_dnsauth.www.example.com");
    assertThat(n.isSubdomainOf(DomainName.parse("example.com"))).isTrue();
    assertThat(n.isSubdomainOf(DomainName.parse("ample.com"))).isFalse();
    assertThat(n.fqdn()).isEqualTo("www.example.com.");
    assertThat(n.topLevelLabel()).isEqualTo("com");
    assertThat(DomainName.parse("_x.example.com").isHostname()).isFalse();
  }

  @Test
  void unicodeFormForDisplay() {
    assertThat(DomainName.parse("xn--bcher-kva.example").unicode()).isEqualTo("bücher.example");
  }

  @Test
  void equalityIsOnTheCanonicalForm() {
    assertThat(DomainName.parse("WWW.Example.com.")).isEqualTo(DomainName.parse("www.example.com"));
    assertThat(DomainName.parse("bücher.example"))
        .isEqualTo(DomainName.parse("xn--bcher-kva.example"));
  }

  @Test
  void tryParseReturnsEmptyForBadInput() {
    assertThat(DomainName.tryParse("a..b")).isEmpty();
    assertThat(DomainName.tryParse(null)).isEmpty();
    assertThat(DomainName.tryParse("a.b")).isPresent();
  }
}
