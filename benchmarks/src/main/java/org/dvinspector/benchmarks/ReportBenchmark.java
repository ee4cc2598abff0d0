package org.dvinspector.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dvinspector.DependentChain;
import org.dvinspector.InspectionReport;
import org.dvinspector.Observation;
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
 * Building an {@link InspectionReport}: the engine does it once per inspection, and the report
 * computes its {@linkplain InspectionReport#dependentChain() dependent chain} (following each
 * observation's causes back from the last one) as it is built.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReportBenchmark {
  /** Findings in the report. */
  @Param("50")
  public int findings;

  /** Observations in the report. */
  @Param("200")
  public int observations;

  private SyntheticReports parts = SyntheticReports.of(0, 0);
  private List<Observation> timed = List.of();
  private InspectionReport built = parts.build();

  /** Makes the report's parts (outside the measurement). */
  @Setup
  public void setUp() {
    parts = SyntheticReports.of(findings, observations);
    timed = parts.observations();
    built = parts.build();
  }

  /** Builds the whole report, dependent chain included. */
  @Benchmark
  public InspectionReport buildReport() {
    return parts.build();
  }

  /** Computes the dependent chain alone. */
  @Benchmark
  public DependentChain dependentChain() {
    return DependentChain.of(timed);
  }

  /** Reads the findings by severity, as the verdict, the CLI and the JSON form do. */
  @Benchmark
  public int findingsBySeverity() {
    return built.findings(org.dvinspector.Severity.ERROR).size()
        + built.findings(org.dvinspector.Severity.WARNING).size();
  }
}
