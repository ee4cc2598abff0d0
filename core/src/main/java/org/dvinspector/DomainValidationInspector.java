package org.dvinspector;

import org.dvinspector.spi.Text;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.dvinspector.internal.Engine;
import org.dvinspector.internal.HostExecutor;
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
 * <p><b>Admission.</b> At most {@linkplain Builder#maxConcurrentInspections(int)
 * maxConcurrentInspections} inspections run at once (default 128); the others wait in order of submission for a slot,
 * at most the {@linkplain Builder#admissionTimeout(Duration) admission timeout} (default 5
 * minutes), after which they complete UNKNOWN with {@link FindingCode#INSPECTOR_LIMIT_REACHED}.
 * An inspection's deadline counts from its admission, not from its submission, so a burst of
 * submissions waits instead of spending its deadlines in a queue.
 *
 * <p><b>Threads.</b> Every stage returned by {@link #inspectAsync} completes on the {@linkplain
 * Builder#executor(Executor) host's executor} (when the host gives none, on the inspector's own
 * pool), never on an internal timer or I/O thread. The inspector starts these threads, all of them
 * daemon threads, so a forgotten {@link #close()} does not keep the JVM alive:
 * <ul>
 *   <li>{@code dvinspector-worker-N}: a pool of {@code max(2, cores)} threads, only when the host
 *       gives no executor;
 *   <li>{@code dvinspector-timer-1}: deadlines, admission timeouts and modules' delays;
 *   <li>the {@code dns} module's queries run on dnsjava's NIO selector thread ({@code dnsjava NIO
 *       selector}, started once per JVM by dnsjava);
 *   <li>the {@code http} module's {@code dvinspector-http-N} threads (OkHttp's dispatcher) and
 *       OkHttp's {@code OkHttp TaskRunner} threads.
 * </ul>
 * {@link MultiPerspectiveInspector} adds {@code dvinspector-perspectives-1} unless the host gives
 * it a scheduler.
 *
 * <p><b>Closing.</b> {@link #close()} ends every inspection in flight or waiting for admission:
 * its stage completes with an UNKNOWN report holding {@link FindingCode#INSPECTOR_CLOSED} (and
 * what was seen until then). After {@code close()}, {@link #inspectAsync} and {@link #inspect}
 * throw {@code IllegalStateException("inspector is closed")}. {@code inspect} never blocks past
 * the admission timeout plus the deadline plus a few seconds: if the report has not been handed
 * over by then (an executor that does not run its tasks), it returns an UNKNOWN report that says
 * so.
 */
public final class DomainValidationInspector implements AutoCloseable {
  private final Engine engine;

  private DomainValidationInspector(Builder b) {
    this.engine = new Engine(
        b.resolveModules(), b.networkPolicy, b.clock, b.executor, b.listenerFactory,
        b.maxConcurrentInspections, b.admissionTimeout);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Inspects, waiting for the report. Returns by the request's deadline counted from admission
   * (plus, when the inspector is busy, the wait for admission, and a small margin).
   *
   * @throws MissingModuleException if a check needs a module this inspector lacks
   * @throws IllegalStateException if the inspector is closed
   */
  public InspectionReport inspect(InspectionRequest request) {
    return Await.report(inspectAsync(request), request, waitBound(request));
  }

  /** The longest an inspection can take from submission: admission wait plus deadline. */
  Duration waitBound(InspectionRequest request) {
    return engine.admissionTimeout().plus(request.deadline().orElse(networkPolicy().deadline()));
  }

  /** The executor stages complete on. */
  HostExecutor executor() {
    return engine.executor();
  }

  /**
   * Starts an inspection; the stage completes (normally, never exceptionally) with the report by
   * the deadline, on the host's executor.
   *
   * @throws MissingModuleException if a check needs a module this inspector lacks
   * @throws IllegalStateException if the inspector is closed
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

  /** Most inspections running at once; the others wait for admission. */
  public int maxConcurrentInspections() {
    return engine.maxConcurrentInspections();
  }

  /** How long an inspection may wait for admission before it completes UNKNOWN. */
  public Duration admissionTimeout() {
    return engine.admissionTimeout();
  }

  /**
   * Ends every inspection in flight or waiting (UNKNOWN, {@link FindingCode#INSPECTOR_CLOSED}),
   * then stops the modules and the threads this inspector created. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** Builds a {@link DomainValidationInspector}. Not thread-safe. */
  public static final class Builder {
    /** Modules added with {@link #addModule}, by id, in order. */
    private final Map<String, InspectorModule> explicit = new LinkedHashMap<>();
    /** A second explicit module for an id already taken: reported by {@link #build()}. */
    private final List<String> conflicts = new ArrayList<>();
    /** Modules found by {@link #findAndAddModules()}, by id, one per implementation class. */
    private final Map<String, List<InspectorModule>> discovered = new LinkedHashMap<>();
    /** Every id in the order first seen (explicit or discovered): the order of {@code moduleIds()}. */
    private final Set<String> order = new LinkedHashSet<>();
    private int maxConcurrentInspections = Engine.DEFAULT_MAX_CONCURRENT_INSPECTIONS;
    private Duration admissionTimeout = Engine.DEFAULT_ADMISSION_TIMEOUT;
    private NetworkPolicy networkPolicy = NetworkPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private @Nullable Executor executor;
    private InspectionListener.Factory listenerFactory = request -> InspectionListener.NONE;

    Builder() {}

    /**
     * Adds a module, typically one configured by the host (e.g. {@code
     * HttpModule.builder().client(myClient).build()}). A module added here always replaces a
     * module with the same id found by {@link #findAndAddModules()}, whichever is called first.
     * Adding the same instance twice is harmless; two different modules with the same id make
     * {@link #build()} fail.
     */
    public Builder addModule(InspectorModule module) {
      Objects.requireNonNull(module, "module");
      String id = module.id();
      InspectorModule present = explicit.get(id);
      if (present == null) {
        explicit.put(id, module);
        order.add(id);
      } else if (present != module) {
        conflicts.add("addModule was given two modules with the id '" + Text.escape(id) + "' ("
            + describe(present) + " and " + describe(module) + "); add only one");
      }
      return this;
    }

    /**
     * Adds every module found by {@link ServiceLoader} on the class path or module path, in order
     * of module id. A module added with {@link #addModule} wins over a found one with the same id,
     * whether it was added before or after; calling this twice finds the same modules once.
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
      for (InspectorModule m : found) {
        List<InspectorModule> same = discovered.computeIfAbsent(m.id(), k -> new ArrayList<>());
        if (same.stream().noneMatch(o -> o.getClass().equals(m.getClass()))) {
          same.add(m);
        }
        order.add(m.id());
      }
      return this;
    }

    /**
     * Most inspections that run at once (default 128). Further submissions wait, in order, for a slot;
     * an inspection's deadline counts from the moment it gets one. Together with {@link
     * NetworkPolicy#maxConcurrentQueries()} and {@link NetworkPolicy#maxConcurrentConnections()}
     * this bounds the inspector's memory, sockets and load on the DNS and web servers, whatever
     * the host submits at once.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxConcurrentInspections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrentInspections must be at least 1, got " + max);
      }
      this.maxConcurrentInspections = max;
      return this;
    }

    /**
     * How long a submitted inspection may wait for admission (default 5 minutes). One that waits
     * longer completes UNKNOWN with {@link FindingCode#INSPECTOR_LIMIT_REACHED}, which names this
     * limit; a bulk job that submits everything at once sets it to cover the whole job.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder admissionTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("admissionTimeout must be positive, got " + timeout);
      }
      this.admissionTimeout = timeout;
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

    /**
     * Builds the inspector and starts its modules.
     *
     * @throws IllegalStateException if two modules have the same id: two different ones given to
     *     {@link #addModule}, or two implementations found on the class path with no explicit
     *     module for that id
     */
    public DomainValidationInspector build() {
      return new DomainValidationInspector(this);
    }

    /** The modules in order: explicit ones win; two for one id are an error. */
    List<InspectorModule> resolveModules() {
      List<String> problems = new ArrayList<>(conflicts);
      List<InspectorModule> out = new ArrayList<>();
      for (String id : order) {
        InspectorModule chosen = explicit.get(id);
        if (chosen == null) {
          List<InspectorModule> found = discovered.getOrDefault(id, List.of());
          if (found.size() > 1) {
            StringBuilder b = new StringBuilder("findAndAddModules found ").append(found.size())
                .append(" modules with the id '").append(Text.escape(id)).append("' (");
            for (int i = 0; i < found.size(); i++) {
              b.append(i == 0 ? "" : " and ").append(describe(found.get(i)));
            }
            problems.add(b.append("); keep one of them on the class path, or choose one with")
                .append(" addModule").toString());
            continue;
          }
          chosen = found.get(0);
        }
        out.add(chosen);
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("Cannot build the inspector: " + String.join("; ", problems));
      }
      return out;
    }

    private static String describe(InspectorModule m) {
      String where = "";
      try {
        java.security.CodeSource source = m.getClass().getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
          where = " from " + source.getLocation();
        }
      } catch (SecurityException e) {
        // Where it came from is only a hint.
      }
      return m.getClass().getName() + where;
    }
  }
}
