package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dvinspector.AddressScope;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;
import org.jspecify.annotations.Nullable;

/**
 * Leaks and load under hostile servers: {@code --hostile-inspections} (10,000) inspections in one
 * process, cycling through the {@link HostileMix} cases (spoofed replies, floods, TCP resets,
 * hangs and length lies, compression loops, SERVFAIL, silence, 64 KiB answers, mutated answers),
 * at most {@code --hostile-window} (64) in flight, after {@code --hostile-warmup} (1,000) to warm
 * the JVM. The lab and its hostile servers run in their own process ({@link HostileLabMain}).
 *
 * <p>Threads, open file descriptors and the heap after a full collection are sampled before the
 * measured inspections (after the warm-up) and after them (once the inspections' last questions
 * have had their time): growth beyond 2 threads, 8 descriptors or 16 MiB of heap is a leak. Every
 * inspection must end with a report within its deadline + 5 s; each case's verdicts are counted
 * against the battery's expectation.
 */
final class HostileScenario {
  /** Growth allowed between the samples before and after the measured inspections. */
  static final int THREAD_BOUND = 2;
  static final int FD_BOUND = 8;
  static final long HEAP_BOUND = 16L * 1024 * 1024;
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private HostileScenario() {}

  /** One sample of what the process holds. */
  record Sample(int threads, long fds, long heapAfterGc) {
    static Sample take() throws InterruptedException {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(100);
      }
      return new Sample(ManagementFactory.getThreadMXBean().getThreadCount(),
          ProcessProbe.openFds(),
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
  }

  /** The scenario's figures. */
  record Result(int inspections, int completed, int exceptions, int pastDeadline,
      int unexpected, Map<String, Map<Verdict, Integer>> verdicts, Sample before,
      Sample after, Sample closed, Sample start, long wallNanos, String labStats) {
    int threadGrowth() {
      return after.threads() - before.threads();
    }

    long fdGrowth() {
      return after.fds() - before.fds();
    }

    long heapGrowth() {
      return after.heapAfterGc() - before.heapAfterGc();
    }

    /** Every inspection ended with a report in time, and nothing grew beyond its bound. */
    boolean met() {
      return completed == inspections && exceptions == 0 && pastDeadline == 0
          && threadGrowth() <= THREAD_BOUND && fdGrowth() <= FD_BOUND
          && heapGrowth() <= HEAP_BOUND;
    }
  }

  static Result run(Options o, PrintStream out) throws InterruptedException {
    int inspections = o.positive("hostile-inspections", 10_000);
    int warmup = o.nonNegative("hostile-warmup", 1_000);
    int window = o.positive("hostile-window", 64);
    int cases = HostileMix.CASES.size();
    out.println("== hostile servers, leaks and load: " + inspections + " inspections (ACME dns-01"
        + " + CAA) cycling through " + cases + " hostile cases, " + window + " in flight, after "
        + warmup + " to warm up; deadline " + DEADLINE.toSeconds() + " s, query timeout "
        + HostileMix.QUERY_TIMEOUT.toMillis() + " ms x 2 attempts");
    Sample start = Sample.take();
    try (RemoteHostileLab lab = RemoteHostileLab.start()) {
      Measured m = measure(lab.networkPolicy(), inspections, warmup, window, cases);
      // The inspector is closed and no longer reachable: what it held must be gone too.
      Thread.sleep(1_000);
      Sample closed = Sample.take();
      Result r = new Result(inspections, m.run.completed.get(), m.run.exceptions.get(),
          m.run.pastDeadline.get(), m.run.unexpected(), m.run.table(), m.before, m.after,
          closed, start, m.run.wallNanos, lab.stats());
      print(r, m.run, out);
      return r;
    }
  }

  /** The measured run and the samples around it. */
  private record Measured(Run run, Sample before, Sample after) {}

