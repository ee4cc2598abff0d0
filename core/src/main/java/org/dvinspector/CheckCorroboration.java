package org.dvinspector;

import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * How one check fared across perspectives (BR 3.2.2.9): what the primary perspective decided,
 * which remote perspectives corroborated it, which did not, and whether the CA's quorum is met.
 */
@Value.Immutable
public abstract class CheckCorroboration {
  /** The check. */
  public abstract Check check();

  /** How the check ended at the primary perspective (this inspector). */
  public abstract CheckResult.Status primaryStatus();

  /** Remote perspectives used. */
  public abstract int remotePerspectives();

  /** Names of the remote perspectives that saw the check pass, as the primary did. */
  public abstract List<String> corroborating();

  /** Names of the remote perspectives that did not (failed, undecided, or gave no answer). */
  public abstract List<String> nonCorroborating();

  /** The registries of the corroborating perspectives. */
  public abstract Set<Rir> corroboratingRirs();

  /** How many non-corroborations the CA tolerates with {@link #remotePerspectives()} (BR table). */
  public abstract int allowedNonCorroborations();

  /**
   * Whether the quorum was evaluated: only a check that passes at the primary perspective is put
   * to the remote ones (a failure there fails validation anyway).
   */
  public abstract boolean evaluated();

  /** Whether the quorum is met (true when not {@linkplain #evaluated() evaluated}). */
  public abstract boolean quorumMet();

  /**
   * Whether the quorum could not be decided: it is not met with the perspectives that answered,
   * but would be if those that gave no answer (or could not decide) had corroborated. The
   * inspector's own trouble, not the domain's: {@link #quorumMet()} is then false.
   */
  @Value.Default
  public boolean undecided() {
    return false;
  }

  /** Whether perspectives saw different results. */
  public abstract boolean disagreement();

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableCheckCorroboration.Builder {
    Builder() {}
  }
}
