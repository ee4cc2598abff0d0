package org.dvinspector.testkit.internal;

import java.io.IOException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a lab (or a stand-alone server) runs on: one event loop for all sockets and a small
 * scheduler for delayed answers and the recursive resolver's callbacks. Closing it stops both.
 */
public final class LabRuntime implements AutoCloseable {
  private final DnsEventLoop loop;
  private final ScheduledThreadPoolExecutor scheduler;

  /** Starts the threads; {@code name} prefixes their names. */
  public LabRuntime(String name) throws IOException {
    this.loop = new DnsEventLoop(name + "-io");
    AtomicInteger n = new AtomicInteger();
    ThreadFactory f = r -> {
      Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.scheduler = new ScheduledThreadPoolExecutor(2, f);
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** The socket loop. */
  public DnsEventLoop loop() {
    return loop;
  }

  /** The scheduler (also the executor of asynchronous DNS client calls). */
  public ScheduledThreadPoolExecutor scheduler() {
    return scheduler;
  }

  /** Stops the loop (closing every socket) and the scheduler, and waits for their threads. */
  @Override
  public void close() {
    loop.close();
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
