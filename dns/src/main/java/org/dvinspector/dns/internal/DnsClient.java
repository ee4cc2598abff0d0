package org.dvinspector.dns.internal;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.dvinspector.NetworkPolicy;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.WireParseException;

/**
 * Sends one DNS question to one server and waits for the answer without blocking a thread:
 * dnsjava's {@link SimpleResolver#sendAsync(Message, java.util.concurrent.Executor)} with the
 * inspector's executor (never the common pool), the policy's per-attempt timeout and number of
 * attempts, UDP first and TCP when the UDP answer is truncated (RFC 7766 §5: a truncated answer
 * must be retried over TCP), and at most {@link NetworkPolicy#maxConcurrentQueries()} exchanges in
 * flight.
 *
 * <p>Every socket goes where {@link NetworkPolicy#route(InetSocketAddress)} says. Timeouts are
 * kept by our own timer (on the scheduler), because dnsjava checks its timeouts only when its
 * selector is idle, which can be a second late.
 */
public final class DnsClient {
  private final NetworkPolicy policy;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final QueryGate gate;

  /** A client for one inspector. */
  public DnsClient(NetworkPolicy policy, Executor executor, ScheduledExecutorService scheduler) {
    this.policy = policy;
    this.executor = executor;
    this.scheduler = scheduler;
    this.gate = new QueryGate(policy.maxConcurrentQueries(), executor);
  }

  /** The network policy. */
  public NetworkPolicy policy() {
    return policy;
  }

  /** The executor completions run on. */
  public Executor executor() {
    return executor;
  }

  /** The in-flight bound. */
  public QueryGate gate() {
    return gate;
  }

  /** How an exchange failed, when it did. */
  public enum Failure {
    /** A response came. */
    NONE,
    /** No response in time after every attempt. */
    TIMEOUT,
    /** The inspection deadline was reached before the exchange could finish. */
    DEADLINE,
    /** The server could not be reached (port or host unreachable, connection refused). */
    UNREACHABLE,
    /** A response came that could not be parsed or did not match the question. */
    MALFORMED
  }

  /** The outcome of one exchange. */
  public static final class Exchange {
    private final @Nullable Message response;
    private final Failure failure;
    private final String detail;
    private final String transport;
    private final boolean retriedOverTcp;
    private final Duration latency;

    Exchange(@Nullable Message response, Failure failure, String detail, String transport,
        boolean retriedOverTcp, Duration latency) {
      this.response = response;
      this.failure = failure;
      this.detail = detail;
      this.transport = transport;
      this.retriedOverTcp = retriedOverTcp;
      this.latency = latency;
    }

    /** The response, when one came. */
    public Optional<Message> response() {
      return Optional.ofNullable(response);
    }

    /** How it failed ({@link Failure#NONE} when a response came). */
    public Failure failure() {
      return failure;
    }

    /** Why it failed, in words; empty when a response came. */
    public String detail() {
      return detail;
    }

    /** {@code udp} or {@code tcp}: the transport of the last attempt. */
    public String transport() {
      return transport;
    }

    /** Whether a truncated UDP answer was retried over TCP. */
    public boolean retriedOverTcp() {
      return retriedOverTcp;
    }

    /** From the first attempt to the end. */
    public Duration latency() {
      return latency;
    }
  }

