package org.dvinspector.http.internal;

import java.time.Duration;
import org.dvinspector.spi.InspectionContext;

/**
 * Time budgets inside the inspection deadline, for one check run. Every step of the run stops at
 * the same line a little before the deadline, so its finding (a timeout, say) reaches the report
 * instead of the inspector's generic "deadline exceeded".
 */
public final class Budgets {
  private final InspectionContext context;
  private final Duration margin;

  /** The budgets of one check run, from now. */
  public Budgets(InspectionContext context) {
    this.context = context;
    this.margin = margin(context.remaining());
  }

  /** Time kept back before the deadline: a tenth of what is left, between 20 and 250 ms. */
  static Duration margin(Duration remaining) {
    long tenth = remaining.toMillis() / 10;
    return Duration.ofMillis(Math.max(20, Math.min(250, tenth)));
  }

  /** How long a step started now may take: until the stop line. */
  public Duration step() {
    Duration d = context.remaining().minus(margin);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
