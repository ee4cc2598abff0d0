package org.dvinspector;


import java.util.List;
import org.immutables.value.Value;

/**
 * The prediction of a CA's multi-perspective issuance corroboration (BR 3.2.2.9): per check, who
 * corroborated the primary perspective, whether the quorum is met, and the findings that explain
 * it ({@link FindingCode#QUORUM_NOT_MET}, {@link FindingCode#PERSPECTIVES_DISAGREE}, {@link
 * FindingCode#PERSPECTIVES_INSUFFICIENT}). Made by {@link CorroborationEvaluator}.
 */
@Value.Immutable
public abstract class Corroboration {
  /** The quorum rules applied. */
  public abstract QuorumPolicy policy();

  /** One entry per check of the primary inspection, in order. */
  public abstract List<CheckCorroboration> checks();

  /** The findings, ready to add to a report. */
  public abstract List<Finding> findings();

  /** Whether every evaluated check meets the quorum. */
  @Value.Derived
  public boolean quorumMet() {
    return checks().stream().allMatch(CheckCorroboration::quorumMet);
  }

  /**
   * Whether some evaluated check's quorum could not be decided because remote perspectives gave
   * no answer ({@link CheckCorroboration#undecided()}).
   */
  public boolean quorumUndecided() {
    return checks().stream().anyMatch(CheckCorroboration::undecided);
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableCorroboration.Builder {
    Builder() {}
  }
}
