package org.dvinspector.dns.internal.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dvinspector.CheckResult.Status;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.dns.internal.DnsView;
import org.dvinspector.spi.InspectionContext;

/**
 * A {@code dns-txt} check for a CA that looks at two names ({@link
 * org.dvinspector.DnsRules#txtAlsoAtDomain()}): {@code <label>.<domain>} first and, when the value
 * is not there, {@code <domain>} itself (DigiCert's RandomValueHandler). The check passes when
 * either name passes; the findings shown are those of the name that decides, with a note about the
 * other.
 */
public final class TxtAlsoAtDomain {
  private final DnsView view;
  private final InspectionContext context;
  private final DnsTxtCheck check;

  /** The check {@code check} under a profile whose DNS rules look at the domain too. */
  public TxtAlsoAtDomain(DnsView view, InspectionContext context, DnsTxtCheck check) {
    this.view = view;
    this.context = context;
    this.check = check;
  }

  /** Runs the labelled name, then (if needed) the domain; never fails exceptionally. */
  public CompletableFuture<Status> run() {
    DomainName domain = context.domain().withoutWildcard();
    DomainName labelled = check.recordName(context.domain());
    List<Finding> first = Collections.synchronizedList(new ArrayList<>());
    return RecordCheck.txt(view, context, check, labelled, check.expectedValue(), check.label(),
        first::add).run().thenCompose(s1 -> {
          if (s1 == Status.PASSED || labelled.equals(domain)) {
            first.forEach(context::report);
            return CompletableFuture.completedFuture(s1);
          }
          List<Finding> second = Collections.synchronizedList(new ArrayList<>());
          return RecordCheck.txt(view, context, check, domain, check.expectedValue(),
              Optional.empty(), second::add).run()
              .thenApply(s2 -> merge(labelled, domain, s1, first, s2, second));
        });
  }

  private Status merge(DomainName labelled, DomainName domain, Status s1, List<Finding> first,
      Status s2, List<Finding> second) {
    String ca = context.profile().displayName();
    if (s2 == Status.PASSED) {
      // The CA finds the value at the domain: what the labelled name lacks does not matter to it.
      second.forEach(context::report);
      context.report(Finding.builder(FindingCode.DNS_RECORD_AT_WRONG_NAME)
          .severity(Severity.INFO)
          .method(check.method())
          .message("The TXT record with the expected value is at " + domain + " itself, not at "
              + labelled + "; " + ca + " looks at " + labelled + " first and then at " + domain
              + ", so it validates (" + summary(first) + " at " + labelled + ")")
          .remedy("Nothing to fix for " + ca + ". Another CA, or a console that checks only "
              + labelled + ", would not find it there.")
          .attribute("name", labelled.ascii())
          .attribute("foundAt", domain.ascii())
          .attribute("expected", check.expectedValue())
          .evidence(Perspective.inspector(), "TXT " + domain + ": passes; TXT " + labelled + ": "
              + summary(first))
          .build());
      return Status.PASSED;
    }
    boolean undecided = s1 == Status.UNDECIDED || s2 == Status.UNDECIDED;
    for (Finding f : first) {
      // While the other name's result is unknown, the labelled name's failure decides nothing.
      context.report(undecided && f.severity() == Severity.ERROR
          ? Finding.builder(f.code()).from(f).severity(Severity.WARNING).build() : f);
    }
    context.report(Finding.builder(FindingCode.DNS_RECORD_MISSING)
        .severity(Severity.INFO)
        .method(check.method())
        .message(ca + " also looks at " + domain + " itself when " + labelled + " does not hold"
            + " the value; it is not there either (" + summary(second) + ")")
        .remedy("Create the record at " + labelled + " as the other findings say (" + ca
            + " would also accept it at " + domain + ").")
        .attribute("name", domain.ascii())
        .attribute("expected", check.expectedValue())
        .evidence(Perspective.inspector(), "TXT " + domain + ": " + summary(second))
        .build());
    return undecided ? Status.UNDECIDED : Status.FAILED;
  }

  /** The first error (or warning) of a name's findings, in a few words (already escaped). */
  private static String summary(List<Finding> findings) {
    List<Finding> copy;
    synchronized (findings) {
      copy = new ArrayList<>(findings);
    }
    for (Severity s : new Severity[] {Severity.ERROR, Severity.WARNING}) {
      for (Finding f : copy) {
        if (f.severity() == s) {
          return f.code() + ": " + shorten(f.message());
        }
      }
    }
    return "no value found";
  }

  private static String shorten(String message) {
    return message.length() <= 200 ? message : message.substring(0, 199) + "…";
  }
}
