package org.dvinspector.testkit;

import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;

/**
 * AssertJ entry point for DV Inspector reports. Import it statically next to AssertJ's own
 * {@code Assertions.assertThat}; the overloads do not clash.
 *
 * <pre>{@code
 * assertThat(report).isNotReady().hasFinding(FindingCode.DNS_VALUE_MISMATCH);
 * assertThat(report).finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
 *     .hasEvidenceFrom("ns2.example.test").hasAttribute("missingOn", "1");
 * }</pre>
 *
 * <p>Every failure message lists the report's verdict, findings, evidence and check results, so a
 * failing test explains itself.
 */
public final class InspectorAssertions {
  private InspectorAssertions() {}

  /** Assertions on a report. */
  public static InspectionReportAssert assertThat(InspectionReport actual) {
    return new InspectionReportAssert(actual);
  }

  /** Assertions on one finding. */
  public static FindingAssert assertThat(Finding actual) {
    return new FindingAssert(actual, null);
  }
}
