package org.dvinspector;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One question asked from one {@link Perspective}, and what came back: the raw material findings
 * are made of.
 */
@Value.Immutable
public abstract class Observation {
  /** How the question ended. */
  public enum Outcome {
    /** An answer with data. */
    ANSWER,
    /** A negative answer: NXDOMAIN, NODATA, 404. */
    NEGATIVE,
    /** An error answer: SERVFAIL, REFUSED, 5xx, TLS failure, connection refused. */
    ERROR,
    /** No answer in time. */
    TIMEOUT,
    /** Not asked, because policy forbids it (e.g. a non-public address). */
    SKIPPED
  }

  /** Where the question was asked from. */
  public abstract Perspective perspective();

  /** What was asked: {@code TXT _dnsauth.example.com}, {@code GET http://example.com/...}. */
  public abstract String query();

  /** How it ended. */
  public abstract Outcome outcome();

  /** What came back, escaped, on one line: {@code NOERROR TXT "abc" ttl=300}. */
  public abstract String result();

  /** How long the question took. */
  public abstract Duration latency();

  /**
   * When the question was asked, counted from the start of the inspection; set by the inspector
   * when the observation is recorded.
   */
  public abstract Optional<Duration> startOffset();

  /** This observation with its start offset. */
  public Observation withStartOffset(Duration offset) {
    return ImmutableObservation.builder().from(this).startOffset(offset).build();
  }

  /** Creates an observation. */
  public static Observation of(
      Perspective perspective, String query, Outcome outcome, String result, Duration latency) {
    return ImmutableObservation.builder()
        .perspective(perspective)
        .query(query)
        .outcome(outcome)
        .result(result)
        .latency(latency)
        .build();
  }

  @Override
  public String toString() {
    return perspective().label() + " " + query() + " -> " + outcome() + " " + result() + " ("
        + latency().toMillis() + " ms)";
  }
}
