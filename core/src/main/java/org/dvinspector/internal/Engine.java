package org.dvinspector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 */
public final class Engine implements AutoCloseable {
  private final Map<String, InspectorModule> modules = new LinkedHashMap<>();
  private final Map<String, ModuleRuntime> runtimes = new LinkedHashMap<>();
  private final NetworkPolicy policy;
  private final Clock clock;
  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final ScheduledExecutorService scheduler;
  private final InspectionListener.Factory listenerFactory;
  private final Services services;

  public Engine(
      List<InspectorModule> moduleList,
      NetworkPolicy policy,
      Clock clock,
      @Nullable Executor executor,
      InspectionListener.Factory listenerFactory) {
    this.policy = policy;
    this.clock = clock;
    this.listenerFactory = listenerFactory;
    if (executor == null) {
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads("dvinspector-worker"));
      this.ownedExecutor = pool;
      this.executor = pool;
    } else {
      this.ownedExecutor = null;
      this.executor = executor;
    }
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemonThreads("dvinspector-timer"));
    timer.setRemoveOnCancelPolicy(true);
    this.scheduler = timer;
    this.services = new Services();
    for (InspectorModule m : moduleList) {
      modules.put(m.id(), m);
    }
    for (InspectorModule m : moduleList) {
      runtimes.put(m.id(), m.start(services));
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

  public CompletionStage<InspectionReport> inspect(InspectionRequest request) {
    for (Check check : request.checks()) {
      if (!runtimes.containsKey(check.moduleId())) {
        throw new MissingModuleException(
            check.kind(), check.moduleId(), InspectorModule.artifactFor(check.moduleId()));
      }
    }
    InspectionListener listener = safeListener(listenerFactory.create(request));
    Instant start = clock.instant();
    long startNanos = System.nanoTime();
    Duration budget = request.deadline().orElse(policy.deadline());
    Context context = new Context(request, start.plus(budget), listener, startNanos);
    listener.inspectionStarted(request);

    PolicyGates.evaluate(request, clock.instant(), policy).forEach(context::report);

    List<CompletableFuture<CheckResult>> futures = new ArrayList<>();
    for (Check check : request.checks()) {
      futures.add(runCheck(check, context, listener));
    }
    CompletableFuture<InspectionReport> result = new CompletableFuture<>();
    AtomicBoolean finished = new AtomicBoolean();
    Runnable finish = () -> {
      if (!finished.compareAndSet(false, true)) {
        return;
      }
      try {
        InspectionReport report = finishReport(request, context, futures, start, startNanos);
        listener.inspectionFinished(report);
        result.complete(report);
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    };
    ScheduledFuture<?> timer =
        scheduler.schedule(finish, Math.max(1, budget.toNanos()), TimeUnit.NANOSECONDS);
    CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .whenCompleteAsync((v, e) -> {
          timer.cancel(false);
          finish.run();
        }, executor);
    return result;
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
        context.report(Finding.builder(FindingCode.INSPECTION_INTERNAL_ERROR)
            .message("The " + check.kind() + " check failed inside the inspector: "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                : ": " + org.dvinspector.Text.escape(cause.getMessage())))
            .remedy("This is a bug in the inspector or one of its modules; please report it.")
            .method(check.method())
            .build());
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

  private InspectionReport finishReport(
      InspectionRequest request, Context context, List<CompletableFuture<CheckResult>> futures,
      Instant start, long startNanos) {
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      CompletableFuture<CheckResult> f = futures.get(i);
      Check check = request.checks().get(i);
      CheckResult r = f.getNow(null);
      if (r == null) {
        context.report(Finding.builder(FindingCode.INSPECTION_DEADLINE_EXCEEDED)
            .message("The " + check.kind() + " check did not finish within the "
                + describe(context.budget()) + " deadline; its result is unknown")
            .remedy("A server is slow or does not answer: see the timeout findings and"
                + " observations, or allow a longer deadline.")
            .method(check.method())
            .evidence(Perspective.inspector(), check.describe(request.domain()))
            .build());
        r = CheckResult.of(check, CheckResult.Status.UNDECIDED, context.budget());
      }
      results.add(r);
    }
    context.close();
    List<Finding> findings = new ArrayList<>(context.findings);
    findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code));
    Verdict verdict = verdict(findings, results);
    return InspectionReport.builder()
        .request(request)
        .verdict(verdict)
        .findings(findings)
        .observations(context.observations)
        .checkResults(results)
        .startedAt(start)
        .duration(Duration.ofNanos(System.nanoTime() - startNanos))
        .build();
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

  @Override
  public void close() {
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
