package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;

/**
 * Bulk throughput: {@code --names} distinct names (dns-txt + CAA each; every zone with two
 * nameservers) against a lab with no added latency, in its own process. Measures inspections per
 * second and this JVM's CPU time per inspection, then sends the very DNS questions those
 * inspections asked straight through dnsjava ({@link QueryFloor}) and measures the same: the
 * floor. Target: the inspector's CPU per inspection at most 1.5 times the floor's.
 */
final class BulkScenario {
  static final double TARGET = 1.5;

  private BulkScenario() {}

  /** One measured phase: the inspector's or the floor's. */
  record Phase(long wallNanos, long cpuNanos, long gcCount, long gcMillis, long questions,
      long labQueries, long labCpuNanos, Map<String, Long> threadMillis, long udpDrops) {}

  /** The scenario's figures. */
  record Result(int names, int completed, int failures, int ready, Phase inspector, Phase floor,
      int floorFailed) {
    double inspectionsPerSecond() {
      return names / (inspector.wallNanos() / 1e9);
    }

    double cpuRatio() {
      return (double) inspector.cpuNanos() / floor.cpuNanos();
    }

    double wallRatio() {
      return (double) inspector.wallNanos() / floor.wallNanos();
    }
  }

  static Result run(Options o, PrintStream out) throws InterruptedException {
    int names = o.positive("names", 10_000);
    int pairs = Math.min(o.positive("pairs", 50), names);
    int window = o.positive("bulk-window", 128);
    int maxQueries = o.positive("bulk-max-queries", NetworkPolicy.defaults().maxConcurrentQueries());
    // The inspector is much more code than the floor: C2 keeps compiling it for tens of seconds on
    // two cores, so by default three passes over the names warm up first. Each side warms up just
    // before it is measured: the JDK and dnsjava methods both sides share (CompletableFuture, NIO,
    // Message parsing) would otherwise carry the other side's type profiles into the measured
    // phase, which then pays for deoptimisations and recompilations the other side caused.
    int warmup = o.nonNegative("bulk-warmup", 3 * names);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    out.println("== bulk: " + names + " names (dns-txt + CAA, 2 nameservers each, zones spread over "
        + pairs + " server pairs), no added latency, lab in its own process; " + window
        + " inspections in flight, maxConcurrentQueries " + maxQueries + "; warm-up " + warmup
        + " inspections first");
    AtomicInteger n = new AtomicInteger();
    ExecutorService floorPool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "floor-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    long labStart = System.nanoTime();
    try (RemoteLab lab = RemoteLab.start(names, pairs, Duration.ZERO, Duration.ofSeconds(2))) {
      out.println("  lab of " + names + " zones started in " + Stats.f1(Stats.ms(System.nanoTime()
          - labStart)) + " ms");
      Duration timeout = Duration.ofSeconds(2);
      NetworkPolicy policy = lab.networkPolicy()
          .queryTimeout(timeout)
          .deadline(Duration.ofSeconds(60))
          .maxConcurrentQueries(maxQueries)
          .build();
      QueryFloor floor = new QueryFloor(policy, floorPool, maxQueries, timeout);
      long maxWait = 600_000;
      try (DomainValidationInspector inspector = Inspectors.dnsAndCaa(policy)) {
        if (warmup > 0) {
          BulkRun.run(inspector, 0, warmup, names, window, false, maxWait);
          out.println("  inspector warm-up: " + warmup + " inspections");
        }
        lab.flush();
        lab.clear();
        RemoteLab.LabStats lab0 = lab.stats();
        long drops0 = ProcessProbe.udpReceiveBufferErrors();
        ThreadCpu threads0 = ThreadCpu.snapshot();
        long cpu0 = ProcessProbe.processCpuNanos();
        long gc0 = ProcessProbe.gcCount();
        long gcMs0 = ProcessProbe.gcMillis();
        BulkRun run = BulkRun.run(inspector, 0, names, window, true, maxWait);
        long cpu1 = ProcessProbe.processCpuNanos();
        ThreadCpu threads1 = ThreadCpu.snapshot();
        long gc1 = ProcessProbe.gcCount();
        long gcMs1 = ProcessProbe.gcMillis();
        RemoteLab.LabStats lab1 = lab.stats();
        List<Questions.DnsQuestion> questions = run.dnsQuestions();
        Phase inspected = new Phase(run.wallNanos(), cpu1 - cpu0, gc1 - gc0, gcMs1 - gcMs0,
            questions.size(), lab1.queries() - lab0.queries(), lab1.cpuNanos() - lab0.cpuNanos(),
            threads1.millisSince(threads0), ProcessProbe.udpReceiveBufferErrors() - drops0);

        if (warmup > 0) {
          long warmQuestions = 0;
          for (int warmed = 0; warmed < warmup; warmed += names) {
            lab.flush();
            floor.run(questions);
            warmQuestions += questions.size();
          }
          out.println("  floor warm-up: " + warmQuestions + " questions (the measured ones, "
              + (warmup + names - 1) / names + " times)");
        }
        lab.flush();
        lab.clear();
        RemoteLab.LabStats lab2 = lab.stats();
        long drops2 = ProcessProbe.udpReceiveBufferErrors();
        ThreadCpu threads2 = ThreadCpu.snapshot();
        long cpu2 = ProcessProbe.processCpuNanos();
        long gc2 = ProcessProbe.gcCount();
        long gcMs2 = ProcessProbe.gcMillis();
        QueryFloor.Result f = floor.run(questions);
        long cpu3 = ProcessProbe.processCpuNanos();
        ThreadCpu threads3 = ThreadCpu.snapshot();
        long gc3 = ProcessProbe.gcCount();
        long gcMs3 = ProcessProbe.gcMillis();
        RemoteLab.LabStats lab3 = lab.stats();
        Phase floored = new Phase(f.wallNanos(), cpu3 - cpu2, gc3 - gc2, gcMs3 - gcMs2,
            f.sent(), lab3.queries() - lab2.queries(), lab3.cpuNanos() - lab2.cpuNanos(),
            threads3.millisSince(threads2), ProcessProbe.udpReceiveBufferErrors() - drops2);

        Result result = new Result(names, run.completed(), run.failures(),
            run.verdicts(org.dvinspector.Verdict.READY), inspected, floored, f.failed());
        print(out, result, run);
        return result;
      }
    } finally {
      floorPool.shutdownNow();
    }
  }

