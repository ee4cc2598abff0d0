package org.dvinspector.contact.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.spi.HostAddresses;

/**
 * Where mail for a domain goes (RFC 5321 §5.1): its MX hosts by preference, or the domain's own
 * address when it has no MX (the implicit MX), or nowhere (a null MX, RFC 7505; no address).
 *
 * @param domain the mail domain (the part after {@code @})
 * @param kind how mail is routed
 * @param mx what the servers said about the domain's MX records
 * @param exchanges the mail hosts to try, most preferred first (the domain itself for an
 *     implicit MX)
 */
record MailRoute(DomainName domain, Kind kind, Seen mx, List<Exchange> exchanges) {
  /** How mail for the domain is routed. */
  enum Kind {
    /** MX records name the mail hosts. */
    MX,
    /** No MX record: mail goes to the domain's own A/AAAA addresses. */
    IMPLICIT,
    /** A null MX (RFC 7505): the domain accepts no mail. */
    NULL_MX,
    /** The domain does not exist (NXDOMAIN). */
    NO_DOMAIN,
    /** No MX and no address: nowhere to deliver. */
    NO_ADDRESS,
    /** The domain's servers did not answer the MX question. */
    LOOKUP_FAILED,
    /** The inspector's own trouble kept it from asking. */
    INSPECTOR
  }

  /**
   * One mail host: its preference, name, addresses, and why it cannot take mail, if it cannot.
   *
   * @param alias whether the host name is an alias (a CNAME), which RFC 2181 §10.3 forbids
   */
  record Exchange(int preference, DomainName host, HostAddresses addresses,
      List<InetAddress> usable, Optional<String> problem, boolean alias) {
    boolean works() {
      return problem.isEmpty() && !usable.isEmpty();
    }
  }

  /** Whether mail to the domain could be delivered to at least one host. */
  boolean deliverable() {
    return (kind == Kind.MX || kind == Kind.IMPLICIT)
        && exchanges.stream().anyMatch(Exchange::works);
  }

  /** The hosts that cannot take mail. */
  List<Exchange> broken() {
    List<Exchange> out = new ArrayList<>();
    for (Exchange e : exchanges) {
      if (!e.works()) {
        out.add(e);
      }
    }
    return out;
  }

  /** The hosts that can. */
  List<Exchange> working() {
    List<Exchange> out = new ArrayList<>();
    for (Exchange e : exchanges) {
      if (e.works()) {
        out.add(e);
      }
    }
    return out;
  }
}
