package org.dvinspector.testkit;

import java.util.Map;
import org.assertj.core.api.AbstractAssert;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.jspecify.annotations.Nullable;

/** AssertJ assertions on one {@link Finding}; from {@link InspectionReportAssert#finding} or {@link InspectorAssertions#assertThat(Finding)}. */
public final class FindingAssert extends AbstractAssert<FindingAssert, Finding> {
  private final @Nullable InspectionReport report;

  FindingAssert(Finding actual, @Nullable InspectionReport report) {
    super(actual, FindingAssert.class);
    this.report = report;
  }

  /** The finding has {@code expected} severity. */
  public FindingAssert hasSeverity(Severity expected) {
    isNotNull();
    if (actual.severity() != expected) {
      fail("Expected severity " + expected + " but was " + actual.severity());
    }
    return this;
  }

  /** The message contains {@code part}. */
  public FindingAssert messageContains(String part) {
    isNotNull();
    if (!actual.message().contains(part)) {
      fail("Expected the message to contain \"" + part + "\"");
    }
    return this;
  }

  /** The remedy exists and contains {@code part}. */
  public FindingAssert remedyContains(String part) {
    isNotNull();
    if (actual.remedy().map(r -> !r.contains(part)).orElse(true)) {
      fail("Expected the remedy to contain \"" + part + "\"");
    }
    return this;
  }

  /** The attribute {@code key} is {@code value}. */
  public FindingAssert hasAttribute(String key, Object value) {
    isNotNull();
    String expected = String.valueOf(value);
    String found = actual.attributes().get(key);
    if (!expected.equals(found)) {
      fail("Expected attribute " + key + "=" + expected + " but "
          + (found == null ? "there is no such attribute" : "it is " + found));
    }
    return this;
  }

  /** The attribute {@code key} is present. */
  public FindingAssert hasAttribute(String key) {
    isNotNull();
    if (!actual.attributes().containsKey(key)) {
      fail("Expected an attribute " + key);
    }
    return this;
  }

  /** Some evidence comes from a perspective whose label contains {@code perspectiveLabelPart}. */
  public FindingAssert hasEvidenceFrom(String perspectiveLabelPart) {
    isNotNull();
    for (Evidence e : actual.evidence()) {
      if (e.perspective().label().contains(perspectiveLabelPart)) {
        return this;
      }
    }
    fail("Expected evidence from a perspective containing \"" + perspectiveLabelPart + "\"");
    return this;
  }

  /** No evidence comes from a perspective whose label contains {@code perspectiveLabelPart}. */
  public FindingAssert hasNoEvidenceFrom(String perspectiveLabelPart) {
    isNotNull();
    for (Evidence e : actual.evidence()) {
      if (e.perspective().label().contains(perspectiveLabelPart)) {
        fail("Expected no evidence from a perspective containing \"" + perspectiveLabelPart
            + "\" but found: " + e);
      }
    }
    return this;
  }

  private void fail(String why) {
    String context = report != null
        ? InspectionReportAssert.describe(report)
        : "Finding: " + describe(actual);
    throw failure("%s", why + " in finding " + actual.code() + ".\n" + context);
  }

  /** A finding as a test failure shows it: code, message, remedy, attributes, evidence. */
  static String describe(Finding f) {
    StringBuilder b = new StringBuilder().append(f.severity()).append(' ').append(f.code())
        .append(": ").append(f.message());
    f.remedy().ifPresent(r -> b.append("\n  remedy: ").append(r));
    f.method().ifPresent(m -> b.append("\n  method: ").append(m));
    if (!f.attributes().isEmpty()) {
      b.append("\n  attributes:");
      for (Map.Entry<String, String> e : f.attributes().entrySet()) {
        b.append(' ').append(e.getKey()).append('=').append(e.getValue());
      }
    }
    if (!f.evidence().isEmpty()) {
      b.append("\n  evidence:\n").append(InspectionReportAssert.evidence(f.evidence()));
    }
    return b.toString();
  }
}
