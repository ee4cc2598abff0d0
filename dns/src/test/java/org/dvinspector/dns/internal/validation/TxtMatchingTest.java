package org.dvinspector.dns.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dvinspector.DnsRules;
import org.dvinspector.DnsRules.TxtMatching;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.junit.jupiter.api.Test;

/** The three ways CAs compare a TXT record with their value (DnsRules.TxtMatching). */
final class TxtMatchingTest {
  private static final String V = "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a";

  private static DnsRecord txt(String... strings) {
    return DnsRecord.builder().name("_dnsauth.example.com").typeCode(RecordType.TXT.code())
        .typeName("TXT").ttl(300).data("").addStrings(strings).build();
  }

  private static DnsRecord cname(String target) {
    return DnsRecord.builder().name("_dnsauth.example.com").typeCode(RecordType.CNAME.code())
        .typeName("CNAME").ttl(300).data(target).target(target).build();
  }

  private static Expectation.Txt rule(TxtMatching m) {
    return new Expectation.Txt(V, DnsRules.builder().txtMatching(m).build());
  }

  @Test
  void presentationTextIsDnsjavasRdataToString() {
    // dnsjava 3.6 TXTRecord.rdataToString(): quoted strings, one space apart; " and \ escaped,
    // bytes outside printable ASCII as \DDD (the UTF-8 bytes of é are 195 169).
    assertThat(Expectation.Txt.presentation(List.of("a\"b", "c\\d", "é\t")))
        .isEqualTo("\"a\\\"b\" \"c\\\\d\" \"\\195\\169\\009\"");
    assertThat(Expectation.Txt.presentation(List.of())).isEqualTo("\"\"");
  }

  @Test
  void joinedEqualsJoinsTheStringsOfOneRecord() {
    Expectation.Txt t = rule(TxtMatching.JOINED_EQUALS);

    assertThat(t.isExpected(txt(V))).isTrue();
    assertThat(t.isExpected(txt(V.substring(0, 10), V.substring(10)))).isTrue();
    assertThat(t.isExpected(txt("\"" + V + "\""))).isFalse();
    assertThat(t.isExpected(txt(V + " "))).isFalse();
  }

  @Test
  void anyStringEqualsComparesEachStringAlone() {
    Expectation.Txt t = rule(TxtMatching.ANY_STRING_EQUALS);

    assertThat(t.isExpected(txt("other", V))).isTrue();
    assertThat(t.isExpected(txt(V.substring(0, 10), V.substring(10)))).isFalse();
  }

  @Test
  void recordTextContainsSearchesWithinOneString() {
    Expectation.Txt t = rule(TxtMatching.RECORD_TEXT_CONTAINS);

    assertThat(t.isExpected(txt("\"" + V + "\""))).isTrue();
    assertThat(t.isExpected(txt("dcv=" + V + "; v=1"))).isTrue();
    assertThat(t.isExpected(txt("x", V))).isTrue();
    assertThat(t.isExpected(txt(V.substring(0, 10), V.substring(10)))).isFalse();
    assertThat(t.isExpected(txt(V.toLowerCase(java.util.Locale.ROOT)))).isFalse();
  }

  @Test
  void aliasTargetsAreSearchedOnlyWhenTheRuleSaysSo() {
    DomainName name = DomainName.parse("_dnsauth.example.com");
    List<DnsRecord> answer = List.of(cname(V.toLowerCase(java.util.Locale.ROOT)
        + ".dcv.digicert.com"));
    Expectation.Txt digicert = new Expectation.Txt(V, DnsRules.builder()
        .txtMatching(TxtMatching.RECORD_TEXT_CONTAINS).searchesAliasTargets(true).build());

    assertThat(digicert.satisfiedBy(answer, name)).isTrue();
    assertThat(digicert.satisfiedAnywhere(answer)).isTrue();
    assertThat(rule(TxtMatching.RECORD_TEXT_CONTAINS).satisfiedBy(answer, name)).isFalse();
  }
}
