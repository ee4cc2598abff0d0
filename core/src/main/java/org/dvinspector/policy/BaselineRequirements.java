package org.dvinspector.policy;

import org.dvinspector.DomainName;
import org.dvinspector.Method;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Dated facts from the CA/Browser Forum Baseline Requirements (TLS BR 2.x, section 1.2.2 "Relevant
 * Dates", 3.2.2.4, 3.2.2.9 and 4.2.2) that the policy gates and the quorum evaluator apply by the
 * inspection date. Kept as data in one place so a new BR version is one edit.
 */
public final class BaselineRequirements {
  private BaselineRequirements() {}

  /**
   * A BR domain-validation method that CAs may no longer rely on from a date.
   *
   * @param section the BR section, e.g. {@code 3.2.2.4.8}
   * @param title the method's BR title
   * @param method the {@link Method} it corresponds to, when this library models it
   * @param mustNotRelyFrom the first day CAs MUST NOT rely on it for new certificates
   * @param source where the date comes from
   */
  public record Retirement(
      String section, String title, Optional<Method> method, LocalDate mustNotRelyFrom,
      String source) {}

  private static final String RELEVANT_DATES = "BR 1.2.2 Relevant Dates";

  /**
   * Every domain-validation method the BR retire, with the date. The ones this library models map
   * to their {@link Method} (the IP address method, and the e-mail and phone methods whose
   * readiness the {@code contact} module checks); the others (.1, .2, .3, .5: WHOIS, fax, postal
   * mail and documents) are listed so the data is complete.
   */
  public static final List<Retirement> RETIREMENTS = List.of(
      new Retirement("3.2.2.4.1", "Validating the Applicant as a Domain Contact (old form)",
          Optional.empty(), LocalDate.of(2018, 8, 1), "Ballot 218"),
      new Retirement("3.2.2.4.5", "Domain Authorization Document",
          Optional.empty(), LocalDate.of(2018, 8, 1), "Ballot 218"),
      new Retirement("3.2.2.4.3", "Phone Contact with Domain Contact (old form)",
          Optional.empty(), LocalDate.of(2019, 6, 1), "BR 1.6.4 Relevant Dates (Ballot SC14)"),
      new Retirement("3.2.2.4.2", "Email, Fax, SMS, or Postal Mail to Domain Contact",
          Optional.empty(), LocalDate.of(2025, 7, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.15", "Phone Contact with Domain Contact",
          Optional.of(Method.PHONE_DOMAIN_CONTACT), LocalDate.of(2025, 7, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.8", "IP Address",
          Optional.of(Method.IP_ADDRESS), LocalDate.of(2026, 3, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.16", "Phone Contact with DNS TXT Record Phone Contact",
          Optional.of(Method.PHONE_TXT_CONTACT), LocalDate.of(2027, 3, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.17", "Phone Contact with DNS CAA Phone Contact",
          Optional.of(Method.PHONE_CAA_CONTACT), LocalDate.of(2027, 3, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.4", "Constructed Email to Domain Contact",
          Optional.of(Method.EMAIL_CONSTRUCTED), LocalDate.of(2028, 3, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.13", "Email to DNS CAA Contact",
          Optional.of(Method.EMAIL_CAA_CONTACT), LocalDate.of(2028, 3, 15), RELEVANT_DATES),
      new Retirement("3.2.2.4.14", "Email to DNS TXT Contact",
          Optional.of(Method.EMAIL_TXT_CONTACT), LocalDate.of(2028, 3, 15), RELEVANT_DATES));

  /** When CAs may no longer rely on {@code method}, if the BR retire it. */
  public static Optional<Retirement> retirementOf(Method method) {
    for (Retirement r : RETIREMENTS) {
      if (r.method().isPresent() && r.method().get() == method) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The IP reverse zone suffixes (BR 1.6.1 "IP Reverse Zone Suffix"). */
  public static final List<String> IP_REVERSE_ZONE_SUFFIXES = List.of("in-addr.arpa", "ip6.arpa");

  /** From this day CAs SHALL NOT issue for names ending in an IP reverse zone suffix (BR 4.2.2). */
  public static final LocalDate REVERSE_ZONE_NAMES_PROHIBITED_FROM = LocalDate.of(2026, 3, 15);

  /** Whether the name is an IP reverse zone suffix or lies under one. */
  public static boolean isInIpReverseZone(DomainName name) {
    DomainName base = name.withoutWildcard();
    for (String suffix : IP_REVERSE_ZONE_SUFFIXES) {
      if (base.isSubdomainOf(DomainName.parse(suffix))) {
        return true;
      }
    }
    return false;
  }
}
