package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dvinspector.CaaRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

final class CaaIssueValueTest {
  private static final CaaRules LETS_ENCRYPT = CaaRules.builder()
      .anyFlagIsCritical(true).rejectHyphenInParameterTags(true).exactIssuerMatch(true).build();

  /** value | issuer ("-" for none) | parameters joined with " & " ("-" for none). */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      letsencrypt.org                                      | letsencrypt.org | -
      ''                                                   | -               | -
      ;                                                    | -               | -
      '   ;   '                                            | -               | -
      '  letsencrypt.org  '                                | letsencrypt.org | -
      letsencrypt.org;                                     | letsencrypt.org | -
      'letsencrypt.org ;  '                                | letsencrypt.org | -
      LetsEncrypt.ORG                                      | LetsEncrypt.ORG | -
      ca1-x.example                                        | ca1-x.example   | -
      ca--1.example                                        | ca--1.example   | -
      letsencrypt.org; accounturi=https://acme.test/acct/1 | letsencrypt.org | accounturi=https://acme.test/acct/1
      letsencrypt.org;accounturi=a;validationmethods=dns-01 | letsencrypt.org | accounturi=a & validationmethods=dns-01
      'letsencrypt.org ; a = b ;  c=d'                     | letsencrypt.org | a=b & c=d
      letsencrypt.org; a=                                  | letsencrypt.org | a=
      letsencrypt.org; a=b=c                               | letsencrypt.org | a=b=c
      letsencrypt.org; validationmethods=dns-01,http-01    | letsencrypt.org | validationmethods=dns-01,http-01
      letsencrypt.org; account-uri=x                       | letsencrypt.org | account-uri=x
      '; accounturi=x'                                     | -               | accounturi=x
      letsencrypt.org; a=x; a=y                            | letsencrypt.org | a=x & a=y
      """)
  void wellFormedValuesParse(String value, String issuer, String parameters) {
    CaaIssueValue parsed = CaaIssueValue.parse(value, CaaRules.rfc());

    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.issuerDomain().orElse("-")).isEqualTo(issuer);
    assertThat(joined(parsed)).isEqualTo(parameters);
  }

  /** value | a phrase the problem mentions. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      letsencrypt.org; a=b;        | not followed by a parameter
      letsencrypt.org;;            | parameter tag is missing
      letsencrypt.org a=b          | after the issuer domain name
      letsencrypt.org.             | trailing dot
      -letsencrypt.org             | is not a domain name
      letsencrypt-.org             | is not a domain name
      lets_encrypt.org             | is not a domain name
      letsencrypt..org             | is not a domain name
      letsencrypt.org; a=b c       | in the value of parameter
      letsencrypt.org; =b          | parameter tag is missing
      letsencrypt.org; a           | is not written tag=value
      letsencrypt.org; a b=c       | is not written tag=value
      letsencrypt.org; -a=c        | is not letters and digits
      letsencrypt.org; a_b=c       | is not letters and digits
      accounturi=x                 | is not a domain name
      "letsencrypt.org"            | is not a domain name
      """)
  void malformedValuesSayWhy(String value, String problem) {
    CaaIssueValue parsed = CaaIssueValue.parse(value, CaaRules.rfc());

    assertThat(parsed.isWellFormed()).isFalse();
    assertThat(parsed.problem()).hasValueSatisfying(p -> assertThat(p).contains(problem));
    assertThat(parsed.issuerDomain()).isEmpty();
  }

  static Stream<Arguments> controlAndNonAsciiCharacters() {
    return Stream.of(
        Arguments.of("\tletsencrypt.org\t;\taccounturi=x\t", true),
        Arguments.of("letsencrypt.org\n", false),
        Arguments.of("letsencrypt.org;\u00a0a=b", false),
        Arguments.of("b\u00fccher.example", false),
        Arguments.of("letsencrypt.org; a=\u00e4", false),
        Arguments.of("letsencrypt.org\r", false),
        Arguments.of("letsencrypt.org; a=b\u007f", false));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("controlAndNonAsciiCharacters")
  void onlySpaceAndTabCountAsWhitespaceAndOnlyAsciiParses(String value, boolean wellFormed) {
    assertThat(CaaIssueValue.parse(value, CaaRules.rfc()).isWellFormed()).isEqualTo(wellFormed);
  }

  @Test
  void hyphenInParameterTagIsMalformedForACaThatRejectsIt() {
    CaaIssueValue parsed = CaaIssueValue.parse("letsencrypt.org; account-uri=x", LETS_ENCRYPT);

    assertThat(parsed.problem()).hasValueSatisfying(p -> assertThat(p).contains("hyphen"));
  }

  @Test
  void parameterValuesMatchTagsCaseInsensitively() {
    CaaIssueValue parsed = CaaIssueValue.parse("ca.test; AccountURI=a; accounturi=b", CaaRules.rfc());

    assertThat(parsed.parameterValues("accounturi")).containsExactly("a", "b");
  }

  private static String joined(CaaIssueValue v) {
    return v.parameters().isEmpty()
        ? "-"
        : v.parameters().stream().map(CaaParameter::toString).collect(Collectors.joining(" & "));
  }
}
