package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Perspective;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class HumanReportTest {
  private static final HumanReport PLAIN = new HumanReport(Style.plain(), false);

  @Test
  void verdictComesFirst() {
    String text = PLAIN.render(Reports.notOnAllNameservers());
    assertThat(text.lines().findFirst().orElseThrow())
        .startsWith("NOT READY  www.example.com  (CA/Browser Forum Baseline Requirements, 12 ms)");
    assertThat(text.lines().skip(1).findFirst().orElseThrow())
        .contains("would not validate www.example.com now: 1 error.");
  }

  @Test
  void findingsAreGroupedBySeverityWithRemedyAndEvidenceTable() {
    String text = PLAIN.render(Reports.notOnAllNameservers());
    assertThat(text).containsSubsequence(
        "Checks",
        "FAILED     dns-txt  TXT _dnsauth.www.example.com = \"token-1\"",
        "PASSED     caa      CAA for www.example.com",
        "Errors (1)",
        "DNS_NOT_ON_ALL_NAMESERVERS  The TXT record is on 1 of 2 nameservers",
        "Fix: Publish the record on every nameserver",
        "ns1.example.com [192.0.2.1] udp            | TXT \"token-1\" ttl=300",
        "ns2.example.com [2001:db8:0:0:0:0:0:2] udp | NXDOMAIN",
        "Info (1)",
        "CAA_RELEVANT_SET  No CAA record: any CA may issue");
    assertThat(text).doesNotContain("Warnings");
  }

  @Test
  void plainOutputHasNoEscapeSequencesAndColourOutputHas() {
    assertThat(PLAIN.render(Reports.notOnAllNameservers())).doesNotContain("\u001b[");
    String coloured = new HumanReport(Style.colour(), false).render(Reports.notOnAllNameservers());
    assertThat(coloured).contains("\u001b[1;31mNOT READY\u001b[0m");
  }

  @Test
  void readyReportShowsUnicodeAndAlabel() {
    String text = PLAIN.render(Reports.ready());
    assertThat(text).startsWith("READY  bücher.example (xn--bcher-kva.example)");
  }

  @Test
  void observationsOnlyWhenVerbose() {
    assertThat(PLAIN.render(Reports.notOnAllNameservers())).doesNotContain("Observations");
    String verbose = new HumanReport(Style.plain(), true).render(Reports.notOnAllNameservers());
    assertThat(verbose).containsSubsequence("Observations (3)",
        "resolver [127.0.0.1:5353] udp", "TXT _dnsauth.www.example.com -> ANSWER");
  }

  @Test
  void controlCharactersInTextCannotReachTheTerminal() {
    DnsTxtCheck txt = DnsTxtCheck.atDomain("v");
    InspectionReport report = InspectionReport.builder()
        .request(InspectionRequest.builder().domain("example.com").addChecks(txt).build())
        .verdict(Verdict.NOT_READY)
        .addFindings(Finding.builder(FindingCode.DNS_VALUE_MISMATCH)
            .message("found \u001b[2J evil")
            .evidence(Perspective.inspector(), "bell\u0007")
            .build())
        .addCheckResults(CheckResult.of(txt, CheckResult.Status.FAILED, Duration.ZERO))
        .startedAt(Instant.EPOCH)
        .duration(Duration.ZERO)
        .build();
    String text = PLAIN.render(report);
    assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007")
        .contains("found \\x1b[2J evil").contains("bell\\x07");
  }

  @Test
  void formatCharactersAndC1ControlsAreEscapedForTheTerminal() {
    // Bidi overrides reorder what a terminal shows (Trojan Source); zero-width characters hide.
    assertThat(Style.safe("exa\u200bmple \u202eevil\u202c \u2066x\u2069"))
        .isEqualTo("exa\\u200bmple \\u202eevil\\u202c \\u2066x\\u2069");
    assertThat(Style.safe("csi\u009b31m nel\u0085 del\u007f")).isEqualTo("csi\\x9b31m nel\\x85 del\\x7f");
    assertThat(Style.safe("line\u2028sep bom\ufeff lone\ud800")).isEqualTo(
        "line\\u2028sep bom\\ufeff lone\\ud800");
    assertThat(Style.safe("b\u00fccher \ud83d\ude00 \u4e2d")).isEqualTo("b\u00fccher \ud83d\ude00 \u4e2d");
  }

  @Test
  void multiLineRemedyKeepsItsLinesIndented() {
    assertThat(HumanReport.lines("Add:\n  example.com. CAA 0 issue \"ca.example\"\n", "      "))
        .isEqualTo("Add:\n      example.com. CAA 0 issue \"ca.example\"");
    assertThat(HumanReport.lines("a\u001bb", "  ")).isEqualTo("a\\x1bb");
  }

  @Test
  void longEvidenceIsCutWithACount() {
    DnsTxtCheck txt = DnsTxtCheck.atDomain("v");
    Finding.Builder f = Finding.builder(FindingCode.DNS_SERVER_TIMEOUT).message("timeouts");
    for (int i = 0; i < HumanReport.MAX_EVIDENCE_ROWS + 3; i++) {
      f.evidence(Perspective.authoritative("ns" + i + ".example.com", Reports.ip("192.0.2." + (i + 1)), "udp"),
          "timeout");
    }
    InspectionReport report = InspectionReport.builder()
        .request(InspectionRequest.builder().domain("example.com").addChecks(txt).build())
        .verdict(Verdict.NOT_READY)
        .addFindings(f.build())
        .addCheckResults(CheckResult.of(txt, CheckResult.Status.FAILED, Duration.ZERO))
        .startedAt(Instant.EPOCH)
        .duration(Duration.ZERO)
        .build();
    assertThat(PLAIN.render(report)).contains("... and 3 more (see --json)")
        .doesNotContain("ns" + HumanReport.MAX_EVIDENCE_ROWS + ".example.com");
  }
}
