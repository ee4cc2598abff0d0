package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;
import org.dvinspector.spi.RemotePerspective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The primary inspector and the remote ones run a small in-process "dns" module that sees the
 * record or not, standing in for a vantage point where the record is (or is not) visible; the DNS
 * module's own tests cover real servers.
 */
final class MultiPerspectiveInspectorTest {
  private final java.util.List<AutoCloseable> toClose = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  /** A module whose vantage point sees the TXT record ({@code visible}) or not. */
  private static final class VantageModule implements InspectorModule {
    private final boolean visible;

    VantageModule(boolean visible) {
      this.visible = visible;
    }

    @Override
    public String id() {
      return "dns";
    }

    @Override
    public ModuleRuntime start(ModuleServices services) {
      return (check, context) -> answer(check, context);
    }

    private CompletionStage<CheckResult.Status> answer(Check check, InspectionContext context) {
      Perspective p = Perspective.builder().kind(Perspective.Kind.AUTHORITATIVE_SERVER)
          .name("ns1.example.com").address("192.0.2.53").transport("udp").build();
      context.observe(Observation.of(p, check.describe(context.domain()),
          visible ? Observation.Outcome.ANSWER : Observation.Outcome.NEGATIVE,
          visible ? "NOERROR TXT \"token\"" : "NXDOMAIN", Duration.ofMillis(3)));
      if (visible) {
        return CompletableFuture.completedFuture(CheckResult.Status.PASSED);
      }
      context.report(Finding.builder(FindingCode.DNS_RECORD_MISSING)
          .message("No TXT record at _dnsauth." + context.domain()).method(Method.DNS_TXT).build());
      return CompletableFuture.completedFuture(CheckResult.Status.FAILED);
    }
  }

  private DomainValidationInspector inspector(boolean visible) {
    DomainValidationInspector i = DomainValidationInspector.builder()
        .addModule(new VantageModule(visible)).build();
    toClose.add(i);
    return i;
  }

  private MultiPerspectiveInspector mpic(RemotePerspective... remotes) {
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(inspector(true))
        .quorumPolicy(QuorumPolicy.baselineRequirements(java.time.LocalDate.of(2026, 4, 1)));
    for (RemotePerspective r : remotes) {
      b.addRemotePerspective(r);
    }
    MultiPerspectiveInspector m = b.build();
    toClose.add(m);
    return m;
  }

  private static InspectionRequest request() {
    return InspectionRequest.builder().domain("www.example.com")
        .addChecks(DnsTxtCheck.of("_dnsauth", "token")).deadline(Duration.ofSeconds(2)).build();
  }

