package org.dvinspector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The chain of questions the inspection's result waited for, one after another, as the
 * observations themselves recorded it: the last question the result needed (the non-{@linkplain
 * Observation#auxiliary() auxiliary} observation that ended last), the question it waited for
 * (of its {@linkplain Observation#causes() causes}, the one that ended last), and so on back to a
 * question asked from the start.
 *
 * <p>It explains where an inspection's time went (root, then the top-level domain, then the
 * nameservers' addresses, then the zone, then the web server). It is <em>not</em> a lower bound
 * on the time an inspection needs: it is made of the inspection's own questions, so a redundant
 * step the inspection took shows up in it. Benchmarks compare inspections with the least time the
 * lab's topology allows, computed from the topology, never with this chain.
 */
@Value.Immutable
public abstract class DependentChain {
  /** The questions of the chain, first asked first. */
  public abstract List<Observation> steps();

  /** The sum of the steps' latencies: the time spent waiting for answers along the chain. */
  @Value.Derived
  public Duration waiting() {
    Duration d = Duration.ZERO;
    for (Observation o : steps()) {
      d = d.plus(o.latency());
    }
    return d;
  }

  /**
   * From the start of the inspection to the end of the chain's last step; {@link #waiting()} plus
   * the time the inspector spent between the steps and before the first one.
   */
  @Value.Derived
  public Duration span() {
    if (steps().isEmpty()) {
      return Duration.ZERO;
    }
    return steps().get(steps().size() - 1).endOffset().orElse(Duration.ZERO);
  }

  /** The empty chain. */
  public static DependentChain empty() {
    return ImmutableDependentChain.builder().build();
  }

  /**
   * The chain of {@code observations}, following their {@linkplain Observation#causes() causes};
   * observations without a {@linkplain Observation#startOffset() start} are ignored.
   */
  public static DependentChain of(List<Observation> observations) {
    Map<Long, Observation> byId = new HashMap<>();
    Observation last = null;
    for (Observation o : observations) {
      if (o.startOffset().isEmpty()) {
        continue;
      }
      if (o.id() != 0) {
        byId.put(o.id(), o);
      }
      if (!o.auxiliary() && (last == null || end(o) > end(last))) {
        last = o;
      }
    }
    if (last == null) {
      return empty();
    }
    List<Observation> chain = new ArrayList<>();
    Observation step = last;
    // Causes always started earlier than what they caused; the bound only guards bad input.
    while (step != null && chain.size() <= observations.size()) {
      chain.add(step);
      Observation next = null;
      for (Long cause : step.causes()) {
        Observation c = byId.get(cause);
        if (c != null && c != step && (next == null || end(c) > end(next))) {
          next = c;
        }
      }
      step = next;
    }
    Collections.reverse(chain);
    return ImmutableDependentChain.builder().steps(chain).build();
  }

  private static long end(Observation o) {
    return o.endOffset().orElse(Duration.ZERO).toNanos();
  }
}
