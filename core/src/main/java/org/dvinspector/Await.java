package org.dvinspector;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The blocking wait behind every {@code inspect} that wraps an {@code inspectAsync}. */
final class Await {
  private Await() {}

  /**
   * What {@code inspect} allows beyond the inspection's own bound before it stops waiting: time to
   * build the report and hand it over on a loaded machine.
   */
  static final Duration MARGIN = Duration.ofSeconds(3);

  /**
   * Waits for the report, at most {@code bound} plus {@link #MARGIN}. Inspection stages complete
   * normally by their deadline; if the stage has not completed by then (the executor the
   * inspector completes stages on is starved or stopped), an UNKNOWN report says so instead of
   * blocking the caller forever. An exceptional completion is a bug and is rethrown unchecked.
   */
  static InspectionReport report(
      CompletionStage<InspectionReport> stage, InspectionRequest request, Duration bound) {
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    Duration wait = bound.plus(MARGIN);
    try {
      return stage.toCompletableFuture().get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while inspecting " + request.domain(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Inspection of " + request.domain() + " failed", e.getCause());
    } catch (TimeoutException e) {
      return timedOut(request, wait, start, Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  private static InspectionReport timedOut(
      InspectionRequest request, Duration wait, Instant start, Duration waited) {
    Finding finding = Finding.builder(FindingCode.INSPECTION_DEADLINE_EXCEEDED)
        .message("inspect(" + request.domain() + ") stopped waiting after " + wait.toMillis()
            + " ms: the inspection had not handed over its report, so the executor it completes"
            + " on did not run its tasks in time; the result is unknown")
        .remedy("Give the inspector an executor with free threads (inspect() must not run on a"
            + " thread of that executor when it has only one), or use inspectAsync.")
        .evidence(Perspective.inspector(), "waited " + waited.toMillis() + " ms")
        .build();
    return Incomplete.report(request, finding, start, waited);
  }
}
