package org.dvinspector.dns.internal.resolve;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * Asks one question of a zone's servers until one gives a usable answer, the way a resolver does:
 * one address first, the next at once when an answer is useless (an error, a lame server), and a
 * second one in parallel when the first is slow (after about twice its usual round trip), IPv4
 * and IPv6 alike. Addresses of servers whose names are still being looked up join as they come.
 */
final class Hedge {
  /** The usable answer, when one came, and every answer received. */
  record Result(@Nullable Asked winner, List<Asked> tried) {
    Result {
      tried = List.copyOf(tried);
    }
  }

  /** The hedge delay for a server never asked before. */
  static final Duration UNKNOWN_DELAY = Duration.ofMillis(400);

  private final Resolution r;
  private final Delegation d;
  private final Name qname;
  private final int qtype;
  private final Predicate<Asked> usable;
  private final boolean auxiliary;
  private final long waited;
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private final ArrayDeque<Target> firstRound = new ArrayDeque<>();
  private final ArrayDeque<Target> laterRounds = new ArrayDeque<>();
  private final Set<InetAddress> queued = new HashSet<>();
  private final List<Asked> tried = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private int pendingServers;
  private int inFlight;
  private boolean done;
  private @Nullable ScheduledFuture<?> hedgeTimer;

  private Hedge(Resolution r, Delegation d, Name qname, int qtype, Predicate<Asked> usable,
      boolean auxiliary, long waited) {
    this.waited = waited;
    this.r = r;
    this.d = d;
    this.qname = qname;
    this.qtype = qtype;
    this.usable = usable;
    this.auxiliary = auxiliary;
  }

  /**
   * Asks {@code qname}/{@code qtype} of {@code d}'s servers until {@code usable} accepts an
   * answer; {@code waited} (an observation number, or 0) is what the questions waited for besides
   * the delegation and the servers' addresses.
   */
  static CompletableFuture<Result> ask(Resolution r, Delegation d, Name qname, int qtype,
      Predicate<Asked> usable, boolean auxiliary, long waited) {
    Hedge h = new Hedge(r, d, qname, qtype, usable, auxiliary, waited);
    h.start();
    return h.result;
  }

  private void start() {
    List<Server> servers = new ArrayList<>();
    // A server named by this walk's own ancestry needs no special care: its address future was
    // made under the same ancestry, so a loop already ended it (Resolution#host).
    servers.addAll(d.servers());
    synchronized (this) {
      pendingServers = servers.size();
    }
    for (Server s : servers) {
      CompletableFuture<?> unused = s.addresses.whenComplete((h, e) -> arrived(s, h));
    }
    pump();
  }

  private void arrived(Server s, @Nullable HostResult h) {
    synchronized (this) {
      pendingServers--;
      if (h != null && !done) {
        // IPv4 first within a server: a network that silently drops IPv6 then costs a hedge
        // delay, not a timeout, before another family is tried.
        List<InetAddress> ordered = new ArrayList<>();
        h.addresses().stream().filter(a -> !(a instanceof Inet6Address)).forEach(ordered::add);
        h.addresses().stream().filter(a -> a instanceof Inet6Address).forEach(ordered::add);
        List<Long> causes = new ArrayList<>();
        if (d.cause() != 0) {
          causes.add(d.cause());
        }
        if (waited != 0) {
          causes.add(waited);
        }
        causes.addAll(h.causes());
        boolean first = true;
        for (InetAddress a : ordered) {
          if (!queued.add(a)) {
            continue;
          }
          Target t = new Target(s.label, a, causes);
          (first ? firstRound : laterRounds).add(t);
          first = false;
        }
        if (inFlight > 0 && hedgeTimer == null) {
          scheduleHedge(ordered.isEmpty() ? null : ordered.get(0));
        }
      }
    }
    pump();
  }

  /** Starts the next address when nothing is in flight, or ends when nothing is left. */
  private void pump() {
    Target next = null;
    boolean finish = false;
    int attempts = 1;
    synchronized (this) {
      if (done || inFlight > 0) {
        return;
      }
      next = budgetLeft() ? poll() : null;
      if (next == null) {
        if (pendingServers == 0 || !budgetLeft()) {
          done = true;
          finish = true;
        }
      } else {
        inFlight++;
        // The last address there is gets the policy's attempts; the others one each, because
        // another server is the better retry.
        if (firstRound.isEmpty() && laterRounds.isEmpty() && pendingServers == 0
            && tried.isEmpty()) {
          attempts = r.policy.queryAttempts();
        }
      }
    }
    if (finish) {
      complete(null);
    } else if (next != null) {
      launch(next, attempts);
    }
  }

  private @Nullable Target poll() {
    Target t = firstRound.poll();
    return t != null ? t : laterRounds.poll();
  }

  /** The root step stops starting new addresses after two attempt timeouts: the network is out. */
  private boolean budgetLeft() {
    if (!d.zone().equals(Name.root)) {
      return true;
    }
    return System.nanoTime() - startNanos < 2 * r.policy.queryTimeout().toNanos();
  }

  private void launch(Target t, int attempts) {
    synchronized (this) {
      scheduleHedge(t.address());
    }
    CompletableFuture<?> unused = r.ask(t, qname, qtype, attempts, this::isAuxiliary)
        .whenComplete((asked, error) -> answered(asked));
  }

  /** A hedged duplicate whose step was decided already did not matter to the result. */
  private synchronized boolean isAuxiliary() {
    return auxiliary || done;
  }

  private void scheduleHedge(@Nullable InetAddress slow) {
    if (hedgeTimer != null) {
      hedgeTimer.cancel(false);
    }
    long timeout = r.policy.queryTimeout().toNanos();
    // A server never asked waits half an attempt timeout, at most UNKNOWN_DELAY.
    long unknown = Math.min(timeout / 2, UNKNOWN_DELAY.toNanos());
    long delay = slow == null ? UNKNOWN_DELAY.toNanos()
        : r.resolver.stats.hedgeDelayNanos(slow, unknown, timeout);
    try {
      hedgeTimer = r.resolver.scheduler.schedule(() -> {
        try {
          r.resolver.executor.execute(this::hedgeFired);
        } catch (RejectedExecutionException e) {
          // The inspector is closing: the questions in flight end on their own.
        }
      }, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      hedgeTimer = null;
    }
  }

  private void hedgeFired() {
    Target next;
    synchronized (this) {
      hedgeTimer = null;
      if (done || !budgetLeft()) {
        return;
      }
      next = poll();
      if (next == null) {
        return;
      }
      inFlight++;
    }
    launch(next, 1);
  }

  private void answered(@Nullable Asked asked) {
    boolean won = false;
    synchronized (this) {
      inFlight--;
      if (asked != null) {
        tried.add(asked);
        if (!done && usable.test(asked)) {
          done = true;
          won = true;
          if (hedgeTimer != null) {
            hedgeTimer.cancel(false);
            hedgeTimer = null;
          }
        }
      }
    }
    if (won) {
      complete(asked);
    } else {
      pump();
    }
  }

  private void complete(@Nullable Asked winner) {
    List<Asked> copy;
    synchronized (this) {
      if (hedgeTimer != null) {
        hedgeTimer.cancel(false);
        hedgeTimer = null;
      }
      copy = new ArrayList<>(tried);
    }
    result.complete(new Result(winner, copy));
  }
}
