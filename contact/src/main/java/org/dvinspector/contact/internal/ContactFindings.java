package org.dvinspector.contact.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.DomainContacts;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.spi.InspectionContext;

/**
 * The words of the contact methods: every finding a {@link DomainContactCheck} reports, with its
 * message, remedy, evidence and attributes. One instance per check run; it remembers whether an
 * ERROR was reported.
 */
final class ContactFindings {
  private final InspectionContext context;
  private final DomainContactCheck check;
  private final Method method;
  private final AtomicBoolean error = new AtomicBoolean();

  ContactFindings(InspectionContext context, DomainContactCheck check) {
    this.context = context;
    this.check = check;
    this.method = check.contactMethod();
  }

  boolean errorReported() {
    return error.get();
  }

  private Finding.Builder finding(FindingCode code) {
    return Finding.builder(code).method(method);
  }

  private void report(Finding f) {
    if (f.severity() == Severity.ERROR) {
      error.set(true);
    }
    context.report(f);
  }

  /** One server's answer, escaped, one line. */
  static String detail(ServerAnswer a) {
    return switch (a.outcome()) {
      case NXDOMAIN -> "NXDOMAIN: the name does not exist";
      case NODATA -> "NODATA: no record of this type";
      case ANSWER -> {
        List<String> out = new ArrayList<>();
        for (DnsRecord r : a.answer()) {
          out.add(r.name() + " " + r.typeName() + " " + r.data());
        }
        yield Text.escape(String.join("; ", out));
      }
      default -> a.outcome() + a.problem().map(p -> ": " + Text.escape(p)).orElse("");
    };
  }

  /**
   * The lookup of {@code seen} failed: the domain's servers, or the inspector's own trouble;
   * {@code fatal} when the check has nothing else to go on.
   */
  void lookupFailed(Seen seen, String what, boolean fatal) {
    String why = Text.escape(seen.problem().orElse("no answer"));
    if (seen.inspectorsOwn()) {
      Finding.Builder b = finding(why.contains("deadline")
          ? FindingCode.INSPECTION_DEADLINE_EXCEEDED : FindingCode.INSPECTOR_NETWORK_UNAVAILABLE)
          .message(what + " could not be looked up from here: " + why + "; this says nothing"
              + " about the domain")
          .remedy("Inspect again with a working network and a longer deadline.")
          .evidence(Perspective.inspector(), why);
      report(b.build());
      return;
    }
    boolean undelegated = seen.zone().failure() == ZoneCut.Failure.NOT_DELEGATED;
    Finding.Builder b = finding(undelegated || !seen.zone().found()
        ? FindingCode.DNS_ZONE_NOT_FOUND : FindingCode.DNS_SERVER_FAILURE)
        .severity(fatal ? Severity.ERROR : Severity.WARNING)
        .message(what + " could not be looked up: " + why + "; the CA cannot find the contact")
        .remedy(undelegated ? "Register the domain and delegate it to working nameservers."
            : "Make the authoritative servers of " + seen.zone().zone() + " answer (see the"
                + " evidence for each server).")
        .attribute("name", seen.last().ascii());
    for (ServerAnswer a : seen.answers()) {
      b.evidence(a.perspective(), detail(a));
    }
    if (seen.answers().isEmpty()) {
      b.evidence(Perspective.inspector(), why);
    }
    report(b.build());
  }

