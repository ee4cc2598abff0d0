package org.dvinspector.spi;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;

/**
 * A started module: runs checks for one inspector. Thread-safe; {@link #run} is called for many
 * inspections at once.
 */
public interface ModuleRuntime extends AutoCloseable {
  /**
   * Runs one check, reporting observations and findings through the context, and completes with
   * the check's status. Must not block the calling thread on network I/O; should finish by {@link
   * InspectionContext#deadline()} (the inspector stops waiting then). Network and data problems
   * become findings, never exceptional completion; an exception is reported as an internal error.
   */
  CompletionStage<CheckResult.Status> run(Check check, InspectionContext context);

  /**
   * A capability this module offers other modules (e.g. {@link HostAddressLookup} from {@code
   * dns}), or empty.
   */
  default <T> Optional<T> capability(Class<T> type) {
    return Optional.empty();
  }

  /** Releases resources; called when the inspector is closed. */
  @Override
  default void close() {}
}
