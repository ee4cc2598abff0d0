package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The JSON benchmark renders the whole synthetic report. */
final class ReportJsonBenchmarkTest {
  @Test
  void rendersEveryFindingAndObservation() {
    ReportJsonBenchmark b = new ReportJsonBenchmark();
    b.findings = 50;
    b.observations = 200;
    b.setUp();

    ObjectNode tree = b.toTree();

    assertThat(tree.get("findings").size()).isEqualTo(50);
    assertThat(tree.get("observations").size()).isEqualTo(200);
    assertThat(b.toLine()).doesNotContain("\n").contains("\"schemaVersion\"");
    assertThat(b.treeToPrettyText()).contains("\n");
  }
}
