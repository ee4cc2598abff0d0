package org.dvinspector.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Smoke runs of every harness scenario with tiny sizes and latencies: they check the harness
 * builds its labs right (every inspection READY), finds the questions it compares and completes.
 * No timing is asserted: the figures are for BENCHMARKS.md, measured on a quiet machine.
 */
final class LoadHarnessTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static Options options(String... args) {
    return Options.parse(LoadHarness.OPTIONS, args);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void latencyScenarioComparesTheInspectionWithTheLeastTimeOfTheTopology() {
    LatencyScenario.Result r = LatencyScenario.run(
        options("--latency-ms=5", "--runs=1", "--warmup=1", "--cold-runs=1"), out);

    assertThat(r.runs()).singleElement().satisfies(run -> {
      assertThat(run.verdict()).isEqualTo(Verdict.READY);
      assertThat(run.leastMs()).isPositive();
      assertThat(run.fetchMs()).isPositive();
      assertThat(run.questions()).isGreaterThanOrEqualTo(run.minimalQuestions());
      assertThat(run.chainSteps()).isGreaterThanOrEqualTo(4);
    });
    assertThat(r.cold()).singleElement()
        .satisfies(run -> assertThat(run.verdict()).isEqualTo(Verdict.READY));
    assertThat(printed()).contains("RESULT latency:", "RESULT questions:", "RESULT cold process:");
  }

  @Test
  void latencyScenarioValidatesASignedCopyOfTheLab() {
    LatencyScenario.Result r = LatencyScenario.run(
        options("--latency-ms=5", "--runs=1", "--warmup=1", "--cold-runs=0", "--signed"), out);

    assertThat(r.runs()).singleElement().satisfies(run -> {
      assertThat(run.verdict()).isEqualTo(Verdict.READY);
      // The DNSKEY questions are part of the least set when the zones are signed.
      assertThat(run.minimalQuestions()).isEqualTo(54);
      assertThat(run.questions()).isGreaterThanOrEqualTo(run.minimalQuestions());
    });
  }

  @Test
  void burstScenarioCountsEveryVerdict() throws Exception {
    BurstScenario.Result r = BurstScenario.run(options("--burst=40", "--pairs=4"), out);

    assertThat(r.verdicts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
    assertThat(r.count(Verdict.NOT_READY)).isZero();
    assertThat(printed()).contains("RESULT burst:");
  }

  @Test
  void fanOutScenarioFindsTheQuestionsToAllFourNameservers() {
    FanOutScenario.Result r = FanOutScenario.run(
        options("--fanout-latency-ms=5", "--runs=1", "--warmup=0"), out);

    assertThat(r.runs()).singleElement().satisfies(run -> {
      assertThat(run.verdict()).isEqualTo(Verdict.READY);
      assertThat(run.nameserverQuestions()).isEqualTo(4);
      assertThat(run.fanOutMs()).isPositive();
    });
    assertThat(printed()).contains("RESULT fan-out:");
  }

  @Test
  void bulkScenarioReplaysTheInspectorsOwnQuestionsAsTheFloor() throws Exception {
    BulkScenario.Result r = BulkScenario.run(
        options("--names=20", "--pairs=4", "--bulk-warmup=0", "--bulk-window=8"), out);

    assertThat(r.completed()).isEqualTo(20);
    assertThat(r.failures()).isZero();
    assertThat(r.ready()).isEqualTo(20);
    assertThat(r.inspector().questions()).isGreaterThanOrEqualTo(20 * 4);
    assertThat(r.floor().questions()).isEqualTo(r.inspector().questions());
    assertThat(r.floorFailed()).isZero();
    assertThat(r.inspector().labQueries()).isGreaterThanOrEqualTo(r.inspector().questions());
    assertThat(printed()).contains("RESULT bulk:");
  }

  @Test
  void memoryScenarioCompletesEveryInspectionSubmittedAtOnce() throws Exception {
    MemoryScenario.Result r = MemoryScenario.run(options("--memory-names=20", "--pairs=4",
        "--memory-latency-ms=20", "--memory-max-queries=16", "--in-process"), out);

    assertThat(r.noError()).isTrue();
    assertThat(r.ready()).isEqualTo(20);
    assertThat(r.peakHeapSampled()).isPositive();
    assertThat(printed()).contains("RESULT memory:");
  }

  @Test
  void coldStartScenarioRunsAWholeProcessThatInspects() throws Exception {
    ColdStartScenario.Result r = ColdStartScenario.run(options("--coldstart-runs=1"), out);

    assertThat(r.verdicts()).containsExactly("READY/READY");
    assertThat(r.processMs()).isGreaterThan(r.firstMs());
    assertThat(printed()).contains("RESULT cold start");
  }

  @Test
  void hostileScenarioEndsEveryInspectionWithTheBatterysVerdicts() throws Exception {
    int n = 2 * HostileMix.CASES.size();
    HostileScenario.Result r = HostileScenario.run(options("--hostile-inspections=" + n,
        "--hostile-warmup=" + HostileMix.CASES.size(), "--hostile-window=8"), out);

    assertThat(r.completed()).isEqualTo(n);
    assertThat(r.exceptions()).isZero();
    assertThat(r.pastDeadline()).isZero();
    for (HostileMix.Case c : HostileMix.CASES) {
      if (c.expected() != null) {
        assertThat(r.verdicts().get(c.name())).as(c.name())
            .containsEntry(c.expected(), 2);
      }
    }
    assertThat(r.before().threads()).isPositive();
    assertThat(printed()).contains("RESULT hostile:");
  }

  @Test
  void unknownOptionIsRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> options("--nmes=10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--nmes")
        .hasMessageContaining("names");
  }
}
