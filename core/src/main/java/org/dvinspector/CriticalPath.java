package org.dvinspector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.immutables.value.Value;

/**
 * The longest chain of round trips in an inspection that happened one after another: each started
 * after the previous one ended. Everything the inspector can ask at once overlaps and so adds
 * nothing to the chain; what remains are the questions that had to wait for an earlier answer
 * (root, then TLD, then the zone, then the record). Its {@link #duration()} is the least time the
 * inspection could take on this network, which the {@linkplain InspectionReport#duration() actual
 * time} is compared with.
 */
@Value.Immutable
public abstract class CriticalPath {
  /** The round trips of the chain, in order. */
  public abstract List<Observation> roundTrips();

  /** The sum of the chain's latencies. */
  @Value.Derived
  public Duration duration() {
    Duration d = Duration.ZERO;
    for (Observation o : roundTrips()) {
      d = d.plus(o.latency());
    }
    return d;
  }

  /** The empty path. */
  public static CriticalPath empty() {
    return ImmutableCriticalPath.builder().build();
  }

  /**
   * The chain of non-overlapping observations with the largest total latency (weighted interval
   * scheduling), from observations that carry a {@linkplain Observation#startOffset() start}.
   */
  public static CriticalPath of(List<Observation> observations) {
    List<Observation> timed = new ArrayList<>();
    for (Observation o : observations) {
      if (o.startOffset().isPresent()) {
        timed.add(o);
      }
    }
    if (timed.isEmpty()) {
      return empty();
    }
    timed.sort(Comparator.comparing(CriticalPath::end));
    int n = timed.size();
    long[] best = new long[n + 1];
    int[] previous = new int[n];
    boolean[] taken = new boolean[n];
    long[] ends = new long[n];
    for (int i = 0; i < n; i++) {
      ends[i] = end(timed.get(i)).toNanos();
    }
    for (int i = 0; i < n; i++) {
      Observation o = timed.get(i);
      long start = o.startOffset().orElse(Duration.ZERO).toNanos();
      // Last observation that ended at or before this one started.
      int lo = 0;
      int hi = i;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (ends[mid] <= start) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      previous[i] = lo; // count of compatible predecessors: indices [0, lo)
      long with = o.latency().toNanos() + best[lo];
      if (with > best[i]) {
        best[i + 1] = with;
        taken[i] = true;
      } else {
        best[i + 1] = best[i];
      }
    }
    List<Observation> chain = new ArrayList<>();
    int i = n - 1;
    while (i >= 0) {
      if (taken[i]) {
        chain.add(timed.get(i));
        i = previous[i] - 1;
      } else {
        i--;
      }
    }
    Collections.reverse(chain);
    return ImmutableCriticalPath.builder().roundTrips(chain).build();
  }

  private static Duration end(Observation o) {
    return o.startOffset().orElse(Duration.ZERO).plus(o.latency());
  }
}
