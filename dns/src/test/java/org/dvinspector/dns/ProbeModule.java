package org.dvinspector.dns;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainName;
import org.dvinspector.Method;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * A module that runs test code inside an inspection, the way another module (caa, http) would
 * use the dns module's capabilities: through {@link ModuleServices#capability(Class)}.
 */
final class ProbeModule implements InspectorModule {
  /** Test code run as a check. */
  interface Probe {
    CompletionStage<CheckResult.Status> run(ModuleServices services, InspectionContext context);
  }

  /** A check that runs a probe. */
  record ProbeCheck(Probe probe) implements Check {
    @Override
    public Optional<Method> method() {
      return Optional.empty();
    }

    @Override
    public String moduleId() {
      return "probe";
    }

    @Override
    public String kind() {
      return "probe";
    }

    @Override
    public String describe(DomainName domain) {
      return "probe of " + domain;
    }
  }

  @Override
  public String id() {
    return "probe";
  }

  @Override
  public ModuleRuntime start(ModuleServices services) {
    return (check, context) -> check instanceof ProbeCheck p
        ? p.probe().run(services, context)
        : CompletableFuture.failedFuture(new IllegalArgumentException("not a probe"));
  }
}
