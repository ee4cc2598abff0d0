package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dvinspector.CaaRules;
import org.dvinspector.DomainName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CaaRecordTest {
  /** presentation in | flags | tag | value | presentation out. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      0 issue "letsencrypt.org"              | 0   | issue     | letsencrypt.org           | 0 issue "letsencrypt.org"
      128 ISSUE "ca.test"                    | 128 | ISSUE     | ca.test                   | 128 ISSUE "ca.test"
      0 issue ""                             | 0   | issue     | ''                        | 0 issue ""
      0 issue ";"                            | 0   | issue     | ;                         | 0 issue ";"
      0 issue ca.test                        | 0   | issue     | ca.test                   | 0 issue "ca.test"
      0    iodef   "mailto:caa@example.com"  | 0   | iodef     | mailto:caa@example.com    | 0 iodef "mailto:caa@example.com"
      0 issue "ca.test; a=\\"q\\""           | 0   | issue     | ca.test; a="q"            | 0 issue "ca.test; a=\\"q\\""
      0 issue "x\\195\\164y"                 | 0   | issue     | x\u00c3\u00a4y            | 0 issue "x\\195\\164y"
      0 issue "tab\\009here"                 | 0   | issue     | tab\there                 | 0 issue "tab\\009here"
      """)
  void parsesAndPrintsThePresentationForm(
      String text, int flags, String tag, String value, String presentation) {
    CaaRecord r = CaaRecord.parse(text);

    assertThat(r.flags()).isEqualTo(flags);
    assertThat(r.tag()).isEqualTo(tag);
    assertThat(r.value()).isEqualTo(unescapeJava(value));
    assertThat(r.presentation()).isEqualTo(presentation);
  }

  @Test
  void zoneLineNamesTheOwnerWithATrailingDot() {
    assertThat(CaaRecord.of(0, "issue", "digicert.com").zoneLine(DomainName.parse("example.com")))
        .isEqualTo("example.com. CAA 0 issue \"digicert.com\"");
  }

  @Test
  void tagKeyIsLowerCase() {
    assertThat(CaaRecord.of(0, "IssueWild", "x").tagKey()).isEqualTo("issuewild");
  }

  /** flags | critical under RFC 8659 | critical for a CA that treats any flag as critical. */
  @ParameterizedTest(name = "[{index}] flags {0}")
  @CsvSource({"0, false, false", "128, true, true", "1, false, true", "129, true, true", "64, false, true"})
  void criticalFlag(int flags, boolean rfc, boolean strict) {
    CaaRecord r = CaaRecord.of(flags, "tbs", "x");

    assertThat(r.isCritical(CaaRules.rfc())).isEqualTo(rfc);
    assertThat(r.isCritical(CaaRules.builder().anyFlagIsCritical(true).build())).isEqualTo(strict);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      issue                  | <flags> <tag> <value>
      issue "x"              | number from 0 to 255
      256 issue "x"          | octet
      x issue "x"            | number from 0 to 255
      0 issue                | has no value
      0 issue "x             | closing quote
      0 issue "x" y          | after the quoted
      0 issue a b            | put it in double quotes
      0 issue "\\999"        | not an octet
      """)
  void badPresentationIsRejectedWithAReason(String text, String reason) {
    assertThatThrownBy(() -> CaaRecord.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  private static String unescapeJava(String s) {
    return s.replace("\\t", "\t").replace("\\u00c3", "\u00c3").replace("\\u00a4", "\u00a4");
  }

  @Test
  void aTagWrittenWithEscapesReadsBackAsTheSameTag() {
    // Regression (CaaFuzzTest): presentation() escaped a NUL in the tag as \000, parse() kept it.
    CaaRecord odd = CaaRecord.of(0, "x\u0000", "");
    assertThat(odd.presentation()).isEqualTo("0 x\\000 \"\"");
    assertThat(CaaRecord.parse(odd.presentation())).isEqualTo(odd);
  }
}
