package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
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
 * floor, each side in rounds right after its own warm-up. Target: the inspector's CPU per
 * inspection at most 1.5 times the floor's.
 */
final class BulkScenario {
  static final double TARGET = 1.5;

  private BulkScenario() {}

  /** One measured phase (or the sum of several): the inspector's or the floor's. */
  record Phase(long wallNanos, long cpuNanos, long gcCount, long gcMillis, long questions,
      long labQueries, long labCpuNanos, Map<String, Long> threadMillis, long udpDrops) {
    static Phase sum(List<Phase> phases) {
      long wall = 0;
      long cpu = 0;
      long gcs = 0;
      long gcMs = 0;
      long questions = 0;
      long labQueries = 0;
      long labCpu = 0;
      long drops = 0;
      Map<String, Long> threads = new java.util.HashMap<>();
      for (Phase p : phases) {
        wall += p.wallNanos();
        cpu += p.cpuNanos();
        gcs += p.gcCount();
        gcMs += p.gcMillis();
        questions += p.questions();
        labQueries += p.labQueries();
        labCpu += p.labCpuNanos();
        drops += p.udpDrops();
        p.threadMillis().forEach((k, v) -> threads.merge(k, v, Long::sum));
      }
      return new Phase(wall, cpu, gcs, gcMs, questions, labQueries, labCpu, threads, drops);
    }
  }

  /** The counters read before and after a phase. */
  private record Probe(RemoteLab.LabStats lab, long drops, ThreadCpu threads, long cpu, long gcs,
      long gcMillis) {
    static Probe take(RemoteLab lab) {
      return new Probe(lab.stats(), ProcessProbe.udpReceiveBufferErrors(), ThreadCpu.snapshot(),
          ProcessProbe.processCpuNanos(), ProcessProbe.gcCount(), ProcessProbe.gcMillis());
    }

    Phase since(Probe before, long wallNanos, long questions) {
      return new Phase(wallNanos, cpu - before.cpu, gcs - before.gcs, gcMillis - before.gcMillis,
          questions, lab.queries() - before.lab.queries(),
          lab.cpuNanos() - before.lab.cpuNanos(), threads.millisSince(before.threads),
          drops - before.drops);
    }
  }

