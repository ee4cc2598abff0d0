package org.dvinspector;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.dvinspector.internal.Engine;
import org.dvinspector.spi.InspectorModule;
import org.jspecify.annotations.Nullable;

/**
 * Predicts whether a certificate authority's domain-control validation would pass, and says why
 * not.
 *
 * <pre>{@code
 * try (DomainValidationInspector inspector = DomainValidationInspector.builder()
 *     .findAndAddModules()
 *     .build()) {
 *   InspectionReport report = inspector.inspect(InspectionRequest.builder()
 *       .domain("www.example.com")
 *       .addChecks(DnsTxtCheck.of("_dnsauth", "token"), CaaCheck.forIssuers("digicert.com"))
 *       .build());
 *   report.verdict();
 * }
 * }</pre>
 *
 * <p>An inspector is immutable, thread-safe and meant to be reused for many inspections. Each
 * inspection runs its independent questions concurrently and returns by its deadline: work that
 * did not finish becomes a finding, network trouble becomes a finding, and no exception escapes
 * {@link #inspect} for either. Bad input is rejected when the request is built; a request that
 * needs a module the inspector lacks fails at once with {@link MissingModuleException}.
 *
 * <p>Close the inspector to stop the threads it created (none when the host gives an executor).
 */
public final class DomainValidationInspector implements AutoCloseable {
  private final Engine engine;

  private DomainValidationInspector(Builder b) {
    this.engine = new Engine(
        new ArrayList<>(b.modules.values()), b.networkPolicy, b.clock, b.executor,
        b.listenerFactory);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Inspects, waiting for the report. Returns by the request's deadline (plus a small margin).
   *
   * @throws MissingModuleException if a check needs a module this inspector lacks
   */
  public InspectionReport inspect(InspectionRequest request) {
    return Await.report(inspectAsync(request), request.domain());
  }

  /**
   * Starts an inspection; the stage completes (normally, never exceptionally) with the report by
   * the deadline.
   *
   * @throws MissingModuleException if a check needs a module this inspector lacks
   */
  public CompletionStage<InspectionReport> inspectAsync(InspectionRequest request) {
    Objects.requireNonNull(request, "request");
    return engine.inspect(request);
  }

  /** Ids of the modules this inspector has, in order. */
  public List<String> moduleIds() {
    return engine.moduleIds();
  }

  /** The network policy in force. */
  public NetworkPolicy networkPolicy() {
    return engine.networkPolicy();
  }

  /** Stops the modules and the threads this inspector created. */
  @Override
  public void close() {
    engine.close();
  }

  /** Builds a {@link DomainValidationInspector}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, InspectorModule> modules = new LinkedHashMap<>();
    private NetworkPolicy networkPolicy = NetworkPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;
    private InspectionListener.Factory listenerFactory = request -> InspectionListener.NONE;

    Builder() {}

    /**
     * Adds a module. A module whose id is already present is ignored (the first one wins), so
     * explicit modules can be added before {@link #findAndAddModules()}.
     */
    public Builder addModule(InspectorModule module) {
      Objects.requireNonNull(module, "module");
      modules.putIfAbsent(module.id(), module);
      return this;
    }

    /**
     * Adds every module found by {@link ServiceLoader} on the class path or module path, in order
     * of module id; modules already present (by id) are kept.
     */
    public Builder findAndAddModules() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      return findAndAddModules(
          loader != null ? loader : DomainValidationInspector.class.getClassLoader());
    }

    /** Like {@link #findAndAddModules()}, with the given class loader. */
    public Builder findAndAddModules(ClassLoader loader) {
      List<InspectorModule> found = new ArrayList<>();
      ServiceLoader<InspectorModule> sl = DomainValidationInspector.class.getModule().isNamed()
          ? ServiceLoader.load(InspectorModule.class)
          : ServiceLoader.load(InspectorModule.class, loader);
      sl.forEach(found::add);
      found.sort(Comparator.comparing(InspectorModule::id));
      found.forEach(this::addModule);
      return this;
    }

    /** The network policy (default: {@link NetworkPolicy#defaults()}). */
    public Builder networkPolicy(NetworkPolicy policy) {
      this.networkPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The executor for completions and CPU work. The host keeps ownership. By default the
     * inspector creates a small pool of daemon threads and stops it on {@link #close()}.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** One listener for every inspection. */
    public Builder listener(InspectionListener listener) {
      Objects.requireNonNull(listener, "listener");
      this.listenerFactory = request -> listener;
      return this;
    }

    /** A listener per inspection. */
    public Builder listenerFactory(InspectionListener.Factory factory) {
      this.listenerFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Builds the inspector and starts its modules. */
    public DomainValidationInspector build() {
      return new DomainValidationInspector(this);
    }
  }
}
