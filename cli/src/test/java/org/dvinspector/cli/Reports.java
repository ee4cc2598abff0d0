package org.dvinspector.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Verdict;

/**
 * Reports assembled by hand, for the renderer tests that need an exact report (network values
 * with control characters, many evidence rows). Tests of the whole command use the lab instead.
 */
final class Reports {
  private Reports() {}

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** NOT_READY: the TXT record is on one of two nameservers; CAA passes. */
  static InspectionReport notOnAllNameservers() {
    DnsTxtCheck txt = DnsTxtCheck.of("_dnsauth", "token-1");
    CaaCheck caa = CaaCheck.forIssuers("digicert.com");
    InspectionRequest request = InspectionRequest.builder()
        .domain("www.example.com")
        .profile(CaProfiles.BASELINE_REQUIREMENTS)
        .addChecks(txt, caa)
        .tokenCreatedAt(Instant.parse("2026-01-30T10:00:00Z"))
        .build();
    Perspective ns1 = Perspective.authoritative("ns1.example.com", ip("192.0.2.1"), "udp");
    Perspective ns2 = Perspective.authoritative("ns2.example.com", ip("2001:db8::2"), "udp");
    Perspective resolver = Perspective.recursiveResolver(
        new InetSocketAddress(ip("127.0.0.1"), 5353));
    return InspectionReport.builder()
        .request(request)
        .verdict(Verdict.NOT_READY)
        .addFindings(Finding.builder(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
            .message("The TXT record is on 1 of 2 nameservers")
            .remedy("Publish the record on every nameserver, then wait for the zone to sync.")
            .method(Method.DNS_TXT)
            .evidence(ns1, "TXT \"token-1\" ttl=300")
            .evidence(ns2, "NXDOMAIN")
            .attribute("serving", 1)
            .attribute("total", 2)
            .build())
        .addFindings(Finding.builder(FindingCode.CAA_RELEVANT_SET)
            .message("No CAA record: any CA may issue")
            .evidence(Perspective.inspector(), "no CAA at www.example.com, example.com, com")
            .build())
        .addObservations(
            Observation.of(ns1, "TXT _dnsauth.www.example.com", Observation.Outcome.ANSWER,
                "NOERROR TXT \"token-1\" ttl=300", Duration.ofMillis(3)),
            Observation.of(ns2, "TXT _dnsauth.www.example.com", Observation.Outcome.NEGATIVE,
                "NXDOMAIN", Duration.ofMillis(4)),
            Observation.of(resolver, "TXT _dnsauth.www.example.com", Observation.Outcome.ANSWER,
                "NOERROR TXT \"token-1\" ttl=300", Duration.ofNanos(1_234_567)))
        .addCheckResults(
            CheckResult.of(txt, CheckResult.Status.FAILED, Duration.ofMillis(9)),
            CheckResult.of(caa, CheckResult.Status.PASSED, Duration.ofMillis(7)))
        .startedAt(Instant.parse("2026-01-31T10:00:00Z"))
        .duration(Duration.ofMillis(12))
        .build();
  }

  /** READY: one TXT check seen by two nameservers. */
  static InspectionReport ready() {
    DnsTxtCheck txt = DnsTxtCheck.atDomain("token-1");
    InspectionRequest request = InspectionRequest.builder()
        .domain("bücher.example")
        .addChecks(txt)
        .build();
    Perspective ns1 = Perspective.authoritative("ns1.example", ip("192.0.2.1"), "udp");
    Perspective ns2 = Perspective.authoritative("ns2.example", ip("192.0.2.2"), "udp");
    return InspectionReport.builder()
        .request(request)
        .verdict(Verdict.READY)
        .addFindings(Finding.builder(FindingCode.CHECK_PASSED)
            .message("TXT found on every nameserver")
            .method(Method.DNS_TXT)
            .build())
        .addObservations(
            Observation.of(ns1, "TXT xn--bcher-kva.example", Observation.Outcome.ANSWER,
                "NOERROR TXT \"token-1\"", Duration.ofMillis(1)),
            Observation.of(ns2, "TXT xn--bcher-kva.example.", Observation.Outcome.ANSWER,
                "NOERROR TXT \"token-1\"", Duration.ofMillis(1)))
        .addCheckResults(CheckResult.of(txt, CheckResult.Status.PASSED, Duration.ofMillis(2)))
        .startedAt(Instant.parse("2026-01-31T10:00:00Z"))
        .duration(Duration.ofMillis(3))
        .build();
  }
}
