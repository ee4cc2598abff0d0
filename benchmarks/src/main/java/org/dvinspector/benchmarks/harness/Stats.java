package org.dvinspector.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Small helpers for the figures the harness prints. */
final class Stats {
  private Stats() {}

  /** The median of {@code values} (the mean of the middle two for an even count). */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The smallest of {@code values}. */
  static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** The largest of {@code values}. */
  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** Milliseconds with one decimal. */
  static double ms(Duration d) {
    return d.toNanos() / 1_000_000.0;
  }

  /** Milliseconds from nanoseconds. */
  static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** {@code 12.3} */
  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** {@code 1.23} */
  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** {@code MET} or {@code NOT MET}, for a figure that must be at most {@code limit}. */
  static String verdict(double value, double limit) {
    return value <= limit ? "MET" : "NOT MET";
  }

  /** Mebibytes with one decimal. */
  static String mib(long bytes) {
    return f1(bytes / (1024.0 * 1024.0)) + " MiB";
  }
}