  /**
   * Asks {@code name}/{@code type} of the server at {@code target} (before routing). Never
   * completes exceptionally; completes by {@code deadlineNanos} ({@link System#nanoTime()} scale)
   * or within one attempt's timeout after it.
   *
   * @param recursionDesired the RD bit: set for recursive resolvers, clear for authoritative
   *     servers (a CA's iterative resolver does not ask them to recurse)
   * @param attempts UDP attempts before the exchange counts as timed out
   */
  public CompletableFuture<Exchange> exchange(InetSocketAddress target, Name name, int type,
      boolean recursionDesired, int attempts, long deadlineNanos) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    if (!recursionDesired) {
      query.getHeader().unsetFlag(Flags.RD);
    }
    InetSocketAddress routed = policy.route(target);
    return gate.submit(() -> {
      Run run = new Run(query, routed, Math.max(1, attempts), deadlineNanos);
      run.attempt(false, 1, false);
      return run.result;
    });
  }

  /** One exchange: its attempts over UDP, then over TCP when an answer is truncated. */
  private final class Run {
    final Message query;
    final InetSocketAddress routed;
    final int attempts;
    final long deadlineNanos;
    final long start = System.nanoTime();
    final CompletableFuture<Exchange> result = new CompletableFuture<>();

    Run(Message query, InetSocketAddress routed, int attempts, long deadlineNanos) {
      this.query = query;
      this.routed = routed;
      this.attempts = attempts;
      this.deadlineNanos = deadlineNanos;
    }

    void attempt(boolean tcp, int attempt, boolean retriedOverTcp) {
      String transport = tcp ? "tcp" : "udp";
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        finish(null, Failure.DEADLINE, "inspection deadline reached", transport, retriedOverTcp);
        return;
      }
      long timeoutNanos = Math.min(policy.queryTimeout().toNanos(), left);
      boolean cutByDeadline = timeoutNanos < policy.queryTimeout().toNanos();
      CompletableFuture<@Nullable Message> sent = send(query, routed, tcp, timeoutNanos);
      CompletableFuture<@Nullable Message> timer = new CompletableFuture<>();
      Runnable cancelTimer = scheduleTimeout(timer, timeoutNanos);
      CompletableFuture<?> unused = sent.applyToEither(timer, m -> m)
          .whenCompleteAsync((response, error) -> {
            cancelTimer.run();
            if (error == null && response == null) {
              timedOut(tcp, attempt, retriedOverTcp, cutByDeadline);
            } else if (error == null) {
              answered(response, tcp, retriedOverTcp);
            } else {
              failed(unwrap(error), tcp, attempt, retriedOverTcp);
            }
          }, executor);
    }

    private void answered(Message response, boolean tcp, boolean retriedOverTcp) {
      if (!tcp && response.getHeader().getFlag(Flags.TC)) {
        attempt(true, 1, true);
      } else {
        finish(response, Failure.NONE, "", tcp ? "tcp" : "udp", retriedOverTcp);
      }
    }

    /** Our timer fired first: no answer within this attempt's timeout. */
    private void timedOut(boolean tcp, int attempt, boolean retriedOverTcp, boolean cutByDeadline) {
      String transport = tcp ? "tcp" : "udp";
      if (cutByDeadline) {
        finish(null, Failure.DEADLINE, "inspection deadline reached after " + attempt
            + " attempt" + plural(attempt), transport, retriedOverTcp);
      } else if (attempt < attempts) {
        attempt(tcp, attempt + 1, retriedOverTcp);
      } else {
        finish(null, Failure.TIMEOUT, "no answer after " + attempt + " attempt" + plural(attempt)
            + " of " + millis(policy.queryTimeout()) + " over " + transport, transport,
            retriedOverTcp);
      }
    }

    private void failed(Throwable cause, boolean tcp, int attempt, boolean retriedOverTcp) {
      if (cause instanceof SocketTimeoutException && attempt < attempts) {
        attempt(tcp, attempt + 1, retriedOverTcp);
        return;
      }
      String transport = tcp ? "tcp" : "udp";
      Failure failure = classify(cause);
      finish(null, failure, describe(failure, cause, transport), transport, retriedOverTcp);
    }

    private void finish(@Nullable Message response, Failure failure, String detail,
        String transport, boolean retriedOverTcp) {
      result.complete(new Exchange(response, failure, detail, transport, retriedOverTcp,
          Duration.ofNanos(System.nanoTime() - start)));
    }
  }

  private CompletableFuture<@Nullable Message> send(
      Message query, InetSocketAddress routed, boolean tcp, long timeoutNanos) {
    try {
      SimpleResolver resolver = new SimpleResolver(routed);
      resolver.setTCP(tcp);
      // We retry truncated answers ourselves, to record that TCP was used.
      resolver.setIgnoreTruncation(true);
      // dnsjava's own timer only cleans up the socket; ours decides when the attempt is over.
      resolver.setTimeout(Duration.ofNanos(timeoutNanos).plusMillis(50));
      CompletableFuture<@Nullable Message> f = new CompletableFuture<>();
      resolver.sendAsync(query, executor).whenComplete((m, e) -> {
        if (e != null) {
          f.completeExceptionally(e);
        } else {
          f.complete(m);
        }
      });
      return f;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Completes {@code timer} after the timeout; returns what cancels that. */
  private Runnable scheduleTimeout(CompletableFuture<@Nullable Message> timer, long timeoutNanos) {
    try {
      // Only hop to the executor on the scheduler thread: it must run short tasks only.
      ScheduledFuture<?> tick = scheduler.schedule(() -> {
        try {
          executor.execute(() -> timer.complete(null));
        } catch (RejectedExecutionException e) {
          timer.complete(null);
        }
      }, timeoutNanos, TimeUnit.NANOSECONDS);
      return () -> tick.cancel(false);
    } catch (RejectedExecutionException e) {
      // The inspector is closing: end the attempt now.
      timer.complete(null);
      return () -> { };
    }
  }

  static Failure classify(Throwable cause) {
    if (cause instanceof SocketTimeoutException) {
      return Failure.TIMEOUT;
    }
    if (cause instanceof WireParseException) {
      return Failure.MALFORMED;
    }
    // Port or host unreachable, connection refused, and any other socket trouble.
    return Failure.UNREACHABLE;
  }

  private static String describe(Failure failure, Throwable cause, String transport) {
    String what =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (failure == Failure.TIMEOUT) {
      return "no answer over " + transport;
    }
    if (failure == Failure.MALFORMED) {
      return "malformed answer over " + transport + ": " + what;
    }
    if (cause instanceof PortUnreachableException) {
      return "port unreachable over " + transport + " (nothing listens on port 53)";
    }
    if (cause instanceof ConnectException) {
      return "connection refused over " + transport;
    }
    if (cause instanceof NoRouteToHostException) {
      return "no route to host over " + transport;
    }
    return "could not be reached over " + transport + ": " + what;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }

  static String millis(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
