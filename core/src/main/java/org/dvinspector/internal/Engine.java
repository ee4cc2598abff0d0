package org.dvinspector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionListener;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MissingModuleException;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;
import org.jspecify.annotations.Nullable;

/**
 * Runs inspections: every check concurrently on its module, the CA policy gates, one deadline.
 *
 * <p>Admission: at most {@code maxConcurrentInspections} inspections run at once; the others wait,
 * in order, for a slot, at most {@code admissionTimeout}. An inspection's deadline counts from its
 * admission, so a burst does not spend its requests' deadlines in the queue.
 *
 * <p>Every stage handed to the host completes on the {@link HostExecutor}, never on the timer
 * thread or a module's I/O thread. {@link #close()} completes whatever is in flight or waiting as
 * UNKNOWN with {@link FindingCode#INSPECTOR_CLOSED}.
 */
public final class Engine implements AutoCloseable {
  /** Default of {@code maxConcurrentInspections}. */
  public static final int DEFAULT_MAX_CONCURRENT_INSPECTIONS = 128;

  /** Default of {@code admissionTimeout}: long enough for a bulk job of thousands at once. */
  public static final Duration DEFAULT_ADMISSION_TIMEOUT = Duration.ofMinutes(5);

  private final Map<String, InspectorModule> modules = new LinkedHashMap<>();
  private final Map<String, ModuleRuntime> runtimes = new LinkedHashMap<>();
  private final NetworkPolicy policy;
  private final Clock clock;
  private final Executor executor;
  private final HostExecutor hostExecutor;
  private final @Nullable ExecutorService ownedExecutor;
  private final ScheduledExecutorService scheduler;
  private final InspectionListener.Factory listenerFactory;
  private final Services services;
  private final int maxConcurrentInspections;
  private final Duration admissionTimeout;

  private final Object lock = new Object();
  /** Inspections submitted and not finished: running or waiting. Guarded by {@link #lock}. */
  private final Set<Inspection> inFlight = new LinkedHashSet<>();
  /** Inspections waiting for admission, oldest first. Guarded by {@link #lock}. */
  private final LinkedHashSet<Inspection> waiting = new LinkedHashSet<>();
  /** Inspections admitted and not finished. Guarded by {@link #lock}. */
  private int running;
  private volatile boolean closed;

