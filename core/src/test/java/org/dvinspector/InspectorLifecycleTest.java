package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvinspector.ProbeModule.Behaviour;
import org.dvinspector.ProbeModule.ProbeCheck;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closing, blocking bounds, executors, admission and module selection of the inspector. */
final class InspectorLifecycleTest {
  private static final Duration GENEROUS = Duration.ofSeconds(60);

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    for (ExecutorService p : pools) {
      p.shutdownNow();
    }
  }

  private DomainValidationInspector track(DomainValidationInspector i) {
    toClose.add(i);
    return i;
  }

  private ExecutorService hostPool(String prefix) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pools.add(pool);
    return pool;
  }

  private static InspectionRequest request(Duration deadline, Behaviour... behaviours) {
    InspectionRequest.Builder b = InspectionRequest.builder().domain("www.example.com")
        .deadline(deadline);
    for (Behaviour x : behaviours) {
      b.addChecks(new ProbeCheck(x));
    }
    return b.build();
  }

  private static InspectionReport await(CompletionStage<InspectionReport> stage) throws Exception {
    return stage.toCompletableFuture().get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
  }

  // ------------------------------------------------------------------ close

  @Test
  void closeCompletesAnInspectionInFlightAsUnknownWithAClosedFinding() throws Exception {
    DomainValidationInspector inspector =
        DomainValidationInspector.builder().addModule(new ProbeModule()).build();
    CompletionStage<InspectionReport> stage =
        inspector.inspectAsync(request(Duration.ofMinutes(10), Behaviour.HANG, Behaviour.FAIL));

    inspector.close();

    InspectionReport report = await(stage);
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.findings(FindingCode.INSPECTOR_CLOSED)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("inspector was closed"));
    // What was seen before closing stays in the report, and no deadline is blamed.
    assertThat(report.hasFinding(FindingCode.DNS_RECORD_MISSING)).isTrue();
    assertThat(report.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).isFalse();
  }

  @Test
  void closeCompletesInspectionsStillWaitingForAdmission() throws Exception {
    DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new ProbeModule()).maxConcurrentInspections(1).build();
    CompletionStage<InspectionReport> running =
        inspector.inspectAsync(request(Duration.ofMinutes(10), Behaviour.HANG));
    CompletionStage<InspectionReport> waiting =
        inspector.inspectAsync(request(Duration.ofMinutes(10), Behaviour.PASS));

    inspector.close();

    assertThat(await(running).findings(FindingCode.INSPECTOR_CLOSED)).hasSize(1);
    InspectionReport never = await(waiting);
    assertThat(never.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(never.findings(FindingCode.INSPECTOR_CLOSED)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("before the inspection started"));
  }

  @Test
  void aBlockedInspectReturnsWhenAnotherThreadClosesTheInspector() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new ProbeModule())
        .listener(new InspectionListener() {
          @Override
          public void inspectionStarted(InspectionRequest request) {
            started.countDown();
          }
        })
        .build();
    CompletableFuture<InspectionReport> blocked = CompletableFuture.supplyAsync(
        () -> inspector.inspect(request(Duration.ofMinutes(10), Behaviour.HANG)),
        hostPool("caller-"));
    assertThat(started.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    inspector.close();

    InspectionReport report = blocked.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.hasFinding(FindingCode.INSPECTOR_CLOSED)).isTrue();
  }

  @Test
  void afterCloseInspectAsyncAndInspectThrowIllegalState() {
    DomainValidationInspector inspector =
        DomainValidationInspector.builder().addModule(new ProbeModule()).build();
    inspector.close();
    inspector.close(); // idempotent

    InspectionRequest request = request(Duration.ofSeconds(5), Behaviour.PASS);
    assertThatThrownBy(() -> inspector.inspectAsync(request))
        .isInstanceOf(IllegalStateException.class).hasMessage("inspector is closed");
    assertThatThrownBy(() -> inspector.inspect(request))
        .isInstanceOf(IllegalStateException.class).hasMessage("inspector is closed");
  }

  @Test
  void multiPerspectiveInspectorCloseCompletesInFlightAndThenRefuses() throws Exception {
    DomainValidationInspector primary =
        track(DomainValidationInspector.builder().addModule(new ProbeModule()).build());
    MultiPerspectiveInspector mpic = MultiPerspectiveInspector.builder(primary)
        .addRemotePerspective(new SilentPerspective())
        .build();
    CompletionStage<InspectionReport> stage =
        mpic.inspectAsync(request(Duration.ofMinutes(10), Behaviour.PASS));

    mpic.close();

    InspectionReport report = await(stage);
    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.hasFinding(FindingCode.INSPECTOR_CLOSED)).isTrue();
    assertThatThrownBy(() -> mpic.inspectAsync(request(Duration.ofSeconds(5), Behaviour.PASS)))
        .isInstanceOf(IllegalStateException.class).hasMessage("inspector is closed");
  }

  @Test
  void multiPerspectiveStagesCompleteOnTheHostsExecutor() throws Exception {
    DomainValidationInspector primary = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule()).executor(hostPool("host-")).build());
    // The remote answers on a thread of its own; the primary check ends on the timer thread.
    java.util.concurrent.ExecutorService remoteThreads = hostPool("remote-");
    org.dvinspector.spi.RemotePerspective remote = new org.dvinspector.spi.RemotePerspective() {
      @Override
      public String name() {
        return "eu";
      }

      @Override
      public Optional<Rir> rir() {
        return Optional.of(Rir.RIPE_NCC);
      }

      @Override
      public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
        return CompletableFuture.supplyAsync(() -> {
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return PerspectiveOutcome.failed("eu", Optional.of(Rir.RIPE_NCC), "lab: no answer");
        }, remoteThreads);
      }
    };
    MultiPerspectiveInspector mpic = MultiPerspectiveInspector.builder(primary)
        .addRemotePerspective(remote).build();
    toClose.add(mpic);
    List<String> threads = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CompletableFuture<InspectionReport> f = mpic.inspectAsync(
          request(Duration.ofSeconds(5), Behaviour.PASS_LATER)).toCompletableFuture();
      if (!f.isDone()) {
        all.add(f.thenRun(() -> threads.add(Thread.currentThread().getName())));
      }
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("host-"));
  }

  /** A remote perspective that never answers. */
  private static final class SilentPerspective implements org.dvinspector.spi.RemotePerspective {
    @Override
    public String name() {
      return "silent";
    }

    @Override
    public Optional<Rir> rir() {
      return Optional.of(Rir.RIPE_NCC);
    }

    @Override
    public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
      return new CompletableFuture<>();
    }
  }

  // ------------------------------------------------------------------ blocking bound

  @Test
  void inspectReturnsAnUnknownReportWhenTheExecutorNeverRunsItsTasks() {
    // An executor that accepts tasks and never runs them: the stage cannot complete.
    List<Runnable> swallowed = new CopyOnWriteArrayList<>();
    DomainValidationInspector inspector = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule()).executor(swallowed::add)
        .admissionTimeout(Duration.ofMillis(100)).build());

    InspectionReport report = assertTimeoutPreemptively(GENEROUS,
        () -> inspector.inspect(request(Duration.ofMillis(200), Behaviour.PASS)));

    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.findings(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("stopped waiting"));
    assertThat(swallowed).isNotEmpty();
  }

  // ------------------------------------------------------------------ executors

  @Test
  void everyStageCompletesOnTheHostsExecutorEvenWhenChecksEndOnTheTimerThread()
      throws Exception {
    DomainValidationInspector inspector = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule()).executor(hostPool("host-")).build());
    List<String> threads = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Half end when the timer completes the check, half at the deadline (the timer again).
      Behaviour b = i % 2 == 0 ? Behaviour.PASS_LATER : Behaviour.HANG;
      CompletableFuture<InspectionReport> f =
          inspector.inspectAsync(request(Duration.ofMillis(300), b)).toCompletableFuture();
      if (!f.isDone()) {
        all.add(f.thenRun(() -> threads.add(Thread.currentThread().getName())));
      }
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

    assertThat(threads).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("host-"));
  }

  @Test
  void anExecutorThatRejectsWorkIsNamedAsTheHostsNotAsABug() throws Exception {
    java.util.concurrent.Executor rejecting = new java.util.concurrent.Executor() {
      @Override
      public void execute(Runnable command) {
        throw new RejectedExecutionException("queue full");
      }

      @Override
      public String toString() {
        return "BoundedHostPool[queue 0]";
      }
    };
    DomainValidationInspector inspector = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule()).executor(rejecting).build());

    InspectionReport report =
        await(inspector.inspectAsync(request(Duration.ofSeconds(5), Behaviour.PASS_VIA_EXECUTOR)));

    assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(report.hasFinding(FindingCode.INSPECTION_INTERNAL_ERROR)).isFalse();
    assertThat(report.findings(FindingCode.INSPECTOR_LIMIT_REACHED)).isNotEmpty()
        .allSatisfy(f -> assertThat(f.message())
            .contains("the host's executor")
            .contains("BoundedHostPool[queue 0]")
            .contains("queue full")
            .doesNotContain("bug"));
    assertThat(report.findings(FindingCode.INSPECTOR_LIMIT_REACHED))
        .anySatisfy(f -> assertThat(f.message()).contains("probe-pass_via_executor check"));
  }

  // ------------------------------------------------------------------ admission

  @Test
  void theDeadlineCountsFromAdmissionNotFromSubmission() throws Exception {
    DomainValidationInspector inspector = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule()).maxConcurrentInspections(1).build());
    // The first holds the only slot for 1.5 s; the second needs 100 ms and has a 1 s deadline,
    // which would be spent in the queue if it counted from submission.
    CompletionStage<InspectionReport> first =
        inspector.inspectAsync(request(Duration.ofMillis(1500), Behaviour.HANG));
    CompletionStage<InspectionReport> second =
        inspector.inspectAsync(request(Duration.ofSeconds(1), Behaviour.PASS_LATER));

    InspectionReport a = await(first);
    InspectionReport b = await(second);
    assertThat(a.hasFinding(FindingCode.INSPECTION_DEADLINE_EXCEEDED)).isTrue();
    assertThat(b.verdict()).isEqualTo(Verdict.READY);
    assertThat(b.startedAt()).isAfterOrEqualTo(a.startedAt().plus(a.duration()).minusMillis(50));
  }

  @Test
  void aRequestThatWaitsTooLongForAdmissionEndsUnknownNamingTheLimit() throws Exception {
    DomainValidationInspector inspector = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule())
        .maxConcurrentInspections(1)
        .admissionTimeout(Duration.ofMillis(200))
        .build());
    CompletionStage<InspectionReport> holder =
        inspector.inspectAsync(request(Duration.ofSeconds(30), Behaviour.HANG));
    InspectionReport refused =
        await(inspector.inspectAsync(request(Duration.ofSeconds(30), Behaviour.PASS)));

    assertThat(refused.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(refused.findings(FindingCode.INSPECTOR_LIMIT_REACHED)).singleElement()
        .satisfies(f -> assertThat(f.message())
            .contains("maxConcurrentInspections").contains("only inspection slot")
            .contains("200 ms"));
    assertThat(refused.checkResults()).extracting(CheckResult::status)
        .containsExactly(CheckResult.Status.UNDECIDED);
    assertThat(holder.toCompletableFuture().isDone()).isFalse();
  }

  @Test
  void waitingInspectionsRunInOrderOfSubmission() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    DomainValidationInspector inspector = track(DomainValidationInspector.builder()
        .addModule(new ProbeModule())
        .maxConcurrentInspections(1)
        .listener(new InspectionListener() {
          @Override
          public void inspectionFinished(InspectionReport report) {
            order.add(report.request().checks().size());
          }
        })
        .build());
    List<CompletableFuture<InspectionReport>> stages = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      Behaviour[] checks = new Behaviour[n];
      java.util.Arrays.fill(checks, Behaviour.PASS_LATER);
      stages.add(inspector.inspectAsync(request(Duration.ofSeconds(30), checks)).toCompletableFuture());
    }
    CompletableFuture.allOf(stages.toArray(new CompletableFuture<?>[0]))
        .get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertThat(order).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void admissionSettingsRejectNonsense() {
    DomainValidationInspector.Builder b = DomainValidationInspector.builder();
    assertThatThrownBy(() -> b.maxConcurrentInspections(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> b.admissionTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
  }

  // ------------------------------------------------------------------ modules

  /** Another module with the probe module's id, which fails every probe check. */
  private static final class StrictProbeModule implements InspectorModule {
    @Override
    public String id() {
      return "probe";
    }

    @Override
    public ModuleRuntime start(ModuleServices services) {
      return new ModuleRuntime() {
        @Override
        public CompletionStage<CheckResult.Status> run(
            Check check, org.dvinspector.spi.InspectionContext context) {
          return CompletableFuture.completedFuture(CheckResult.Status.FAILED);
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
          return Optional.empty();
        }
      };
    }
  }

  @Test
  void anExplicitModuleWinsOverDiscoveryWhateverTheOrder() {
    InspectionRequest request = request(Duration.ofSeconds(5), Behaviour.PASS);
    DomainValidationInspector after = track(DomainValidationInspector.builder()
        .findAndAddModules()
        .addModule(new StrictProbeModule())
        .build());
    DomainValidationInspector before = track(DomainValidationInspector.builder()
        .addModule(new StrictProbeModule())
        .findAndAddModules()
        .build());
    DomainValidationInspector discovered = track(DomainValidationInspector.builder()
        .findAndAddModules()
        .build());

    // The discovered ProbeModule passes the check; the explicit StrictProbeModule fails it.
    assertThat(discovered.inspect(request).checkResults().get(0).status())
        .isEqualTo(CheckResult.Status.PASSED);
    assertThat(after.inspect(request).checkResults().get(0).status())
        .isEqualTo(CheckResult.Status.FAILED);
    assertThat(before.inspect(request).checkResults().get(0).status())
        .isEqualTo(CheckResult.Status.FAILED);
    assertThat(after.moduleIds()).containsExactly("probe");
  }

  @Test
  void twoExplicitModulesWithOneIdFailAtBuild() {
    DomainValidationInspector.Builder b = DomainValidationInspector.builder()
        .addModule(new ProbeModule())
        .addModule(new StrictProbeModule());
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two modules with the id 'probe'")
        .hasMessageContaining(ProbeModule.class.getName())
        .hasMessageContaining(StrictProbeModule.class.getName());
  }

  @Test
  void theSameModuleAddedTwiceIsHarmless() {
    ProbeModule m = new ProbeModule();
    DomainValidationInspector i = track(DomainValidationInspector.builder()
        .addModule(m).addModule(m).findAndAddModules().findAndAddModules().build());
    assertThat(i.moduleIds()).containsExactly("probe");
  }
}
