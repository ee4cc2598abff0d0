package org.dvinspector.caa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dvinspector.CaaRules;
import org.dvinspector.Method;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a relevant CAA record set (RFC 8659 §4, RFC 8657) for one {@link CaaIssuance}, the way
 * a CA with the given {@link CaaRules} does. Pure and thread-safe: no I/O.
 *
 * <ul>
 *   <li>Tags compare case-insensitively; a critical record (a flag of {@link
 *       CaaRules#criticalFlagMask()}: 128 by the RFC) with a tag unknown to the CA (beyond {@code
 *       issue}, {@code issuewild}, {@code iodef}: {@link CaaRules#recognizedTags()}) forbids
 *       issuance (RFC 8659 §4.1).
 *   <li>A wildcard name is governed by the {@code issuewild} records when there is any, otherwise
 *       by {@code issue}; a non-wildcard name only by {@code issue} (RFC 8659 §4.3).
 *   <li>No governing record: no restriction. Otherwise the records are additive: the CA may issue
 *       when any one of them parses, names it, and has its parameters satisfied.
 *   <li>RFC 8657: {@code accounturi} must equal the account URI exactly; {@code validationmethods}
 *       must list the method; a record with either parameter twice cannot be satisfied. Ignored
 *       when the CA does not {@linkplain CaaRules#supportsRfc8657() support} RFC 8657.
 * </ul>
 *
 * <p>Validation method labels: ACME methods are named by their challenge type ({@code dns-01},
 * {@code http-01}, {@code tls-alpn-01}; RFC 8657 §4); other methods by the Baseline Requirements
 * label {@code ca-tbr-<n>}, where {@code n} is the BR 3.2.2.4 subsection ({@code ca-tbr-7} for DNS
 * change, {@code ca-tbr-18} for the file method; BR 4.2.2.1.2, ballot SC-098). BR 4.2.2.1.2 says a
 * CA SHOULD also accept the {@code ca-tbr-} label of an ACME method; since not every CA does, a
 * record that lists an ACME method only that way is reported as undetermined, not as allowing.
 */
public final class CaaEvaluator {
  /** The property tags every CA must process (BR 4.2.2.1 / 3.2.2.8, RFC 8659 §4). */
  static final Set<String> KNOWN_TAGS = Set.of("issue", "issuewild", "iodef");

  /** Statuses of a record that authorizes some CA or account, though not this request. */
  private static final Set<CaaRecordVerdict.Status> GRANTS_SOMEONE = Set.of(
      CaaRecordVerdict.Status.OTHER_ISSUER,
      CaaRecordVerdict.Status.ACCOUNT_URI_MISMATCH,
      CaaRecordVerdict.Status.METHOD_NOT_PERMITTED);

  private final CaaRules rules;

  private CaaEvaluator(CaaRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** An evaluator for a CA with these rules (a profile's {@code caaRules()}). */
  public static CaaEvaluator of(CaaRules rules) {
    return new CaaEvaluator(rules);
  }

  /** The rules this evaluator applies. */
  public CaaRules rules() {
    return rules;
  }

  /**
   * The RFC 8657 {@code validationmethods} label a CA uses for {@code method}: the ACME challenge
   * type for ACME methods, else the Baseline Requirements label {@code ca-tbr-<n>}.
   */
  public static String validationMethodLabel(Method method) {
    return method.acmeChallengeType().orElseGet(() -> brValidationMethodLabel(method));
  }

  /**
   * The Baseline Requirements label of {@code method} (BR 4.2.2.1.2): {@code ca-tbr-} and the BR
   * 3.2.2.4 subsection number, e.g. {@code ca-tbr-7}.
   */
  public static String brValidationMethodLabel(Method method) {
    String section = method.brSection();
    return "ca-tbr-" + section.substring(section.lastIndexOf('.') + 1);
  }

  /** Evaluates {@code records} (the relevant set; may be empty) for {@code issuance}. */
  public CaaDecision evaluate(List<CaaRecord> records, CaaIssuance issuance) {
    List<CaaRecord> issuewild = withTag(records, "issuewild");
    boolean useWild = issuance.wildcard() && !issuewild.isEmpty();
    String governing = useWild ? "issuewild" : "issue";
    boolean anyGoverning = !withTag(records, governing).isEmpty();

    List<CaaRecordVerdict> verdicts = new ArrayList<>();
    for (CaaRecord r : records) {
      String tag = r.tagKey();
      if (!tag.equals("issue") && !tag.equals("issuewild")) {
        continue;
      }
      if (!tag.equals(governing)) {
        verdicts.add(CaaRecordVerdict.of(r, CaaRecordVerdict.Status.NOT_CONSIDERED,
            tag.equals("issuewild")
                ? "issuewild applies only to wildcard names (RFC 8659 §4.3)"
                : "a wildcard name is governed by the issuewild records when any exist (RFC 8659 §4.3)"));
      } else {
        verdicts.add(judge(r, issuance));
      }
    }

    CaaDecision.Outcome authorization;
    if (!anyGoverning) {
      authorization = CaaDecision.Outcome.ALLOWED;
    } else if (verdicts.stream().anyMatch(v -> v.status().kind() == CaaRecordVerdict.Kind.AUTHORIZES)) {
      authorization = CaaDecision.Outcome.ALLOWED;
    } else if (verdicts.stream().anyMatch(v -> v.status().kind() == CaaRecordVerdict.Kind.UNCERTAIN)) {
      authorization = CaaDecision.Outcome.UNDETERMINED;
    } else {
      authorization = CaaDecision.Outcome.FORBIDDEN;
    }

    List<CaaRecord> unknownCritical = records.stream()
        .filter(r -> !KNOWN_TAGS.contains(r.tagKey())
            && !rules.recognizedTags().contains(r.tagKey()) && r.isCritical(rules))
        .collect(Collectors.toList());

    return CaaDecision.builder()
        .records(records)
        .wildcard(issuance.wildcard())
        .governingProperty(anyGoverning ? Optional.of(governing) : Optional.empty())
        .verdicts(verdicts)
        .unknownCriticalRecords(unknownCritical)
        .iodefRecords(withTag(records, "iodef"))
        .authorization(authorization)
        .suggestedRecords(authorization == CaaDecision.Outcome.FORBIDDEN
            ? suggest(records, verdicts, issuance, useWild)
            : List.of())
        .build();
  }

  private static List<CaaRecord> withTag(List<CaaRecord> records, String tag) {
    return records.stream().filter(r -> r.tagKey().equals(tag)).collect(Collectors.toList());
  }

  private CaaRecordVerdict judge(CaaRecord r, CaaIssuance issuance) {
    CaaIssueValue v = CaaIssueValue.parse(r.value(), rules);
    Optional<String> problem = v.problem();
    if (problem.isPresent()) {
      return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.MALFORMED,
          "does not parse: " + problem.get() + "; it authorizes no CA (RFC 8659 §4.2)");
    }
    Optional<String> issuerDomain = v.issuerDomain();
    if (issuerDomain.isEmpty()) {
      return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.NAMES_NO_ISSUER,
          "names no CA: it authorizes no CA (RFC 8659 §4.2)");
    }
    String issuer = issuerDomain.get();
    if (issuance.issuerDomains().isEmpty()) {
      return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.ISSUER_UNKNOWN,
          "authorizes " + Text.quote(issuer) + "; the CA's own issuer domain names are not known");
    }
    if (!namesIssuer(issuer, issuance)) {
      String hint = !rules.exactIssuerMatch() || !namesIgnoringCase(issuer, issuance) ? ""
          : "; this CA compares issuer names exactly, so write " + Text.quote(issuance.issuerDomains().get(0));
      return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.OTHER_ISSUER,
          "authorizes " + Text.quote(issuer) + ", not " + issuerList(issuance) + hint);
    }
    if (!rules.supportsRfc8657()) {
      return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.AUTHORIZES, "authorizes "
          + Text.quote(issuer) + (v.parameters().isEmpty() ? "" : " (this CA ignores RFC 8657 parameters)"));
    }
    List<String> accounts = v.parameterValues("accounturi");
    List<String> methods = v.parameterValues("validationmethods");
    if (accounts.size() > 1 || methods.size() > 1) {
      return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.DUPLICATE_PARAMETER,
          "has the parameter " + (accounts.size() > 1 ? "accounturi" : "validationmethods")
              + " more than once, which makes it unsatisfiable (RFC 8657 §3-4)");
    }
    List<String> labels = List.of();
    if (methods.size() == 1) {
      String list = methods.get(0);
      labels = List.of(list.split(",", -1));
      if (!labels.stream().allMatch(IssueValueParser::isLdhLabel)) {
        return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.INVALID_PARAMETER,
            "validationmethods=" + Text.escape(list)
                + " is not a comma-separated list of method labels, which makes it unsatisfiable"
                + " (RFC 8657 §4)");
      }
    }
    CaaRecordVerdict.@Nullable Status definite = null;
    CaaRecordVerdict.@Nullable Status uncertain = null;
    List<String> why = new ArrayList<>();
    if (accounts.size() == 1) {
      String bound = accounts.get(0);
      Optional<String> mine = issuance.accountUri();
      if (mine.isEmpty()) {
        uncertain = CaaRecordVerdict.Status.ACCOUNT_URI_UNKNOWN;
        why.add("binds the account " + Text.quote(bound) + " and the account URI to be used is not given");
      } else if (!bound.equals(mine.get())) {
        definite = CaaRecordVerdict.Status.ACCOUNT_URI_MISMATCH;
        why.add("binds the account " + Text.quote(bound) + ", not " + Text.quote(mine.get()));
      }
    }
    if (methods.size() == 1) {
      Optional<Method> method = issuance.validationMethod();
      if (method.isEmpty()) {
        if (uncertain == null) {
          uncertain = CaaRecordVerdict.Status.METHOD_UNKNOWN;
        }
        why.add("permits only the methods " + Text.quote(methods.get(0))
            + " and the validation method is not given");
      } else {
        String primary = validationMethodLabel(method.get());
        String br = brValidationMethodLabel(method.get());
        if (!labels.contains(primary)) {
          if (labels.contains(br)) {
            if (uncertain == null) {
              uncertain = CaaRecordVerdict.Status.METHOD_LISTED_BY_BR_LABEL_ONLY;
            }
            why.add("lists " + method.get().label() + " only as " + br + ", which BR 4.2.2.1.2 says CAs"
                + " SHOULD accept but not every CA does; list " + primary);
          } else {
            if (definite == null) {
              definite = CaaRecordVerdict.Status.METHOD_NOT_PERMITTED;
            }
            why.add("permits only the methods " + Text.quote(methods.get(0)) + ", not " + primary
                + " (" + method.get().label() + ")");
          }
        }
      }
    }
    if (definite != null) {
      return CaaRecordVerdict.of(r, definite, "names " + Text.quote(issuer) + " but " + String.join("; ", why));
    }
    if (uncertain != null) {
      return CaaRecordVerdict.of(r, uncertain, "names " + Text.quote(issuer) + " but " + String.join("; ", why));
    }
    return CaaRecordVerdict.of(r, CaaRecordVerdict.Status.AUTHORIZES, "authorizes " + Text.quote(issuer)
        + (v.parameters().isEmpty() ? "" : " with " + Text.escape(joinParameters(v))));
  }

  private static String joinParameters(CaaIssueValue v) {
    return v.parameters().stream().map(CaaParameter::toString).collect(Collectors.joining("; "));
  }

  private boolean namesIssuer(String issuer, CaaIssuance issuance) {
    // RFC 8659 §4.2 compares domain names case-insensitively; Let's Encrypt compares exactly.
    return rules.exactIssuerMatch()
        ? issuance.issuerDomains().contains(issuer)
        : namesIgnoringCase(issuer, issuance);
  }

  private static boolean namesIgnoringCase(String issuer, CaaIssuance issuance) {
    String lower = issuer.toLowerCase(Locale.ROOT);
    return issuance.issuerDomains().stream().anyMatch(d -> d.toLowerCase(Locale.ROOT).equals(lower));
  }

  private static String issuerList(CaaIssuance issuance) {
    return issuance.issuerDomains().stream().map(Text::quote).collect(Collectors.joining(" or "));
  }

  /**
   * The records to add: one {@code issue} (or, for a wildcard, {@code issuewild}) record for the
   * CA's preferred issuer domain, keeping the RFC 8657 bindings the owner already uses for this CA.
   * A wildcard name governed by {@code issue} gets an {@code issuewild} record, which would take
   * wildcard permission away from every CA the {@code issue} records allow, so each of those is
   * repeated as {@code issuewild}: only this CA gains anything, and only for wildcard names.
   */
  private List<CaaRecord> suggest(
      List<CaaRecord> records, List<CaaRecordVerdict> verdicts, CaaIssuance issuance, boolean useWild) {
    if (issuance.issuerDomains().isEmpty()) {
      return List.of();
    }
    String id = issuance.issuerDomains().get(0);
    List<String> params = new ArrayList<>();
    if (rules.supportsRfc8657()) {
      List<CaaIssueValue> forThisCa = records.stream()
          .filter(r -> r.tagKey().equals("issue") || r.tagKey().equals("issuewild"))
          .map(r -> CaaIssueValue.parse(r.value(), rules))
          .filter(v -> v.isWellFormed() && v.issuerDomain().filter(d -> namesIssuer(d, issuance)).isPresent())
          .collect(Collectors.toList());
      Optional<String> account = issuance.accountUri();
      if (account.isEmpty()) {
        Set<String> bound = new LinkedHashSet<>();
        forThisCa.forEach(v -> bound.addAll(v.parameterValues("accounturi")));
        if (bound.size() == 1) {
          account = Optional.of(bound.iterator().next());
        }
      }
      account.ifPresent(a -> params.add("accounturi=" + a));
      boolean ownerBindsMethods = forThisCa.stream().anyMatch(v -> !v.parameterValues("validationmethods").isEmpty());
      issuance.validationMethod()
          .filter(m -> issuance.bindValidationMethod() || ownerBindsMethods)
          .ifPresent(m -> params.add("validationmethods=" + validationMethodLabel(m)));
    }
    String value = params.isEmpty() ? id : id + "; " + String.join("; ", params);
    List<CaaRecord> out = new ArrayList<>();
    out.add(CaaRecord.of(0, issuance.wildcard() ? "issuewild" : "issue", value));
    if (issuance.wildcard() && !useWild) {
      Set<String> seen = new LinkedHashSet<>();
      seen.add(value);
      for (CaaRecordVerdict v : verdicts) {
        boolean grantsSomeone = v.record().tagKey().equals("issue")
            && GRANTS_SOMEONE.contains(v.status());
        if (grantsSomeone && seen.add(v.record().value())) {
          out.add(CaaRecord.of(0, "issuewild", v.record().value()));
        }
      }
    }
    return out;
  }
}