  /**
   * The mail route of {@code route}'s domain has a problem; {@code fatal} when no other route the
   * check could use works (the CA's message would not arrive).
   */
  void route(MailRoute route, boolean fatal, String forWhom) {
    DomainName d = route.domain();
    Severity severity = fatal ? Severity.ERROR : Severity.WARNING;
    switch (route.kind()) {
      case NULL_MX -> {
        Finding.Builder b = finding(FindingCode.MAIL_NULL_MX).severity(severity)
            .message(d + " publishes a null MX (RFC 7505: MX 0 .): it accepts no mail, so "
                + forWhom + " cannot receive the CA's message")
            .remedy("Replace the null MX of " + d + " with MX records of a mail server that"
                + " accepts mail for " + forWhom + ", or validate with another method (DNS or"
                + " HTTP).")
            .attribute("domain", d.ascii());
        evidence(b, route.mx());
        report(b.build());
      }
      case NO_DOMAIN, NO_ADDRESS -> {
        if (route.kind() == MailRoute.Kind.NO_DOMAIN && !fatal) {
          // A name above that does not exist is simply not a route the CA would take.
          return;
        }
        Finding.Builder b = finding(FindingCode.MAIL_NO_MAIL_SERVER).severity(severity)
            .message(d + (route.kind() == MailRoute.Kind.NO_DOMAIN ? " does not exist"
                : " has no MX record and no A or AAAA record") + ": mail to " + forWhom
                + " cannot be delivered (RFC 5321 §5.1)")
            .remedy("Publish MX records for " + d + " naming a mail server that accepts mail for "
                + forWhom + ", or validate with another method.")
            .attribute("domain", d.ascii());
        evidence(b, route.mx());
        report(b.build());
      }
      case LOOKUP_FAILED, INSPECTOR -> lookupFailed(route.mx(), "MX " + d, fatal);
      case IMPLICIT -> {
        if (!route.deliverable()) {
          brokenHosts(route, fatal, forWhom);
          return;
        }
        MailRoute.Exchange self = route.exchanges().get(0);
        Finding.Builder b = finding(FindingCode.MAIL_IMPLICIT_MX)
            .message(d + " has no MX record: mail to " + forWhom + " goes to " + d + " itself ("
                + self.usable().stream().map(java.net.InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")) + "), which must run a mail server that"
                + " accepts it (RFC 5321 §5.1)")
            .remedy("Make sure " + d + " accepts mail on port 25 for " + forWhom + " (a web"
                + " server usually does not), or publish MX records naming your mail server.")
            .attribute("domain", d.ascii());
        evidence(b, route.mx());
        report(b.build());
      }
      case MX -> brokenHosts(route, fatal, forWhom);
    }
    aliases(route);
    agreement(route);
  }

  private void brokenHosts(MailRoute route, boolean fatal, String forWhom) {
    List<MailRoute.Exchange> broken = route.broken();
    if (broken.isEmpty()) {
      return;
    }
    boolean none = route.working().isEmpty();
    Finding.Builder b = finding(FindingCode.MAIL_MX_UNUSABLE)
        .severity(none && fatal ? Severity.ERROR : Severity.WARNING)
        .message((none ? "No mail host of " + route.domain() + " can take mail for " + forWhom
            : broken.size() + " of " + route.exchanges().size() + " mail hosts of "
                + route.domain() + " cannot take mail (senders try the next)") + ": "
            + broken.stream().map(e -> Text.escape(e.problem().orElse(e.host() + ": no usable"
                + " address"))).collect(Collectors.joining("; ")))
        .remedy("Give every MX host of " + route.domain() + " public A/AAAA records (and remove"
            + " MX records of hosts that no longer exist).")
        .attribute("domain", route.domain().ascii())
        .attribute("hosts", broken.stream().map(e -> e.host().ascii())
            .collect(Collectors.joining(",")));
    for (MailRoute.Exchange e : broken) {
      b.evidence(Perspective.inspector(), "MX " + e.preference() + " " + e.host() + ": "
          + Text.escape(e.problem().orElse("no usable address")));
    }
    report(b.build());
  }

  private void aliases(MailRoute route) {
    for (MailRoute.Exchange e : route.exchanges()) {
      if (e.alias() && route.kind() == MailRoute.Kind.MX) {
        report(finding(FindingCode.MAIL_MX_IS_ALIAS)
            .message("The MX host " + e.host() + " of " + route.domain() + " is an alias ("
                + e.host() + " -> " + e.addresses().aliasChain().stream().map(DomainName::ascii)
                    .collect(Collectors.joining(" -> ")) + "); RFC 2181 §10.3 forbids it and"
                + " some mail servers refuse to deliver")
            .remedy("Point the MX record of " + route.domain() + " at the host's canonical name "
                + e.addresses().aliasChain().get(e.addresses().aliasChain().size() - 1) + ".")
            .attribute("host", e.host().ascii())
            .evidence(Perspective.inspector(), "MX " + e.preference() + " " + e.host())
            .build());
      }
    }
  }

