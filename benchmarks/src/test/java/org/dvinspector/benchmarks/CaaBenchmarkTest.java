package org.dvinspector.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each CAA benchmark parses or evaluates the case it is named for. */
final class CaaBenchmarkTest {
  @Test
  void parsesTheSixRecordsAndTheIssueValue() {
    CaaBenchmark b = new CaaBenchmark();

    assertThat(b.parseRecords()).hasSize(6);
    assertThat(b.parseIssueValue().issuerDomain()).hasValue("letsencrypt.org");
  }

  @Test
  void evaluatesAllowedWrongAccountAndWildcardCases() {
    CaaBenchmark b = new CaaBenchmark();

    assertThat(b.evaluateAllowed().isAllowed()).isTrue();
    assertThat(b.evaluateWrongAccount().isAllowed()).isFalse();
    assertThat(b.evaluateWildcardOtherCa().isAllowed()).isFalse();
  }
}