  private static void print(PrintStream out, Result r, BulkRun run) {
    out.println("  inspections: " + r.completed() + " completed, " + r.failures()
        + " failed; verdicts " + run.verdictSummary() + "; with DNS timeouts " + run.timeouts()
        + ", past deadline " + run.deadlineExceeded());
    InspectionReport sample = run.sampleNotReady();
    if (sample != null) {
      out.println("  first report not READY: " + sample.toString().replace("\n", "\n    "));
    }
    out.println("                         wall s   per second   harness CPU s   CPU ms/insp."
        + "   GCs (ms)    DNS questions   lab saw   lab CPU s");
    row(out, "inspector", r.inspector(), r.names(), r.names());
    row(out, "floor (dnsjava only)", r.floor(), r.names(), r.names());
    out.println("  floor replay: " + r.floor().questions() + " questions, " + r.floorFailed()
        + " without an answer");
    out.println("  UDP datagrams dropped for a full receive buffer (machine-wide): inspector phase "
        + r.inspector().udpDrops() + ", floor phase " + r.floor().udpDrops());
    out.println("  CPU by thread group, inspector: " + ThreadCpu.describe(r.inspector().threadMillis()));
    out.println("  CPU by thread group, floor:     " + ThreadCpu.describe(r.floor().threadMillis()));
    out.println("  RESULT bulk: " + Stats.f1(r.inspectionsPerSecond()) + " inspections/s, "
        + Stats.f2(Stats.ms(r.inspector().cpuNanos()) / r.names()) + " ms CPU per inspection vs floor "
        + Stats.f2(Stats.ms(r.floor().cpuNanos()) / r.names()) + " ms for the same "
        + Stats.f1((double) r.inspector().questions() / r.names())
        + " DNS questions per name: CPU overhead " + Stats.f2(r.cpuRatio()) + "x (target <= "
        + TARGET + ": " + Stats.verdict(r.cpuRatio(), TARGET) + "); wall time "
        + Stats.f2(r.wallRatio()) + "x the floor's");
  }

  private static void row(PrintStream out, String label, Phase p, int names, int perSecondOf) {
    double seconds = p.wallNanos() / 1e9;
    out.printf(java.util.Locale.ROOT, "  %-20s %9s   %10s   %13s   %12s   %4d (%4d)   %13d   %7d   %9s%n",
        label, Stats.f2(seconds), Stats.f1(perSecondOf / seconds), Stats.f2(p.cpuNanos() / 1e9),
        Stats.f2(Stats.ms(p.cpuNanos()) / names), p.gcCount(), p.gcMillis(), p.questions(),
        p.labQueries(), Stats.f2(p.labCpuNanos() / 1e9));
  }
}
