package org.dvinspector;

import org.dvinspector.spi.Text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvinspector.internal.HostExecutor;
import org.dvinspector.spi.RemotePerspective;
import org.jspecify.annotations.Nullable;

/**
 * Runs an inspection from the primary perspective (a {@link DomainValidationInspector}) and, at
 * the same time, from every {@link RemotePerspective} the host supplies, then predicts whether the
 * CA's multi-perspective issuance corroboration (BR 3.2.2.9) would pass.
 *
 * <pre>{@code
 * try (MultiPerspectiveInspector mpic = MultiPerspectiveInspector.builder(inspector)
 *     .addRemotePerspective(euAgent)
 *     .addRemotePerspective(apAgent)
 *     .build()) {
 *   InspectionReport report = mpic.inspect(request);   // includes QUORUM_NOT_MET etc.
 * }
 * }</pre>
 *
 * <p>The report is the primary inspection's report with the remote perspectives' observations
 * added, each perspective's {@linkplain InspectionReport#perspectiveOutcomes() outcome}, the
 * {@linkplain InspectionReport#corroboration() corroboration} and its findings ({@link
 * FindingCode#QUORUM_NOT_MET}, {@link FindingCode#QUORUM_UNDECIDED}, {@link
 * FindingCode#PERSPECTIVES_DISAGREE}, {@link FindingCode#PERSPECTIVES_INSUFFICIENT}), and a
 * {@link FindingCode#REMOTE_PERSPECTIVE_FAILED} finding for each perspective that gave no answer.
 * The verdict becomes NOT_READY when the quorum would fail, and UNKNOWN (never READY) when it
 * hangs on perspectives that gave no answer. Every remote perspective gets the request's
 * deadline; one that has not answered by then counts as not corroborating. The quorum policy is
 * the BR's at the inspection date unless the host sets one.
 *
 * <p>Thread-safe and reusable. Stages complete on the primary inspector's executor (the host's,
 * when it gave one). Closing it completes the inspections in flight as UNKNOWN with {@link
 * FindingCode#INSPECTOR_CLOSED} and stops its timer thread (none when the host gives a
 * scheduler); afterwards {@link #inspectAsync} throws {@code IllegalStateException}. The primary
 * inspector stays open: the host owns it.
 */
