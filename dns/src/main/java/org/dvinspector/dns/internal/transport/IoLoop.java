package org.dvinspector.dns.internal.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns every DNS socket of an inspector: a selector, the tasks handed to it, and
 * the attempt timers. Timers fire on this thread, so an attempt's timeout counts from the moment
 * its datagram left and nothing queued elsewhere (the host's executor, the inspector's own backlog)
 * can delay it. Only short work runs here: sending, receiving, matching replies.
 */
final class IoLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);
  private static final AtomicLong THREADS = new AtomicLong();

  /** Something that waits for its channel to be ready. */
  interface Handler {
    /** The channel of {@code key} is ready; runs on the loop thread. */
    void ready(SelectionKey key);
  }

  /**
   * A timer on the loop. A cancelled timer lets go of its action at once (an exchange that ended
   * must not stay reachable until its timeout or deadline would have come due) and is skipped, or
   * purged with the other cancelled timers once they are half the queue.
   */
  final class Timer implements Comparable<Timer> {
    final long dueNanos;
    private @Nullable Runnable action;

    Timer(long dueNanos, Runnable action) {
      this.dueNanos = dueNanos;
      this.action = action;
    }

    /** Cancels the timer; only on the loop thread. */
    void cancel() {
      if (action != null) {
        action = null;
        cancelledTimers++;
        purgeIfMostlyCancelled();
      }
    }

    boolean cancelled() {
      return action == null;
    }

    @Override
    public int compareTo(Timer o) {
      return Long.compare(dueNanos, o.dueNanos);
    }
  }

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  /**
   * Lanes of timers, each due no earlier than every timer before it in its lane, in the order
   * they come due. Timers of one kind share a delay (every attempt timeout, every inspection's
   * deadline) and so fall into a lane of their own; adding and taking one costs O(1).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private final ArrayDeque<Timer>[] lanes = new ArrayDeque[] {
      new ArrayDeque<Timer>(), new ArrayDeque<Timer>(), new ArrayDeque<Timer>(),
      new ArrayDeque<Timer>()};
  /** The timers that fit no lane, by due time. */
  private final PriorityQueue<Timer> outOfOrder = new PriorityQueue<>();
  /**
   * Random bytes for message IDs, drawn from a {@link SecureRandom} 1 KiB at a time: one draw per
   * 512 IDs instead of one (each a lock and a digest) per query. Loop thread only.
   */
  private final SecureRandom random = new SecureRandom();
  private final byte[] idBytes = new byte[1024];
  private int idOffset = idBytes.length;
  /** Cancelled timers still in the queues. */
  private int cancelledTimers;
  private volatile boolean closed;

  IoLoop() {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a selector for DNS", e);
    }
    this.thread = new Thread(this, "dvinspector-dns-io-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
  }

  Selector selector() {
    return selector;
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs {@code task} on the loop thread; false when the loop is closed. */
  boolean execute(Runnable task) {
    if (closed) {
      return false;
    }
    tasks.add(task);
    selector.wakeup();
    return true;
  }

  /** A timer due at {@code dueNanos}; only on the loop thread. */
  Timer schedule(long dueNanos, Runnable action) {
    Timer t = new Timer(dueNanos, action);
    // The lane whose last timer is the latest one not after this one keeps every lane in order
    // and leaves the other lanes for timers of other delays.
    ArrayDeque<Timer> best = null;
    ArrayDeque<Timer> empty = null;
    for (ArrayDeque<Timer> lane : lanes) {
      Timer last = lane.peekLast();
      if (last == null) {
        if (empty == null) {
          empty = lane;
        }
      } else if (dueNanos - last.dueNanos >= 0) {
        Timer bestLast = best == null ? null : best.peekLast();
        if (bestLast == null || last.dueNanos - bestLast.dueNanos > 0) {
          best = lane;
        }
      }
    }
    ArrayDeque<Timer> lane = best != null ? best : empty;
    if (lane != null) {
      lane.addLast(t);
    } else {
      outOfOrder.add(t);
    }
    return t;
  }

  /** An unpredictable 16-bit message ID (RFC 5452 §4.3); only on the loop thread. */
  int nextMessageId() {
    if (idOffset == idBytes.length) {
      random.nextBytes(idBytes);
      idOffset = 0;
    }
    int id = ((idBytes[idOffset] & 0xff) << 8) | (idBytes[idOffset + 1] & 0xff);
    idOffset += 2;
    return id;
  }

  /** Timers in the queues, cancelled ones included (for tests). */
  int queuedTimers() {
    int n = outOfOrder.size();
    for (ArrayDeque<Timer> lane : lanes) {
      n += lane.size();
    }
    return n;
  }

  /**
   * Drops the cancelled timers once they are at least half the queue (and not a handful): each
   * purge costs the queue's size and halves it at least, so cancelling stays O(1) amortised while
   * the queue never holds more than twice the live timers. Deadline timers are cancelled long
   * before they come due (most exchanges never wait for a slot), so without this the queue would
   * grow with the throughput times the deadline.
   */
  private void purgeIfMostlyCancelled() {
    if (cancelledTimers < 64 || cancelledTimers * 2 < queuedTimers()) {
      return;
    }
    for (ArrayDeque<Timer> lane : lanes) {
      lane.removeIf(Timer::cancelled);
    }
    outOfOrder.removeIf(Timer::cancelled);
    cancelledTimers = 0;
  }

  /** The timer due first, or null. */
  private @Nullable Timer nextTimer() {
    Timer next = outOfOrder.peek();
    for (ArrayDeque<Timer> lane : lanes) {
      Timer head = lane.peekFirst();
      if (head != null && (next == null || head.dueNanos - next.dueNanos < 0)) {
        next = head;
      }
    }
    return next;
  }

  /** Removes and returns the timer due first, or null. */
  private @Nullable Timer pollTimer() {
    Timer next = nextTimer();
    if (next != null) {
      boolean fromLane = false;
      for (ArrayDeque<Timer> lane : lanes) {
        if (lane.peekFirst() == next) {
          lane.pollFirst();
          fromLane = true;
          break;
        }
      }
      if (!fromLane) {
        outOfOrder.poll();
      }
      if (next.cancelled()) {
        cancelledTimers--;
      }
    }
    return next;
  }

  /** Runs a polled timer's action unless it was cancelled. */
  private static void fire(Timer t) {
    Runnable action = t.action;
    if (action != null) {
      t.action = null;
      safely(action);
    }
  }

  void close() {
    closed = true;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (!closed) {
        long wait = 0;
        Timer next = nextTimer();
        if (next != null) {
          long nanos = next.dueNanos - System.nanoTime();
          // select(0) waits forever: a due timer waits the least positive time, 1 ms.
          wait = Math.max(1, (nanos + 999_999) / 1_000_000);
        }
        if (tasks.isEmpty()) {
          selector.select(wait);
        } else {
          selector.selectNow();
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey key = it.next();
          it.remove();
          Object a = key.attachment();
          if (a instanceof Handler h && key.isValid()) {
            safely(() -> h.ready(key));
          }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
          safely(task);
        }
        long now = System.nanoTime();
        Timer t;
        while ((t = nextTimer()) != null && t.dueNanos - now <= 0) {
          pollTimer();
          fire(t);
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      LOG.warn("The DNS I/O loop stopped", e);
    } finally {
      closed = true;
      // Whatever is still waiting is told the inspector is closing.
      Runnable task;
      while ((task = tasks.poll()) != null) {
        safely(task);
      }
      for (SelectionKey key : selector.keys()) {
        Object a = key.attachment();
        if (a instanceof Exchanger x) {
          safely(x::abandon);
        }
      }
      @Nullable Timer t;
      while ((t = pollTimer()) != null) {
        fire(t);
      }
      try {
        selector.close();
      } catch (IOException e) {
        LOG.debug("Closing the DNS selector failed", e);
      }
    }
  }

  private static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // One exchange's bug must not stop every other exchange of the inspector.
      LOG.error("DNS I/O task failed", e);
    }
  }
}
