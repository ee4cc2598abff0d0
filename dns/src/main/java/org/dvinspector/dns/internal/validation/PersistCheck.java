package org.dvinspector.dns.internal.validation;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.CheckResult.Status;
import org.dvinspector.DnsPersistRecord;
import org.dvinspector.DomainName;
import org.dvinspector.dns.internal.DnsView;
import org.dvinspector.spi.InspectionContext;

/**
 * dns-persist-01 run the way the CA runs it: the {@link RecordCheck} flow (every authoritative
 * server, aliases followed, the resolver's view beside) with a {@link PersistExpectation}, and a
 * warning after a pass when the authorizing record expires soon.
 */
public final class PersistCheck {
  private PersistCheck() {}

  /** Runs the check; never completes exceptionally for network or data problems. */
  public static CompletableFuture<Status> run(DnsView view, InspectionContext context,
      AcmeDnsPersist01Check check) {
    DomainName domain = context.domain();
    DomainName recordName = check.recordName(domain);
    String suggested = check.suggestedValue(domain, context.profile()).orElse("");
    PersistExpectation expectation = new PersistExpectation(
        check.effectiveIssuerDomainNames(context.profile()), check.accountUri(),
        domain.isWildcard(), context.services().clock().instant(), suggested);
    RecordCheck record = new RecordCheck(view, context, check, recordName,
        Optional.of(DnsPersistRecord.LABEL), expectation, context::report);
    return record.run().thenApply(status -> {
      if (status == Status.PASSED) {
        PersistFindings.expiring(context, recordName, expectation);
      }
      return status;
    });
  }
}
