package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Readiness for an e-mail or phone validation method (BR 3.2.2.4.4, .13, .14, .15, .16, .17):
 * whether the CA's random value could reach a contact, and whom. The inspector cannot read the
 * mailbox or answer the phone; it checks what the CA looks up, from every authoritative server:
 *
 * <ul>
 *   <li>{@link Method#EMAIL_CONSTRUCTED}: admin@, administrator@, webmaster@, hostmaster@ and
 *       postmaster@ each Authorization Domain Name (the name, or a name above it down to the
 *       registrable domain), and whether that domain accepts mail at all: its MX records, or its
 *       own address when it has none (RFC 5321 §5.1), and no null MX (RFC 7505);
 *   <li>{@link Method#EMAIL_TXT_CONTACT} / {@link Method#PHONE_TXT_CONTACT}: the {@code
 *       _validation-contactemail} / {@code _validation-contactphone} TXT record at an
 *       Authorization Domain Name, its syntax (BR Appendix A.2), and for e-mail whether the
 *       address's domain accepts mail;
 *   <li>{@link Method#EMAIL_CAA_CONTACT} / {@link Method#PHONE_CAA_CONTACT}: the {@code
 *       contactemail} / {@code contactphone} properties of the relevant CAA record set (BR
 *       Appendix A.1), the same way;
 *   <li>{@link Method#PHONE_DOMAIN_CONTACT}: retired (its number comes from WHOIS, which the
 *       inspector does not read).
 * </ul>
 *
 * <p>No mail is sent. {@link #smtpProbe()} asks the mail server, in a lab, whether it accepts the
 * recipient ({@code EHLO}, {@code MAIL FROM:<>}, {@code RCPT TO}, then {@code QUIT}, never {@code
 * DATA}); it runs only against mail servers the network policy routes to loopback.
 */
@Value.Immutable
public abstract class DomainContactCheck implements Check {
  /** The methods this check can predict. */
  public static final Set<Method> METHODS = EnumSet.of(Method.EMAIL_CONSTRUCTED,
      Method.EMAIL_CAA_CONTACT, Method.EMAIL_TXT_CONTACT, Method.PHONE_DOMAIN_CONTACT,
      Method.PHONE_TXT_CONTACT, Method.PHONE_CAA_CONTACT);

  /** The contact method. */
  @Value.Parameter
  public abstract Method contactMethod();

  /**
   * The contact the requester expects the CA to use (an address for the e-mail methods, a number
   * for the phone methods); when given, the check fails unless the CA would find it.
   */
  public abstract Optional<String> expectedContact();

  /**
   * The Authorization Domain Name to use (the name or one above it, down to the registrable
   * domain); empty to consider every one.
   */
  public abstract Optional<DomainName> authorizationDomainName();

  /** Whether to ask the mail servers (in a lab only) if they accept the addresses. */
  @Value.Default
  public boolean smtpProbe() {
    return false;
  }

  /** The check for {@code method}, every Authorization Domain Name, no expected contact. */
  public static DomainContactCheck of(Method method) {
    return ImmutableDomainContactCheck.of(method);
  }

  /** BR 3.2.2.4.4: constructed addresses (admin@, ...). */
  public static DomainContactCheck constructedEmail() {
    return of(Method.EMAIL_CONSTRUCTED);
  }

  /** BR 3.2.2.4.14: the {@code _validation-contactemail} TXT address. */
  public static DomainContactCheck emailTxtContact() {
    return of(Method.EMAIL_TXT_CONTACT);
  }

  /** BR 3.2.2.4.13: the CAA {@code contactemail} address. */
  public static DomainContactCheck emailCaaContact() {
    return of(Method.EMAIL_CAA_CONTACT);
  }

  /** BR 3.2.2.4.16: the {@code _validation-contactphone} TXT number. */
  public static DomainContactCheck phoneTxtContact() {
    return of(Method.PHONE_TXT_CONTACT);
  }

  /** BR 3.2.2.4.17: the CAA {@code contactphone} number. */
  public static DomainContactCheck phoneCaaContact() {
    return of(Method.PHONE_CAA_CONTACT);
  }

  /** A builder, for the other options. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this check. */
  public Builder toBuilder() {
    return (Builder) new Builder().from(this);
  }

  /** Builds a {@link DomainContactCheck}. */
  public static final class Builder extends ImmutableDomainContactCheck.Builder {
    Builder() {}

    /**
     * The Authorization Domain Name, from text.
     *
     * @throws InvalidDomainNameException if it is not a domain name
     */
    public Builder authorizationDomainName(String name) {
      authorizationDomainName(DomainName.parse(name));
      return this;
    }
  }

  /** Whether the method sends e-mail (else it phones). */
  public boolean isEmail() {
    return contactMethod() == Method.EMAIL_CONSTRUCTED
        || contactMethod() == Method.EMAIL_CAA_CONTACT
        || contactMethod() == Method.EMAIL_TXT_CONTACT;
  }

  /**
   * The Authorization Domain Names the CA may use for {@code domain}: the one given, or every one
   * from the name down to the registrable domain.
   */
  public List<DomainName> authorizationDomainNames(DomainName domain) {
    return authorizationDomainName().map(List::of)
        .orElseGet(() -> DomainContacts.authorizationDomainNames(domain));
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(contactMethod());
  }

  @Override
  public String moduleId() {
    return "contact";
  }

  @Override
  public String kind() {
    return contactMethod().label();
  }

  @Override
  public String describe(DomainName domain) {
    String where = authorizationDomainName().map(DomainName::ascii)
        .orElse(domain.withoutWildcard() + " or a name above it");
    String what = switch (contactMethod()) {
      case EMAIL_CONSTRUCTED -> "mail to admin@, administrator@, webmaster@, hostmaster@ or"
          + " postmaster@" + where + " can be delivered";
      case EMAIL_TXT_CONTACT -> "TXT " + DomainContacts.EMAIL_TXT_LABEL + "." + where
          + " names a deliverable address";
      case EMAIL_CAA_CONTACT -> "CAA " + DomainContacts.CAA_EMAIL_TAG + " for " + where
          + " names a deliverable address";
      case PHONE_TXT_CONTACT -> "TXT " + DomainContacts.PHONE_TXT_LABEL + "." + where
          + " names a phone number";
      case PHONE_CAA_CONTACT -> "CAA " + DomainContacts.CAA_PHONE_TAG + " for " + where
          + " names a phone number";
      default -> "the domain contact's phone number (WHOIS) for " + where;
    };
    return what + expectedContact().map(c -> ": " + Text.quote(c, 120)).orElse("");
  }

  @Value.Check
  void check() {
    if (!METHODS.contains(contactMethod())) {
      throw new IllegalArgumentException("The " + contactMethod().label()
          + " method is not a contact method; use one of " + METHODS);
    }
    expectedContact().ifPresent(c -> {
      Optional<String> problem = isEmail() ? DomainContacts.emailProblem(c)
          : DomainContacts.phoneProblem(c);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("The expected contact \"" + Text.escape(c)
            + "\" is not " + (isEmail() ? "an e-mail address" : "a global phone number") + ": "
            + problem.get());
      }
    });
    if (smtpProbe() && !isEmail()) {
      throw new IllegalArgumentException("The SMTP probe is for the e-mail methods, not "
          + contactMethod().label());
    }
    authorizationDomainName().ifPresent(adn -> {
      if (adn.isWildcard()) {
        throw new IllegalArgumentException("The Authorization Domain Name " + adn
            + " cannot be a wildcard");
      }
    });
  }
}