  private void agreement(MailRoute route) {
    if (route.mx().serversAgree()) {
      return;
    }
    Finding.Builder b = finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .severity(Severity.WARNING)
        .message("The authoritative servers of " + route.domain() + " serve different MX"
            + " records; the CA's mail server may get either set")
        .remedy("Make every nameserver of " + route.mx().zone().zone() + " serve the same MX"
            + " records (zone transfers, or each DNS provider).")
        .attribute("name", route.domain().ascii());
    evidence(b, route.mx());
    report(b.build());
  }

  private static void evidence(Finding.Builder b, Seen seen) {
    for (ServerAnswer a : seen.answers()) {
      b.evidence(a.perspective(), detail(a));
    }
  }

  /** No contact record at any Authorization Domain Name. */
  void missing(List<ContactRecords.Found> found) {
    String example = example();
    DomainName adn = found.isEmpty() ? context.domain().withoutWildcard() : found.get(0).adn();
    boolean caa = method == Method.EMAIL_CAA_CONTACT || method == Method.PHONE_CAA_CONTACT;
    String where = found.stream().map(ContactRecords.Found::where)
        .collect(Collectors.joining(", "));
    Finding.Builder b = finding(FindingCode.CONTACT_RECORD_MISSING)
        .message("No " + (caa ? "CAA " + tag() + " property" : "TXT " + label() + " record")
            + " was found (" + where + "): the CA has no " + (check.isEmail() ? "address"
                : "number") + " to use")
        .remedy(caa
            ? "Add a CAA record at " + adn + ": 0 " + tag() + " \"" + example + "\" (BR Appendix"
                + " A.1; it joins the relevant CAA set, so keep the issue records there)."
            : "Add a TXT record at " + label() + "." + adn + " with the value " + example
                + " alone (BR Appendix A.2).")
        .attribute("names", where);
    for (ContactRecords.Found f : found) {
      f.seen().ifPresent(s -> s.answers().stream().limit(4)
          .forEach(a -> b.evidence(a.perspective(), f.where() + ": " + detail(a))));
    }
    report(b.build());
  }

  /** Contact records whose value the CA cannot use. */
  void malformed(List<Contact> bad, boolean fatal) {
    Contact first = bad.get(0);
    Finding.Builder b = finding(FindingCode.CONTACT_RECORD_MALFORMED)
        .severity(fatal ? Severity.ERROR : Severity.WARNING)
        .message("The " + first.source() + " value " + Text.quote(first.value(), 120) + " is not "
            + (check.isEmail() ? "an e-mail address" : "a global phone number") + ": "
            + first.problem().orElse("?") + (bad.size() > 1 ? " (and " + (bad.size() - 1)
                + " more unusable value" + (bad.size() == 2 ? "" : "s") + ")" : ""))
        .remedy("Write the " + (check.isEmail() ? "address" : "number") + " alone, e.g. "
            + example() + " (BR Appendix A: \"with no additional padding or structure\").")
        .attribute("found", first.value())
        .attribute("problem", first.problem().orElse(""));
    for (Contact c : bad) {
      for (ServerAnswer a : c.servedBy()) {
        b.evidence(a.perspective(), c.source() + ": " + Text.quote(c.value(), 120));
      }
    }
    report(b.build());
  }