  /** The scenario's figures: every measured round, and their sums. */
  record Result(int names, int completed, int failures, int ready, Phase inspector, Phase floor,
      int floorFailed, List<Phase> inspectorRounds, List<Phase> floorRounds) {
    int rounds() {
      return inspectorRounds.size();
    }

    double inspectionsPerSecond() {
      return (double) names * rounds() / (inspector.wallNanos() / 1e9);
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
    // ... and then more passes (up to bulk-warmup-max) while the JIT compilers still used more than
    // bulk-jit-settled-ms of CPU in the last pass: C2 compiling the inspector's large inlined
    // methods (up to a second each on two cores) must not fall into the measured phase, where it
    // would be counted as the inspector's CPU (0.4-3.2 s of it in runs with a fixed warm-up).
    int warmupMax = Math.max(warmup, o.nonNegative("bulk-warmup-max", 8 * names));
    int jitSettledMs = o.nonNegative("bulk-jit-settled-ms", 150);
    int rounds = o.positive("bulk-rounds", 3);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    out.println("== bulk: " + names + " names (dns-txt + CAA, 2 nameservers each, zones spread over "
        + pairs + " server pairs), no added latency, lab in its own process; " + window
        + " inspections in flight, maxConcurrentQueries " + maxQueries + "; warm-up " + warmup
        + " inspections first; " + rounds + " measured rounds of each side");
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
        int warmed = 0;
        long lastJitMs = -1;
        while (warmed < warmup || (warmed < warmupMax && lastJitMs > jitSettledMs)) {
          int pass = Math.min(names, (warmed < warmup ? warmup : warmupMax) - warmed);
          ThreadCpu before = ThreadCpu.snapshot();
          BulkRun.run(inspector, warmed, warmed + pass, names, window, false, maxWait);
          lastJitMs = ThreadCpu.snapshot().millisSince(before).getOrDefault("jit", 0L);
          warmed += pass;
        }
        if (warmed > 0) {
          out.println("  inspector warm-up: " + warmed + " inspections (at least " + warmup
              + ", then until the JIT used at most " + jitSettledMs + " ms in a pass of " + names
              + ", at most " + warmupMax + "); JIT CPU in the last pass " + lastJitMs + " ms");
        }
        // The questions the floor replays: every DNS question of one more pass over the names,
        // read back from its reports (not measured: the reports are kept for this).
        lab.flush();
        BulkRun collected = BulkRun.run(inspector, 0, names, window, true, maxWait);
        List<Questions.DnsQuestion> questions = collected.dnsQuestions();
        // Measured rounds of each side, each side's right after its own warm-up: the JDK and
        // dnsjava methods both sides use (CompletableFuture, NIO, Message) would otherwise carry
        // the other side's type profiles into the measured rounds, which then pay for the
        // deoptimisations and recompilations the other side caused.
        List<Phase> inspectorRounds = new ArrayList<>();
        BulkRun run = collected;
        for (int round = 0; round < rounds; round++) {
          lab.flush();
          lab.clear();
          Probe p0 = Probe.take(lab);
          run = BulkRun.run(inspector, 0, names, window, false, maxWait);
          inspectorRounds.add(Probe.take(lab).since(p0, run.wallNanos(), questions.size()));
        }
        if (warmed > 0) {
          long warmQuestions = 0;
          // As many passes as the inspector had.
          for (int replayed = 0; replayed < warmed; replayed += names) {
            lab.flush();
            floor.run(questions);
            warmQuestions += questions.size();
          }
          out.println("  floor warm-up: " + warmQuestions + " questions (the measured ones, "
              + (warmed + names - 1) / names + " times)");
        }
        List<Phase> floorRounds = new ArrayList<>();
        int floorFailed = 0;
        for (int round = 0; round < rounds; round++) {
          lab.flush();
          lab.clear();
          Probe p1 = Probe.take(lab);
          QueryFloor.Result f = floor.run(questions);
          floorRounds.add(Probe.take(lab).since(p1, f.wallNanos(), f.sent()));
          floorFailed += f.failed();
        }
        Result result = new Result(names, run.completed(), run.failures(),
            run.verdicts(org.dvinspector.Verdict.READY), Phase.sum(inspectorRounds),
            Phase.sum(floorRounds), floorFailed, inspectorRounds, floorRounds);
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
    int total = r.names() * r.rounds();
    out.println("                         wall s   per second   harness CPU s   CPU ms/insp."
        + "   GCs (ms)    DNS questions   lab saw   lab CPU s   JIT CPU ms");
    for (int i = 0; i < r.rounds(); i++) {
      row(out, "inspector, round " + (i + 1), r.inspectorRounds().get(i), r.names());
      row(out, "floor, round " + (i + 1), r.floorRounds().get(i), r.names());
    }
    row(out, "inspector, all", r.inspector(), total);
    row(out, "floor, all", r.floor(), total);
    StringBuilder ratios = new StringBuilder();
    for (int i = 0; i < r.rounds(); i++) {
      ratios.append(i == 0 ? "" : ", ").append(Stats.f2((double) r.inspectorRounds().get(i)
          .cpuNanos() / r.floorRounds().get(i).cpuNanos())).append('x');
    }
    out.println("  CPU overhead per round: " + ratios + " (the inspector's DNS questions are those"
        + " of the pass the floor replays; the lab's count is each phase's own)");
    out.println("  floor replay: " + r.floor().questions() + " questions, " + r.floorFailed()
        + " without an answer");
    out.println("  UDP datagrams dropped for a full receive buffer (machine-wide): inspector phases "
        + r.inspector().udpDrops() + ", floor phases " + r.floor().udpDrops());
    out.println("  CPU by thread group, inspector: " + ThreadCpu.describe(r.inspector().threadMillis()));
    out.println("  CPU by thread group, floor:     " + ThreadCpu.describe(r.floor().threadMillis()));
    out.println("  RESULT bulk: " + Stats.f1(r.inspectionsPerSecond()) + " inspections/s, "
        + Stats.f2(Stats.ms(r.inspector().cpuNanos()) / total) + " ms CPU per inspection vs floor "
        + Stats.f2(Stats.ms(r.floor().cpuNanos()) / total) + " ms for the same "
        + Stats.f1((double) r.floor().questions() / total)
        + " DNS questions per name (" + r.rounds() + " rounds): CPU overhead "
        + Stats.f2(r.cpuRatio()) + "x (target <= " + TARGET + ": "
        + Stats.verdict(r.cpuRatio(), TARGET) + "); wall time " + Stats.f2(r.wallRatio())
        + "x the floor's");
  }

  private static void row(PrintStream out, String label, Phase p, int names) {
    double seconds = p.wallNanos() / 1e9;
    out.printf(java.util.Locale.ROOT,
        "  %-20s %9s   %10s   %13s   %12s   %4d (%4d)   %13d   %7d   %9s   %10d%n",
        label, Stats.f2(seconds), Stats.f1(names / seconds), Stats.f2(p.cpuNanos() / 1e9),
        Stats.f2(Stats.ms(p.cpuNanos()) / names), p.gcCount(), p.gcMillis(), p.questions(),
        p.labQueries(), Stats.f2(p.labCpuNanos() / 1e9), p.threadMillis().getOrDefault("jit", 0L));
  }
}
