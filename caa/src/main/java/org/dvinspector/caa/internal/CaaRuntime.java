package org.dvinspector.caa.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.MissingModuleException;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * The {@code caa} module for one inspector: runs {@link CaaCheck}s through the {@code dns}
 * module's {@link CaDnsView}, looked up when a check runs (modules start in any order).
 */
public final class CaaRuntime implements ModuleRuntime {
  private final ModuleServices services;

  /** A runtime using the inspector's collaborators. */
  public CaaRuntime(ModuleServices services) {
    this.services = services;
  }

  @Override
  public CompletionStage<CheckResult.Status> run(Check check, InspectionContext context) {
    if (!(check instanceof CaaCheck caa)) {
      throw new IllegalArgumentException(
          "The caa module runs CAA checks, not " + check.kind() + " checks");
    }
    Optional<CaDnsView> view = services.capability(CaDnsView.class);
    if (view.isEmpty()) {
      MissingModuleException missing =
          new MissingModuleException(check.kind(), "dns", InspectorModule.artifactFor("dns"));
      context.report(Finding.builder(FindingCode.INSPECTION_INTERNAL_ERROR)
          .message(String.valueOf(missing.getMessage()))
          .remedy("Build the inspector with the dns module as well: addModule(new DnsModule()),"
              + " or findAndAddModules() with " + InspectorModule.artifactFor("dns")
              + " on the class path. The caa module asks CAA questions through it.")
          .build());
      return CompletableFuture.completedFuture(CheckResult.Status.UNDECIDED);
    }
    CaDnsView dns = view.get();
    CaaReporter reporter = new CaaReporter(caa, context);
    CompletableFuture<RelevantSetLookup.Result> search =
        new RelevantSetLookup(dns, context).search(context.domain().withoutWildcard());
    // The report is CPU work: run it on the inspector's executor, not a network thread.
    return search.thenApplyAsync(reporter::report, services.executor());
  }
}
