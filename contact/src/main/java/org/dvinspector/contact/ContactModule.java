package org.dvinspector.contact;

import org.dvinspector.contact.internal.ContactRuntime;
import org.dvinspector.spi.InspectorModule;
import org.dvinspector.spi.ModuleRuntime;
import org.dvinspector.spi.ModuleServices;

/**
 * The {@code contact} module: runs {@link org.dvinspector.DomainContactCheck}, predicting whether
 * an e-mail or phone validation could reach a contact (BR 3.2.2.4.4, .13, .14, .15, .16, .17):
 *
 * <ul>
 *   <li>e-mail: which addresses the CA would write to (the constructed admin@, administrator@,
 *       webmaster@, hostmaster@, postmaster@ of each Authorization Domain Name, or the address in
 *       the {@code _validation-contactemail} TXT record or the CAA {@code contactemail} property),
 *       and whether mail to their domain could be delivered at all: MX records whose hosts resolve
 *       to public addresses, or the domain's own address when it has no MX (RFC 5321 §5.1), and no
 *       null MX (RFC 7505);
 *   <li>phone: the number in the {@code _validation-contactphone} TXT record or the CAA {@code
 *       contactphone} property, and its syntax (BR Appendix A);
 *   <li>every record from every authoritative server, through the {@code dns} module's {@link
 *       org.dvinspector.dns.CaDnsView}.
 * </ul>
 *
 * <p>No mail is sent and no number is called. A check may ask for the SMTP probe ({@code EHLO},
 * {@code MAIL FROM:<>}, {@code RCPT TO}, {@code QUIT}; never {@code DATA}): it runs only against
 * mail servers the network policy routes to a loopback address, that is in a lab; elsewhere it is
 * skipped with a note, so the inspector never talks SMTP to the internet.
 *
 * <p>Found by {@link java.util.ServiceLoader} when {@code dvinspector-contact} is on the class or
 * module path; needs the {@code dns} module too.
 */
public final class ContactModule implements InspectorModule {
  /** The module id {@link org.dvinspector.DomainContactCheck} refers to. */
  public static final String ID = "contact";

  /** For {@link java.util.ServiceLoader}. */
  public ContactModule() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ModuleRuntime start(ModuleServices services) {
    return new ContactRuntime(services);
  }

  @Override
  public String toString() {
    return "ContactModule";
  }
}
