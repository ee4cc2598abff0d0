package org.dvinspector.caa.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dvinspector.CaaCheck;
import org.dvinspector.CaaRules;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;
import org.dvinspector.caa.CaaDecision;
import org.dvinspector.caa.CaaEvaluator;
import org.dvinspector.caa.CaaIssuance;
import org.dvinspector.caa.CaaRecord;
import org.dvinspector.caa.CaaRecordVerdict;
import org.dvinspector.spi.InspectionContext;

/**
 * Turns a relevant-set search into findings: the set and where it was found, the alias it came
 * through, servers that disagree or fail, and for each set that does not let the CA issue, why
 * and the exact records to add.
 */
final class CaaReporter {
  private final InspectionContext context;
  private final DomainName domain;
  private final CaaRules rules;
  private final List<String> issuers;
  private final String caName;
  private final List<CaaIssuance> issuances;
  /** Findings by code and message: several sets or methods can lead to the same one. */
  private final Map<String, Finding> findings = new LinkedHashMap<>();

  CaaReporter(CaaCheck check, InspectionContext context) {
    this.context = context;
    this.domain = context.domain();
    this.rules = context.profile().caaRules();
    this.issuers = check.effectiveIssuerDomains(context.profile());
    this.caName = check.issuerDomains().isEmpty()
        ? context.profile().displayName() + (issuers.isEmpty() ? "" : " (" + String.join(", ", issuers) + ")")
        : String.join(", ", issuers);
    this.issuances = issuances(check, context);
  }

  /**
   * One issuance per validation method the CA will use: the check's own, or else every method of
   * the request's other checks (each must be permitted), or one with the method unknown.
   */
  private static List<CaaIssuance> issuances(CaaCheck check, InspectionContext context) {
    List<Optional<Method>> methods = new ArrayList<>();
    if (check.validationMethod().isPresent()) {
      methods.add(check.validationMethod());
    } else {
      Set<Method> seen = new LinkedHashSet<>();
      context.request().checks().forEach(c -> c.method().ifPresent(seen::add));
      seen.forEach(m -> methods.add(Optional.of(m)));
    }
    if (methods.isEmpty()) {
      methods.add(Optional.empty());
    }
    List<CaaIssuance> out = new ArrayList<>();
    for (Optional<Method> m : methods) {
      out.add(CaaIssuance.builder()
          .issuerDomains(check.effectiveIssuerDomains(context.profile()))
          .wildcard(context.domain().isWildcard())
          .accountUri(check.accountUri())
          .validationMethod(m)
          .bindValidationMethod(check.validationMethod().isPresent())
          .build());
    }
    return out;
  }

  /** Reports the findings of {@code result} and says how the check ended. */
  CheckResult.Status report(RelevantSetLookup.Result result) {
    boolean failed = reportFailures(result);
    boolean undecided = result.failures().stream().anyMatch(LookupFailure::inspectorsOwn);
    List<RelevantSet> sets = result.sets();
    if (sets.isEmpty() && !failed) {
      undecided = true;
    }
    if (sets.size() > 1) {
      reportSetsDiffer(sets);
    }
    CaaEvaluator evaluator = CaaEvaluator.of(rules);
    for (RelevantSet set : sets) {
      reportSet(set);
      for (CaaIssuance issuance : issuances) {
        CaaDecision d = evaluator.evaluate(set.records(), issuance);
        reportDecision(set, issuance, d);
        if (d.outcome() == CaaDecision.Outcome.FORBIDDEN) {
          failed = true;
        } else if (d.outcome() == CaaDecision.Outcome.UNDETERMINED) {
          undecided = true;
        }
      }
    }
    findings.values().forEach(context::report);
    if (failed) {
      return CheckResult.Status.FAILED;
    }
    return undecided ? CheckResult.Status.UNDECIDED : CheckResult.Status.PASSED;
  }

  private void add(Finding f) {
    findings.putIfAbsent(f.code() + "|" + f.message(), f);
  }

  // ------------------------------------------------------------------ the search

