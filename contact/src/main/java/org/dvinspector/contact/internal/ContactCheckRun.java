package org.dvinspector.contact.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dvinspector.CheckResult.Status;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.DomainContacts;
import org.dvinspector.DomainName;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.ModuleServices;

/**
 * One contact check: the Authorization Domain Names, the contacts the CA would find there (the
 * constructed addresses, or the DNS contact records), for e-mail whether mail to each address's
 * domain can be delivered, optionally the lab-only SMTP probe, then findings and a status. Passes
 * when at least one contact the CA could use reaches (as far as DNS can tell) its recipient: the
 * CA needs one.
 */
final class ContactCheckRun {
  private final DomainContactCheck check;
  private final InspectionContext context;
  private final ModuleServices services;
  private final MailRoutes routes;
  private final ContactRecords records;
  private final SmtpProbe probe;
  private final ContactFindings findings;

  ContactCheckRun(DomainContactCheck check, InspectionContext context, ModuleServices services,
      CaDnsView dns, HostAddressLookup hosts, SmtpProbe probe) {
    this.check = check;
    this.context = context;
    this.services = services;
    Lookups lookups = new Lookups(dns, context);
    this.routes = new MailRoutes(lookups, hosts, context, services.networkPolicy());
    this.records = new ContactRecords(lookups);
    this.probe = probe;
    this.findings = new ContactFindings(context, check);
  }

  CompletableFuture<Status> run() {
    List<DomainName> adns = check.authorizationDomainNames(context.domain());
    return switch (check.contactMethod()) {
      case EMAIL_CONSTRUCTED -> constructed(adns);
      case EMAIL_TXT_CONTACT -> published(adns, a -> records.txt(a, true));
      case EMAIL_CAA_CONTACT -> published(adns, a -> records.caa(a, true));
      case PHONE_TXT_CONTACT -> published(adns, a -> records.txt(a, false));
      case PHONE_CAA_CONTACT -> published(adns, a -> records.caa(a, false));
      default -> CompletableFuture.completedFuture(Status.UNDECIDED);
    };
  }

  // ------------------------------------------------------------------ BR 3.2.2.4.4

  private CompletableFuture<Status> constructed(List<DomainName> adns) {
    List<CompletableFuture<MailRoute>> all = new ArrayList<>();
    adns.forEach(a -> all.add(routes.route(a)));
    return joinAll(all).thenCompose(list -> {
      boolean any = list.stream().anyMatch(MailRoute::deliverable);
      List<Contact> contacts = new ArrayList<>();
      for (MailRoute r : list) {
        findings.route(r, !any, "admin@" + r.domain() + " and the other constructed addresses");
        if (r.deliverable()) {
          for (String address : DomainContacts.constructedAddresses(r.domain())) {
            contacts.add(new Contact(address, r.domain(), "constructed at " + r.domain()
                + " (BR 3.2.2.4.4)", List.of(), List.of(), Optional.empty()));
          }
        }
      }
      Optional<String> expected = check.expectedContact();
      if (expected.isPresent()) {
        boolean constructedAddress = isConstructed(expected.get(), adns);
        contacts = contacts.stream().filter(c -> same(c.value(), expected.get()))
            .collect(Collectors.toList());
        if (!constructedAddress) {
          findings.notPublished(expected.get(), List.of());
        }
      }
      return finish(contacts, deliverableRoutes(list));
    });
  }

  private static boolean isConstructed(String address, List<DomainName> adns) {
    int at = address.lastIndexOf('@');
    String local = address.substring(0, at).toLowerCase(Locale.ROOT);
    Optional<DomainName> domain = DomainName.tryParse(address.substring(at + 1));
    return DomainContacts.CONSTRUCTED_LOCAL_PARTS.contains(local) && domain.isPresent()
        && adns.contains(domain.get());
  }

  // ------------------------------------------------------------------ BR 3.2.2.4.13, .14, .16, .17

  private CompletableFuture<Status> published(List<DomainName> adns,
      Function<DomainName, CompletableFuture<ContactRecords.Found>> fetch) {
    List<CompletableFuture<ContactRecords.Found>> all = new ArrayList<>();
    adns.forEach(a -> all.add(fetch.apply(a)));
    return joinAll(all).thenCompose(found -> {
      boolean lookupFailed = false;
      List<Contact> contacts = new ArrayList<>();
      for (ContactRecords.Found f : found) {
        lookupFailed |= f.seen().isPresent() && f.seen().get().failed();
        contacts.addAll(f.contacts());
      }
      List<Contact> valid = contacts.stream().filter(c -> c.problem().isEmpty())
          .collect(Collectors.toList());
      for (ContactRecords.Found f : found) {
        if (f.seen().isPresent() && f.seen().get().failed()) {
          // Fatal only when no other Authorization Domain Name gives a usable contact.
          findings.lookupFailed(f.seen().get(), f.where(), valid.isEmpty());
        }
      }
      List<Contact> bad = contacts.stream().filter(c -> c.problem().isPresent())
          .collect(Collectors.toList());
      if (contacts.isEmpty() && !lookupFailed) {
        findings.missing(found);
      }
      if (!bad.isEmpty()) {
        findings.malformed(bad, valid.isEmpty());
      }
      List<Contact> partial = valid.stream().filter(c -> !c.onAllServers())
          .collect(Collectors.toList());
      boolean anyOnAll = valid.stream().anyMatch(Contact::onAllServers);
      if (!partial.isEmpty()) {
        findings.notOnAll(partial, !anyOnAll);
      }
      List<Contact> usable = valid.stream().filter(Contact::onAllServers)
          .collect(Collectors.toList());
      Optional<String> expected = check.expectedContact();
      if (expected.isPresent()) {
        List<Contact> matching = usable.stream().filter(c -> same(c.value(), expected.get()))
            .collect(Collectors.toList());
        if (matching.isEmpty() && !lookupFailed) {
          findings.notPublished(expected.get(), valid);
        }
        usable = matching;
      }
      if (!check.isEmail()) {
        return finish(usable, Map.of());
      }
      return mail(usable);
    });
  }

