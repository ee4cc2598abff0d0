package org.dvinspector.caa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Verdict;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HostileDns;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNAME met while looking up CAA is followed even when the server sends it without the
 * synthesized CNAME, as Let's Encrypt's resolver (Unbound) follows it: the records at the
 * redirected name are the name's records (RFC 8659 §3, RFC 6672 §2.2).
 */
final class CaaDnameTest {
  @Test
  void aDnameWithoutItsCnameLeadsToTheTargetsRecords() throws IOException {
    try (DnsLab lab = DnsLab.builder()
            .zone("example.com", z -> z
                .nameserver("ns1.example.com", "127.0.0.11")
                .records("@ CAA 0 issue \"letsencrypt.org\""))
            .zone("other.net", z -> z
                .nameserver("ns1.other.net", "127.0.0.21")
                .records("www CAA 0 issue \"digicert.com\""))
            .start();
        HostileDns hostile = HostileDns.start()) {
      Record dname = Record.fromString(Name.fromString("example.com."), Type.DNAME, DClass.IN,
          300, "other.net.", Name.root);
      // ns1.example.com answers CAA www.example.com with the DNAME alone.
      hostile.serve("127.0.0.11", HostileDns.when(HostileDns.asking("www.example.com", Type.CAA),
          HostileDns.answering(q -> {
            Message m = HostileDns.replyTo(q);
            m.getHeader().setFlag(Flags.AA);
            m.addRecord(dname, Section.ANSWER);
            return m;
          }), HostileDns.authoritative(lab.zone("example.com"))));
      try (DomainValidationInspector inspector = DomainValidationInspector.builder()
          .addModule(new DnsModule())
          .addModule(new CaaModule())
          .networkPolicy(hostile.networkPolicy(lab).deadline(Duration.ofSeconds(5)).build())
          .build()) {
        InspectionReport report = inspector.inspect(InspectionRequest.builder()
            .domain("www.example.com")
            .profile(CaProfiles.LETS_ENCRYPT)
            .addChecks(CaaCheck.forProfile())
            .build());

        // Without the DNAME the set would be example.com's, which lets Let's Encrypt issue.
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.NOT_READY);
        assertThat(report.findings(FindingCode.CAA_FORBIDS_ISSUER)).singleElement()
            .satisfies(f -> assertThat(f.message()).contains("digicert.com"));
      }
    }
  }
}
