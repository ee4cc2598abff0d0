package org.dvinspector;

import org.immutables.value.Value;

/** Part of a finding's proof: which perspective saw what. */
@Value.Immutable
public abstract class Evidence {
  /** Where it was seen. */
  @Value.Parameter
  public abstract Perspective perspective();

  /** What was seen, escaped, on one line. */
  @Value.Parameter
  public abstract String detail();

  /** Creates evidence. */
  public static Evidence of(Perspective perspective, String detail) {
    return ImmutableEvidence.of(perspective, detail);
  }

  @Override
  public String toString() {
    return perspective().label() + ": " + detail();
  }
}