  /** A perspective that never answers. */
  private static RemotePerspective silent(String name, Rir rir) {
    return new RemotePerspective() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<Rir> rir() {
        return Optional.of(rir);
      }

      @Override
      public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
        return new CompletableFuture<>();
      }
    };
  }

  @Test
  void everyPerspectiveSeeingTheRecordIsReady() {
    InspectionReport r = mpic(
        RemotePerspective.of("us", Rir.ARIN, inspector(true)),
        RemotePerspective.of("eu", Rir.RIPE_NCC, inspector(true)),
        RemotePerspective.of("ap", Rir.APNIC, inspector(true))).inspect(request());

    assertThat(r.verdict()).isEqualTo(Verdict.READY);
    assertThat(r.findings()).noneMatch(f -> f.severity() == Severity.ERROR);
    // The remote perspectives' observations are kept, labelled with the perspective.
    assertThat(r.observations()).filteredOn(o -> o.perspective().kind() == Perspective.Kind.REMOTE_AGENT)
        .hasSize(3)
        .allMatch(o -> o.query().startsWith("ns1.example.com [192.0.2.53] udp: TXT"));
    // Numbered after the primary's: every observation of the report has its own id.
    assertThat(r.observations()).extracting(Observation::id).doesNotHaveDuplicates()
        .allMatch(id -> id > 0);
  }

  @Test
  void twoRegionsWithoutTheRecordBreakTheQuorum() {
    InspectionReport r = mpic(
        RemotePerspective.of("us", Rir.ARIN, inspector(true)),
        RemotePerspective.of("eu", Rir.RIPE_NCC, inspector(false)),
        RemotePerspective.of("ap", Rir.APNIC, inspector(false))).inspect(request());

    assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(r.hasFinding(FindingCode.QUORUM_NOT_MET)).isTrue();
    Finding disagree = r.findings(FindingCode.PERSPECTIVES_DISAGREE).get(0);
    assertThat(disagree.evidence()).extracting(Evidence::detail).contains(
        "passed", "failed - DNS_RECORD_MISSING: No TXT record at _dnsauth.www.example.com");
  }

  @Test
  void oneRegionWithoutTheRecordIsToleratedWithAWarning() {
    InspectionReport r = mpic(
        RemotePerspective.of("us", Rir.ARIN, inspector(true)),
        RemotePerspective.of("eu", Rir.RIPE_NCC, inspector(true)),
        RemotePerspective.of("ap", Rir.APNIC, inspector(false))).inspect(request());

    assertThat(r.verdict()).isEqualTo(Verdict.READY);
    assertThat(r.findings(FindingCode.PERSPECTIVES_DISAGREE)).singleElement()
        .extracting(Finding::severity).isEqualTo(Severity.WARNING);
  }

  @Test
  void perspectivesThatDoNotAnswerByTheDeadlineLeaveTheQuorumUndecided() {
    InspectionRequest quick = request().toBuilder().deadline(Duration.ofMillis(300)).build();

    InspectionReport r = mpic(
        RemotePerspective.of("us", Rir.ARIN, inspector(true)),
        silent("eu", Rir.RIPE_NCC),
        silent("ap", Rir.APNIC)).inspect(quick);

    // Silent perspectives are the inspector's own trouble: UNKNOWN, not NOT_READY.
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.hasFinding(FindingCode.QUORUM_NOT_MET)).isFalse();
    Finding q = r.findings(FindingCode.QUORUM_UNDECIDED).get(0);
    assertThat(q.severity()).isEqualTo(Severity.WARNING);
    assertThat(q.evidence()).extracting(Evidence::detail)
        .contains("no answer - no answer within the 300 ms deadline");
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED)).hasSize(2)
        .allSatisfy(f -> assertThat(f.message()).contains("no answer within the 300 ms deadline"));
    assertThat(r.perspectiveOutcomes()).extracting(PerspectiveOutcome::verdict)
        .containsExactly(Verdict.READY, Verdict.UNKNOWN, Verdict.UNKNOWN);
    assertThat(r.corroboration()).hasValueSatisfying(c -> {
      assertThat(c.quorumMet()).isFalse();
      assertThat(c.quorumUndecided()).isTrue();
    });
  }

  @Test
  void decidedFailuresBreakTheQuorumEvenWhenAnotherPerspectiveIsSilent() {
    InspectionReport r = mpic(
        RemotePerspective.of("us", Rir.ARIN, inspector(true)),
        RemotePerspective.of("eu", Rir.RIPE_NCC, inspector(false)),
        RemotePerspective.of("ap", Rir.APNIC, inspector(false)),
        silent("sa", Rir.LACNIC)).inspect(request().toBuilder().deadline(Duration.ofMillis(500))
            .build());

    assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(r.hasFinding(FindingCode.QUORUM_NOT_MET)).isTrue();
    assertThat(r.hasFinding(FindingCode.QUORUM_UNDECIDED)).isFalse();
  }

  @Test
  void perspectiveThatThrowsCountsAsNotCorroborating() {
    RemotePerspective broken = new RemotePerspective() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Optional<Rir> rir() {
        return Optional.of(Rir.LACNIC);
      }

      @Override
      public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
        throw new IllegalStateException("agent offline");
      }
    };

    InspectionReport r = mpic(
        RemotePerspective.of("us", Rir.ARIN, inspector(true)),
        RemotePerspective.of("eu", Rir.RIPE_NCC, inspector(true)),
        broken).inspect(request());

    // Even had "broken" failed, two of three corroborate: the quorum holds either way.
    assertThat(r.verdict()).isEqualTo(Verdict.READY);
    assertThat(r.findings(FindingCode.PERSPECTIVES_DISAGREE).get(0).evidence())
        .extracting(Evidence::detail).contains("no answer - IllegalStateException: agent offline");
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED)).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo(
            "Remote perspective \"broken\" gave no answer: IllegalStateException: agent offline"));
  }

  @Test
  void duplicatePerspectiveNamesAreRejected() {
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(inspector(true))
        .addRemotePerspective(RemotePerspective.of("eu", Rir.RIPE_NCC, inspector(true)));

    assertThatThrownBy(() -> b.addRemotePerspective(
        RemotePerspective.of("eu", Rir.ARIN, inspector(true))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void atLeastOneRemotePerspectiveIsNeeded() {
    assertThatThrownBy(() -> MultiPerspectiveInspector.builder(inspector(true)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one remote perspective");
  }
}
