package org.dvinspector.dns.internal.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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

  /** A timer on the loop; cancelled timers are skipped when they come due. */
  static final class Timer implements Comparable<Timer> {
    final long dueNanos;
    final Runnable action;
    boolean cancelled;

    Timer(long dueNanos, Runnable action) {
      this.dueNanos = dueNanos;
      this.action = action;
    }

    void cancel() {
      cancelled = true;
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
   * Timers due no earlier than every timer before them, in the order they come due: most attempt
   * timers have the same timeout, so adding and taking one costs O(1) here.
   */
  private final ArrayDeque<Timer> inOrder = new ArrayDeque<>();
  /** The other timers (a shorter timeout, a deadline), by due time. */
  private final PriorityQueue<Timer> outOfOrder = new PriorityQueue<>();
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
    Timer last = inOrder.peekLast();
    if (last == null || dueNanos - last.dueNanos >= 0) {
      inOrder.addLast(t);
    } else {
      outOfOrder.add(t);
    }
    return t;
  }

  /** The timer due first, or null. */
  private @Nullable Timer nextTimer() {
    Timer a = inOrder.peekFirst();
    Timer b = outOfOrder.peek();
    if (a == null) {
      return b;
    }
    return b == null || a.dueNanos - b.dueNanos <= 0 ? a : b;
  }

  /** Removes and returns the timer due first, or null. */
  private @Nullable Timer pollTimer() {
    Timer next = nextTimer();
    if (next != null) {
      if (next == inOrder.peekFirst()) {
        inOrder.pollFirst();
      } else {
        outOfOrder.poll();
      }
    }
    return next;
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
          if (!t.cancelled) {
            safely(t.action);
          }
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
        if (!t.cancelled) {
          safely(t.action);
        }
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
