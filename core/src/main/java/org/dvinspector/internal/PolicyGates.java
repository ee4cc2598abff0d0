package org.dvinspector.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.policy.BaselineRequirements;
import org.dvinspector.CaProfile;
import org.dvinspector.Check;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Perspective;
import org.dvinspector.policy.PublicSuffixList;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;

/**
 * The CA's policy gates that need no network, each a finding rather than an exception:
 *
 * <ul>
 *   <li>the name: in an IP reverse zone (BR 4.2.2), internal (its TLD is not in the root zone, BR
 *       4.2.2), itself a public suffix, or a wildcard directly over one (BR 3.2.2.6), judged with
 *       the ICANN section of the {@link PublicSuffixList};
 *   <li>each check's method: not usable for a wildcard (BR 3.2.2.4.18/.19/.20), not offered by the
 *       CA, or retired by the BR by the inspection date ({@link BaselineRequirements#RETIREMENTS});
 *   <li>the token's age against the profile's lifetime, when the request gives its creation time,
 *       and its length against the fewest characters the CA accepts;
 *   <li>keywords the profile names as triggering manual review.
 * </ul>
 */
public final class PolicyGates {
  private PolicyGates() {}

  /** The findings of every gate for this request at {@code now}, for the public Internet. */
  public static List<Finding> evaluate(InspectionRequest request, Instant now) {
    return evaluate(request, now, NetworkPolicy.defaults());
  }

  /**
   * The findings of every gate for this request at {@code now}, inspected under {@code policy}.
   *
   * <p>The internal-name gate asks whether the TLD is in the public root zone. It applies only
   * when the policy looks at the public Internet the way a CA does: the Internet's root servers
   * and no non-public addresses. A policy with its own root (a lab such as the testkit's, whose
   * root delegates {@code test}) or one that reaches non-public addresses (an intranet or lab
   * check, which no CA could make) defines another namespace, where the public root zone says
   * nothing about the name.
   */
  public static List<Finding> evaluate(InspectionRequest request, Instant now, NetworkPolicy policy) {
    List<Finding> out = new ArrayList<>();
    DomainName domain = request.domain();
    CaProfile profile = request.profile();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    boolean publicInternet = !policy.allowNonPublicAddresses()
        && policy.rootServers().equals(NetworkPolicy.INTERNET_ROOT_SERVERS);
    nameGates(domain, today, publicInternet, out);
    Set<Method> seen = EnumSet.noneOf(Method.class);
    for (Check check : request.checks()) {
      if (check.method().isEmpty() || !seen.add(check.method().get())) {
        continue;
      }
      methodGates(domain, profile, check.method().get(), today, out);
    }
    request.tokenCreatedAt().ifPresent(created -> tokenAge(profile, created, now, out));
    randomValueLength(request, profile, out);
    keywords(domain, profile, out);
    return out;
  }