  /**
   * Reports failed lookups; true when a CA would meet a failed lookup: every server of a zone
   * failed at a name the search reached. A server that fails while others answer is a warning (a
   * CA's resolver retries the others); the inspector's own trouble leaves the check undecided.
   */
  private boolean reportFailures(RelevantSetLookup.Result result) {
    List<LookupFailure> fatal = result.failures().stream()
        .filter(LookupFailure::failsTheLookup).collect(Collectors.toList());
    List<LookupFailure> retried = result.failures().stream()
        .filter(f -> !f.inspectorsOwn() && f.othersAnswered()).collect(Collectors.toList());
    List<LookupFailure> own = result.failures().stream()
        .filter(LookupFailure::inspectorsOwn).collect(Collectors.toList());
    if (!fatal.isEmpty()) {
      Set<String> servers = new LinkedHashSet<>();
      Set<String> names = new LinkedHashSet<>();
      fatal.forEach(f -> {
        servers.add(f.perspective().label());
        names.add(f.name().ascii());
      });
      Finding.Builder b = Finding.builder(FindingCode.CAA_LOOKUP_FAILED)
          .message("The CAA lookup of " + String.join(", ", names) + " failed at every"
              + " authoritative server (" + String.join(", ", servers) + "): a CA whose lookup"
              + " fails refuses to issue (RFC 8659 §3, BR 4.2.2.1)")
          .remedy("Make every authoritative nameserver answer CAA queries for "
              + String.join(", ", names) + " (an empty answer is fine): fix or remove the failing"
              + " server. Some DNS servers and firewalls fail on record types they do not know"
              + " (CAA is type 257).")
          .attribute("servers", String.join(", ", servers))
          .attribute("names", String.join(", ", names));
      fatal.forEach(f -> b.evidence(f.perspective(), "CAA " + f.name() + ": " + f.problem()));
      add(b.build());
    }
    if (!retried.isEmpty()) {
      Set<String> servers = new LinkedHashSet<>();
      Set<String> names = new LinkedHashSet<>();
      retried.forEach(f -> {
        servers.add(f.perspective().label());
        names.add(f.name().ascii());
      });
      Finding.Builder b = Finding.builder(FindingCode.CAA_LOOKUP_FAILED)
          .severity(Severity.WARNING)
          .message("CAA for " + String.join(", ", names) + " failed at "
              + String.join(", ", servers) + " while the zone's other servers answered; a CA's"
              + " resolver retries another server, so the lookup still succeeds, but a CA that"
              + " meets only failing servers refuses to issue")
          .remedy("Fix or remove the failing server: every authoritative nameserver should answer"
              + " CAA queries (an empty answer is fine).")
          .attribute("servers", String.join(", ", servers))
          .attribute("names", String.join(", ", names));
      retried.forEach(f -> b.evidence(f.perspective(), "CAA " + f.name() + ": " + f.problem()));
      add(b.build());
    }
    if (!own.isEmpty()) {
      Finding.Builder b = Finding.builder(FindingCode.CAA_LOOKUP_FAILED)
          .severity(Severity.WARNING)
          .message("The CAA lookup for " + domain + " could not be finished by the inspector ("
              + own.get(0).problem() + "); whether CAA allows the CA is unknown")
          .remedy("See the observations: the inspection deadline or the inspector's own network"
              + " or limits stopped the lookup; the domain may be fine.");
      own.forEach(f -> b.evidence(f.perspective(), "CAA " + f.name() + ": " + f.problem()));
      add(b.build());
    }
    return !fatal.isEmpty();
  }

  private void reportSetsDiffer(List<RelevantSet> sets) {
    Finding.Builder b = Finding.builder(FindingCode.CAA_SETS_DIFFER)
        .message("The authoritative servers give " + sets.size() + " different relevant CAA sets"
            + " for " + domain + "; a CA may meet any of them")
        .remedy("Make every nameserver of the zone serve the same CAA records (check that"
            + " secondaries are in sync); until then each set below must allow the CA.")
        .attribute("sets", sets.stream().map(s -> s.describeWhere() + ": " + s.describeRecords())
            .collect(Collectors.joining("\n")));
    for (RelevantSet s : sets) {
      for (Perspective p : s.sortedServers()) {
        b.evidence(p, "CAA at " + s.describeWhere() + ": " + s.describeRecords());
      }
    }
    add(b.build());
  }

