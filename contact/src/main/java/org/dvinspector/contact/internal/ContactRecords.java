package org.dvinspector.contact.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.dvinspector.DomainContacts;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;

/**
 * The DNS contact records of BR Appendix A, from every authoritative server: the {@code
 * _validation-contactemail} / {@code _validation-contactphone} TXT record at an Authorization
 * Domain Name (A.2; the whole record's text is the contact), and the {@code contactemail} / {@code
 * contactphone} properties of the relevant CAA record set of an Authorization Domain Name (A.1;
 * the set found by the RFC 8659 §3 search, climbing from the name towards the top-level domain).
 */
final class ContactRecords {
  /** What the lookups found for one Authorization Domain Name. */
  record Found(DomainName adn, String where, Optional<Seen> seen, List<Contact> contacts) {}

  private final Lookups lookups;

  ContactRecords(Lookups lookups) {
    this.lookups = lookups;
  }

  /** The TXT contacts at {@code _validation-contact<email|phone>.<adn>}. */
  CompletableFuture<Found> txt(DomainName adn, boolean email) {
    String label = email ? DomainContacts.EMAIL_TXT_LABEL : DomainContacts.PHONE_TXT_LABEL;
    DomainName name = adn.child(label);
    return lookups.seen(name, RecordType.TXT).thenApply(seen -> {
      List<Contact> out = new ArrayList<>();
      for (Map.Entry<String, List<ServerAnswer>> e : seen.byValue().entrySet()) {
        DnsRecord r = recordOf(seen, e.getKey());
        String value = r.joinedStrings();
        out.add(new Contact(value, adn, "TXT " + name, e.getValue(), seen.lacking(e.getKey()),
            email ? DomainContacts.emailProblem(value) : DomainContacts.phoneProblem(value)));
      }
      return new Found(adn, "TXT " + name, Optional.of(seen), out);
    });
  }

  /**
   * The CAA contacts of {@code adn}'s relevant record set: the first name at or above {@code adn}
   * with CAA records (every name from {@code adn} to the top-level domain is asked at once).
   */
  CompletableFuture<Found> caa(DomainName adn, boolean email) {
    String tag = email ? DomainContacts.CAA_EMAIL_TAG : DomainContacts.CAA_PHONE_TAG;
    List<DomainName> climb = new ArrayList<>();
    for (Optional<DomainName> n = Optional.of(adn); n.isPresent(); n = n.get().parent()) {
      climb.add(n.get());
    }
    List<CompletableFuture<Seen>> sets = climb.stream()
        .map(n -> lookups.seen(n, RecordType.CAA)).collect(Collectors.toList());
    return CompletableFuture.allOf(sets.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      for (CompletableFuture<Seen> f : sets) {
        Seen seen = f.join();
        if (seen.failed()) {
          // A failed lookup before a set is found ends the search (RFC 8659 §3 / BR 4.2.2.1).
          return new Found(adn, "CAA at " + seen.name(), Optional.of(seen), List.of());
        }
        if (seen.distinctRecords().isEmpty()) {
          continue;
        }
        List<Contact> out = new ArrayList<>();
        for (Map.Entry<String, List<ServerAnswer>> e : seen.byValue().entrySet()) {
          DnsRecord r = recordOf(seen, e.getKey());
          if (!r.caaTag().map(t -> t.toLowerCase(Locale.ROOT).equals(tag)).orElse(false)) {
            continue;
          }
          String value = r.caaValue().orElse("");
          out.add(new Contact(value, adn, "CAA " + tag + " at " + seen.name()
              + (seen.name().equals(adn) ? "" : " (the relevant set of " + adn + ")"),
              e.getValue(), seen.lacking(e.getKey()),
              email ? DomainContacts.emailProblem(value) : DomainContacts.phoneProblem(value)));
        }
        return new Found(adn, "CAA at " + seen.name(), Optional.of(seen), out);
      }
      return new Found(adn, "CAA at " + adn + " and above (no CAA record)", Optional.empty(),
          List.of());
    });
  }

  private static DnsRecord recordOf(Seen seen, String data) {
    for (DnsRecord r : seen.distinctRecords()) {
      if (r.data().equals(data)) {
        return r;
      }
    }
    throw new IllegalStateException("no record with data " + data);
  }
}