  /** For e-mail contacts: the route of each address's domain; only deliverable ones remain. */
  private CompletableFuture<Status> mail(List<Contact> contacts) {
    Map<DomainName, CompletableFuture<MailRoute>> byDomain = new LinkedHashMap<>();
    for (Contact c : contacts) {
      c.mailDomain().ifPresent(d -> byDomain.computeIfAbsent(d, routes::route));
    }
    return joinAll(new ArrayList<>(byDomain.values())).thenCompose(list -> {
      boolean any = list.stream().anyMatch(MailRoute::deliverable);
      for (MailRoute r : list) {
        findings.route(r, !any, addressesAt(contacts, r.domain()));
      }
      Set<DomainName> ok = deliverableRoutes(list).keySet();
      List<Contact> deliverable = contacts.stream()
          .filter(c -> c.mailDomain().map(ok::contains).orElse(false))
          .collect(Collectors.toList());
      return finish(deliverable, deliverableRoutes(list));
    });
  }

  private static String addressesAt(List<Contact> contacts, DomainName domain) {
    Set<String> out = new LinkedHashSet<>();
    for (Contact c : contacts) {
      if (c.mailDomain().map(domain::equals).orElse(false)) {
        out.add(Text.escape(c.value()));
      }
    }
    return out.isEmpty() ? "the contact" : String.join(", ", out);
  }

  private static Map<DomainName, MailRoute> deliverableRoutes(List<MailRoute> list) {
    Map<DomainName, MailRoute> out = new LinkedHashMap<>();
    for (MailRoute r : list) {
      if (r.deliverable()) {
        out.put(r.domain(), r);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ probe and verdict

  private CompletableFuture<Status> finish(List<Contact> usable,
      Map<DomainName, MailRoute> deliverable) {
    if (!check.smtpProbe() || usable.isEmpty()) {
      return CompletableFuture.completedFuture(verdict(usable, List.of()));
    }
    List<String> notes = new ArrayList<>();
    List<CompletableFuture<SmtpProbe.Result>> probes = new ArrayList<>();
    Map<CompletableFuture<SmtpProbe.Result>, DomainName> domainOf = new LinkedHashMap<>();
    for (MailRoute r : deliverable.values()) {
      MailRoute.Exchange host = r.working().get(0);
      InetAddress address = host.usable().get(0);
      List<String> recipients = usable.stream()
          .filter(c -> c.mailDomain().map(r.domain()::equals).orElse(false))
          .map(Contact::value).collect(Collectors.toList());
      if (recipients.isEmpty()) {
        continue;
      }
      if (!probe.inLab(address)) {
        notes.add("SMTP probe of " + host.host() + " [" + address.getHostAddress() + "] skipped:"
            + " it runs only against mail servers routed to loopback (labs)");
        continue;
      }
      Duration budget = services.networkPolicy().httpTimeout();
      Duration left = context.remaining().minusMillis(100);
      CompletableFuture<SmtpProbe.Result> p = probe.probe(address, recipients,
          left.compareTo(budget) < 0 ? left : budget);
      probes.add(p);
      domainOf.put(p, r.domain());
    }
    return joinAll(probes).thenApply(results -> {
      Set<String> refused = new LinkedHashSet<>();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        SmtpProbe.Result res = results.get(i);
        DomainName domain = domainOf.get(probes.get(i));
        String server = "[" + res.address().getHostAddress() + "]:25";
        if (res.failure().isPresent()) {
          lines.add(server + ": " + res.failure().get());
          for (Contact c : usable) {
            if (c.mailDomain().map(d -> d.equals(domain)).orElse(false)) {
              refused.add(c.value());
            }
          }
          continue;
        }
        res.recipients().forEach((address, reply) -> {
          if (reply.accepted()) {
            notes.add("SMTP probe: " + server + " accepts RCPT TO:<" + Text.escape(address)
                + "> (" + reply.code() + ")");
          } else {
            lines.add(server + " answers RCPT TO:<" + Text.escape(address) + "> with "
                + reply.code() + " " + reply.text());
            if (reply.permanent()) {
              refused.add(address);
            }
          }
        });
      }
      List<Contact> accepted = usable.stream().filter(c -> !refused.contains(c.value()))
          .collect(Collectors.toList());
      if (!lines.isEmpty()) {
        findings.rejected(lines, accepted.isEmpty());
      }
      return verdict(accepted, notes);
    });
  }

  private Status verdict(List<Contact> usable, List<String> notes) {
    if (!usable.isEmpty()) {
      findings.candidates(usable, notes);
    }
    if (findings.errorReported()) {
      return Status.FAILED;
    }
    return usable.isEmpty() ? Status.UNDECIDED : Status.PASSED;
  }

  /** Addresses compare with the domain part case-insensitive; numbers by their digits. */
  private boolean same(String found, String expected) {
    if (!check.isEmail()) {
      return digits(found).equals(digits(expected));
    }
    int a = found.lastIndexOf('@');
    int b = expected.lastIndexOf('@');
    return a > 0 && b > 0 && found.substring(0, a).equals(expected.substring(0, b))
        && found.substring(a + 1).equalsIgnoreCase(expected.substring(b + 1));
  }

  private static String digits(String number) {
    return number.replaceAll("[^0-9+]", "");
  }

  private static <T> CompletableFuture<List<T>> joinAll(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> futures.stream().map(CompletableFuture::join)
            .collect(Collectors.toList()));
  }
}
