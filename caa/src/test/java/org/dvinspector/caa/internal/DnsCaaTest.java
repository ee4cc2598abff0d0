package org.dvinspector.caa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.caa.CaaRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

final class DnsCaaTest {
  /** record data as in a zone file | flags | tag | value (\\u escapes) | presentation. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      0 issue "letsencrypt.org"          | 0   | issue   | letsencrypt.org      | 0 issue "letsencrypt.org"
      128 IssueWild ";"                  | 128 | IssueWild | ;                  | 128 IssueWild ";"
      0 issue ""                         | 0   | issue   | ''                   | 0 issue ""
      0 issue "ca.test; a=\\"q\\""       | 0   | issue   | ca.test; a="q"       | 0 issue "ca.test; a=\\"q\\""
      0 issue "x\\195\\164y"             | 0   | issue   | x\u00c3\u00a4y       | 0 issue "x\\195\\164y"
      5 is-sue "a b"                     | 5   | is-sue  | a b                  | 5 is-sue "a b"
      """)
  void readsTheRecordDataExactlyAsServed(
      String rdata, int flags, String tag, String value, String presentation) throws Exception {
    Record r = Record.fromString(Name.fromString("example.com."), Type.CAA, DClass.IN, 300, rdata,
        Name.root);

    CaaRecord caa = DnsCaa.toCaaRecord(r).orElseThrow();

    assertThat(caa.flags()).isEqualTo(flags);
    assertThat(caa.tag()).isEqualTo(tag);
    assertThat(caa.value()).isEqualTo(value.replace("\\u00c3", "\u00c3").replace("\\u00a4", "\u00a4"));
    assertThat(caa.presentation()).isEqualTo(presentation);
  }
}
