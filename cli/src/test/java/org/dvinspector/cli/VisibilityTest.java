package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.dvinspector.CheckResult;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class VisibilityTest {
  @Test
  void countsThePerspectivesThatAnsweredWithTheValue() {
    Visibility v = Visibility.of(Reports.notOnAllNameservers());
    assertThat(v.asked()).isEqualTo(3);
    assertThat(v.seeing()).isEqualTo(2);
    assertThat(v.describe()).isEqualTo("2/3 perspectives see the expected value");
  }

  @Test
  void matchesNamesWithATrailingDot() {
    Visibility v = Visibility.of(Reports.ready());
    assertThat(v.seeing()).isEqualTo(2);
    assertThat(v.asked()).isEqualTo(2);
  }

  @Test
  void countsHttpEndpointsByUrlPathAndIgnoresOtherQuestions() {
    HttpFileCheck file = HttpFileCheck.of("/.well-known/pki-validation/fileauth.txt", "tok");
    Perspective a = Perspective.httpEndpoint("http", "example.com", Reports.ip("192.0.2.1"));
    Perspective b = Perspective.httpEndpoint("https", "example.com", Reports.ip("192.0.2.1"));
    Perspective ns = Perspective.authoritative("ns1.example.com", Reports.ip("192.0.2.53"), "udp");
    InspectionReport report = InspectionReport.builder()
        .request(InspectionRequest.builder().domain("example.com").addChecks(file).build())
        .verdict(Verdict.NOT_READY)
        .addObservations(
            Observation.of(a, "GET http://example.com/.well-known/pki-validation/fileauth.txt",
                Observation.Outcome.ANSWER, "200 \"tok\"", Duration.ofMillis(2)),
            Observation.of(b, "GET https://example.com/.well-known/pki-validation/fileauth.txt",
                Observation.Outcome.NEGATIVE, "404", Duration.ofMillis(2)),
            // A probe of a common wrong place is not the check's own question.
            Observation.of(b, "GET https://example.com/fileauth.txt",
                Observation.Outcome.ANSWER, "200 \"tok\"", Duration.ofMillis(2)),
            // Nor is zone discovery.
            Observation.of(ns, "NS example.com", Observation.Outcome.ANSWER, "NS ns1", Duration.ZERO))
        .addCheckResults(CheckResult.of(file, CheckResult.Status.FAILED, Duration.ZERO))
        .startedAt(Instant.EPOCH)
        .duration(Duration.ZERO)
        .build();
    Visibility v = Visibility.of(report);
    assertThat(v.asked()).isEqualTo(2);
    assertThat(v.seeing()).isEqualTo(1);
  }

  @Test
  void nothingAskedYet() {
    InspectionReport report = InspectionReport.builder()
        .request(Reports.ready().request())
        .verdict(Verdict.UNKNOWN)
        .startedAt(Instant.EPOCH)
        .duration(Duration.ZERO)
        .build();
    assertThat(Visibility.of(report).describe()).isEqualTo("no perspective answered yet");
  }
}