  private void reportSet(RelevantSet set) {
    Finding.Builder b = Finding.builder(FindingCode.CAA_RELEVANT_SET)
        .attribute("name", set.requested().ascii())
        .attribute("records", set.records().stream().map(CaaRecord::presentation)
            .collect(Collectors.joining("\n")));
    set.foundAt().ifPresent(at -> b.attribute("foundAt", at.ascii()));
    set.recordOwner().ifPresent(o -> b.attribute("recordOwner", o.ascii()));
    if (!set.aliasChain().isEmpty()) {
      b.attribute("aliasChain", set.aliasChain().stream().map(DomainName::ascii)
          .collect(Collectors.joining(" -> ")));
    }
    if (set.foundAt().isEmpty()) {
      b.message("No CAA records at " + set.requested() + " or any parent domain: CAA lets every"
          + " CA issue (RFC 8659 §3)");
    } else {
      DomainName at = set.foundAt().get();
      String whence = at.equals(set.requested()) ? ""
          : " (inherited: " + set.requested() + " has none of its own)";
      b.message("The relevant CAA set for " + domain + " is at " + set.describeWhere() + whence
          + ": " + set.describeRecords());
    }
    for (Perspective p : set.sortedServers()) {
      b.evidence(p, "CAA " + set.recordOwner().map(DomainName::ascii).orElse(set.requested().ascii())
          + ": " + set.describeRecords());
    }
    add(b.build());

    if (!set.aliasChain().isEmpty() && !set.records().isEmpty()) {
      DomainName at = set.foundAt().orElse(set.requested());
      DomainName owner = set.recordOwner().orElse(at);
      Finding.Builder alias = Finding.builder(FindingCode.CAA_INHERITED_VIA_CNAME)
          .message(at + " is an alias (CNAME) of " + set.aliasChain().stream().map(DomainName::ascii)
              .collect(Collectors.joining(" -> ")) + ", so the CAA records of " + owner
              + " apply to it: " + set.describeRecords())
          .remedy("These records belong to whoever runs the zone of " + owner + " and can change"
              + " without notice. If they do not allow your CA, remove the alias while the"
              + " certificate is issued (the search then continues at "
              + at.parent().map(DomainName::ascii).orElse(at.ascii())
              + ") or ask that operator to add your CA.")
          .attribute("foundAt", at.ascii())
          .attribute("aliasTarget", owner.ascii())
          .attribute("aliasChain", set.aliasChain().stream().map(DomainName::ascii)
              .collect(Collectors.joining(" -> ")));
      for (Perspective p : set.sortedServers()) {
        alias.evidence(p, "CAA " + owner + ": " + set.describeRecords());
      }
      add(alias.build());
    }
  }

  // ------------------------------------------------------------------ the evaluation

