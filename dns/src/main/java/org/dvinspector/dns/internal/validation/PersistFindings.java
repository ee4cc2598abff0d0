package org.dvinspector.dns.internal.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.DnsPersistRecord;
import org.dvinspector.DnsPersistRecord.Judgement;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.internal.validation.Hops.Hop;
import org.dvinspector.dns.internal.validation.Hops.Seen;
import org.dvinspector.spi.InspectionContext;

/**
 * The words of dns-persist-01: a finding for each way the {@code _validation-persist} records
 * fail this CA (another CA's record only, a malformed record, another account, no {@code
 * policy=wildcard} for a wildcard, an expired {@code persistUntil}), and a warning when the
 * authorizing record expires soon.
 */
final class PersistFindings {
  /** How far ahead an authorizing record's {@code persistUntil} is worth a warning. */
  static final Duration EXPIRING_WITHIN = Duration.ofDays(30);

  private final DnsFindings findings;
  private final PersistExpectation expectation;

  PersistFindings(DnsFindings findings, PersistExpectation expectation) {
    this.findings = findings;
    this.expectation = expectation;
  }

  /**
   * The servers in {@code withRecords} serve TXT records at the hop's name, none of which
   * authorizes the validation: one finding per judgement met among the records that name this CA,
   * or the issuer mismatch when none does.
   */
  void mismatch(Hop h, List<Seen> missing, List<Seen> withRecords,
      Optional<DomainName> aliasFrom) {
    DomainName zone = h.zone().zone();
    // Every distinct record text the servers serve, with who serves it.
    Map<String, List<Seen>> servedBy = new LinkedHashMap<>();
    for (Seen s : withRecords) {
      for (DnsRecord r : expectation.at(s.answer().answer(), h.name())) {
        servedBy.computeIfAbsent(r.joinedStrings(), k -> new ArrayList<>()).add(s);
      }
    }
    Map<Judgement, List<DnsPersistRecord>> byJudgement = new EnumMap<>(Judgement.class);
    for (String text : servedBy.keySet()) {
      DnsPersistRecord r = DnsPersistRecord.parse(text);
      byJudgement.computeIfAbsent(expectation.judge(r), k -> new ArrayList<>()).add(r);
    }
    String where = h.name() + aliasFrom.map(a -> " (the target of the CNAME at " + a + ")")
        .orElse("");
    boolean reported = false;
    for (Map.Entry<Judgement, List<DnsPersistRecord>> e : byJudgement.entrySet()) {
      if (e.getKey() == Judgement.OTHER_ISSUER || e.getKey() == Judgement.AUTHORIZES) {
        continue;
      }
      for (DnsPersistRecord r : e.getValue()) {
        report(e.getKey(), r, h, zone, where, servedBy.getOrDefault(r.text(), List.of()));
        reported = true;
      }
    }
    if (!reported) {
      issuerMismatch(h, zone, where, byJudgement.getOrDefault(Judgement.OTHER_ISSUER, List.of()),
          missing);
    }
  }

  private void report(Judgement j, DnsPersistRecord r, Hop h, DomainName zone, String where,
      List<Seen> servers) {
    FindingCode code = switch (j) {
      case MALFORMED -> FindingCode.DNS_PERSIST_MALFORMED;
      case ACCOUNT_MISMATCH -> FindingCode.DNS_PERSIST_ACCOUNT_MISMATCH;
      case WILDCARD_NOT_ALLOWED -> FindingCode.DNS_PERSIST_WILDCARD_NOT_ALLOWED;
      case EXPIRED -> FindingCode.DNS_PERSIST_EXPIRED;
      default -> throw new IllegalArgumentException(j.name());
    };
    String edit = "Edit the TXT record at " + h.name() + " (zone " + zone + ", host \""
        + Text.escape(DnsFindings.host(h.name(), zone)) + "\")";
    String remedy = switch (j) {
      case MALFORMED -> edit + " so it reads " + expectation.expectedText() + ": an issuer domain"
          + " name, then \"; accounturi=\" and the account URI, each parameter once, no trailing"
          + " \";\" (persistUntil, when given, is a UNIX time in seconds).";
      case ACCOUNT_MISMATCH -> edit + ": the record authorizes another ACME account. Set accounturi"
          + " to " + Text.quote(expectation.accountUri()) + " (the account that orders), or add a"
          + " second record for it: " + expectation.expectedText()
          + ". Several records at one name are fine.";
      case WILDCARD_NOT_ALLOWED -> edit + ": add \"; policy=wildcard\" so the record covers the"
          + " wildcard (and every name below " + h.name().parent().map(DomainName::ascii)
              .orElse("") + "), e.g. " + expectation.expectedText() + ".";
      default -> edit + ": move persistUntil to a later time, or remove it (a record without it"
          + " does not expire). CAs may not use the record for a new validation after that time.";
    };
    Finding.Builder b = findings.finding(code)
        .message("The TXT record at " + where + " " + explain(j, Optional.of(r), expectation))
        .remedy(remedy)
        .attribute("name", h.name().ascii())
        .attribute("zone", zone.ascii())
        .attribute("found", r.text())
        .attribute("expected", expectation.expectedRaw());
    r.accountUri().ifPresent(a -> b.attribute("accountUri", a));
    r.persistUntil().ifPresent(p -> b.attribute("persistUntil", p));
    r.problem().ifPresent(p -> b.attribute("problem", p));
    for (Seen s : servers) {
      b.evidence(s.answer().perspective(), DnsFindings.detail(s.answer()));
    }
    findings.report(b.build());
  }

