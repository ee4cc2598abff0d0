package org.dvinspector;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** The blocking wait behind every {@code inspect} that wraps an {@code inspectAsync}. */
final class Await {
  private Await() {}

  /**
   * Waits for the report. Inspection stages complete normally; an exceptional completion is a bug
   * and is rethrown unchecked.
   */
  static InspectionReport report(CompletionStage<InspectionReport> stage, DomainName domain) {
    try {
      return stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while inspecting " + domain, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Inspection of " + domain + " failed", e.getCause());
    }
  }
}
