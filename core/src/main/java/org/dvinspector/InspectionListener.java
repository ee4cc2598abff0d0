package org.dvinspector;

/**
 * Progress and events of inspections, for logging, metrics and progress displays. All methods do
 * nothing by default. Implementations must be fast, thread-safe and must never throw: they are
 * called from the inspector's threads, and what they throw is ignored.
 */
public abstract class InspectionListener {
  /** A listener that does nothing. */
  public static final InspectionListener NONE = new InspectionListener() {};

  /** Creates one listener per inspection. */
  @FunctionalInterface
  public interface Factory {
    /** The listener for this request. */
    InspectionListener create(InspectionRequest request);
  }

  /** The inspection started. */
  public void inspectionStarted(InspectionRequest request) {}

  /** A check started. */
  public void checkStarted(Check check) {}

  /** An observation was made. */
  public void observation(Observation observation) {}

  /** A finding was made. */
  public void finding(Finding finding) {}

  /** A check finished. */
  public void checkFinished(CheckResult result) {}

  /** The inspection finished. */
  public void inspectionFinished(InspectionReport report) {}
}
