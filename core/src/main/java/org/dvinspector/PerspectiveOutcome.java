package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one remote perspective (BR 3.2.2.9 "Network Perspective") saw when it ran the request's
 * checks: each check's status, its observations and findings, or why it could not answer at all.
 * {@link org.dvinspector.spi.RemotePerspective} agents return these; {@link
 * CorroborationEvaluator} compares them with the primary perspective.
 */
@Value.Immutable
public abstract class PerspectiveOutcome {
  /** Where it was seen from (a {@link Perspective.Kind#REMOTE_AGENT} perspective). */
  public abstract Perspective perspective();

  /** The Regional Internet Registry whose service region the perspective is in, when known. */
  public abstract Optional<Rir> rir();

  /** How each check ended there. */
  public abstract List<CheckResult> checkResults();

  /** What it asked and what came back. */
  public abstract List<Observation> observations();

  /** What it diagnosed (explains a failed check). */
  public abstract List<Finding> findings();

  /** Why the perspective gave no answer (unreachable agent, timeout, error), when it did not. */
  public abstract Optional<String> failure();

  /** The perspective's name. */
  public String name() {
    return perspective().name();
  }

  /**
   * The verdict at this perspective alone: {@link Verdict#UNKNOWN} when it gave no answer or a
   * check could not be decided there (never READY), {@link Verdict#NOT_READY} when a check failed
   * there or an ERROR finding says so, {@link Verdict#READY} when every check passed.
   */
  public Verdict verdict() {
    if (failure().isPresent() || checkResults().isEmpty()) {
      return Verdict.UNKNOWN;
    }
    boolean failed = findings().stream().anyMatch(f -> f.severity() == Severity.ERROR);
    boolean undecided = false;
    for (CheckResult r : checkResults()) {
      failed |= r.status() == CheckResult.Status.FAILED;
      undecided |= r.status() == CheckResult.Status.UNDECIDED;
    }
    if (failed) {
      return Verdict.NOT_READY;
    }
    return undecided ? Verdict.UNKNOWN : Verdict.READY;
  }

  /**
   * How {@code check} ended at this perspective; {@link CheckResult.Status#UNDECIDED} when the
   * perspective failed or has no result for it.
   */
  public CheckResult.Status statusOf(Check check) {
    if (failure().isPresent()) {
      return CheckResult.Status.UNDECIDED;
    }
    for (CheckResult r : checkResults()) {
      if (r.check().equals(check)) {
        return r.status();
      }
    }
    return CheckResult.Status.UNDECIDED;
  }

  /**
   * The outcome of running the request through another inspector acting as the remote
   * perspective {@code name}: its check results and findings, and its observations relabelled
   * with the remote perspective (the original place is kept in the query, e.g. {@code "ns1 [192.0.2.1]
   * udp: TXT _dnsauth.example.com"}).
   */
  public static PerspectiveOutcome fromReport(String name, Optional<Rir> rir, InspectionReport report) {
    Perspective p = remote(name, rir);
    List<Observation> obs = new ArrayList<>();
    for (Observation o : report.observations()) {
      obs.add(Observation.of(p, o.perspective().label() + ": " + o.query(), o.outcome(), o.result(),
          o.latency()));
    }
    return ImmutablePerspectiveOutcome.builder()
        .perspective(p)
        .rir(rir)
        .checkResults(report.checkResults())
        .observations(obs)
        .findings(report.findings())
        .build();
  }

  /**
   * A perspective that gave no answer, and why (escaped when it reaches a finding), with one
   * {@link FindingCode#REMOTE_PERSPECTIVE_FAILED} finding that says so. Clients that know more
   * (an agent refused the key, a reply was malformed) build the outcome with their own finding.
   */
  public static PerspectiveOutcome failed(String name, Optional<Rir> rir, String reason) {
    Perspective p = remote(name, rir);
    return ImmutablePerspectiveOutcome.builder()
        .perspective(p)
        .rir(rir)
        .failure(reason)
        .addFindings(Finding.builder(FindingCode.REMOTE_PERSPECTIVE_FAILED)
            .message("Remote perspective \"" + Text.escape(name) + "\" gave no answer: "
                + Text.escape(reason))
            .remedy("Check that the remote perspective runs and can be reached from here, then"
                + " inspect again; until it answers, its result counts as not corroborating.")
            .evidence(p, "no answer - " + Text.escape(reason))
            .build())
        .build();
  }

  /** The perspective of a remote agent, named and labelled with its registry. */
  public static Perspective remote(String name, Optional<Rir> rir) {
    return Perspective.remoteAgent(name, rir.map(Rir::displayName).orElse("unknown region"));
  }

  /** A builder, for agents that assemble their outcome themselves. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PerspectiveOutcome}. */
  public static final class Builder extends ImmutablePerspectiveOutcome.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    if (perspective().name().isBlank()) {
      throw new IllegalArgumentException("A remote perspective needs a name");
    }
  }
}