  /** Warm-up, sample, the measured inspections, sample; the inspector is closed on return. */
  private static Measured measure(NetworkPolicy policy, int inspections, int warmup, int window,
      int cases) throws InterruptedException {
    try (DomainValidationInspector inspector = Inspectors.dnsAndCaa(policy)) {
      new Run(cases).go(inspector, warmup, window);
      Thread.sleep(2_000);
      Sample before = Sample.take();
      Run measured = new Run(cases).go(inspector, inspections, window);
      // The questions an inspection left in flight (hedges, the recursive view) end within
      // their timeouts; then whatever is still held was leaked.
      Thread.sleep(2_000);
      return new Measured(measured, before, Sample.take());
    }
  }

  private static void print(Result r, Run run, PrintStream out) {
    out.println("  inspections: " + r.completed() + "/" + r.inspections() + " completed in "
        + Stats.f1(r.wallNanos() / 1e9) + " s; " + r.exceptions() + " ended with an exception, "
        + r.pastDeadline() + " past the deadline + 5 s; lab: " + r.labStats());
    out.println("  verdicts per case (expected from the battery):");
    for (int k = 0; k < HostileMix.CASES.size(); k++) {
      HostileMix.Case c = HostileMix.CASES.get(k);
      Map<Verdict, Integer> v = r.verdicts().getOrDefault(c.name(), Map.of());
      out.println(String.format(java.util.Locale.ROOT, "    %-30s %-9s READY %5d  NOT_READY %5d"
              + "  UNKNOWN %5d", c.name(), c.expected() == null ? "(any)" : c.expected(),
          v.getOrDefault(Verdict.READY, 0), v.getOrDefault(Verdict.NOT_READY, 0),
          v.getOrDefault(Verdict.UNKNOWN, 0)));
    }
    InspectionReport sample = run.sampleUnexpected.get();
    if (sample != null) {
      out.println("  first unexpected verdict: " + sample.toString().replace("\n", "\n    "));
    }
    Throwable failure = run.sampleException.get();
    if (failure != null) {
      out.println("  first exception: " + failure);
    }
    out.println("  process before the harness started its lab: " + show(r.start()));
    out.println("  before (after the warm-up, full GC): " + show(r.before()));
    out.println("  after " + r.inspections() + " inspections (full GC):  " + show(r.after()));
    out.println("  after the inspector was closed:       " + show(r.closed()));
    out.println("  RESULT hostile: " + r.completed() + "/" + r.inspections() + " completed, "
        + r.exceptions() + " exceptions, " + r.pastDeadline() + " past deadline + 5 s, "
        + r.unexpected() + " verdicts other than the battery's; growth: threads "
        + signed(r.threadGrowth()) + " (bound " + THREAD_BOUND + "), fds " + signed(r.fdGrowth())
        + " (bound " + FD_BOUND + "), heap after full GC " + signedMib(r.heapGrowth())
        + " (bound " + Stats.mib(HEAP_BOUND) + "): " + (r.met() ? "MET" : "NOT MET"));
  }

  private static String show(Sample s) {
    return s.threads() + " threads, " + s.fds() + " fds, heap " + Stats.mib(s.heapAfterGc());
  }

  private static String signed(long n) {
    return n >= 0 ? "+" + n : Long.toString(n);
  }

  private static String signedMib(long bytes) {
    return (bytes >= 0 ? "+" : "-") + Stats.mib(Math.abs(bytes));
  }

  /** One batch of inspections over the cases, counted per case. */
  private static final class Run {
    final int cases;
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger exceptions = new AtomicInteger();
    final AtomicInteger pastDeadline = new AtomicInteger();
    final Map<String, Map<Verdict, AtomicInteger>> verdicts = new ConcurrentHashMap<>();
    final AtomicReference<@Nullable InspectionReport> sampleUnexpected = new AtomicReference<>();
    final AtomicReference<@Nullable Throwable> sampleException = new AtomicReference<>();
    long wallNanos;

    Run(int cases) {
      this.cases = cases;
      for (HostileMix.Case c : HostileMix.CASES) {
        Map<Verdict, AtomicInteger> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
          m.put(v, new AtomicInteger());
        }
        verdicts.put(c.name(), m);
      }
    }

