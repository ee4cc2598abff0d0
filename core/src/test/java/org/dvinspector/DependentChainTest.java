package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DependentChainTest {
  private static Observation at(long id, String query, long startMs, long latencyMs, Long... causes) {
    return Observation.of(Perspective.inspector(), query, Observation.Outcome.ANSWER, "",
            Duration.ofMillis(latencyMs))
        .withCauses(List.of(causes))
        .recorded(id, Duration.ofMillis(startMs));
  }

  @Test
  void followsTheLatestCauseBackFromTheLastNeededAnswer() {
    List<Observation> obs = List.of(
        at(1, "root", 0, 100),
        at(2, "tld", 100, 100, 1L),
        at(3, "ns-address", 200, 100, 2L),
        at(4, "ns1", 300, 100, 2L, 3L),
        at(5, "ns2", 300, 120, 2L, 3L));
    DependentChain chain = DependentChain.of(obs);
    assertThat(chain.steps()).extracting(Observation::query)
        .containsExactly("root", "tld", "ns-address", "ns2");
    assertThat(chain.waiting()).isEqualTo(Duration.ofMillis(420));
    assertThat(chain.span()).isEqualTo(Duration.ofMillis(420));
  }

  @Test
  void auxiliaryQuestionsDoNotEndTheChainEvenWhenTheyEndLast() {
    List<Observation> obs = List.of(
        at(1, "root", 0, 100),
        at(2, "zone", 100, 100, 1L),
        at(3, "resolver", 0, 6000).asAuxiliary());
    assertThat(DependentChain.of(obs).steps()).extracting(Observation::query)
        .containsExactly("root", "zone");
  }

  @Test
  void questionsWithoutRecordedCausesStandAlone() {
    List<Observation> obs = List.of(at(1, "a", 0, 50), at(2, "b", 60, 50));
    assertThat(DependentChain.of(obs).steps()).extracting(Observation::query).containsExactly("b");
  }

  @Test
  void emptyWithoutTimedObservations() {
    assertThat(DependentChain.of(List.of()).steps()).isEmpty();
    assertThat(DependentChain.of(List.of()).waiting()).isZero();
  }
}
