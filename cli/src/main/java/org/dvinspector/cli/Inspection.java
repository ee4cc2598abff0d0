package org.dvinspector.cli;

import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MultiPerspectiveInspector;

/**
 * What a command inspects with: the local inspector alone, or the local inspector with remote
 * perspectives ({@code --perspectives}) and the BR quorum over them.
 */
interface Inspection extends AutoCloseable {
  /** Starts an inspection; the stage completes normally with the report. */
  CompletionStage<InspectionReport> inspectAsync(InspectionRequest request);

  /** Inspects, waiting for the report. */
  InspectionReport inspect(InspectionRequest request);

  /** Releases what this inspection owns (never the local inspector, which its creator closes). */
  @Override
  void close();

  /** The local inspector alone. */
  static Inspection local(DomainValidationInspector inspector) {
    return new Inspection() {
      @Override
      public CompletionStage<InspectionReport> inspectAsync(InspectionRequest request) {
        return inspector.inspectAsync(request);
      }

      @Override
      public InspectionReport inspect(InspectionRequest request) {
        return inspector.inspect(request);
      }

      @Override
      public void close() {
        // The creator owns the inspector.
      }
    };
  }

  /** The local inspector with remote perspectives; closing stops the multi-inspector's timer. */
  static Inspection multi(MultiPerspectiveInspector mpic) {
    return new Inspection() {
      @Override
      public CompletionStage<InspectionReport> inspectAsync(InspectionRequest request) {
        return mpic.inspectAsync(request);
      }

      @Override
      public InspectionReport inspect(InspectionRequest request) {
        return mpic.inspect(request);
      }

      @Override
      public void close() {
        mpic.close();
      }
    };
  }
}
