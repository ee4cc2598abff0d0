package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Smoothed round-trip times per server address, across the inspections of one inspector, for
 * hedging: a second server is asked when the first has not answered within about twice its usual
 * round trip.
 */
final class ServerStats {
  private static final int MAX_ENTRIES = 10_000;
  private static final long EXTRA_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(30);
  private final ConcurrentHashMap<InetAddress, Long> srtt = new ConcurrentHashMap<>();

  /** Records one answer's round trip. */
  void record(InetAddress address, Duration rtt) {
    if (srtt.size() >= MAX_ENTRIES) {
      srtt.clear(); // bounded: forgetting costs only a less well-timed hedge
    }
    long sample = rtt.toNanos();
    srtt.merge(address, sample, (old, s) -> old + (s - old) / 4);
  }

  /**
   * How long to wait for {@code address} before asking another server too, in nanoseconds: twice
   * its smoothed round trip plus 20 ms, within [30 ms, {@code ceilingNanos}]; {@code
   * unknownNanos} when it was never asked.
   */
  long hedgeDelayNanos(InetAddress address, long unknownNanos, long ceilingNanos) {
    Long s = srtt.get(address);
    if (s == null) {
      return unknownNanos;
    }
    long nanos = Math.max(2 * s + EXTRA_NANOS, FLOOR_NANOS);
    return Math.min(nanos, ceilingNanos);
  }
}