  private void reportDecision(RelevantSet set, CaaIssuance issuance, CaaDecision d) {
    DomainName owner = set.recordOwner().orElse(set.requested());
    for (CaaRecord r : d.iodefRecords()) {
      add(Finding.builder(FindingCode.CAA_IODEF)
          .message(owner + " publishes the CAA iodef contact " + Text.quote(r.value())
              + ": CAs may report refused certificate requests there (RFC 8659 §4.4)")
          .attribute("record", r.presentation())
          .attribute("owner", owner.ascii())
          .build());
    }
    for (CaaRecordVerdict v : d.verdicts(CaaRecordVerdict.Status.MALFORMED)) {
      String example = issuers.isEmpty() ? "ca.example" : issuers.get(0);
      add(Finding.builder(FindingCode.CAA_MALFORMED_RECORD)
          .message("The CAA record " + v.record().zoneLine(owner) + " " + v.detail())
          .remedy("Write the value as an issuer domain name, optionally followed by"
              + " \";\"-separated tag=value parameters without a trailing \";\" (RFC 8659 §4.2),"
              + " e.g. \"" + example + "\" or \"" + example + "; validationmethods=dns-01\".")
          .attribute("record", v.record().presentation())
          .attribute("owner", owner.ascii())
          .build());
    }
    for (CaaRecord r : d.unknownCriticalRecords()) {
      boolean strictOnly = (r.flags() & CaaRecord.CRITICAL_FLAG) == 0;
      add(Finding.builder(FindingCode.CAA_UNKNOWN_CRITICAL_TAG)
          .message("The CAA record " + r.zoneLine(owner) + " is critical and its tag "
              + Text.quote(r.tag()) + " is unknown to " + caName + ", which must then refuse to"
              + " issue (RFC 8659 §4.1)"
              + (!strictOnly ? "" : rules.criticalFlagMask() == 0xFF
                  ? "; this CA treats any non-zero flag as critical, not only 128"
                  : "; this CA treats flag " + r.flags() + " as critical, not only 128"))
          .remedy("Set the record's flags to 0 (or remove the record) at " + owner + ".")
          .attribute("record", r.presentation())
          .attribute("owner", owner.ascii())
          .attribute("tag", r.tag())
          .build());
    }
    if (d.authorization() == CaaDecision.Outcome.ALLOWED) {
      return;
    }
    List<CaaRecordVerdict> considered = d.verdicts().stream()
        .filter(v -> v.status() != CaaRecordVerdict.Status.NOT_CONSIDERED)
        .collect(Collectors.toList());
    String why = considered.stream().map(v -> v.record().presentation() + " " + v.detail())
        .collect(Collectors.joining("; "));
    Optional<Method> method = issuance.validationMethod();
    String forWhat = domain + method.map(m -> " with " + m.label() + " ("
        + CaaEvaluator.validationMethodLabel(m) + ")").orElse("");
    Finding.Builder b;
    if (d.authorization() == CaaDecision.Outcome.FORBIDDEN) {
      b = Finding.builder(forbiddingCode(d))
          .message("CAA at " + set.describeWhere() + " does not let " + caName + " issue for "
              + forWhat + ": " + why)
          .remedy(remedy(set, d));
      List<String> lines = d.suggestedZoneLines(owner);
      if (!lines.isEmpty()) {
        b.attribute("suggestedRecords", String.join("\n", lines))
            .attribute("suggestedOwner", owner.ascii());
        alternative(set, d).ifPresent(alt -> b.attribute("alternativeRecords", alt));
      }
    } else {
      b = undeterminedFinding(d).severity(Severity.WARNING)
          .message("Whether CAA at " + set.describeWhere() + " lets " + caName + " issue for "
              + forWhat + " cannot be told: " + why)
          .remedy(undeterminedRemedy(d));
    }
    b.method(method)
        .attribute("governingProperty", d.governingProperty().orElse(""))
        .attribute("records", set.records().stream().map(CaaRecord::presentation)
            .collect(Collectors.joining("\n")))
        .attribute("issuerDomains", String.join(", ", issuers));
    set.foundAt().ifPresent(at -> b.attribute("foundAt", at.ascii()));
    for (Perspective p : set.sortedServers()) {
      b.evidence(p, "CAA " + owner + ": " + set.describeRecords());
    }
    add(b.build());
  }

  private FindingCode forbiddingCode(CaaDecision d) {
    if (!d.verdicts(CaaRecordVerdict.Status.ACCOUNT_URI_MISMATCH).isEmpty()) {
      return FindingCode.CAA_ACCOUNT_URI_MISMATCH;
    }
    if (!d.verdicts(CaaRecordVerdict.Status.METHOD_NOT_PERMITTED).isEmpty()) {
      return FindingCode.CAA_METHOD_NOT_PERMITTED;
    }
    return d.wildcard() && d.governingProperty().filter("issuewild"::equals).isPresent()
        ? FindingCode.CAA_FORBIDS_WILDCARD
        : FindingCode.CAA_FORBIDS_ISSUER;
  }

  private static Finding.Builder undeterminedFinding(CaaDecision d) {
    if (!d.verdicts(CaaRecordVerdict.Status.ISSUER_UNKNOWN).isEmpty()) {
      return Finding.builder(FindingCode.CAA_ISSUER_UNKNOWN);
    }
    if (!d.verdicts(CaaRecordVerdict.Status.ACCOUNT_URI_UNKNOWN).isEmpty()) {
      return Finding.builder(FindingCode.CAA_ACCOUNT_URI_MISMATCH);
    }
    return Finding.builder(FindingCode.CAA_METHOD_NOT_PERMITTED);
  }

