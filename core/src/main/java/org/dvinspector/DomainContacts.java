package org.dvinspector;

import org.dvinspector.policy.PublicSuffixList;
import org.dvinspector.spi.Text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts of the e-mail and phone validation methods (BR 3.2.2.4.4, .13, .14, .16, .17 and
 * Appendix A): where the CA looks for a contact, and what a usable contact looks like.
 */
public final class DomainContacts {
  private DomainContacts() {}

  /** BR Appendix A.2.1: the TXT record of a DNS TXT Record Email Contact. */
  public static final String EMAIL_TXT_LABEL = "_validation-contactemail";

  /** BR Appendix A.2.2: the TXT record of a DNS TXT Record Phone Contact. */
  public static final String PHONE_TXT_LABEL = "_validation-contactphone";

  /** BR Appendix A.1.1: the CAA property of a DNS CAA Email Contact. */
  public static final String CAA_EMAIL_TAG = "contactemail";

  /** BR Appendix A.1.2: the CAA property of a DNS CAA Phone Contact. */
  public static final String CAA_PHONE_TAG = "contactphone";

  /**
   * BR 3.2.2.4.4: the local parts of the constructed addresses, each followed by {@code @} and an
   * Authorization Domain Name.
   */
  public static final List<String> CONSTRUCTED_LOCAL_PARTS =
      List.of("admin", "administrator", "webmaster", "hostmaster", "postmaster");

  /** Longest local part of an address (RFC 5321 §4.5.3.1.1), in octets. */
  static final int MAX_LOCAL_PART = 64;

  /**
   * The Authorization Domain Names a CA may validate for {@code name} (BR 1.6.1): the name itself
   * (a wildcard's {@code *.} removed) and each name above it down to the registrable domain (the
   * Base Domain Name; BR 3.2.2.4 does not let the CA go above it), nearest first.
   */
  public static List<DomainName> authorizationDomainNames(DomainName name) {
    DomainName base = name.withoutWildcard();
    Optional<DomainName> registrable = PublicSuffixList.icann().registrableDomain(base);
    List<DomainName> out = new ArrayList<>();
    DomainName n = base;
    while (true) {
      out.add(n);
      if (registrable.isEmpty() || n.equals(registrable.get())) {
        break;
      }
      Optional<DomainName> parent = n.parent();
      if (parent.isEmpty()) {
        break;
      }
      n = parent.get();
    }
    return out;
  }

  /** The constructed addresses at one Authorization Domain Name, in the BR's order. */
  public static List<String> constructedAddresses(DomainName authorizationDomainName) {
    List<String> out = new ArrayList<>();
    for (String local : CONSTRUCTED_LOCAL_PARTS) {
      out.add(local + "@" + authorizationDomainName.ascii());
    }
    return out;
  }

  /** Whether {@code value} is usable as an e-mail contact; see {@link #emailProblem(String)}. */
  public static boolean isEmailAddress(String value) {
    return emailProblem(value).isEmpty();
  }

  /**
   * Why {@code value} is not an e-mail address as BR Appendix A requires ("a valid email address as
   * defined in RFC 6532 Section 3.2, with no additional padding or structure"): an RFC 5322
   * addr-spec whose local part may hold UTF-8, with nothing around it (no spaces, display name,
   * angle brackets or {@code mailto:}); the domain must be a host name. Empty when it is one.
   * The explanation is escaped for messages.
   */
  public static Optional<String> emailProblem(String value) {
    if (value.isEmpty()) {
      return Optional.of("the value is empty");
    }
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      // Inside a quoted local part (RFC 5322 §3.2.4) spaces are part of the address.
      if (((c == ' ' || c == '\t') && !quoted) || c < 0x20 && c != '\t' || c == 0x7f) {
        return Optional.of("it holds " + (c == ' ' ? "a space" : c == '\t' ? "a tab"
            : "a control character") + " (no padding or other text is allowed around the"
            + " address)");
      }
    }
    if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
      return Optional.of("it starts with mailto: (write the address alone)");
    }
    if (value.startsWith("<") || value.endsWith(">")) {
      return Optional.of("it is in angle brackets (write the address alone)");
    }
    int at = lastAtOutsideQuotes(value);
    if (at < 0) {
      return Optional.of("it has no @");
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    Optional<String> localProblem = localPartProblem(local);
    if (localProblem.isPresent()) {
      return localProblem;
    }
    if (domain.startsWith("[") && domain.endsWith("]")) {
      return Optional.of("the domain is an address literal " + Text.quote(domain, 60)
          + ", which names no domain");
    }
    Optional<DomainName> d = DomainName.tryParse(domain);
    if (d.isEmpty() || domain.endsWith(".") || d.get().labelCount() < 2) {
      return Optional.of("the part after @, " + Text.quote(domain, 80)
          + ", is not a domain name");
    }
    return Optional.empty();
  }

  private static int lastAtOutsideQuotes(String value) {
    boolean quoted = false;
    int at = -1;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '@' && !quoted) {
        at = i;
      }
    }
    return at;
  }

  /** RFC 5322 §3.4.1 local-part (dot-atom or quoted-string) with RFC 6532 §3.2 UTF-8. */
  private static Optional<String> localPartProblem(String local) {
    if (local.isEmpty()) {
      return Optional.of("the part before @ is empty");
    }
    if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART) {
      return Optional.of("the part before @ is longer than " + MAX_LOCAL_PART + " octets");
    }
    if (local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")) {
      for (int i = 1; i < local.length() - 1; i++) {
        char c = local.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          return Optional.of("the quoted part before @ has an unescaped quote");
        }
      }
      return Optional.empty();
    }
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return Optional.of("the part before @, " + Text.quote(local, 70)
          + ", has a leading, trailing or doubled dot");
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c != '.' && !isAtext(c)) {
        return Optional.of("the part before @ holds " + Text.quote(String.valueOf(c))
            + ", which an unquoted address may not hold");
      }
    }
    return Optional.empty();
  }

  /** RFC 5322 §3.2.3 atext, plus any non-ASCII character (RFC 6532 §3.2 UTF8-non-ascii). */
  private static boolean isAtext(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c > 0x7f;
  }

  /** Whether {@code value} is usable as a phone contact; see {@link #phoneProblem(String)}. */
  public static boolean isGlobalPhoneNumber(String value) {
    return phoneProblem(value).isEmpty();
  }

  /**
   * Why {@code value} is not a phone number as BR Appendix A requires ("a Global Number as defined
   * in RFC 3966 Section 5.1.4 ... with no additional padding or structure"): {@code +}, the country
   * code and number in digits, with the visual separators {@code - . ( )} allowed; no {@code tel:},
   * spaces or extension. Empty when it is one. The explanation is escaped for messages.
   */
  public static Optional<String> phoneProblem(String value) {
    if (value.isEmpty()) {
      return Optional.of("the value is empty");
    }
    if (value.regionMatches(true, 0, "tel:", 0, 4)) {
      return Optional.of("it starts with tel: (write the number alone, from its +)");
    }
    if (value.charAt(0) != '+') {
      return Optional.of("it does not start with + and the country code (a global number,"
          + " RFC 3966 §5.1.4)");
    }
    int digits = 0;
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if ("-.()".indexOf(c) < 0) {
        return Optional.of("it holds " + Text.quote(String.valueOf(c)) + " (only digits and the"
            + " separators - . ( ) may follow the +)");
      }
    }
    if (digits == 0) {
      return Optional.of("it has no digits");
    }
    return Optional.empty();
  }
}
