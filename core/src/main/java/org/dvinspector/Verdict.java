package org.dvinspector;

/** The inspector's prediction of the certificate authority's decision. */
public enum Verdict {
  /** No {@link Severity#ERROR} finding and every required check passed from every perspective. */
  READY,
  /** At least one {@link Severity#ERROR} finding: the CA's validation would fail. */
  NOT_READY,
  /**
   * The inspector could not decide (for example its own network failed, or the deadline passed
   * before a check finished). Never treat it as {@link #READY}.
   */
  UNKNOWN
}