  private String undeterminedRemedy(CaaDecision d) {
    List<String> asks = new ArrayList<>();
    if (!d.verdicts(CaaRecordVerdict.Status.ISSUER_UNKNOWN).isEmpty()) {
      asks.add("name the CA's issuer domain (CaaCheck.forIssuers(\"...\") or a profile with CAA"
          + " identities)");
    }
    if (!d.verdicts(CaaRecordVerdict.Status.ACCOUNT_URI_UNKNOWN).isEmpty()) {
      asks.add("give the ACME account URI (CaaCheck.builder().accountUri(...))");
    }
    if (!d.verdicts(CaaRecordVerdict.Status.METHOD_UNKNOWN).isEmpty()) {
      asks.add("give the validation method (a DNS or HTTP check in the request, or"
          + " CaaCheck.builder().validationMethod(...))");
    }
    if (!d.verdicts(CaaRecordVerdict.Status.METHOD_LISTED_BY_BR_LABEL_ONLY).isEmpty()) {
      asks.add("list the method by its ACME name in validationmethods as well, since not every CA"
          + " accepts the ca-tbr- label for ACME methods (BR 4.2.2.1.2 says SHOULD)");
    }
    return "To get a firm answer, " + String.join("; ", asks) + ".";
  }

  /**
   * For a set inherited from a parent: the records that allow the CA for the requested name alone,
   * as a copy of the whole set at that name plus the suggested records. Empty when the set is the
   * name's own, came through an alias, or the name is an alias (no records can go there).
   */
  private static Optional<String> alternative(RelevantSet set, CaaDecision d) {
    Optional<DomainName> at = set.foundAt();
    if (at.isEmpty() || at.get().equals(set.requested()) || !set.aliasChain().isEmpty()
        || set.requestedIsAlias() || d.suggestedRecords().isEmpty()) {
      return Optional.empty();
    }
    List<CaaRecord> own = new ArrayList<>(set.records());
    own.addAll(d.suggestedRecords());
    return Optional.of(own.stream().map(r -> r.zoneLine(set.requested()))
        .collect(Collectors.joining("\n")));
  }

  private String remedy(RelevantSet set, CaaDecision d) {
    DomainName owner = set.recordOwner().orElse(set.requested());
    List<String> lines = d.suggestedZoneLines(owner);
    StringBuilder b = new StringBuilder();
    if (lines.isEmpty()) {
      b.append("No record can be added for a CA whose issuer domain is unknown; name the CA's issuer"
          + " domain in the check.");
      return b.toString();
    }
    String block = "\n  " + String.join("\n  ", lines);
    Optional<DomainName> at = set.foundAt();
    if (!set.aliasChain().isEmpty() && at.isPresent()) {
      b.append(at.get()).append(" is an alias of ").append(owner).append(", whose CAA records apply"
          + " (RFC 8659 §3), and no record can be added at an alias. Ask the operator of ")
          .append(owner).append(" to add:").append(block)
          .append("\nor remove the alias while the certificate is issued, so that the search goes"
              + " on at ").append(at.get().parent().map(DomainName::ascii).orElse(at.get().ascii()))
          .append('.');
    } else if (at.isPresent() && !at.get().equals(set.requested())) {
      b.append("Add to the zone of ").append(owner).append(" (the set is inherited from there):")
          .append(block)
          .append("\nThis also lets ").append(issuers.get(0)).append(" issue for the other names"
              + " under ").append(owner).append(" that have no CAA records of their own.");
      alternative(set, d).ifPresent(alt -> b.append(" To allow it for ").append(set.requested())
          .append(" only, publish instead at ").append(set.requested())
          .append(" the whole set with the new record(s) (a name with its own CAA records does not"
              + " inherit):\n  ").append(alt.replace("\n", "\n  ")));
    } else {
      b.append("Add to the zone of ").append(owner).append(':').append(block);
    }
    if (lines.size() > 1 && d.wildcard()) {
      b.append("\nThe extra issuewild records repeat what the issue records allow today: once any"
          + " issuewild record exists only issuewild records count for wildcard names (RFC 8659"
          + " §4.3), so without them the CAs allowed today would lose wildcard issuance.");
    }
    if (!d.unknownCriticalRecords().isEmpty()) {
      b.append("\nAlso clear the critical flag of the record(s) with an unknown tag (see"
          + " CAA_UNKNOWN_CRITICAL_TAG).");
    }
    return b.toString();
  }
}
