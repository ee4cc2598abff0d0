package org.dvinspector.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;

/**
 * Runs a batch: at most {@code concurrency} inspections in flight (asynchronous, no thread per
 * request), each report written to stdout as one JSON line the moment it is done, progress on
 * stderr. {@link #cancel()} (Ctrl-C) stops starting new work; every line already written is
 * complete and flushed, and nothing is written after it.
 */
final class BatchRunner {
  /** A request of the batch and its input line. */
  static final class Item {
    private final int line;
    private final InspectionRequest request;

    Item(int line, InspectionRequest request) {
      this.line = line;
      this.request = request;
    }

    int line() {
      return line;
    }

    InspectionRequest request() {
      return request;
    }
  }

  private final Inspection inspector;
  private final List<Item> items;
  private final int concurrency;
  private final PrintWriter out;
  private final Progress progress;
  private final Object outputLock = new Object();
  private final CountDownLatch finished;
  private final Semaphore permits;
  private volatile boolean cancelled;
  private boolean closed;
  private int written;
  private int exitCode = ExitCodes.READY;

  /** A batch on the local inspector alone. */
  BatchRunner(DomainValidationInspector inspector, List<Item> items, int concurrency,
      PrintWriter out, Progress progress) {
    this(Inspection.local(inspector), items, concurrency, out, progress);
  }

  BatchRunner(Inspection inspector, List<Item> items, int concurrency,
      PrintWriter out, Progress progress) {
    if (concurrency < 1) {
      throw new UsageException("--concurrency must be at least 1");
    }
    this.inspector = inspector;
    this.items = List.copyOf(items);
    this.concurrency = concurrency;
    this.out = out;
    this.progress = progress;
    this.finished = new CountDownLatch(items.size());
    this.permits = new Semaphore(concurrency);
  }

  /**
   * Runs every request and waits for the last one.
   *
   * @return the worst exit code of the verdicts, or {@link ExitCodes#INTERRUPTED} if cancelled
   */
  int run() throws InterruptedException {
    progress.start();
    int started = 0;
    for (Item item : items) {
      permits.acquire();
      if (cancelled) {
        permits.release();
        break;
      }
      started++;
      inspector.inspectAsync(item.request()).whenComplete((report, error) -> {
        try {
          if (report != null) {
            write(item, report);
          }
        } finally {
          permits.release();
          finished.countDown();
        }
      });
    }
    // Requests never started count as finished so the wait below ends.
    for (int i = started; i < items.size(); i++) {
      finished.countDown();
    }
    while (!finished.await(100, TimeUnit.MILLISECONDS)) {
      if (cancelled) {
        break;
      }
    }
    progress.finish();
    synchronized (outputLock) {
      out.flush();
      return cancelled ? ExitCodes.INTERRUPTED : exitCode;
    }
  }

  /**
   * Stops the batch: no new request starts, nothing more is written, and what was written is
   * flushed. Safe to call from a shutdown hook, more than once.
   *
   * @return how many reports were written
   */
  int cancel() {
    cancelled = true;
    // Wake the submitting loop if it waits for a permit.
    permits.release(concurrency);
    synchronized (outputLock) {
      closed = true;
      out.flush();
      return written;
    }
  }

  /** How many reports were written. */
  int written() {
    synchronized (outputLock) {
      return written;
    }
  }

  int total() {
    return items.size();
  }

  private void write(Item item, InspectionReport report) {
    // The whole line is written and flushed under the lock, so a cancel never cuts one in half.
    synchronized (outputLock) {
      if (closed) {
        return;
      }
      out.println(ReportJson.line(ReportJson.toJson(report, item.line())));
      out.flush();
      written++;
      exitCode = ExitCodes.worst(exitCode, ExitCodes.of(report.verdict()));
    }
    progress.completed(report.verdict());
  }
}
