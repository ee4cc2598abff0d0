package org.dvinspector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reports for inspections that could not finish: UNKNOWN, every check undecided, one finding. */
final class Incomplete {
  private Incomplete() {}

  static InspectionReport report(
      InspectionRequest request, Finding finding, Instant startedAt, Duration duration) {
    List<CheckResult> results = new ArrayList<>();
    for (Check c : request.checks()) {
      results.add(CheckResult.of(c, CheckResult.Status.UNDECIDED, duration));
    }
    return InspectionReport.builder()
        .request(request)
        .verdict(Verdict.UNKNOWN)
        .addFindings(finding)
        .checkResults(results)
        .startedAt(startedAt)
        .duration(duration)
        .build();
  }
}
