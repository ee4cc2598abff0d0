package org.dvinspector.contact.internal;

import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.dns.ServerAnswer;

/**
 * One contact the CA would find: an address or number, where it was found, and which servers
 * serve it (constructed addresses are served by no record).
 *
 * @param value the address or number
 * @param adn the Authorization Domain Name it belongs to
 * @param source where it was found, for messages ({@code TXT _validation-contactemail.example.com})
 * @param servedBy the servers whose answer holds it (empty for constructed addresses)
 * @param lackedBy the servers that answered without it
 * @param problem why it cannot be used as written (BR Appendix A syntax), when it cannot
 */
record Contact(String value, DomainName adn, String source, List<ServerAnswer> servedBy,
    List<ServerAnswer> lackedBy, Optional<String> problem) {

  /** Whether every server that answered serves it. */
  boolean onAllServers() {
    return lackedBy.isEmpty();
  }

  /** The domain of an e-mail address (after the last {@code @}). */
  Optional<DomainName> mailDomain() {
    int at = value.lastIndexOf('@');
    return at < 0 ? Optional.empty() : DomainName.tryParse(value.substring(at + 1));
  }
}
