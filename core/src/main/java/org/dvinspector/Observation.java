package org.dvinspector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One question asked from one {@link Perspective}, and what came back: the raw material findings
 * are made of.
 *
 * <p>An observation records what it waited for: its {@linkplain #causes() causes} are the
 * observations whose answers it needed before it could be asked (the referral that named the
 * server, the lookup that gave the server's address, the address lookup before an HTTP fetch).
 * The report's {@link DependentChain} follows these links.
 */
@Value.Immutable
public abstract class Observation {
  /** How the question ended. */
  public enum Outcome {
    /** An answer with data. */
    ANSWER,
    /** A negative answer: NXDOMAIN, NODATA, 404. */
    NEGATIVE,
    /**
     * A referral: the server is not authoritative for the name and names the servers of a zone
     * below (the way down from the root), or, from a server that should be authoritative, a lame
     * answer.
     */
    REFERRAL,
    /** An error answer: SERVFAIL, REFUSED, 5xx, TLS failure, connection refused. */
    ERROR,
    /** No answer in time. */
    TIMEOUT,
    /** Not asked, because policy forbids it (e.g. a non-public address). */
    SKIPPED
  }

  /**
   * The observation's number within its inspection, set by the inspector when it is recorded
   * ({@code 0} before that). Numbers are positive, distinct within one report, and increase in the
   * order observations were recorded.
   */
  @Value.Default
  public long id() {
    return 0;
  }

  /** Where the question was asked from. */
  public abstract Perspective perspective();

  /** What was asked: {@code TXT _dnsauth.example.com}, {@code GET http://example.com/...}. */
  public abstract String query();

  /** How it ended. */
  public abstract Outcome outcome();

  /** What came back, escaped, on one line: {@code NOERROR TXT "abc" ttl=300}. */
  public abstract String result();

  /** How long the question took: from the moment it left to the answer (or the give-up). */
  public abstract Duration latency();

  /**
   * When the question was asked, counted from the start of the inspection; set by the inspector
   * when the observation is recorded.
   */
  public abstract Optional<Duration> startOffset();

  /**
   * The {@linkplain #id() numbers} of the observations this question waited for: it could not be
   * asked before their answers came. Empty for a question asked from the start.
   */
  public abstract List<Long> causes();

  /**
   * Whether the inspection's result did not wait for this question: a second opinion (the
   * recursive resolver's view), a diagnostic probe, or a duplicate sent to a second server to
   * hedge against a slow first one. Auxiliary observations are left out of the {@link
   * DependentChain}.
   */
  @Value.Default
  public boolean auxiliary() {
    return false;
  }

  /** When the answer came (or the question was given up), from the start of the inspection. */
  public Optional<Duration> endOffset() {
    return startOffset().map(s -> s.plus(latency()));
  }

  /** This observation with its start offset. */
  public Observation withStartOffset(Duration offset) {
    return ImmutableObservation.builder().from(this).startOffset(offset).build();
  }

  /** This observation as recorded: its number and start offset. */
  public Observation recorded(long id, Duration startOffset) {
    return ImmutableObservation.builder().from(this).id(id).startOffset(startOffset).build();
  }

  /** This observation with {@code causes} (observation numbers) as what it waited for. */
  public Observation withCauses(Iterable<Long> causes) {
    return ImmutableObservation.builder().from(this).causes(causes).build();
  }

  /** This observation marked {@linkplain #auxiliary() auxiliary}. */
  public Observation asAuxiliary() {
    return ImmutableObservation.builder().from(this).auxiliary(true).build();
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
