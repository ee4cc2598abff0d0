package org.dvinspector.caa.internal;

import org.dvinspector.DomainName;
import org.dvinspector.Perspective;

/** A server (or the search itself) failed to say what the CAA records at a name are. */
final class LookupFailure {
  private final DomainName name;
  private final Perspective perspective;
  private final String problem;
  private final boolean inspectorsOwn;
  private final boolean othersAnswered;

  LookupFailure(DomainName name, Perspective perspective, String problem, boolean inspectorsOwn,
      boolean othersAnswered) {
    this.name = name;
    this.perspective = perspective;
    this.problem = problem;
    this.inspectorsOwn = inspectorsOwn;
    this.othersAnswered = othersAnswered;
  }

  /** The name whose CAA records were asked for. */
  DomainName name() {
    return name;
  }

  /** The server that failed, or the inspector when no server could be asked. */
  Perspective perspective() {
    return perspective;
  }

  /** What went wrong, escaped. */
  String problem() {
    return problem;
  }

  /**
   * Whether the inspector's own trouble (its deadline, backlog, network) cut the question short:
   * the server may be fine.
   */
  boolean inspectorsOwn() {
    return inspectorsOwn;
  }

  /**
   * Whether other servers of the zone answered the same question: a CA's resolver then retries
   * them, and the lookup as a whole does not fail.
   */
  boolean othersAnswered() {
    return othersAnswered;
  }

  /** Whether a CA would meet this as a failed CAA lookup (every server failed). */
  boolean failsTheLookup() {
    return !inspectorsOwn && !othersAnswered;
  }

  @Override
  public String toString() {
    return perspective.label() + " CAA " + name + ": " + problem;
  }
}
