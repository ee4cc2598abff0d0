package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.dvinspector.CaaRules;
import org.dvinspector.DomainName;
import org.dvinspector.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CaaEvaluatorTest {
  private static final DomainName OWNER = DomainName.parse("example.com");

  /**
   * rules | wildcard | CA issuer domains (space separated, "-" none) | records ("&&" separated, "-"
   * none) | account URI | method label | outcome.
   */
  @ParameterizedTest(name = "[{index}] {0} wildcard={1} {3} -> {6}")
  @CsvSource(delimiter = '|', textBlock = """
      rfc    | false | letsencrypt.org | -                                                        | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 iodef "mailto:caa@example.com"                         | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org"                                | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "digicert.com"                                   | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "digicert.com" && 0 issue "letsencrypt.org"      | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 ISSUE "letsencrypt.org"                                | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 IsSuE "digicert.com"                                   | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "LetsEncrypt.ORG"                                | - | -            | ALLOWED
      strict | false | letsencrypt.org | 0 issue "LetsEncrypt.ORG"                                | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue ";"                                              | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue ""                                               | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue ";" && 0 issue "letsencrypt.org"                 | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; oops"                          | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org."                               | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; oops" && 0 issue "letsencrypt.org" | - | -        | ALLOWED
      rfc    | false | letsencrypt.org | 0 issuewild "digicert.com"                               | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 issuewild ";" && 0 issue "letsencrypt.org"             | - | -            | ALLOWED
      rfc    | true  | letsencrypt.org | 0 issue "letsencrypt.org"                                | - | -            | ALLOWED
      rfc    | true  | letsencrypt.org | 0 issue "digicert.com"                                   | - | -            | FORBIDDEN
      rfc    | true  | letsencrypt.org | 0 issue "letsencrypt.org" && 0 issuewild "digicert.com"  | - | -            | FORBIDDEN
      rfc    | true  | letsencrypt.org | 0 issue "digicert.com" && 0 issuewild "letsencrypt.org"  | - | -            | ALLOWED
      rfc    | true  | letsencrypt.org | 0 issuewild ";" && 0 issue "letsencrypt.org"             | - | -            | FORBIDDEN
      rfc    | true  | letsencrypt.org | 0 ISSUEWILD "letsencrypt.org" && 0 issue ";"             | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 128 tbs "x" && 0 issue "letsencrypt.org"                 | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 128 TBS "x"                                              | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 tbs "x" && 0 issue "letsencrypt.org"                   | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 1 tbs "x" && 0 issue "letsencrypt.org"                   | - | -            | ALLOWED
      strict | false | letsencrypt.org | 1 tbs "x" && 0 issue "letsencrypt.org"                   | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 128 issue "letsencrypt.org"                              | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 128 iodef "mailto:a@example.com"                         | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 128 contactemail "a@example.com"                         | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1" | https://ca.test/acct/1 | - | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1" | https://ca.test/acct/2 | - | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1" | -              | - | UNDETERMINED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/ACCT/1" | https://ca.test/acct/1 | - | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1" && 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/2" | https://ca.test/acct/2 | - | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=dns-01"      | - | acme-dns-01  | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=http-01"     | - | acme-dns-01  | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=http-01,dns-01" | - | acme-dns-01 | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=DNS-01"      | - | acme-dns-01  | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=dns-01"      | - | -            | UNDETERMINED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=ca-tbr-7"    | - | acme-dns-01  | UNDETERMINED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=ca-tbr-7"    | - | dns-txt      | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=ca-tbr-7"    | - | dns-cname    | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=ca-tbr-18"   | - | http-file    | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=ca-tbr-18"   | - | dns-txt      | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=tls-alpn-01" | - | acme-tls-alpn-01 | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=a; accounturi=a"    | a | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=dns-01; validationmethods=dns-01" | - | acme-dns-01 | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=dns-01,,http-01" | - | acme-dns-01 | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods="            | - | acme-dns-01  | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1; validationmethods=http-01" | https://ca.test/acct/1 | acme-http-01 | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/9; validationmethods=dns-01" | - | acme-http-01 | FORBIDDEN
      no8657 | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1" | https://ca.test/acct/2 | - | ALLOWED
      no8657 | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=http-01"     | - | acme-dns-01  | ALLOWED
      no8657 | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=a; accounturi=b"    | - | -            | ALLOWED
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; account-uri=x"                 | - | -            | ALLOWED
      strict | false | letsencrypt.org | 0 issue "letsencrypt.org; account-uri=x"                 | - | -            | FORBIDDEN
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; somethingelse=1"               | - | -            | ALLOWED
      rfc    | false | -               | 0 issue "letsencrypt.org"                                | - | -            | UNDETERMINED
      rfc    | false | -               | 0 issue ";"                                              | - | -            | FORBIDDEN
      rfc    | false | -               | -                                                        | - | -            | ALLOWED
      rfc    | false | digicert.com symantec.com | 0 issue "symantec.com"                         | - | -            | ALLOWED
      rfc    | false | digicert.com symantec.com | 0 issue "geotrust.com"                         | - | -            | FORBIDDEN
      """)
  void evaluatesTheRelevantSet(String rules, boolean wildcard, String issuers, String records,
      String account, String method, CaaDecision.Outcome outcome) {
    CaaDecision d = CaaEvaluator.of(rules(rules))
        .evaluate(records(records), issuance(wildcard, issuers, account, method, false));

    assertThat(d.outcome()).isEqualTo(outcome);
  }

  /** record | method label ("-" unknown) | account ("-" unknown) | status. */
  @ParameterizedTest(name = "[{index}] {0} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      0 issue "letsencrypt.org"                                   | -            | - | AUTHORIZES
      0 issue "letsencrypt.org; foo"                              | -            | - | MALFORMED
      0 issue ";"                                                 | -            | - | NAMES_NO_ISSUER
      0 issue "digicert.com"                                      | -            | - | OTHER_ISSUER
      0 issue "letsencrypt.org; accounturi=u1"                    | -            | u2 | ACCOUNT_URI_MISMATCH
      0 issue "letsencrypt.org; accounturi=u1"                    | -            | - | ACCOUNT_URI_UNKNOWN
      0 issue "letsencrypt.org; validationmethods=http-01"        | acme-dns-01  | - | METHOD_NOT_PERMITTED
      0 issue "letsencrypt.org; validationmethods=http-01"        | -            | - | METHOD_UNKNOWN
      0 issue "letsencrypt.org; validationmethods=ca-tbr-19"      | acme-http-01 | - | METHOD_LISTED_BY_BR_LABEL_ONLY
      0 issue "letsencrypt.org; accounturi=a; accounturi=a"       | -            | a | DUPLICATE_PARAMETER
      0 issue "letsencrypt.org; validationmethods=dns-01 ,x"      | acme-dns-01  | - | MALFORMED
      0 issue "letsencrypt.org; validationmethods=-dns"           | acme-dns-01  | - | INVALID_PARAMETER
      0 issue "letsencrypt.org; accounturi=u1; validationmethods=http-01" | acme-dns-01 | - | METHOD_NOT_PERMITTED
      0 issue "letsencrypt.org; accounturi=u1; validationmethods=http-01" | -           | u2 | ACCOUNT_URI_MISMATCH
      0 issuewild "letsencrypt.org"                               | -            | - | NOT_CONSIDERED
      """)
  void judgesEachRecord(String record, String method, String account, CaaRecordVerdict.Status status) {
    CaaDecision d = CaaEvaluator.of(CaaRules.rfc())
        .evaluate(records(record), issuance(false, "letsencrypt.org", account, method, false));

    assertThat(d.verdicts()).singleElement().satisfies(v -> {
      assertThat(v.status()).isEqualTo(status);
      assertThat(v.detail()).isNotBlank();
    });
  }

  /**
   * wildcard | CA | records | account | method | bind method | suggested lines ("&&" separated,
   * owner example.com).
   */
  @ParameterizedTest(name = "[{index}] {2} -> {6}")
  @CsvSource(delimiter = '|', textBlock = """
      false | digicert.com    | 0 issue "letsencrypt.org"                       | - | -           | false | example.com. CAA 0 issue "digicert.com"
      false | digicert.com    | 0 issue ";"                                     | - | -           | false | example.com. CAA 0 issue "digicert.com"
      false | digicert.com    | 0 issue "digicert.com; oops"                    | - | -           | false | example.com. CAA 0 issue "digicert.com"
      false | digicert.com    | 0 issue "sectigo.com" && 0 issuewild "digicert.com" | - | -       | false | example.com. CAA 0 issue "digicert.com"
      true  | digicert.com    | 0 issuewild "letsencrypt.org" && 0 issue "digicert.com" | - | -   | false | example.com. CAA 0 issuewild "digicert.com"
      true  | digicert.com    | 0 issue "letsencrypt.org" && 0 issue "sectigo.com; accounturi=x" && 0 issue ";" && 0 issue "bad value" | - | - | false | example.com. CAA 0 issuewild "digicert.com" && example.com. CAA 0 issuewild "letsencrypt.org" && example.com. CAA 0 issuewild "sectigo.com; accounturi=x"
      false | digicert.com    | 0 issue "letsencrypt.org"                       | - | dns-txt     | false | example.com. CAA 0 issue "digicert.com"
      false | digicert.com    | 0 issue "letsencrypt.org"                       | - | dns-txt     | true  | example.com. CAA 0 issue "digicert.com; validationmethods=ca-tbr-7"
      false | letsencrypt.org | 0 issue "sectigo.com"                           | https://ca.test/acct/7 | acme-http-01 | true | example.com. CAA 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/7; validationmethods=http-01"
      false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1" | https://ca.test/acct/2 | - | false | example.com. CAA 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/2"
      false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=http-01" | - | acme-dns-01 | false | example.com. CAA 0 issue "letsencrypt.org; validationmethods=dns-01"
      false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1; validationmethods=http-01" | - | acme-dns-01 | false | example.com. CAA 0 issue "letsencrypt.org; accounturi=https://ca.test/acct/1; validationmethods=dns-01"
      false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=dns-01; validationmethods=dns-01" | - | acme-dns-01 | false | example.com. CAA 0 issue "letsencrypt.org; validationmethods=dns-01"
      """)
  void suggestsTheRecordsToAdd(boolean wildcard, String issuers, String records, String account,
      String method, boolean bind, String lines) {
    CaaDecision d = CaaEvaluator.of(CaaRules.rfc())
        .evaluate(records(records), issuance(wildcard, issuers, account, method, bind));

    assertThat(d.outcome()).isEqualTo(CaaDecision.Outcome.FORBIDDEN);
    assertThat(String.join(" && ", d.suggestedZoneLines(OWNER))).isEqualTo(lines);
  }

  /** rules | wildcard | CA | records | account | method (every row is forbidden at first). */
  @ParameterizedTest(name = "[{index}] {0} {3}")
  @CsvSource(delimiter = '|', textBlock = """
      rfc    | false | digicert.com    | 0 issue "letsencrypt.org"                                  | - | -
      rfc    | true  | digicert.com    | 0 issue "letsencrypt.org"                                  | - | -
      rfc    | true  | digicert.com    | 0 issuewild ";" && 0 issue "digicert.com"                  | - | -
      strict | false | letsencrypt.org | 0 issue "LetsEncrypt.org"                                  | - | -
      strict | false | letsencrypt.org | 0 issue "letsencrypt.org; account-uri=1"                   | - | -
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=u1"                   | u2 | acme-dns-01
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=http-01"       | -  | acme-dns-01
      rfc    | true  | letsencrypt.org | 0 issue "letsencrypt.org; accounturi=u1; validationmethods=http-01" | u1 | acme-dns-01
      rfc    | false | letsencrypt.org | 0 issue "letsencrypt.org; validationmethods=a; validationmethods=b" | - | acme-dns-01
      """)
  void addingTheSuggestedRecordsAllowsTheCa(
      String rules, boolean wildcard, String issuers, String records, String account, String method) {
    CaaEvaluator evaluator = CaaEvaluator.of(rules(rules));
    CaaIssuance issuance = issuance(wildcard, issuers, account, method, false);
    CaaDecision before = evaluator.evaluate(records(records), issuance);

    List<CaaRecord> fixed = new ArrayList<>(records(records));
    fixed.addAll(before.suggestedRecords());

    assertThat(before.outcome()).isEqualTo(CaaDecision.Outcome.FORBIDDEN);
    assertThat(evaluator.evaluate(fixed, issuance).outcome()).isEqualTo(CaaDecision.Outcome.ALLOWED);
  }

  @Test
  void wildcardSuggestionKeepsOtherCasWildcardPermissionAndGrantsNoNonWildcardIssuance() {
    CaaEvaluator evaluator = CaaEvaluator.of(CaaRules.rfc());
    List<CaaRecord> set = records("0 issue \"letsencrypt.org\"");
    CaaIssuance digicertWildcard = issuance(true, "digicert.com", "-", "-", false);
    List<CaaRecord> fixed = new ArrayList<>(set);
    fixed.addAll(evaluator.evaluate(set, digicertWildcard).suggestedRecords());

    assertThat(evaluator.evaluate(fixed, digicertWildcard).isAllowed()).isTrue();
    assertThat(evaluator.evaluate(fixed, issuance(true, "letsencrypt.org", "-", "-", false)).isAllowed())
        .isTrue();
    assertThat(evaluator.evaluate(fixed, issuance(false, "letsencrypt.org", "-", "-", false)).isAllowed())
        .isTrue();
    assertThat(evaluator.evaluate(fixed, issuance(false, "digicert.com", "-", "-", false)).isAllowed())
        .isFalse();
  }

  @Test
  void unknownCriticalTagForbidsEvenWhenTheCaIsAuthorized() {
    CaaDecision d = CaaEvaluator.of(CaaRules.rfc()).evaluate(
        records("128 tbs \"unknown\" && 0 issue \"letsencrypt.org\""),
        issuance(false, "letsencrypt.org", "-", "-", false));

    assertThat(d.authorization()).isEqualTo(CaaDecision.Outcome.ALLOWED);
    assertThat(d.outcome()).isEqualTo(CaaDecision.Outcome.FORBIDDEN);
    assertThat(d.unknownCriticalRecords()).extracting(CaaRecord::tag).containsExactly("tbs");
    assertThat(d.suggestedRecords()).isEmpty();
  }

  @Test
  void undeterminedDecisionSuggestsNothing() {
    CaaDecision d = CaaEvaluator.of(CaaRules.rfc()).evaluate(
        records("0 issue \"letsencrypt.org; accounturi=u1\""),
        issuance(false, "letsencrypt.org", "-", "-", false));

    assertThat(d.outcome()).isEqualTo(CaaDecision.Outcome.UNDETERMINED);
    assertThat(d.suggestedRecords()).isEmpty();
  }

  @Test
  void iodefRecordsAreReportedAndDoNotRestrict() {
    CaaDecision d = CaaEvaluator.of(CaaRules.rfc()).evaluate(
        records("0 iodef \"mailto:caa@example.com\""), issuance(false, "ca.test", "-", "-", false));

    assertThat(d.iodefRecords()).extracting(CaaRecord::value).containsExactly("mailto:caa@example.com");
    assertThat(d.governingProperty()).isEmpty();
    assertThat(d.isAllowed()).isTrue();
  }

  @Test
  void governingPropertyIsIssuewildForAWildcardWhenAnyExists() {
    CaaDecision d = CaaEvaluator.of(CaaRules.rfc()).evaluate(
        records("0 issue \"ca.test\" && 0 issuewild \"ca.test\""), issuance(true, "ca.test", "-", "-", false));

    assertThat(d.governingProperty()).hasValue("issuewild");
    assertThat(d.verdicts()).extracting(CaaRecordVerdict::status)
        .containsExactly(CaaRecordVerdict.Status.NOT_CONSIDERED, CaaRecordVerdict.Status.AUTHORIZES);
  }

  @Test
  void exactMatchingCaSaysHowToWriteItsName() {
    CaaDecision d = CaaEvaluator.of(rules("strict"))
        .evaluate(records("0 issue \"LetsEncrypt.org\""), issuance(false, "letsencrypt.org", "-", "-", false));

    assertThat(d.verdicts()).singleElement()
        .satisfies(v -> assertThat(v.detail()).contains("exactly").contains("\"letsencrypt.org\""));
  }

  /** method | RFC 8657 label | BR label. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({
      "dns-txt, ca-tbr-7, ca-tbr-7",
      "dns-cname, ca-tbr-7, ca-tbr-7",
      "http-file, ca-tbr-18, ca-tbr-18",
      "acme-http-01, http-01, ca-tbr-19",
      "acme-dns-01, dns-01, ca-tbr-7",
      "acme-tls-alpn-01, tls-alpn-01, ca-tbr-20",
      "ip-address, ca-tbr-8, ca-tbr-8"})
  void validationMethodLabels(String method, String label, String brLabel) {
    Method m = Method.fromLabel(method);

    assertThat(CaaEvaluator.validationMethodLabel(m)).isEqualTo(label);
    assertThat(CaaEvaluator.brValidationMethodLabel(m)).isEqualTo(brLabel);
  }

  static CaaRules rules(String name) {
    return switch (name) {
      case "rfc" -> CaaRules.rfc();
      case "strict" -> CaaRules.builder()
          .anyFlagIsCritical(true).rejectHyphenInParameterTags(true).exactIssuerMatch(true).build();
      case "no8657" -> CaaRules.builder().supportsRfc8657(false).build();
      default -> throw new IllegalArgumentException(name);
    };
  }

  static List<CaaRecord> records(String records) {
    if (records.equals("-")) {
      return List.of();
    }
    return Arrays.stream(records.split("&&")).map(CaaRecord::parse).collect(Collectors.toList());
  }

  static CaaIssuance issuance(
      boolean wildcard, String issuers, String account, String method, boolean bind) {
    CaaIssuance.Builder b = CaaIssuance.builder().wildcard(wildcard).bindValidationMethod(bind);
    if (!issuers.equals("-")) {
      b.addIssuerDomains(issuers.split(" "));
    }
    if (!account.equals("-")) {
      b.accountUri(account);
    }
    if (!method.equals("-")) {
      b.validationMethod(Method.fromLabel(method));
    }
    return b.build();
  }
}