  private void issuerMismatch(Hop h, DomainName zone, String where,
      List<DnsPersistRecord> others, List<Seen> missing) {
    Set<String> named = new LinkedHashSet<>();
    for (DnsPersistRecord r : others) {
      named.add(r.issuerDomain().isEmpty() ? "(none)" : r.issuerDomain());
    }
    Finding.Builder b = findings.finding(FindingCode.DNS_PERSIST_ISSUER_MISMATCH)
        .message("The TXT records at " + where + " name " + Text.escape(String.join(", ", named))
            + ", not " + String.join(" or ", expectation.issuers()) + ": the CA ignores records"
            + " for other CAs")
        .remedy(findings.createRecord(h.name(), zone) + ". Records for other CAs may stay.")
        .attribute("name", h.name().ascii())
        .attribute("zone", zone.ascii())
        .attribute("issuers", String.join(",", named))
        .attribute("expected", expectation.expectedRaw());
    for (Seen s : missing) {
      b.evidence(s.answer().perspective(), DnsFindings.detail(s.answer()));
    }
    findings.report(b.build());
  }

  /** What is wrong with a record, in words (escaped), after "The TXT record at NAME ". */
  static String explain(Judgement j, Optional<DnsPersistRecord> record,
      PersistExpectation expectation) {
    String text = record.map(r -> Text.quote(r.text(), 160)).orElse("(none)");
    return switch (j) {
      case MALFORMED -> "names the CA but does not parse: "
          + record.flatMap(DnsPersistRecord::problem).orElse("malformed") + " (" + text + ")";
      case ACCOUNT_MISMATCH -> "authorizes another ACME account: accounturi="
          + record.flatMap(DnsPersistRecord::accountUri).map(Text::quote).orElse("?")
          + ", not " + Text.quote(expectation.accountUri());
      case WILDCARD_NOT_ALLOWED -> "lacks policy=wildcard, so it does not cover a wildcard name"
          + record.flatMap(DnsPersistRecord::policy).map(p -> " (policy=" + Text.quote(p)
              + " counts as no policy)").orElse("") + ": " + text;
      case EXPIRED -> "expired at persistUntil="
          + record.flatMap(DnsPersistRecord::persistUntil).map(Instant::toString).orElse("?")
          + ", before the validation time " + expectation.now() + ": " + text;
      case OTHER_ISSUER -> "names " + record.map(r -> r.issuerDomain().isEmpty() ? "no CA"
          : Text.escape(r.issuerDomain())).orElse("no CA") + ", not "
          + String.join(" or ", expectation.issuers()) + ": " + text;
      case AUTHORIZES -> "authorizes the validation";
    };
  }

  /**
   * After a pass: a warning when every authorizing record expires within {@link
   * #EXPIRING_WITHIN} (a record without {@code persistUntil} never does).
   */
  static void expiring(InspectionContext context, DomainName recordName,
      PersistExpectation expectation) {
    List<DnsPersistRecord> records = expectation.authorizing();
    if (records.isEmpty()) {
      return;
    }
    Instant latest = Instant.MIN;
    for (DnsPersistRecord r : records) {
      if (r.persistUntil().isEmpty()) {
        return;
      }
      if (r.persistUntil().get().isAfter(latest)) {
        latest = r.persistUntil().get();
      }
    }
    Duration left = Duration.between(expectation.now(), latest);
    if (left.compareTo(EXPIRING_WITHIN) > 0) {
      return;
    }
    context.report(Finding.builder(FindingCode.DNS_PERSIST_EXPIRING)
        .method(org.dvinspector.Method.ACME_DNS_PERSIST_01)
        .message("The persistent validation record at " + recordName + " expires at persistUntil="
            + latest + ", in " + Math.max(0, left.toDays()) + " days: validations (renewals) after"
            + " that fail")
        .remedy("Move persistUntil later (or remove it) before " + latest + ", or plan to replace"
            + " the record; validations already done stay usable for the CA's reuse period.")
        .attribute("name", recordName.ascii())
        .attribute("persistUntil", latest)
        .evidence(Perspective.inspector(), "persistUntil " + latest + ", inspected "
            + expectation.now())
        .build());
  }
}