public final class MultiPerspectiveInspector implements AutoCloseable {
  private final DomainValidationInspector primary;
  private final List<RemotePerspective> remotes;
  private final @Nullable QuorumPolicy policy;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final Set<Pending> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An inspection in flight, for {@link #close()}. */
  private record Pending(InspectionRequest request, Instant start, long startNanos,
      CompletableFuture<InspectionReport> result) {}

  private MultiPerspectiveInspector(Builder b) {
    this.primary = b.primary;
    this.remotes = List.copyOf(b.remotes);
    this.policy = b.policy;
    this.clock = b.clock;
    ScheduledExecutorService s = b.scheduler;
    if (s == null) {
      AtomicInteger n = new AtomicInteger();
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "dvinspector-perspectives-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
      this.scheduler = timer;
      this.ownsScheduler = true;
    } else {
      this.scheduler = s;
      this.ownsScheduler = false;
    }
  }

  /** A builder around the primary inspector. */
  public static Builder builder(DomainValidationInspector primary) {
    return new Builder(primary);
  }

  /** The remote perspectives, in the order added. */
  public List<RemotePerspective> remotePerspectives() {
    return remotes;
  }

  /**
   * Inspects from every perspective, waiting for the report (by the request's deadline plus the
   * time to combine the results).
   *
   * @throws MissingModuleException if a check needs a module the primary inspector lacks
   */
  public InspectionReport inspect(InspectionRequest request) {
    return Await.report(inspectAsync(request), request, primary.waitBound(request));
  }

  /**
   * Starts the inspection from every perspective; the stage completes normally with the combined
   * report.
   *
   * @throws MissingModuleException if a check needs a module the primary inspector lacks
   * @throws IllegalStateException if this or the primary inspector is closed
   */
  public CompletionStage<InspectionReport> inspectAsync(InspectionRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new IllegalStateException("inspector is closed");
    }
    Instant start = clock.instant();
    Duration budget = request.deadline().orElse(primary.networkPolicy().deadline());
    CompletableFuture<InspectionReport> primaryStage =
        primary.inspectAsync(request).toCompletableFuture();
    List<CompletableFuture<PerspectiveOutcome>> remoteStages = new ArrayList<>();
    for (RemotePerspective r : remotes) {
      remoteStages.add(runRemote(r, request, budget));
    }
    QuorumPolicy quorum = policy != null ? policy
        : QuorumPolicy.baselineRequirements(start.atOffset(ZoneOffset.UTC).toLocalDate());
    List<CompletableFuture<?>> all = new ArrayList<>(remoteStages);
    all.add(primaryStage);
    CompletableFuture<InspectionReport> result = new CompletableFuture<>();
    Pending pending = new Pending(request, start, System.nanoTime(), result);
    inFlight.add(pending);
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).whenComplete((v, e) -> {
      // Combine on the host's executor: the last stage may have completed on the timer thread.
      HostExecutor executor = primary.executor();
      List<Finding> rejected = new CopyOnWriteArrayList<>();
      executor.execute(() -> {
        try {
          result.complete(combine(primaryStage.join(), remoteStages, quorum, rejected));
        } catch (RuntimeException | Error error) {
          result.completeExceptionally(error);
        } finally {
          inFlight.remove(pending);
        }
      }, r -> rejected.add(executor.rejected(
          "combining the perspectives of " + request.domain(), r)));
    });
    if (closed) {
      // close() ran while this was being set up and may have missed it.
      closeOne(pending);
    }
    return result;
  }

  private CompletableFuture<PerspectiveOutcome> runRemote(
      RemotePerspective r, InspectionRequest request, Duration budget) {
    CompletableFuture<PerspectiveOutcome> result = new CompletableFuture<>();
    ScheduledFuture<?> timer = scheduler.schedule(
        () -> result.complete(PerspectiveOutcome.failed(r.name(), r.rir(),
            "no answer within the " + budget.toMillis() + " ms deadline")),
        Math.max(1, budget.toNanos()), TimeUnit.NANOSECONDS);
    CompletionStage<PerspectiveOutcome> stage;
    try {
      stage = r.inspect(request, budget);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((outcome, error) -> {
      timer.cancel(false);
      if (error != null || outcome == null) {
        Throwable cause = error == null ? new IllegalStateException("no outcome") : unwrap(error);
        result.complete(PerspectiveOutcome.failed(r.name(), r.rir(),
            cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
      } else if (!outcome.name().equals(r.name())) {
        // Keep the names the evaluator reports consistent with the perspectives configured.
        result.complete(PerspectiveOutcome.builder().from(outcome)
            .perspective(PerspectiveOutcome.remote(r.name(), r.rir())).rir(r.rir()).build());
      } else {
        result.complete(outcome);
      }
    });
    return result;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof java.util.concurrent.CompletionException
        || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static InspectionReport combine(
      InspectionReport report, List<CompletableFuture<PerspectiveOutcome>> stages,
      QuorumPolicy quorum, List<Finding> extra) {
    List<PerspectiveOutcome> outcomes = new ArrayList<>();
    for (CompletableFuture<PerspectiveOutcome> s : stages) {
      outcomes.add(s.join());
    }
    Corroboration c = CorroborationEvaluator.evaluate(report, outcomes, quorum);
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.addAll(c.findings());
    for (PerspectiveOutcome o : outcomes) {
      // Why a perspective gave no answer is the host's to fix (an agent down, a wrong key):
      // those findings join the report. The perspective's findings about the domain stay in
      // its outcome (the quorum findings cite them as evidence).
      List<Finding> unanswered = o.findings().stream()
          .filter(f -> f.code() == FindingCode.REMOTE_PERSPECTIVE_FAILED).toList();
      if (unanswered.isEmpty() && o.failure().isPresent()) {
        unanswered = PerspectiveOutcome.failed(o.name(), o.rir(), o.failure().get()).findings();
      }
      findings.addAll(unanswered);
    }
    findings.addAll(extra);
    findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code));
    List<Observation> observations = new ArrayList<>(report.observations());
    long next = 0;
    for (Observation o : report.observations()) {
      next = Math.max(next, o.id());
    }
    for (PerspectiveOutcome o : outcomes) {
      for (Observation remote : o.observations()) {
        // Numbered after the primary's, so ids stay distinct within the report; what a remote
        // question waited for was numbered where it was asked, so those links are dropped.
        observations.add(ImmutableObservation.builder().from(remote).id(++next)
            .causes(List.of()).build());
      }
    }
    Verdict verdict = report.verdict();
    if (c.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
      verdict = Verdict.NOT_READY;
    } else if (verdict == Verdict.READY && quorum.enforced() && c.quorumUndecided()) {
      // The quorum hangs on perspectives that gave no answer: the inspector's own trouble.
      verdict = Verdict.UNKNOWN;
    }
    return InspectionReport.builder().from(report)
        .findings(findings)
        .observations(observations)
        .perspectiveOutcomes(outcomes)
        .corroboration(c)
        .verdict(verdict)
        .build();
  }

  /**
   * Completes the inspections in flight as UNKNOWN ({@link FindingCode#INSPECTOR_CLOSED}) and
   * stops the timer thread this object created, if any. The primary inspector stays open.
   */
  @Override
  public void close() {
    closed = true;
    for (Pending p : List.copyOf(inFlight)) {
      closeOne(p);
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  private void closeOne(Pending p) {
    if (!inFlight.remove(p)) {
      return;
    }
    Finding finding = Finding.builder(FindingCode.INSPECTOR_CLOSED)
        .message("The multi-perspective inspector was closed while inspecting "
            + p.request().domain() + "; the result is unknown")
        .remedy("Close the inspector only after its inspections have finished, or inspect again"
            + " with an inspector that is open.")
        .evidence(Perspective.inspector(), "MultiPerspectiveInspector.close()")
        .build();
    InspectionReport report = Incomplete.report(p.request(), finding, p.start(),
        Duration.ofNanos(System.nanoTime() - p.startNanos()));
    primary.executor().execute(() -> p.result().complete(report));
  }

  /** Builds a {@link MultiPerspectiveInspector}. Not thread-safe. */
  public static final class Builder {
    private final DomainValidationInspector primary;
    private final List<RemotePerspective> remotes = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private @Nullable QuorumPolicy policy;
    private Clock clock = Clock.systemUTC();
    private @Nullable ScheduledExecutorService scheduler;

    Builder(DomainValidationInspector primary) {
      this.primary = Objects.requireNonNull(primary, "primary");
    }

    /**
     * Adds a remote perspective.
     *
     * @throws IllegalArgumentException if another perspective has the same name
     */
    public Builder addRemotePerspective(RemotePerspective remote) {
      Objects.requireNonNull(remote, "remote");
      if (!names.add(remote.name())) {
        throw new IllegalArgumentException(
            "Two remote perspectives are named \"" + Text.escape(remote.name()) + "\"");
      }
      remotes.add(remote);
      return this;
    }

    /** The quorum rules (default: the BR's at the inspection date). */
    public Builder quorumPolicy(QuorumPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock that dates the inspection for the BR quorum phase (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** A scheduler for the remote perspectives' deadlines; the host keeps ownership. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds it.
     *
     * @throws IllegalArgumentException if no remote perspective was added
     */
    public MultiPerspectiveInspector build() {
      if (remotes.isEmpty()) {
        throw new IllegalArgumentException(
            "Add at least one remote perspective; without any, use the inspector directly");
      }
      return new MultiPerspectiveInspector(this);
    }
  }
}