  private static void nameGates(
      DomainName domain, LocalDate today, boolean publicInternet, List<Finding> out) {
    DomainName base = domain.withoutWildcard();
    if (BaselineRequirements.isInIpReverseZone(domain)) {
      boolean prohibited = !today.isBefore(BaselineRequirements.REVERSE_ZONE_NAMES_PROHIBITED_FROM);
      out.add(Finding.builder(FindingCode.REVERSE_ZONE_NAME)
          .severity(prohibited ? Severity.ERROR : Severity.WARNING)
          .message(domain + " is in an IP reverse zone (" + reverseSuffix(base) + "); "
              + (prohibited ? "CAs may not issue for such names since "
                  : "CAs may not issue for such names from ")
              + BaselineRequirements.REVERSE_ZONE_NAMES_PROHIBITED_FROM + " (BR 4.2.2)")
          .remedy("Request the certificate for a host name; to secure an IP address, ask for an"
              + " IP address certificate instead.")
          .evidence(Perspective.inspector(), "name " + domain + " under " + reverseSuffix(base))
          .build());
      return;
    }
    PublicSuffixList psl = PublicSuffixList.icann();
    if (publicInternet && !psl.isInRootZone(base)) {
      out.add(Finding.builder(FindingCode.INTERNAL_NAME)
          .message(domain + " is an internal name: ." + base.topLevelLabel()
              + " is not a top-level domain of the public DNS root zone, and CAs may not issue"
              + " for internal names (BR 4.2.2)")
          .remedy("Use a name under a domain you registered in the public DNS (for example"
              + " internal.example.com); for names only used inside your network, use a private CA.")
          .evidence(Perspective.inspector(), "TLD ." + base.topLevelLabel()
              + " not in the ICANN section of the Public Suffix List " + psl.version())
          .attribute("tld", base.topLevelLabel())
          .build());
      return;
    }
    DomainName suffix = psl.publicSuffix(base);
    if (domain.isWildcard() && suffix.equals(base)) {
      out.add(Finding.builder(FindingCode.WILDCARD_OVER_PUBLIC_SUFFIX)
          .message(domain + " is a wildcard directly over the public suffix " + base
              + "; CAs refuse it unless the applicant controls the whole namespace (BR 3.2.2.6)")
          .remedy("Request a wildcard under your registered domain instead (e.g. *.example."
              + base + "); only the registry of " + base + " could obtain " + domain + ".")
          .evidence(Perspective.inspector(), base + " is a public suffix (Public Suffix List "
              + psl.version() + ")")
          .attribute("publicSuffix", base.ascii())
          .build());
    } else if (!domain.isWildcard() && suffix.equals(base)) {
      out.add(Finding.builder(FindingCode.NAME_IS_PUBLIC_SUFFIX)
          .message(domain + " is itself a public suffix, which is not a registrable domain;"
              + " CAs issue for it only to the registry that operates it")
          .remedy("Request the certificate for a name under your registered domain (e.g. example."
              + base + ").")
          .evidence(Perspective.inspector(), base + " is a public suffix (Public Suffix List "
              + psl.version() + ")")
          .attribute("publicSuffix", base.ascii())
          .build());
    }
  }

  private static String reverseSuffix(DomainName base) {
    for (String s : BaselineRequirements.IP_REVERSE_ZONE_SUFFIXES) {
      if (base.isSubdomainOf(DomainName.parse(s))) {
        return s;
      }
    }
    return base.ascii();
  }

  private static void methodGates(
      DomainName domain, CaProfile profile, Method method, LocalDate today, List<Finding> out) {
    if (domain.isWildcard() && !method.allowsWildcard()) {
      out.add(Finding.builder(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD)
          .message("The " + method.label() + " method cannot validate the wildcard name "
              + domain + " (BR " + method.brSection() + ")")
          .remedy("Use DNS validation (a TXT or CNAME record, or ACME dns-01) for wildcard names.")
          .method(method)
          .evidence(Perspective.inspector(), "wildcard name " + domain + " with " + method.label())
          .build());
    }
    if (!profile.offeredMethods().contains(method)) {
      out.add(Finding.builder(FindingCode.METHOD_NOT_OFFERED)
          .message(profile.displayName() + " does not offer the " + method.label() + " method")
          .remedy("Use one of the methods " + profile.displayName() + " offers: "
              + labels(profile))
          .method(method)
          .evidence(Perspective.inspector(), "profile " + profile.id())
          .build());
    }
    Optional<BaselineRequirements.Retirement> retired = BaselineRequirements.retirementOf(method);
    if (retired.isPresent() && !today.isBefore(retired.get().mustNotRelyFrom())) {
      BaselineRequirements.Retirement r = retired.get();
      out.add(Finding.builder(FindingCode.METHOD_RETIRED)
          .message("The " + method.label() + " method (BR " + r.section() + " \"" + r.title()
              + "\") may not be relied on since " + r.mustNotRelyFrom() + " (" + r.source() + ")")
          .remedy("Validate with a current method: a DNS TXT or CNAME record, the file method, or"
              + " an ACME challenge.")
          .method(method)
          .evidence(Perspective.inspector(), "inspected on " + today + ", retired from "
              + r.mustNotRelyFrom())
          .attribute("retiredOn", r.mustNotRelyFrom())
          .attribute("brSection", r.section())
          .build());
    }
  }

  private static void tokenAge(CaProfile profile, Instant created, Instant now, List<Finding> out) {
    Duration age = Duration.between(created, now);
    if (age.compareTo(profile.tokenLifetime()) > 0) {
      out.add(Finding.builder(FindingCode.TOKEN_EXPIRED)
          .message("The validation token was created " + human(age) + " ago; "
              + profile.displayName() + " accepts it for " + human(profile.tokenLifetime()))
          .remedy("Ask the CA for a new token (re-apply or re-submit the order), publish the new"
              + " value, and remove the old one.")
          .evidence(Perspective.inspector(), "token created " + created + ", inspected " + now)
          .attribute("ageSeconds", age.toSeconds())
          .attribute("lifetimeSeconds", profile.tokenLifetime().toSeconds())
          .build());
    }
  }

