package org.dvinspector.dns.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Bounds how many DNS exchanges are in flight at once ({@link
 * org.dvinspector.NetworkPolicy#maxConcurrentQueries()}) without blocking a thread: a task that
 * finds no free permit waits in a queue and is started, on the executor, when one is released.
 */
public final class QueryGate {
  private final int limit;
  private final Executor executor;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int active;

  /** A gate with {@code limit} permits; queued tasks start on {@code executor}. */
  public QueryGate(int limit, Executor executor) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.executor = executor;
  }

  /**
   * Starts {@code task} when a permit is free (at once if one is) and holds the permit until the
   * future it returns completes.
   */
  public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start = () -> {
      CompletableFuture<T> running;
      try {
        running = task.get();
      } catch (RuntimeException e) {
        running = CompletableFuture.failedFuture(e);
      }
      CompletableFuture<?> unused = running.whenComplete((value, error) -> {
        release();
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(value);
        }
      });
    };
    boolean now;
    synchronized (this) {
      now = active < limit;
      if (now) {
        active++;
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result;
  }

  /** Tasks holding a permit now. */
  public synchronized int active() {
    return active;
  }

  /** Tasks waiting for a permit now. */
  public synchronized int waiting() {
    return waiting.size();
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        active--;
      }
    }
    if (next != null) {
      // The permit passes straight to the next task; run it off the completing thread.
      executor.execute(next);
    }
  }
}
