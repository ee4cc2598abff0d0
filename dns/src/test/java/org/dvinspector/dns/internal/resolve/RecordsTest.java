package org.dvinspector.dns.internal.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.dns.DnsRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

final class RecordsTest {
  /** record data as in a zone file | flags | tag | value (\\u escapes). */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      0 issue "letsencrypt.org"          | 0   | issue   | letsencrypt.org
      128 IssueWild ";"                  | 128 | IssueWild | ;
      0 issue ""                         | 0   | issue   | ''
      0 issue "ca.test; a=\\"q\\""       | 0   | issue   | ca.test; a="q"
      0 issue "x\\195\\164y"             | 0   | issue   | x\u00c3\u00a4y
      5 is-sue "a b"                     | 5   | is-sue  | a b
      """)
  void readsCaaDataExactlyAsServed(String rdata, int flags, String tag, String value)
      throws Exception {
    Record r = Record.fromString(Name.fromString("example.com."), Type.CAA, DClass.IN, 300, rdata,
        Name.root);

    DnsRecord caa = Records.of(r);

    assertThat(caa.caaFlags()).hasValue(flags);
    assertThat(caa.caaTag()).hasValue(tag);
    assertThat(caa.caaValue()).hasValue(
        value.replace("\\u00c3", "\u00c3").replace("\\u00a4", "\u00a4"));
    assertThat(caa.typeName()).isEqualTo("CAA");
    assertThat(caa.name()).isEqualTo("example.com");
  }

  @Test
  void ttlsWithTheTopBitSetCountAsZero() throws Exception {
    // RFC 2181 §8: a TTL of 2^31 or more is treated as zero. dnsjava refuses to build such a
    // record, but reads one from the wire as served.
    assertThat(Records.of(fromWire(0xFFFF_FFFFL)).ttl()).isZero();
    assertThat(Records.of(fromWire(0x8000_0000L)).ttl()).isZero();
    assertThat(Records.of(fromWire(0x7FFF_FFFFL)).ttl()).isEqualTo(0x7FFF_FFFFL);
  }

  /** A TXT record read from a response whose TTL field was set to {@code ttl}. */
  private static Record fromWire(long ttl) throws Exception {
    Name owner = Name.fromString("x.example.com.");
    Message m = new Message(1);
    m.getHeader().setFlag(Flags.QR);
    m.addRecord(new TXTRecord(owner, DClass.IN, 300, "v"), Section.ANSWER);
    byte[] wire = m.toWire();
    int at = 12 + owner.length() + 4;
    for (int i = 0; i < 4; i++) {
      wire[at + i] = (byte) (ttl >>> (24 - 8 * i));
    }
    return new Message(wire).getSection(Section.ANSWER).get(0);
  }

  @Test
  void txtStringsAreKeptApartAndJoinedForComparison() throws Exception {
    Record r = Record.fromString(Name.fromString("_x.example.com."), Type.TXT, DClass.IN, 60,
        "\"abc\" \"def\"", Name.root);

    DnsRecord txt = Records.of(r);

    assertThat(txt.strings()).containsExactly("abc", "def");
    assertThat(txt.joinedStrings()).isEqualTo("abcdef");
    assertThat(txt.isOwnedBy("_X.Example.COM")).isTrue();
  }
}
