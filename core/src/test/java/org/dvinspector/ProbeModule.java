package org.dvinspector;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * A module for engine tests: its {@link ProbeCheck} says how the check ends (pass, fail with an
 * ERROR finding, never finish, throw). Registered for ServiceLoader in test resources.
 */
public final class ProbeModule implements InspectorModule {
  /** What each check found in its inspection's shared state (see {@link InspectionContext#shared}). */
  static final java.util.List<Shared> SHARED = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final java.util.concurrent.atomic.AtomicLong SHARED_MADE =
      new java.util.concurrent.atomic.AtomicLong();

  /** The number of the shared value a check saw, and the value itself, weakly. */
  record Shared(long number, java.lang.ref.WeakReference<long[]> value) {}

  @Override
  public String id() {
    return "probe";
  }

  @Override
  public ModuleRuntime start(ModuleServices services) {
    return new ModuleRuntime() {
      @Override
      public CompletionStage<CheckResult.Status> run(Check check, InspectionContext context) {
        ProbeCheck probe = (ProbeCheck) check;
        long[] shared = context.shared(ProbeModule.class, long[].class,
            () -> new long[] {SHARED_MADE.incrementAndGet()});
        SHARED.add(new Shared(shared[0], new java.lang.ref.WeakReference<>(shared)));
        context.observe(Observation.of(Perspective.inspector(), "probe " + probe.behaviour(),
            Observation.Outcome.ANSWER, "ok", java.time.Duration.ZERO));
        switch (probe.behaviour()) {
          case PASS:
            return CompletableFuture.completedFuture(CheckResult.Status.PASSED);
          case FAIL:
            context.report(Finding.builder(FindingCode.DNS_RECORD_MISSING)
                .message("probe failed").build());
            return CompletableFuture.completedFuture(CheckResult.Status.FAILED);
          case HANG:
            return new CompletableFuture<>();
          case THROW:
            throw new IllegalStateException("probe exploded");
          case FAIL_LATER:
            return CompletableFuture.failedFuture(new IllegalArgumentException("async boom"));
          case PASS_LATER:
            // Completes on the inspector's timer thread, as a module's timeout or delay does.
            CompletableFuture<CheckResult.Status> later = new CompletableFuture<>();
            services.scheduler().schedule(() -> later.complete(CheckResult.Status.PASSED),
                100, java.util.concurrent.TimeUnit.MILLISECONDS);
            return later;
          case PASS_VIA_EXECUTOR:
            return CompletableFuture.supplyAsync(() -> CheckResult.Status.PASSED,
                services.executor());
          default:
            throw new AssertionError();
        }
      }

      @Override
      public <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
      }
    };
  }

  /** How a probe check ends. */
  public enum Behaviour { PASS, FAIL, HANG, THROW, FAIL_LATER, PASS_LATER, PASS_VIA_EXECUTOR }

  /** A check for the probe module. */
  public static final class ProbeCheck implements Check {
    private final Behaviour behaviour;
    private final Method method;

    ProbeCheck(Behaviour behaviour) {
      this(behaviour, Method.DNS_TXT);
    }

    ProbeCheck(Behaviour behaviour, Method method) {
      this.behaviour = behaviour;
      this.method = method;
    }

    Behaviour behaviour() {
      return behaviour;
    }

    @Override
    public Optional<Method> method() {
      return Optional.of(method);
    }

    @Override
    public String moduleId() {
      return "probe";
    }

    @Override
    public String kind() {
      return "probe-" + behaviour.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String describe(DomainName domain) {
      return kind() + " " + domain;
    }
  }
}