  /** Starts the modules; the engine is ready for {@link #inspect}. */
  public Engine(
      List<InspectorModule> moduleList,
      NetworkPolicy policy,
      Clock clock,
      @Nullable Executor executor,
      InspectionListener.Factory listenerFactory,
      int maxConcurrentInspections,
      Duration admissionTimeout) {
    this.policy = policy;
    this.clock = clock;
    this.listenerFactory = listenerFactory;
    this.maxConcurrentInspections = maxConcurrentInspections;
    this.admissionTimeout = admissionTimeout;
    if (executor == null) {
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("dvinspector-worker"));
      this.ownedExecutor = pool;
      this.executor = pool;
    } else {
      this.ownedExecutor = null;
      this.executor = executor;
    }
    this.hostExecutor = new HostExecutor(this.executor, executor == null);
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads("dvinspector-timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.scheduler = timer;
    this.services = new Services();
    for (InspectorModule m : moduleList) {
      modules.put(m.id(), m);
    }
    try {
      for (InspectorModule m : moduleList) {
        runtimes.put(m.id(), m.start(services));
      }
    } catch (RuntimeException | Error e) {
      // A module that cannot start (e.g. an incompatible OkHttp) must not leave threads behind.
      close();
      throw e;
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public List<String> moduleIds() {
    return List.copyOf(modules.keySet());
  }

  public NetworkPolicy networkPolicy() {
    return policy;
  }

  /** The executor stages complete on (the host's, or the inspector's own pool). */
  public HostExecutor executor() {
    return hostExecutor;
  }

  /** Most inspections running at once. */
  public int maxConcurrentInspections() {
    return maxConcurrentInspections;
  }

  /** How long an inspection may wait for admission. */
  public Duration admissionTimeout() {
    return admissionTimeout;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Submits an inspection: it starts at once when a slot is free, otherwise when one frees up.
   *
   * @throws MissingModuleException if a check needs a module this engine lacks
   * @throws IllegalStateException if the engine is closed
   */
  public CompletionStage<InspectionReport> inspect(InspectionRequest request) {
    if (closed) {
      throw new IllegalStateException("inspector is closed");
    }
    for (Check check : request.checks()) {
      if (!runtimes.containsKey(check.moduleId())) {
        throw new MissingModuleException(
            check.kind(), check.moduleId(), InspectorModule.artifactFor(check.moduleId()));
      }
    }
    InspectionListener listener = safeListener(listenerFactory.create(request));
    Inspection inspection = new Inspection(request, listener);
    boolean admitted;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("inspector is closed");
      }
      inFlight.add(inspection);
      admitted = running < maxConcurrentInspections && waiting.isEmpty();
      if (admitted) {
        running++;
        inspection.admitted = true;
      } else {
        waiting.add(inspection);
      }
    }
    listener.inspectionStarted(request);
    if (admitted) {
      inspection.start();
    } else {
      inspection.awaitAdmission();
    }
    return inspection.result;
  }

  /** Why an inspection ended. */
  private enum Ending { COMPLETED, DEADLINE, CLOSED, NOT_ADMITTED }

  /** One submitted inspection, from submission to its report. */
  private final class Inspection {
    final InspectionRequest request;
    final InspectionListener listener;
    final CompletableFuture<InspectionReport> result = new CompletableFuture<>();
    final Instant submittedAt;
    final long submittedNanos;
    final AtomicBoolean finished = new AtomicBoolean();
    /** Findings about the inspector's own trouble before or outside the context (rejections). */
    final List<Finding> extraFindings = new CopyOnWriteArrayList<>();
    /** Whether it holds a slot. Guarded by {@link #lock}. */
    boolean admitted;
    /** Set at admission; null while waiting. */
    volatile @Nullable Context context;
    volatile @Nullable List<CompletableFuture<CheckResult>> futures;
    volatile @Nullable ScheduledFuture<?> timer;
    volatile @Nullable Instant startedAt;
    volatile long startNanos;

    Inspection(InspectionRequest request, InspectionListener listener) {
      this.request = request;
      this.listener = listener;
      this.submittedAt = clock.instant();
      this.submittedNanos = System.nanoTime();
    }

    Duration budget() {
      return request.deadline().orElse(policy.deadline());
    }

    /** Waits in the queue; gives up after the admission timeout. */
    void awaitAdmission() {
      try {
        timer = scheduler.schedule(this::admissionTimedOut, Math.max(1, admissionTimeout.toNanos()),
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // The scheduler stops only in close(), which ends every inspection in flight.
        finish(Ending.CLOSED);
      }
    }

    private void admissionTimedOut() {
      boolean removed;
      synchronized (lock) {
        removed = waiting.remove(this);
      }
      if (removed) {
        finish(Ending.NOT_ADMITTED);
      }
    }

    /** Admitted: the deadline starts now, the gates and checks run. */
    void start() {
      if (finished.get()) {
        return; // closed between admission and start
      }
      ScheduledFuture<?> admissionTimer = timer;
      if (admissionTimer != null) {
        admissionTimer.cancel(false);
      }
      Instant start = clock.instant();
      long nanos = System.nanoTime();
      startedAt = start;
      startNanos = nanos;
      Duration budget = budget();
      Context c = new Context(request, start.plus(budget), listener, nanos);
      context = c;
      try {
        timer = scheduler.schedule(() -> finish(Ending.DEADLINE),
            Math.max(1, budget.toNanos()), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // The timer was shut down: close() is ending every inspection.
        finish(Ending.CLOSED);
        return;
      }
      PolicyGates.evaluate(request, clock.instant(), policy).forEach(c::report);
      List<CompletableFuture<CheckResult>> fs = new ArrayList<>();
      for (Check check : request.checks()) {
        fs.add(runCheck(check, c, listener));
      }
      futures = fs;
      CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0]))
          .whenComplete((v, e) -> finish(Ending.COMPLETED));
    }

    /**
     * Ends the inspection once, whichever comes first: every check done, the deadline, close(),
     * or the admission timeout. The report is built and the stage completed on the host's
     * executor.
     */
    void finish(Ending ending) {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
      Context c = context;
      if (c != null) {
        // Nothing a module reports after this point reaches the report.
        c.close();
      }
      Runnable complete = () -> {
        try {
          InspectionReport report = report(ending);
          listener.inspectionFinished(report);
          result.complete(report);
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        } finally {
          release(this);
        }
      };
      if (ending == Ending.CLOSED && ownedExecutor != null) {
        // Our own pool is stopping: close() completes the stage itself, before it returns.
        complete.run();
        return;
      }
      hostExecutor.execute(complete, this::rejected);
    }

    void rejected(RejectedExecutionException e) {
      extraFindings.add(hostExecutor.rejected("the inspection of " + request.domain(), e));
    }

    private InspectionReport report(Ending ending) {
      Context c = context;
      List<Finding> findings = new ArrayList<>(extraFindings);
      List<CheckResult> results = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      List<CompletableFuture<CheckResult>> fs = futures;
      Duration budget = budget();
      if (c != null) {
        findings.addAll(c.findings);
        observations.addAll(c.observations);
      }
      switch (ending) {
        case CLOSED:
          findings.add(Finding.builder(FindingCode.INSPECTOR_CLOSED)
              .message("The inspector was closed while inspecting " + request.domain()
                  + (c == null ? ", before the inspection started" : "")
                  + "; the result is unknown")
              .remedy("Close the inspector only after its inspections have finished, or inspect"
                  + " again with an inspector that is open.")
              .evidence(Perspective.inspector(), "DomainValidationInspector.close()")
              .build());
          break;
        case NOT_ADMITTED:
          findings.add(Finding.builder(FindingCode.INSPECTOR_LIMIT_REACHED)
              .message("The inspection of " + request.domain() + " waited "
                  + describe(admissionTimeout) + " (the inspector's admissionTimeout) for "
                  + (maxConcurrentInspections == 1 ? "the inspector's only inspection slot"
                      : "one of the inspector's " + maxConcurrentInspections + " inspection slots")
                  + " (maxConcurrentInspections) and never started; the result is unknown")
              .remedy("Submit fewer inspections at once, or raise the inspector's"
                  + " maxConcurrentInspections or admissionTimeout. The domain was not judged.")
              .evidence(Perspective.inspector(), "admission timeout " + describe(admissionTimeout)
                  + ", maxConcurrentInspections " + maxConcurrentInspections)
              .build());
          break;
        default:
          break;
      }
      for (int i = 0; i < request.checks().size(); i++) {
        Check check = request.checks().get(i);
        CheckResult done = fs == null ? null : fs.get(i).getNow(null);
        CheckResult r;
        if (done != null) {
          r = done;
        } else {
          if (ending == Ending.DEADLINE || ending == Ending.COMPLETED) {
            findings.add(Finding.builder(FindingCode.INSPECTION_DEADLINE_EXCEEDED)
                .message("The " + check.kind() + " check did not finish within the "
                    + describe(budget) + " deadline; its result is unknown")
                .remedy("A server is slow or does not answer: see the timeout findings and"
                    + " observations, or allow a longer deadline.")
                .method(check.method())
                .evidence(Perspective.inspector(), check.describe(request.domain()))
                .build());
          }
          r = CheckResult.of(check, CheckResult.Status.UNDECIDED,
              c == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - startNanos));
        }
        results.add(r);
      }
      findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code));
      // A closed or never admitted inspection is incomplete: whatever was seen, the inspector
      // cannot say READY or NOT_READY for all of it.
      Verdict verdict = ending == Ending.CLOSED || ending == Ending.NOT_ADMITTED
          ? Verdict.UNKNOWN : verdict(findings, results);
      Instant started = startedAt;
      return InspectionReport.builder()
          .request(request)
          .verdict(verdict)
          .findings(findings)
          .observations(observations)
          .checkResults(results)
          .startedAt(started != null ? started : submittedAt)
          .duration(Duration.ofNanos(System.nanoTime()
              - (started != null ? startNanos : submittedNanos)))
          .build();
    }
  }

  /** Frees the slot of a finished inspection and admits the next waiting one. */
  private void release(Inspection done) {
    Inspection next = null;
    synchronized (lock) {
      inFlight.remove(done);
      if (done.admitted) {
        done.admitted = false;
        running--;
      }
      if (!closed && running < maxConcurrentInspections) {
        Iterator<Inspection> it = waiting.iterator();
        if (it.hasNext()) {
          next = it.next();
          it.remove();
          next.admitted = true;
          running++;
        }
      }
    }
    if (next != null) {
      // Start it on the executor: the thread that finished the last one may be the timer's.
      Inspection n = next;
      hostExecutor.execute(n::start, n::rejected);
    }
  }

  private CompletableFuture<CheckResult> runCheck(
      Check check, Context context, InspectionListener listener) {
    long t0 = System.nanoTime();
    listener.checkStarted(check);
    CompletionStage<CheckResult.Status> stage;
    try {
      ModuleRuntime runtime = runtimes.get(check.moduleId());
      stage = runtime == null
          ? CompletableFuture.failedFuture(new IllegalStateException("no module"))
          : runtime.run(check, context);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.toCompletableFuture().handle((status, error) -> {
      CheckResult.Status s = status;
      if (error != null || s == null) {
        Throwable cause = error == null ? new IllegalStateException("no status") : unwrap(error);
        if (cause instanceof RejectedExecutionException rejected) {
          context.report(hostExecutor.rejected("the " + check.kind() + " check", rejected));
        } else {
          context.report(Finding.builder(FindingCode.INSPECTION_INTERNAL_ERROR)
              .message("The " + check.kind() + " check failed inside the inspector: "
                  + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                  : ": " + org.dvinspector.spi.Text.escape(cause.getMessage())))
              .remedy("This is a bug in the inspector or one of its modules; please report it.")
              .method(check.method())
              .build());
        }
        s = CheckResult.Status.UNDECIDED;
      }
      CheckResult r = CheckResult.of(check, s, Duration.ofNanos(System.nanoTime() - t0));
      listener.checkFinished(r);
      return r;
    });
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
        || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  static Verdict verdict(List<Finding> findings, List<CheckResult> results) {
    if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
      return Verdict.NOT_READY;
    }
    if (results.stream().allMatch(r -> r.status() == CheckResult.Status.PASSED)) {
      return Verdict.READY;
    }
    return Verdict.UNKNOWN;
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static InspectionListener safeListener(InspectionListener l) {
    if (l == InspectionListener.NONE) {
      return l;
    }
    return new SafeListener(l);
  }

  /**
   * Ends every inspection in flight or waiting as UNKNOWN ({@link FindingCode#INSPECTOR_CLOSED}),
   * then stops the modules and the threads the engine created. Idempotent.
   */
  @Override
  public void close() {
    List<Inspection> open;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(inFlight);
      waiting.clear();
    }
    for (Inspection i : open) {
      i.finish(Ending.CLOSED);
    }
    for (ModuleRuntime r : runtimes.values()) {
      try {
        r.close();
      } catch (Exception e) {
        // Closing must not fail the host; nothing useful to do with the error here.
      }
    }
    scheduler.shutdownNow();
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private final class Services implements ModuleServices {
    @Override
    public NetworkPolicy networkPolicy() {
      return policy;
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public Executor executor() {
      return executor;
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return scheduler;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
      for (ModuleRuntime r : runtimes.values()) {
        Optional<T> c = r.capability(type);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    }
  }

  private final class Context implements InspectionContext {
    private final InspectionRequest request;
    private final Instant deadline;
    private final InspectionListener listener;
    private final ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();
    private final long startNanos;
    private final AtomicLong nextObservation = new AtomicLong();
    private final ConcurrentHashMap<Object, Object> shared = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Context(InspectionRequest request, Instant deadline, InspectionListener listener,
        long startNanos) {
      this.request = request;
      this.deadline = deadline;
      this.listener = listener;
      this.startNanos = startNanos;
    }

    Duration budget() {
      return request.deadline().orElse(policy.deadline());
    }

    @Override
    public InspectionRequest request() {
      return request;
    }

    @Override
    public ModuleServices services() {
      return services;
    }

    @Override
    public Instant deadline() {
      return deadline;
    }

    @Override
    public long startNanos() {
      return startNanos;
    }

    @Override
    public <T> T shared(Object owner, Class<T> type, Supplier<? extends T> create) {
      return type.cast(shared.computeIfAbsent(owner, k -> create.get()));
    }

    @Override
    public Duration remaining() {
      Duration d = Duration.between(clock.instant(), deadline);
      return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    void close() {
      closed = true;
    }

    @Override
    public Observation observe(Observation observation) {
      if (closed) {
        return observation;
      }
      Duration offset = observation.startOffset().orElseGet(() -> {
        // Recorded when the answer arrives: it started one latency ago.
        long nanos = System.nanoTime() - startNanos - observation.latency().toNanos();
        return Duration.ofNanos(Math.max(0, nanos));
      });
      Observation stamped = observation.recorded(nextObservation.incrementAndGet(), offset);
      observations.add(stamped);
      listener.observation(stamped);
      return stamped;
    }

    @Override
    public void report(Finding finding) {
      if (!closed) {
        findings.add(finding);
        listener.finding(finding);
      }
    }
  }
}
