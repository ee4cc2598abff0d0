package org.dvinspector.benchmarks.harness;

import java.io.PrintStream;
import java.time.Duration;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Memory and sockets: {@code --memory-names} inspections (dns-txt + CAA) submitted all at once,
 * every lab server {@code --memory-latency-ms} (500) away, in a heap of {@code --heap-mb} (256
 * MiB; {@link LoadHarness} starts a JVM with that {@code -Xmx}). Every inspection must complete
 * with no error; the inspector bounds its own in-flight queries ({@code --memory-max-queries}) and
 * connections ({@code --memory-max-connections}). Reports the peak heap and the peak number of
 * open file descriptors and sockets of this process (the lab runs in its own).
 */
final class MemoryScenario {
  private MemoryScenario() {}

  /** The scenario's figures. */
  record Result(int names, int completed, int failures, int ready, int deadlineExceeded,
      long wallNanos, long maxHeap, long peakHeapSampled, long heapPoolPeaks, long peakHeapAfterGc,
      long gcCount, long gcMillis, long fdsBefore, long peakFds, long peakSockets,
      int maxConcurrentQueries) {
    /** Every inspection completed normally. */
    boolean noError() {
      return completed == names && failures == 0;
    }
  }

  static Result run(Options o, PrintStream out) throws InterruptedException {
    int names = o.positive("memory-names", 10_000);
    int pairs = Math.min(o.positive("pairs", 50), names);
    Duration latency = o.millis("memory-latency-ms", 500);
    int maxQueries = o.positive("memory-max-queries", 1024);
    int maxConnections = o.positive("memory-max-connections", 64);
    // The library's default: a burst of a thousand queries can overflow a lab socket's receive
    // buffer, and a CA's resolver retries a lost query too.
    int attempts = o.positive("memory-attempts", NetworkPolicy.defaults().queryAttempts());
    Duration deadline = Duration.ofSeconds(o.positive("memory-deadline-s", 600));
    long maxHeap = Runtime.getRuntime().maxMemory();
    out.println("== memory and sockets: " + names + " inspections (dns-txt + CAA) submitted at once,"
        + " every server " + latency.toMillis() + " ms away; max heap " + Stats.mib(maxHeap)
        + "; maxConcurrentQueries " + maxQueries + ", maxConcurrentConnections " + maxConnections
        + ", " + attempts + " attempts per query, deadline " + deadline.toSeconds() + " s");
    // The resolver's answer takes its own latency plus up to three upstream round trips.
    Duration queryTimeout = latency.multipliedBy(5).plusSeconds(2);
    try (RemoteLab lab = RemoteLab.start(names, pairs, latency, latency.multipliedBy(2).plusSeconds(1));
        ProcessProbe probe = new ProcessProbe()) {
      NetworkPolicy policy = lab.networkPolicy()
          .queryTimeout(queryTimeout)
          .queryAttempts(attempts)
          .deadline(deadline)
          .maxConcurrentQueries(maxQueries)
          .maxConcurrentConnections(maxConnections)
          .build();
      System.gc();
      long fdsBefore = ProcessProbe.openFds();
      long udpDrops0 = ProcessProbe.udpReceiveBufferErrors();
      long gc0 = ProcessProbe.gcCount();
      long gcMs0 = ProcessProbe.gcMillis();
      probe.startSampling(100);
      BulkRun run;
      try (DomainValidationInspector inspector = Inspectors.dnsAndCaa(policy)) {
        run = BulkRun.run(inspector, 0, names, Integer.MAX_VALUE, false,
            deadline.plusSeconds(60).toMillis());
      } finally {
        probe.stopSampling();
      }
      Result r = new Result(names, run.completed(), run.failures(), run.verdicts(Verdict.READY),
          run.deadlineExceeded(), run.wallNanos(), maxHeap, probe.peakHeapUsed(),
          ProcessProbe.heapPoolPeaks(), probe.peakAfterGc(), ProcessProbe.gcCount() - gc0,
          ProcessProbe.gcMillis() - gcMs0, fdsBefore, probe.peakFds(), probe.peakSockets(),
          maxQueries);
      out.println("  inspections: " + r.completed() + "/" + names + " completed in "
          + Stats.f1(r.wallNanos() / 1e9) + " s, " + r.failures() + " failed; verdicts "
          + run.verdictSummary() + "; with DNS timeouts " + run.timeouts() + ", past deadline "
          + run.deadlineExceeded());
      InspectionReport sample = run.sampleNotReady();
      if (sample != null) {
        out.println("  first report not READY: " + sample.toString().replace("\n", "\n    "));
      }
      @Nullable Throwable failure = run.sampleFailure();
      if (failure != null) {
        out.println("  first failure: " + failure);
      }
      out.println("  heap: max " + Stats.mib(maxHeap) + "; peak in use (sampled every 100 ms) "
          + Stats.mib(r.peakHeapSampled()) + "; sum of pool peaks " + Stats.mib(r.heapPoolPeaks())
          + "; peak right after a collection " + Stats.mib(r.peakHeapAfterGc())
          + " (an upper bound of the live set); "
          + r.gcCount() + " GCs, " + r.gcMillis() + " ms");
      long udpDrops = ProcessProbe.udpReceiveBufferErrors() - udpDrops0;
      out.println("  UDP datagrams dropped for a full receive buffer (whole machine, /proc/net/snmp): "
          + udpDrops);
      out.println("  file descriptors: " + r.fdsBefore() + " before, peak " + r.peakFds()
          + " (peak sockets " + r.peakSockets() + ", bound: maxConcurrentQueries " + maxQueries
          + "); " + probe.samples() + " samples");
      out.println("  RESULT memory: " + r.completed() + "/" + names + " completed, " + r.failures()
          + " errors in a " + Stats.mib(maxHeap) + " heap (" + (r.noError() ? "MET" : "NOT MET")
          + "), " + r.ready() + " READY; peak heap " + Stats.mib(r.peakHeapSampled())
          + ", peak open fds " + r.peakFds() + " (sockets " + r.peakSockets() + ")");
      return r;
    }
  }
}
