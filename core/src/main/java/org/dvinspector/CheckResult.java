package org.dvinspector;

import java.time.Duration;
import org.immutables.value.Value;

/** How one check of a request ended. */
@Value.Immutable
public abstract class CheckResult {
  /** How a check ended. */
  public enum Status {
    /** The CA's check would pass from every required perspective. */
    PASSED,
    /** The CA's check would fail; at least one ERROR finding says why. */
    FAILED,
    /** The inspector could not decide (deadline, its own network). */
    UNDECIDED
  }

  /** The check. */
  public abstract Check check();

  /** How it ended. */
  public abstract Status status();

  /** How long it took. */
  public abstract Duration duration();

  /** Creates a result. */
  public static CheckResult of(Check check, Status status, Duration duration) {
    return ImmutableCheckResult.builder().check(check).status(status).duration(duration).build();
  }
}