  /** Contacts some servers serve and others do not. */
  void notOnAll(List<Contact> partial, boolean fatal) {
    Contact first = partial.get(0);
    Finding.Builder b = finding(FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .severity(fatal ? Severity.ERROR : Severity.WARNING)
        .message("The contact " + Text.quote(first.value(), 120) + " (" + first.source() + ")"
            + " is on " + first.servedBy().size() + " of " + (first.servedBy().size()
                + first.lackedBy().size()) + " authoritative server addresses; missing on "
            + first.lackedBy().stream().map(a -> a.perspective().label())
                .collect(Collectors.joining(", ")))
        .remedy("Make every nameserver serve the record (zone transfers, or each DNS provider);"
            + " the CA may ask any of them.")
        .attribute("found", first.value());
    for (ServerAnswer a : first.servedBy()) {
      b.evidence(a.perspective(), "has it: " + detail(a));
    }
    for (ServerAnswer a : first.lackedBy()) {
      b.evidence(a.perspective(), "lacks it: " + detail(a));
    }
    report(b.build());
  }

  /** The expected contact is not one the CA would find. */
  void notPublished(String expected, List<Contact> found) {
    Set<String> values = new LinkedHashSet<>();
    found.forEach(c -> values.add(c.value()));
    boolean constructed = method == Method.EMAIL_CONSTRUCTED;
    report(finding(FindingCode.CONTACT_NOT_PUBLISHED)
        .message(Text.quote(expected) + " is not " + (constructed
            ? "an address the BR let the CA construct (admin@, administrator@, webmaster@,"
                + " hostmaster@ or postmaster@ an Authorization Domain Name that accepts mail)"
            : "among the contacts the CA would find") + (values.isEmpty() ? ""
                : "; it would use " + Text.escape(String.join(", ", values))))
        .remedy(constructed ? "Use one of the constructed addresses, or publish the address as a"
            + " DNS contact (_validation-contactemail TXT or CAA contactemail) and use that"
            + " method." : "Publish " + Text.quote(expected) + " in the "
            + (method == Method.EMAIL_CAA_CONTACT || method == Method.PHONE_CAA_CONTACT
                ? "CAA " + tag() + " property" : "TXT record " + label() + ".<domain>") + ".")
        .attribute("expected", expected)
        .evidence(Perspective.inspector(), "contacts found: " + (values.isEmpty() ? "none"
            : Text.escape(String.join(", ", values))))
        .build());
  }

  /** The SMTP probe's refusals; {@code fatal} when no candidate was accepted. */
  void rejected(List<String> lines, boolean fatal) {
    report(finding(FindingCode.MAIL_RECIPIENT_REJECTED)
        .severity(fatal ? Severity.ERROR : Severity.WARNING)
        .message("The SMTP probe (lab only, no mail sent) was refused: " + lines.get(0)
            + (lines.size() > 1 ? " (and " + (lines.size() - 1) + " more)" : ""))
        .remedy("Create the mailbox or alias on the mail server (admin@ and postmaster@ are often"
            + " missing), or let it accept mail for the contact address.")
        .evidence(Perspective.inspector(), String.join("; ", lines))
        .build());
  }

  /** The contacts the CA would use. */
  void candidates(List<Contact> usable, List<String> notes) {
    Set<String> values = new LinkedHashSet<>();
    usable.forEach(c -> values.add(c.value()));
    Finding.Builder b = finding(FindingCode.CONTACT_CANDIDATES)
        .message("The CA would " + (check.isEmail() ? "mail its random value to " : "call or"
            + " text ") + Text.escape(String.join(", ", values)) + "; whether "
            + (check.isEmail() ? "the mailbox exists and is read" : "someone answers")
            + " cannot be checked from here")
        .attribute("contacts", String.join(",", values));
    for (Contact c : usable) {
      b.evidence(Perspective.inspector(), Text.escape(c.value()) + " (" + c.source() + ")");
    }
    notes.forEach(n -> b.evidence(Perspective.inspector(), n));
    report(b.build());
  }

  private String tag() {
    return check.isEmail() ? DomainContacts.CAA_EMAIL_TAG : DomainContacts.CAA_PHONE_TAG;
  }

  private String label() {
    return check.isEmail() ? DomainContacts.EMAIL_TXT_LABEL : DomainContacts.PHONE_TXT_LABEL;
  }

  private String example() {
    return check.expectedContact().orElse(check.isEmail()
        ? "dcv@" + context.domain().withoutWildcard() : "+1-555-0100");
  }
}
