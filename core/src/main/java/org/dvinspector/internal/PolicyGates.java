package org.dvinspector.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dvinspector.CaProfile;
import org.dvinspector.Check;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Perspective;

/**
 * The CA's policy gates that need no network: methods not allowed for wildcards, methods the CA
 * does not offer, token age, and keywords that trigger manual review.
 */
public final class PolicyGates {
  private PolicyGates() {}

  /** The findings of every gate for this request at {@code now}. */
  public static List<Finding> evaluate(InspectionRequest request, Instant now) {
    List<Finding> out = new ArrayList<>();
    DomainName domain = request.domain();
    CaProfile profile = request.profile();
    for (Check check : request.checks()) {
      if (check.method().isEmpty()) {
        continue;
      }
      Method method = check.method().get();
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
    }
    request.tokenCreatedAt().ifPresent(created -> {
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
    });
    List<String> hits = new ArrayList<>();
    String name = domain.withoutWildcard().ascii().toLowerCase(Locale.ROOT);
    for (String keyword : profile.sensitiveKeywords()) {
      if (containsKeyword(name, keyword.toLowerCase(Locale.ROOT))) {
        hits.add(keyword);
      }
    }
    if (!hits.isEmpty()) {
      out.add(Finding.builder(FindingCode.POLICY_MANUAL_REVIEW_LIKELY)
          .message("The name contains " + String.join(", ", hits) + ", which "
              + profile.displayName() + " reviews by hand; issuance may be delayed or refused")
          .remedy("Expect a manual review; if it is refused, use a name without these words or"
              + " order an OV/EV certificate.")
          .evidence(Perspective.inspector(), "keywords " + hits + " in " + name)
          .attribute("keywords", String.join(",", hits))
          .build());
    }
    return out;
  }

  static boolean containsKeyword(String name, String keyword) {
    return !keyword.isEmpty() && name.contains(keyword);
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
