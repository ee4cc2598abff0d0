package org.dvinspector.internal;

import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.Finding;
import org.dvinspector.InspectionListener;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Observation;

/** Calls a host's listener and ignores what it throws, as the listener contract says. */
final class SafeListener extends InspectionListener {
  private final InspectionListener delegate;

  SafeListener(InspectionListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void inspectionStarted(InspectionRequest request) {
    try {
      delegate.inspectionStarted(request);
    } catch (RuntimeException ignored) {
      // Listener failures must not affect the inspection.
    }
  }

  @Override
  public void checkStarted(Check check) {
    try {
      delegate.checkStarted(check);
    } catch (RuntimeException ignored) {
      // Listener failures must not affect the inspection.
    }
  }

  @Override
  public void observation(Observation observation) {
    try {
      delegate.observation(observation);
    } catch (RuntimeException ignored) {
      // Listener failures must not affect the inspection.
    }
  }

  @Override
  public void finding(Finding finding) {
    try {
      delegate.finding(finding);
    } catch (RuntimeException ignored) {
      // Listener failures must not affect the inspection.
    }
  }

  @Override
  public void checkFinished(CheckResult result) {
    try {
      delegate.checkFinished(result);
    } catch (RuntimeException ignored) {
      // Listener failures must not affect the inspection.
    }
  }

  @Override
  public void inspectionFinished(InspectionReport report) {
    try {
      delegate.inspectionFinished(report);
    } catch (RuntimeException ignored) {
      // Listener failures must not affect the inspection.
    }
  }
}
