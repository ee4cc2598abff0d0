package org.dvinspector.benchmarks.harness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * Inspects the bulk zones {@code from} to {@code to} (dns-txt + CAA each) with at most {@code
 * window} inspections in flight (the way the CLI's batch mode runs), counting verdicts and keeping
 * the DNS questions for the floor. A window of {@link Integer#MAX_VALUE} submits everything at
 * once.
 */
final class BulkRun {
  private final Map<Verdict, AtomicInteger> verdicts = new EnumMap<>(Verdict.class);
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger deadlineExceeded = new AtomicInteger();
  private final AtomicInteger timeouts = new AtomicInteger();
  private final AtomicInteger completed = new AtomicInteger();
  private final AtomicReference<@Nullable InspectionReport> sampleNotReady = new AtomicReference<>();
  private final AtomicReference<@Nullable Throwable> sampleFailure = new AtomicReference<>();
  /** Each kept report's DNS questions (only those: 10,000 whole reports would burden the GC). */
  private final ConcurrentLinkedQueue<List<Questions.DnsQuestion>> questions =
      new ConcurrentLinkedQueue<>();
  private final boolean keepObservations;
  private long wallNanos;

  private BulkRun(boolean keepObservations) {
    this.keepObservations = keepObservations;
    for (Verdict v : Verdict.values()) {
      verdicts.put(v, new AtomicInteger());
    }
  }

  /** The request for bulk zone {@code i}. */
  static InspectionRequest request(int i) {
    return InspectionRequest.builder()
        .domain(BulkZones.zone(i))
        .addChecks(DnsTxtCheck.of("_dnsauth", BulkZones.token(i)),
            CaaCheck.forIssuers(BulkZones.ISSUER))
        .build();
  }

  /**
   * Runs the inspections and waits for all of them (at most {@code maxWaitMillis}).
   *
   * @param keepObservations whether to keep every report's observations (for the floor)
   */
  static BulkRun run(DomainValidationInspector inspector, int from, int to, int window,
      boolean keepObservations, long maxWaitMillis) throws InterruptedException {
    return run(inspector, from, to, Integer.MAX_VALUE, window, keepObservations, maxWaitMillis);
  }

  /**
   * Like {@link #run(DomainValidationInspector, int, int, int, boolean, long)}, inspecting zone
   * {@code i % zones} for each {@code i}: several passes over the same names.
   */
  static BulkRun run(DomainValidationInspector inspector, int from, int to, int zones, int window,
      boolean keepObservations, long maxWaitMillis) throws InterruptedException {
    BulkRun run = new BulkRun(keepObservations);
    int count = to - from;
    Semaphore permits = new Semaphore(Math.min(window, Math.max(1, count)));
    CountDownLatch done = new CountDownLatch(count);
    long start = System.nanoTime();
    for (int i = from; i < to; i++) {
      permits.acquire();
      InspectionRequest request = request(i % zones);
      inspector.inspectAsync(request).whenComplete((report, error) -> {
        try {
          run.record(report, error);
        } finally {
          permits.release();
          done.countDown();
        }
      });
    }
    if (!done.await(maxWaitMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("Only " + run.completed.get() + " of " + count
          + " inspections completed within " + maxWaitMillis + " ms");
    }
    run.wallNanos = System.nanoTime() - start;
    return run;
  }

  private void record(@Nullable InspectionReport report, @Nullable Throwable error) {
    completed.incrementAndGet();
    if (error != null || report == null) {
      failures.incrementAndGet();
      sampleFailure.compareAndSet(null, error);
      return;
    }
    counter(report.verdict()).incrementAndGet();
    if (report.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)) {
      deadlineExceeded.incrementAndGet();
    }
    if (report.hasFinding(FindingCode.DNS_SERVER_TIMEOUT)) {
      timeouts.incrementAndGet();
    }
    if (report.verdict() != Verdict.READY) {
      sampleNotReady.compareAndSet(null, report);
    }
    if (keepObservations) {
      questions.add(Questions.dns(report.observations()));
    }
  }

  private AtomicInteger counter(Verdict v) {
    return Objects.requireNonNull(verdicts.get(v), "every verdict has a counter");
  }

  /** Wall time from the first submission to the last completion. */
  long wallNanos() {
    return wallNanos;
  }

  /** Inspections that completed (normally or not). */
  int completed() {
    return completed.get();
  }

  /** Inspections whose stage completed exceptionally (the inspector promises none). */
  int failures() {
    return failures.get();
  }

  /** How many reports had {@code verdict}. */
  int verdicts(Verdict verdict) {
    return counter(verdict).get();
  }

  /** Reports with an inspection-deadline finding. */
  int deadlineExceeded() {
    return deadlineExceeded.get();
  }

  /** Reports with a DNS server timeout finding. */
  int timeouts() {
    return timeouts.get();
  }

  /** The first report that was not READY, to show why. */
  @Nullable InspectionReport sampleNotReady() {
    return sampleNotReady.get();
  }

  /** The first exceptional completion, if any. */
  @Nullable Throwable sampleFailure() {
    return sampleFailure.get();
  }

  /** Every DNS question of every kept report. */
  List<Questions.DnsQuestion> dnsQuestions() {
    List<Questions.DnsQuestion> out = new ArrayList<>();
    for (List<Questions.DnsQuestion> list : questions) {
      out.addAll(list);
    }
    return out;
  }

  /** {@code READY 9998, NOT_READY 2, UNKNOWN 0}. */
  String verdictSummary() {
    StringBuilder b = new StringBuilder();
    for (Verdict v : Verdict.values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(v).append(' ').append(verdicts(v));
    }
    return b.toString();
  }
}
