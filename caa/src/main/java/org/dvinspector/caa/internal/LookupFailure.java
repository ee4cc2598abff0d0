package org.dvinspector.caa.internal;

import org.dvinspector.DomainName;
import org.dvinspector.Perspective;

/** A server (or the search itself) failed to say what the CAA records at a name are. */
final class LookupFailure {
  private final DomainName name;
  private final Perspective perspective;
  private final String problem;
  private final boolean deadlineReached;

  LookupFailure(DomainName name, Perspective perspective, String problem, boolean deadlineReached) {
    this.name = name;
    this.perspective = perspective;
    this.problem = problem;
    this.deadlineReached = deadlineReached;
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

  /** Whether the inspection's own deadline cut the question short (the server may be fine). */
  boolean deadlineReached() {
    return deadlineReached;
  }

  @Override
  public String toString() {
    return perspective.label() + " CAA " + name + ": " + problem;
  }
}
