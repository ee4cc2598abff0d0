package org.dvinspector.dns.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.dns.internal.resolve.Resolver;
import org.dvinspector.dns.internal.validation.PersistCheck;
import org.dvinspector.dns.internal.validation.RecordCheck;
import org.dvinspector.dns.internal.validation.TxtAlsoAtDomain;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/** The started {@code dns} module of one inspector. */
public final class DnsRuntime implements ModuleRuntime {
  private final Resolver resolver;
  private final DnsView view;
  private final AddressLookup hostLookup;

  /** Starts the module with the inspector's collaborators. */
  public DnsRuntime(ModuleServices services) {
    this.resolver = new Resolver(services.networkPolicy(), services.executor(),
        services.scheduler());
    this.view = new DnsView(resolver);
    this.hostLookup = new AddressLookup(view);
  }

  @Override
  public CompletionStage<CheckResult.Status> run(Check check, InspectionContext context) {
    if (check instanceof DnsTxtCheck c) {
      if (c.label().isPresent() && context.profile().dnsRules().txtAlsoAtDomain()) {
        return new TxtAlsoAtDomain(view, context, c).run();
      }
      return RecordCheck.txt(view, context, c, c.recordName(context.domain()),
          c.expectedValue(), c.label()).run();
    }
    if (check instanceof AcmeDns01Check c) {
      return RecordCheck.txt(view, context, c, c.recordName(context.domain()),
          c.expectedValue(), Optional.of(AcmeDns01Check.LABEL)).run();
    }
    if (check instanceof AcmeDnsAccount01Check c) {
      // draft-ietf-acme-dns-account-label-03: dns-01's digest, under the account's own label.
      return RecordCheck.txt(view, context, c, c.recordName(context.domain()),
          c.expectedValue(), Optional.of(c.recordLabels())).run();
    }
    if (check instanceof AcmeDnsPersist01Check c) {
      return PersistCheck.run(view, context, c);
    }
    if (check instanceof DnsCnameCheck c) {
      return RecordCheck.cname(view, context, c, c.recordName(context.domain()),
          c.expectedTarget(), c.label()).run();
    }
    return CompletableFuture.failedFuture(new IllegalArgumentException(
        "The dns module does not run " + check.kind() + " checks"));
  }

  @Override
  public <T> Optional<T> capability(Class<T> type) {
    if (type == CaDnsView.class) {
      return Optional.of(type.cast(view));
    }
    if (type == HostAddressLookup.class) {
      return Optional.of(type.cast(hostLookup));
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    resolver.close();
  }
}
