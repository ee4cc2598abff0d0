package org.dvinspector.dns.internal.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.dvinspector.NetworkPolicy;

/**
 * Sends DNS questions for one inspector. Every exchange runs on one I/O thread (a daemon thread
 * named {@code dvinspector-dns-io-N}, started with the inspector and stopped by {@link
 * #close()}); its future completes on the inspector's executor.
 *
 * <p>Sockets are bounded: at most {@link NetworkPolicy#maxConcurrentQueries()} exchanges are in
 * flight, each holding at most one socket (a UDP socket per attempt, or one TCP connection that
 * is closed as soon as its answer is read), so the inspector never holds more DNS sockets than
 * that. Exchanges beyond the limit wait in a queue without a thread; one that is still waiting
 * when its inspection's deadline passes ends as {@link Failure#NOT_SENT}, the inspector's own
 * backlog, never as a server timeout.
 */
public final class Transport implements AutoCloseable {
  private final NetworkPolicy policy;
  private final Executor executor;
  private final IoLoop loop;
  private final ByteBuffer udpBuffer = ByteBuffer.allocateDirect(65_535);
  private final int limit;
  // The queue and the count are touched only on the loop thread.
  private final ArrayDeque<Exchanger> waiting = new ArrayDeque<>();
  private int active;
  private int pendingReleases;
  private boolean releasing;
  private volatile int inFlight;

  /** A transport for one inspector. */
  public Transport(NetworkPolicy policy, Executor executor) {
    this.policy = policy;
    this.executor = executor;
    this.limit = policy.maxConcurrentQueries();
    this.loop = new IoLoop();
  }

  /**
   * Asks {@code query} of its server. Never completes exceptionally; completes by the query's
   * deadline (plus the time to hand the result to the executor).
   */
  public CompletableFuture<Exchange> exchange(Query query) {
    CompletableFuture<Exchange> result = new CompletableFuture<>();
    InetSocketAddress routed = policy.route(query.target());
    Exchanger[] self = new Exchanger[1];
    Exchanger x = new Exchanger(loop, query, routed, executor, udpBuffer,
        () -> finished(self[0]), result::complete);
    self[0] = x;
    if (!loop.execute(() -> admit(x))) {
      result.complete(Exchange.unsent(query, Failure.CLOSED, "the inspector was closed"));
    }
    return result;
  }

  /** Exchanges holding a slot now (for tests and diagnostics). */
  public int inFlight() {
    return inFlight;
  }

  /** Starts {@code x} when a slot is free; else queues it until one is or its deadline passes. */
  private void admit(Exchanger x) {
    if (active < limit) {
      active++;
      inFlight = active;
      x.holdsSlot = true;
      x.start();
      return;
    }
    waiting.add(x);
    x.waitTimer = loop.schedule(x.query().deadlineNanos(), () -> {
      if (waiting.remove(x)) {
        x.notSent(waiting.size() + 1);
      }
    });
  }

  /** An exchange ended; its slot, if it held one, passes to the next waiting exchange. */
  private void finished(Exchanger x) {
    if (!x.holdsSlot) {
      return;
    }
    x.holdsSlot = false;
    pendingReleases++;
    if (releasing) {
      // Called from a start() below, which ended at once: the loop below passes this slot on.
      return;
    }
    releasing = true;
    try {
      while (pendingReleases > 0) {
        pendingReleases--;
        Exchanger next = waiting.poll();
        if (next == null) {
          active--;
          inFlight = active;
        } else {
          next.stopWaiting();
          next.holdsSlot = true;
          next.start();
        }
      }
    } finally {
      releasing = false;
    }
  }

  /** Stops the I/O thread; exchanges in flight end as {@link Failure#CLOSED}. */
  @Override
  public void close() {
    loop.close();
  }
}
