package org.dvinspector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The result of one inspection: the {@link Verdict}, the {@link Finding}s (most severe first),
 * every {@link Observation}, how each check ended, and the timing.
 */
@Value.Immutable
public abstract class InspectionReport {
  /** The request inspected. */
  public abstract InspectionRequest request();

  /** The prediction. */
  public abstract Verdict verdict();

  /** The findings, ERROR first, then WARNING, then INFO. */
  public abstract List<Finding> findings();

  /** Every question asked and its answer. */
  public abstract List<Observation> observations();

  /** How each check ended, in request order. */
  public abstract List<CheckResult> checkResults();

  /**
   * What each remote perspective (BR 3.2.2.9) saw, in the order they were added, when the report
   * comes from a {@link MultiPerspectiveInspector}; empty otherwise.
   */
  public abstract List<PerspectiveOutcome> perspectiveOutcomes();

  /**
   * The multi-perspective corroboration prediction (BR 3.2.2.9) behind the report's quorum
   * findings, when remote perspectives were used.
   */
  public abstract Optional<Corroboration> corroboration();

  /** When the inspection started. */
  public abstract Instant startedAt();

  /** How long it took. */
  public abstract Duration duration();

  /**
   * The chain of questions the result waited for, one after another, as the observations recorded
   * what each waited for: where the time went. Not a lower bound on the time an inspection needs.
   */
  @Value.Derived
  @Value.Auxiliary
  public DependentChain dependentChain() {
    return DependentChain.of(observations());
  }

  /** The domain inspected. */
  public DomainName domain() {
    return request().domain();
  }

  /** The findings with the given code. */
  public List<Finding> findings(FindingCode code) {
    return findings().stream().filter(f -> f.code() == code).collect(Collectors.toList());
  }

  /** Whether there is a finding with the given code. */
  public boolean hasFinding(FindingCode code) {
    return findings().stream().anyMatch(f -> f.code() == code);
  }

  /** The findings with the given severity. */
  public List<Finding> findings(Severity severity) {
    return findings().stream().filter(f -> f.severity() == severity).collect(Collectors.toList());
  }

  /** A builder (for modules, tests and tools that assemble reports). */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link InspectionReport}. */
  public static final class Builder extends ImmutableInspectionReport.Builder {
    Builder() {}
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(verdict()).append(" ").append(domain()).append(" (").append(request().profile().id())
        .append(", ").append(duration().toMillis()).append(" ms)");
    for (Finding f : findings()) {
      b.append("\n  ").append(f);
    }
    return b.toString();
  }
}