    Run go(DomainValidationInspector inspector, int count, int window)
        throws InterruptedException {
      Semaphore permits = new Semaphore(window);
      CountDownLatch done = new CountDownLatch(count);
      long bound = DEADLINE.plusSeconds(5).toNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        permits.acquire();
        int k = i % cases;
        HostileMix.Case c = HostileMix.CASES.get(k);
        long started = System.nanoTime();
        inspector.inspectAsync(HostileMix.request(k)).whenComplete((report, error) -> {
          try {
            completed.incrementAndGet();
            if (System.nanoTime() - started > bound) {
              pastDeadline.incrementAndGet();
            }
            if (error != null || report == null) {
              exceptions.incrementAndGet();
              sampleException.compareAndSet(null, error);
              return;
            }
            counter(c.name(), report.verdict()).incrementAndGet();
            if (c.expected() != null && c.expected() != report.verdict()) {
              sampleUnexpected.compareAndSet(null, report);
            }
          } finally {
            permits.release();
            done.countDown();
          }
        });
      }
      if (!done.await(count * 2L + 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Only " + completed.get() + " of " + count
            + " inspections completed");
      }
      wallNanos = System.nanoTime() - t0;
      return this;
    }

    AtomicInteger counter(String name, Verdict v) {
      Map<Verdict, AtomicInteger> m = java.util.Objects.requireNonNull(verdicts.get(name), name);
      return java.util.Objects.requireNonNull(m.get(v), "every verdict has a counter");
    }

    int unexpected() {
      int n = 0;
      for (HostileMix.Case c : HostileMix.CASES) {
        if (c.expected() == null) {
          continue;
        }
        for (Verdict v : Verdict.values()) {
          if (v != c.expected()) {
            n += counter(c.name(), v).get();
          }
        }
      }
      return n;
    }

    Map<String, Map<Verdict, Integer>> table() {
      Map<String, Map<Verdict, Integer>> out = new java.util.LinkedHashMap<>();
      verdicts.forEach((name, m) -> {
        Map<Verdict, Integer> v = new EnumMap<>(Verdict.class);
        m.forEach((k, n) -> v.put(k, n.get()));
        out.put(name, v);
      });
      return out;
    }
  }

  /** {@link HostileLabMain} in a child JVM, and the policy that points an inspector at it. */
  static final class RemoteHostileLab implements AutoCloseable {
    private final LabProcess process;

    private RemoteHostileLab(LabProcess process) {
      this.process = process;
    }

    static RemoteHostileLab start() {
      return new RemoteHostileLab(LabProcess.start(
          Jvm.command(List.of("-Xmx1g"), HostileLabMain.class, List.of())));
    }

    /**
     * The lab's root and resolver, port 53 mapped to the lab's port, loopback allowed (where the
     * lab is) and every other non-public address refused, as a CA refuses it.
     */
    NetworkPolicy networkPolicy() {
      return NetworkPolicy.builder()
          .addRecursiveResolvers(new InetSocketAddress(RemoteLab.literal(DnsLab.RESOLVER_ADDRESS),
              process.port()))
          .rootServers(List.of(RootServer.of(DnsLab.ROOT_SERVER_NAME,
              List.of(RemoteLab.literal(DnsLab.ROOT_ADDRESS)))))
          .allowNonPublicAddresses(false)
          .addAllowedAddressScopes(AddressScope.LOOPBACK)
          .endpointMapping(EndpointMapping.ports(Map.of(53, process.port())))
          .queryTimeout(HostileMix.QUERY_TIMEOUT)
          .queryAttempts(2)
          .deadline(DEADLINE)
          // The lab's root is not signed: nothing to validate against.
          .withoutDnssecValidation()
          .build();
    }

    /** The hostile servers' counters: queries, TCP connections, open now, responder errors. */
    String stats() {
      String reply;
      try {
        reply = process.command("stats");
      } catch (RuntimeException e) {
        return "no stats (" + e.getMessage() + ")";
      }
      if (!reply.startsWith("STATS ")) {
        return "no stats (" + reply + ")";
      }
      String[] p = reply.split(" ");
      return p[1] + " queries, " + p[2] + " TCP connections (open now: " + p[3] + ", of which "
          + p[4] + " from the lab's own resolver), " + p[5] + " responder errors";
    }

    @Override
    public void close() {
      process.close();
    }
  }

}
