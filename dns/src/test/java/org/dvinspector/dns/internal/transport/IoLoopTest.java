package org.dvinspector.dns.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The loop's timers fire in the order they come due, whatever order they were set in; cancelled
 * ones never fire, let go of their action at once and do not pile up.
 */
final class IoLoopTest {
  @Test
  void timersFireByDueTimeAndCancelledOnesNever() throws Exception {
    IoLoop loop = new IoLoop();
    try {
      List<String> fired = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      CountDownLatch set = new CountDownLatch(1);
      long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      long ms = TimeUnit.MILLISECONDS.toNanos(1);
      assertThat(loop.execute(() -> {
        // In order (the queue), then earlier ones (the heap), then equal and later again.
        loop.schedule(base + 40 * ms, () -> fired.add("40"));
        loop.schedule(base + 60 * ms, () -> fired.add("60"));
        loop.schedule(base + 10 * ms, () -> fired.add("10"));
        loop.schedule(base + 50 * ms, () -> fired.add("50"));
        loop.schedule(base + 60 * ms, () -> fired.add("60b"));
        loop.schedule(base + 20 * ms, () -> fired.add("20")).cancel();
        loop.schedule(base + 30 * ms, () -> fired.add("30"));
        loop.schedule(base + 90 * ms, done::countDown);
        set.countDown();
      })).isTrue();
      assertThat(set.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).containsExactly("10", "30", "40", "50", "60", "60b");
    } finally {
      loop.close();
    }
  }

  @Test
  void cancelledTimersLetGoOfTheirActionAndArePurged() throws Exception {
    IoLoop loop = new IoLoop();
    try {
      long hour = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
      int[] queued = new int[2];
      List<WeakReference<Object>> actions = new CopyOnWriteArrayList<>();
      CountDownLatch set = new CountDownLatch(1);
      assertThat(loop.execute(() -> {
        // 10,000 far-off deadlines, each cancelled at once, as exchanges that got their slot.
        for (int i = 0; i < 10_000; i++) {
          Object payload = new byte[1024];
          actions.add(new WeakReference<>(payload));
          loop.schedule(hour + i, () -> assertThat(payload).isNotNull()).cancel();
        }
        queued[0] = loop.queuedTimers();
        loop.schedule(hour, () -> { });
        queued[1] = loop.queuedTimers();
        set.countDown();
      })).isTrue();
      assertThat(set.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(queued[0]).isLessThan(200);
      assertThat(queued[1]).isLessThan(201);
      // Nothing keeps a cancelled timer's action (nor what it captured) reachable.
      for (int i = 0; i < 20 && actions.stream().anyMatch(r -> r.get() != null); i++) {
        System.gc();
        Thread.sleep(10);
      }
      assertThat(actions).allMatch(r -> r.get() == null);
    } finally {
      loop.close();
    }
  }
}
