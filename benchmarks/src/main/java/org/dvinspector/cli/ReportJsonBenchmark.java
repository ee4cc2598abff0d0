package org.dvinspector.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.dvinspector.InspectionReport;
import org.dvinspector.benchmarks.SyntheticReports;
import org.jspecify.annotations.NullMarked;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CLI's JSON rendering of a report ({@code dvi check --json}, one line per name in batch
 * mode), on a report of 50 findings and 200 observations.
 *
 * <p>It lives in the CLI's package because the renderer ({@code ReportJson}) is package-private:
 * the CLI does not publish it as API. The benchmarks run on the class path, where the package
 * spans both jars.
 */
@NullMarked
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReportJsonBenchmark {
  /** Findings in the report. */
  @Param("50")
  public int findings;

  /** Observations in the report. */
  @Param("200")
  public int observations;

  private InspectionReport report = SyntheticReports.of(0, 0).build();
  private ObjectNode tree = ReportJson.toJson(report, 0);

  /** Builds the report (outside the measurement). */
  @Setup
  public void setUp() {
    report = SyntheticReports.of(findings, observations).build();
    tree = ReportJson.toJson(report, 0);
  }

  /** Report to JSON tree. */
  @Benchmark
  public ObjectNode toTree() {
    return ReportJson.toJson(report, 0);
  }

  /** Report to one line of JSON text (batch mode's output), tree included. */
  @Benchmark
  public String toLine() {
    return ReportJson.line(ReportJson.toJson(report, 0));
  }

  /** A ready tree to pretty-printed text (check mode's output). */
  @Benchmark
  public String treeToPrettyText() {
    return ReportJson.pretty(tree);
  }
}
