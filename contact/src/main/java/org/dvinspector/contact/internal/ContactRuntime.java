package org.dvinspector.contact.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dvinspector.policy.BaselineRequirements;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.MissingModuleException;
import org.dvinspector.Perspective;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * The {@code contact} module for one inspector: runs {@link DomainContactCheck}s through the
 * {@code dns} module's {@link CaDnsView} and {@link HostAddressLookup}, looked up when a check
 * runs (modules start in any order).
 */
public final class ContactRuntime implements ModuleRuntime {
  private final ModuleServices services;
  private final ExecutorService smtpThreads;

  /** A runtime using the inspector's collaborators. */
  public ContactRuntime(ModuleServices services) {
    this.services = services;
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "dvinspector-smtp-probe-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    this.smtpThreads = pool;
  }

  @Override
  public CompletionStage<CheckResult.Status> run(Check check, InspectionContext context) {
    if (!(check instanceof DomainContactCheck contact)) {
      throw new IllegalArgumentException(
          "The contact module runs contact checks, not " + check.kind() + " checks");
    }
    if (contact.contactMethod() == Method.PHONE_DOMAIN_CONTACT) {
      return domainContactPhone(context);
    }
    Optional<CaDnsView> view = services.capability(CaDnsView.class);
    Optional<HostAddressLookup> hosts = services.capability(HostAddressLookup.class);
    if (view.isEmpty() || hosts.isEmpty()) {
      MissingModuleException missing =
          new MissingModuleException(check.kind(), "dns", InspectorModule.artifactFor("dns"));
      context.report(Finding.builder(FindingCode.INSPECTION_INTERNAL_ERROR)
          .message(String.valueOf(missing.getMessage()))
          .remedy("Build the inspector with the dns module as well: addModule(new DnsModule()),"
              + " or findAndAddModules() with " + InspectorModule.artifactFor("dns")
              + " on the class path. The contact module asks its questions through it.")
          .method(contact.method())
          .build());
      return CompletableFuture.completedFuture(CheckResult.Status.UNDECIDED);
    }
    return new ContactCheckRun(contact, context, services, view.get(), hosts.get(),
        new SmtpProbe(services.networkPolicy(), smtpThreads)).run();
  }

  /**
   * BR 3.2.2.4.15: the Domain Contact's number comes from WHOIS/RDAP, which the inspector does not
   * read; the method is retired (the policy gates report it), so the check fails from that date.
   */
  private CompletableFuture<CheckResult.Status> domainContactPhone(InspectionContext context) {
    LocalDate today = services.clock().instant().atOffset(ZoneOffset.UTC).toLocalDate();
    boolean retired = BaselineRequirements.retirementOf(Method.PHONE_DOMAIN_CONTACT)
        .map(r -> !today.isBefore(r.mustNotRelyFrom())).orElse(false);
    if (retired) {
      return CompletableFuture.completedFuture(CheckResult.Status.FAILED);
    }
    context.report(Finding.builder(FindingCode.CONTACT_CANDIDATES)
        .severity(org.dvinspector.Severity.WARNING)
        .message("The phone-domain-contact method calls the number of the domain's registrant,"
            + " technical or administrative contact in WHOIS/RDAP, which the inspector does not"
            + " read: its readiness is unknown")
        .remedy("Check the registration data at the registrar; or publish a"
            + " _validation-contactphone TXT record and use phone-txt-contact.")
        .method(Method.PHONE_DOMAIN_CONTACT)
        .evidence(Perspective.inspector(), "WHOIS/RDAP not consulted")
        .build());
    return CompletableFuture.completedFuture(CheckResult.Status.UNDECIDED);
  }

  @Override
  public void close() {
    smtpThreads.shutdownNow();
  }
}
