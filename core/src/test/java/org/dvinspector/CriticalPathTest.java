package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CriticalPathTest {
  private static Observation at(String query, long startMs, long latencyMs) {
    return Observation.of(Perspective.inspector(), query, Observation.Outcome.ANSWER, "",
        Duration.ofMillis(latencyMs)).withStartOffset(Duration.ofMillis(startMs));
  }

  @Test
  void parallelQuestionsCountOnceAndDependentOnesAddUp() {
    List<Observation> obs = List.of(
        at("root", 0, 100),
        at("tld", 100, 100),
        at("ns1", 200, 100), at("ns2", 200, 120), at("ns3", 201, 90), at("ns4", 205, 100));
    CriticalPath path = CriticalPath.of(obs);
    assertThat(path.roundTrips()).extracting(Observation::query).containsExactly("root", "tld", "ns2");
    assertThat(path.duration()).isEqualTo(Duration.ofMillis(320));
  }

  @Test
  void emptyWithoutTimedObservations() {
    assertThat(CriticalPath.of(List.of()).roundTrips()).isEmpty();
    assertThat(CriticalPath.of(List.of()).duration()).isZero();
  }

  @Test
  void overlappingChainsPickTheLongest() {
    List<Observation> obs = List.of(at("a", 0, 50), at("b", 60, 50), at("long", 0, 200));
    assertThat(CriticalPath.of(obs).roundTrips()).extracting(Observation::query)
        .containsExactly("long");
  }
}
