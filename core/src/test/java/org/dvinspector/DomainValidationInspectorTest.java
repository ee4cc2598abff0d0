package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.dvinspector.ProbeModule.Behaviour;
import org.dvinspector.ProbeModule.ProbeCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class DomainValidationInspectorTest {
  private DomainValidationInspector inspector =
      DomainValidationInspector.builder().addModule(new ProbeModule()).build();

  @AfterEach
  void close() {
    inspector.close();
  }

  private static InspectionRequest request(Check... checks) {
    return InspectionRequest.builder().domain("www.example.com").addChecks(checks).build();
  }

  @Test
  void checksOfOneInspectionShareStateThatGoesWithTheInspection() throws Exception {
    ProbeModule.SHARED.clear();
    inspector.inspect(request(new ProbeCheck(Behaviour.PASS), new ProbeCheck(Behaviour.FAIL)));
    inspector.inspect(request(new ProbeCheck(Behaviour.PASS)));

    assertThat(ProbeModule.SHARED).hasSize(3);
    assertThat(ProbeModule.SHARED.get(0).number()).isEqualTo(ProbeModule.SHARED.get(1).number())
        .isNotEqualTo(ProbeModule.SHARED.get(2).number());
    // The inspector keeps nothing of a finished inspection.
    for (int i = 0; i < 50
        && ProbeModule.SHARED.stream().anyMatch(r -> r.value().get() != null); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ProbeModule.SHARED).allSatisfy(r -> assertThat(r.value().get()).isNull());
  }

  @Test
  void passingChecksMakeTheReportReady() {
    InspectionReport report = inspector.inspect(request(new ProbeCheck(Behaviour.PASS)));
    assertThat(report.verdict()).isEqualTo(Verdict.READY);
    assertThat(report.checkResults()).extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.PASSED);
    assertThat(report.observations()).hasSize(1);
  }

  @Test
  void anErrorFindingMakesTheReportNotReady() {
    InspectionReport report = inspector.inspect(
        request(new ProbeCheck(Behaviour.PASS), new ProbeCheck(Behaviour.FAIL)));
    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(report.hasFinding(FindingCode.DNS_RECORD_MISSING)).isTrue();
  }

  @Test
  void aCheckThatNeverFinishesEndsAtTheDeadlineWithAFinding() {
    InspectionRequest request = request(new ProbeCheck(Behaviour.HANG), new ProbeCheck(Behaviour.PASS))
        .toBuilder().deadline(Duration.ofMillis(300)).build();
    long t0 = System.nanoTime();
    InspectionReport report = inspector.inspect(request);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    assertThat(elapsedMs).as("returned long after the deadline").isLessThan(5_000);
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.findings(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("probe-hang").contains("300 ms"));
    assertThat(report.checkResults()).extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.UNDECIDED, CheckResult.Status.PASSED);
  }

  @Test
  void aModuleThatThrowsBecomesAnInternalErrorFindingNotAnException() {
    InspectionReport report = inspector.inspect(
        request(new ProbeCheck(Behaviour.THROW), new ProbeCheck(Behaviour.FAIL_LATER)));
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.findings(FindingCode.INSPECTION_INTERNAL_ERROR)).hasSize(2)
        .anySatisfy(f -> assertThat(f.message()).contains("probe exploded"))
        .anySatisfy(f -> assertThat(f.message()).contains("async boom"));
  }

  @Test
  void aMissingModuleFailsAtOnceNamingTheArtifact() {
    InspectionRequest request = request(DnsTxtCheck.of("_dnsauth", "token"));
    assertThatThrownBy(() -> inspector.inspect(request))
        .isInstanceOf(MissingModuleException.class)
        .hasMessageContaining("'dns' module")
        .hasMessageContaining("org.dvinspector:dvinspector-dns")
        .satisfies(e -> assertThat(((MissingModuleException) e).moduleId()).isEqualTo("dns"));
    assertThatThrownBy(() -> inspector.inspectAsync(request))
        .isInstanceOf(MissingModuleException.class);
  }

  @Test
  void findAndAddModulesUsesTheServiceLoaderAndDropsDuplicates() {
    ProbeModule explicit = new ProbeModule();
    try (DomainValidationInspector found = DomainValidationInspector.builder()
        .addModule(explicit)
        .findAndAddModules()
        .findAndAddModules()
        .build()) {
      assertThat(found.moduleIds()).containsExactly("probe");
      assertThat(found.inspect(request(new ProbeCheck(Behaviour.PASS))).verdict())
          .isEqualTo(Verdict.READY);
    }
  }

  @Test
  void listenerSeesEventsAndItsExceptionsAreIgnored() {
    List<String> events = new CopyOnWriteArrayList<>();
    InspectionListener listener = new InspectionListener() {
      @Override
      public void inspectionStarted(InspectionRequest request) {
        events.add("start");
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void checkFinished(CheckResult result) {
        events.add("check " + result.status());
      }

      @Override
      public void inspectionFinished(InspectionReport report) {
        events.add("end " + report.verdict());
      }
    };
    try (DomainValidationInspector withListener = DomainValidationInspector.builder()
        .addModule(new ProbeModule()).listener(listener).build()) {
      InspectionReport report = withListener.inspect(request(new ProbeCheck(Behaviour.PASS)));
      assertThat(report.verdict()).isEqualTo(Verdict.READY);
      assertThat(events).containsExactly("start", "check PASSED", "end READY");
    }
  }

  @Test
  void wildcardWithAFileMethodIsReportedByThePolicyGate() {
    InspectionRequest request = InspectionRequest.builder()
        .domain("*.example.com")
        .addChecks(new ProbeCheck(Behaviour.PASS, Method.HTTP_FILE))
        .build();
    InspectionReport report = inspector.inspect(request);
    assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(report.findings(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("3.2.2.4.18"));
  }

  @Test
  void anExpiredTokenIsReported() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    try (DomainValidationInspector clocked =
        DomainValidationInspector.builder().addModule(new ProbeModule()).clock(clock).build()) {
      InspectionRequest request = request(new ProbeCheck(Behaviour.PASS)).toBuilder()
          .tokenCreatedAt(Instant.parse("2026-10-01T12:00:00Z"))
          .build();
      InspectionReport report = clocked.inspect(request);
      assertThat(report.verdict()).isEqualTo(Verdict.NOT_READY);
      assertThat(report.findings(FindingCode.TOKEN_EXPIRED)).singleElement()
          .satisfies(f -> assertThat(f.message()).contains("60 days"));
    }
  }

  @Test
  void inspectAsyncCompletesWithTheReport() throws Exception {
    InspectionReport report = inspector.inspectAsync(request(new ProbeCheck(Behaviour.PASS)))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(report.verdict()).isEqualTo(Verdict.READY);
  }
}