  /**
   * A random value shorter than the CA accepts: DigiCert's library refuses a value whose length
   * times the bits of one base-62 character is under 128 (RandomValueVerifier), before any lookup.
   */
  private static void randomValueLength(InspectionRequest request, CaProfile profile,
      List<Finding> out) {
    if (profile.minRandomValueLength().isEmpty()) {
      return;
    }
    int min = profile.minRandomValueLength().getAsInt();
    for (Check check : request.checks()) {
      Optional<String> value = randomValue(check, profile);
      if (value.isEmpty() || value.get().length() >= min) {
        continue;
      }
      String v = value.get();
      out.add(Finding.builder(FindingCode.TOKEN_TOO_SHORT)
          .message("The random value " + Text.quote(v, 80) + " has " + v.length()
              + " characters; " + profile.displayName() + " refuses values shorter than " + min
              + " characters, so it is not the value " + profile.displayName() + " issued")
          .remedy("Copy the whole random value from the order (" + profile.displayName()
              + "'s values have at least " + min + " characters) into the record or file, and"
              + " check again with that value.")
          .method(check.method().orElse(Method.DNS_TXT))
          .evidence(Perspective.inspector(), "random value of " + v.length() + " characters, "
              + min + " required")
          .attribute("length", v.length())
          .attribute("minLength", min)
          .build());
    }
  }

  /** The CA's random value in a check, when the check has one (TXT and file methods). */
  private static Optional<String> randomValue(Check check, CaProfile profile) {
    if (check instanceof DnsTxtCheck c) {
      String template = profile.dnsTxtValueTemplate();
      int at = template.indexOf(CaProfile.VALUE_PLACEHOLDER);
      String prefix = template.substring(0, at);
      String suffix = template.substring(at + CaProfile.VALUE_PLACEHOLDER.length());
      String v = c.expectedValue();
      if (v.startsWith(prefix) && v.endsWith(suffix)
          && v.length() >= prefix.length() + suffix.length()) {
        v = v.substring(prefix.length(), v.length() - suffix.length());
      }
      return Optional.of(v);
    }
    if (check instanceof HttpFileCheck c) {
      return Optional.of(c.expectedContent().strip());
    }
    return Optional.empty();
  }

  private static void keywords(DomainName domain, CaProfile profile, List<Finding> out) {
    Set<String> hits = new LinkedHashSet<>();
    List<String> where = new ArrayList<>();
    for (String keyword : profile.sensitiveKeywords()) {
      String k = keyword.toLowerCase(Locale.ROOT);
      for (String label : domain.withoutWildcard().labels()) {
        if (containsKeyword(label, k)) {
          if (hits.add(keyword)) {
            where.add(keyword + " in \"" + label + "\"");
          }
        }
      }
    }
    if (!hits.isEmpty()) {
      out.add(Finding.builder(FindingCode.POLICY_MANUAL_REVIEW_LIKELY)
          .message("The name contains " + String.join(", ", hits) + ", which "
              + profile.displayName() + " reviews by hand; issuance may be delayed or refused")
          .remedy("Expect a manual review; if it is refused, use a name without these words or"
              + " order an OV/EV certificate.")
          .evidence(Perspective.inspector(), String.join("; ", where))
          .attribute("keywords", String.join(",", hits))
          .build());
    }
  }

  /**
   * Whether the keyword appears in the label. Substring matching is the seed console's reading
   * ("domain names that contain sensitive keywords"): it flags {@code mybank} and {@code paypal}
   * but also, for instance, {@code olive} for "live"; the finding is a WARNING for that reason.
   */
  static boolean containsKeyword(String label, String keyword) {
    return !keyword.isEmpty() && label.toLowerCase(Locale.ROOT).contains(keyword);
  }

  private static String labels(CaProfile profile) {
    List<String> l = new ArrayList<>();
    for (Method m : profile.offeredMethods()) {
      l.add(m.label());
    }
    return String.join(", ", l);
  }

  static String human(Duration d) {
    if (d.toDays() >= 2) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 1) {
      return d.toHours() + " hours";
    }
    return Math.max(1, d.toMinutes()) + " minutes";
  }
}
