package org.dvinspector.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when a test moves it: the lab's resolver counts TTLs down on it, so a
 * test waits an hour of cache time in no time at all.
 */
public final class LabClock extends Clock {
  /** The time, shared by this clock and its {@link #withZone} copies. */
  private static final class Now {
    volatile Instant value;

    Now(Instant value) {
      this.value = value;
    }
  }

  private final Now now;
  private final ZoneId zone;

  /** A clock standing at {@code start}. */
  public LabClock(Instant start) {
    this(new Now(start), ZoneOffset.UTC);
  }

  private LabClock(Now now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** Moves the clock forward by {@code d}. */
  public Instant advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("The lab clock only moves forward, got " + d);
    }
    synchronized (now) {
      now.value = now.value.plus(d);
      return now.value;
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    return new LabClock(now, z);
  }

  @Override
  public Instant instant() {
    return now.value;
  }
}
