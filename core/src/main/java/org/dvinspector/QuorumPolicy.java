package org.dvinspector;

import java.time.LocalDate;
import org.immutables.value.Value;

/**
 * What a CA's multi-perspective issuance corroboration (BR 3.2.2.9) requires: how many remote
 * perspectives it uses, how many of them may fail to corroborate the primary perspective (the BR
 * "Quorum Requirements" table), in how many Regional Internet Registries the corroborating ones
 * must lie, and whether a failed quorum stops issuance.
 *
 * <p>{@link #baselineRequirements(LocalDate)} gives the BR's phased timeline; a host that knows
 * its CA uses more perspectives builds its own with {@link #builder()}.
 */
@Value.Immutable
public abstract class QuorumPolicy {
  /** The fewest remote perspectives the CA uses. */
  public abstract int minRemotePerspectives();

  /** In how many distinct RIRs the corroborating remote perspectives must lie (0: no rule). */
  public abstract int minCorroboratingRirs();

  /**
   * Whether a failed quorum stops issuance. Between 2025-03-15 and 2025-09-15 the BR let CAs
   * issue anyway while they measured corroboration.
   */
  @Value.Default
  public boolean enforced() {
    return true;
  }

  /** Where this policy comes from, for reports, e.g. "BR 3.2.2.9, phase from 2026-03-15". */
  @Value.Default
  public String basis() {
    return "custom quorum policy";
  }

  /**
   * The BR "Quorum Requirements" table: with 2 to 5 distinct remote perspectives one may fail to
   * corroborate, with 6 or more two. With fewer than 2 the table has no row: none may fail.
   */
  public static int allowedNonCorroborations(int remotePerspectives) {
    if (remotePerspectives < 2) {
      return 0;
    }
    return remotePerspectives <= 5 ? 1 : 2;
  }

  /** The table value for {@code remotePerspectives} (see {@link #allowedNonCorroborations(int)}). */
  public int allowedNonCorroborationsFor(int remotePerspectives) {
    return allowedNonCorroborations(remotePerspectives);
  }

  /**
   * What the BR require of every CA on {@code date} (BR 3.2.2.9, "Phased Implementation
   * Timeline"): nothing before 2025-03-15; 2 remote perspectives, not yet enforced, from
   * 2025-03-15; enforced from 2025-09-15; 3 perspectives in 2 RIRs from 2026-03-15; 4 from
   * 2026-06-15; 5 from 2026-12-15.
   */
  public static QuorumPolicy baselineRequirements(LocalDate date) {
    if (date.isBefore(LocalDate.of(2025, 3, 15))) {
      return of(0, 0, false, "BR 3.2.2.9 not yet in force (from 2025-03-15)");
    }
    if (date.isBefore(LocalDate.of(2025, 9, 15))) {
      return of(2, 0, false, "BR 3.2.2.9, phase from 2025-03-15 (quorum measured, not enforced)");
    }
    if (date.isBefore(LocalDate.of(2026, 3, 15))) {
      return of(2, 0, true, "BR 3.2.2.9, phase from 2025-09-15");
    }
    if (date.isBefore(LocalDate.of(2026, 6, 15))) {
      return of(3, 2, true, "BR 3.2.2.9, phase from 2026-03-15");
    }
    if (date.isBefore(LocalDate.of(2026, 12, 15))) {
      return of(4, 2, true, "BR 3.2.2.9, phase from 2026-06-15");
    }
    return of(5, 2, true, "BR 3.2.2.9, phase from 2026-12-15");
  }

  private static QuorumPolicy of(int remote, int rirs, boolean enforced, String basis) {
    return builder().minRemotePerspectives(remote).minCorroboratingRirs(rirs).enforced(enforced)
        .basis(basis).build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link QuorumPolicy}. */
  public static final class Builder extends ImmutableQuorumPolicy.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    if (minRemotePerspectives() < 0 || minCorroboratingRirs() < 0) {
      throw new IllegalArgumentException("Quorum policy numbers must be >= 0");
    }
    if (minCorroboratingRirs() > Rir.values().length) {
      throw new IllegalArgumentException(
          "There are only " + Rir.values().length + " regional internet registries");
    }
  }
}
