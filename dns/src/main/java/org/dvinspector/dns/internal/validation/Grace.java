package org.dvinspector.dns.internal.validation;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.dvinspector.spi.InspectionContext;

/** Waiting for a slower part at most a grace period, never past the inspection's deadline. */
final class Grace {
  private Grace() {}

  /**
   * Runs {@code giveUp} on the inspection's executor once {@code grace} (or the time left, if
   * shorter) has passed, unless {@code awaited} completes first; {@code giveUp} is expected to
   * complete {@code awaited}. The timer is cancelled as soon as {@code awaited} completes, so it
   * does not keep what {@code awaited} holds reachable until it would have fired.
   */
  static void giveUpAfter(InspectionContext context, CompletableFuture<?> awaited, Duration grace,
      Runnable giveUp) {
    long wait = Math.min(grace.toNanos(), context.remaining().toNanos());
    try {
      ScheduledFuture<?> timer = context.services().scheduler().schedule(() -> {
        try {
          context.services().executor().execute(giveUp);
        } catch (RejectedExecutionException e) {
          giveUp.run();
        }
      }, Math.max(0, wait), TimeUnit.NANOSECONDS);
      CompletableFuture<?> unused = awaited.whenComplete((v, e) -> timer.cancel(false));
    } catch (RejectedExecutionException e) {
      giveUp.run();
    }
  }
}
