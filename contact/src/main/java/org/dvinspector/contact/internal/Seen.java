package org.dvinspector.contact.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;

/**
 * What every authoritative server of a name's zone said about one name and type, after aliases
 * were followed: the records each served, and whether they agree.
 *
 * @param name the name asked
 * @param type the type asked
 * @param zone the zone of the last name of the alias chain
 * @param answers every server's answer for the last name of the alias chain
 * @param aliases the CNAME chain followed from {@code name} (empty when none)
 */
record Seen(DomainName name, RecordType type, ZoneCut zone, List<ServerAnswer> answers,
    List<DomainName> aliases) {

  /** The answers that say something about the name (ANSWER, NXDOMAIN, NODATA). */
  List<ServerAnswer> conclusive() {
    List<ServerAnswer> out = new ArrayList<>();
    for (ServerAnswer a : answers) {
      if (a.isConclusive()) {
        out.add(a);
      }
    }
    return out;
  }

  /** Whether no server answered conclusively (or the zone was not found). */
  boolean failed() {
    return !zone.found() || conclusive().isEmpty();
  }

  /** Whether the failure is the inspector's own (its network, deadline or limits). */
  boolean inspectorsOwn() {
    if (!zone.found()) {
      return zone.failure() == ZoneCut.Failure.INSPECTOR || zone.networkUnavailable();
    }
    return !answers.isEmpty() && answers.stream().allMatch(a -> a.isInspectorsOwn()
        || a.deadlineReached());
  }

  /** Whether every conclusive answer is NXDOMAIN: the name does not exist. */
  boolean nameMissing() {
    List<ServerAnswer> c = conclusive();
    return !c.isEmpty() && c.stream().allMatch(a -> a.outcome() == Outcome.NXDOMAIN);
  }

  /** The last name of the alias chain: where the records are. */
  DomainName last() {
    return aliases.isEmpty() ? name : aliases.get(aliases.size() - 1);
  }

  /** The records of {@link #type()} one server served for the last name. */
  List<DnsRecord> records(ServerAnswer a) {
    List<DnsRecord> out = new ArrayList<>();
    for (DnsRecord r : a.answer()) {
      if (r.is(type) && r.isOwnedBy(last().ascii())) {
        out.add(r);
      }
    }
    return out;
  }

  /** Every distinct record value (data) served by any conclusive server, with who served it. */
  Map<String, List<ServerAnswer>> byValue() {
    Map<String, List<ServerAnswer>> out = new LinkedHashMap<>();
    for (ServerAnswer a : conclusive()) {
      for (DnsRecord r : records(a)) {
        out.computeIfAbsent(r.data(), k -> new ArrayList<>()).add(a);
      }
    }
    return out;
  }

  /** One record per distinct value, as first served. */
  List<DnsRecord> distinctRecords() {
    Map<String, DnsRecord> out = new LinkedHashMap<>();
    for (ServerAnswer a : conclusive()) {
      for (DnsRecord r : records(a)) {
        out.putIfAbsent(r.data(), r);
      }
    }
    return new ArrayList<>(out.values());
  }

  /** Whether every conclusive server served the same set of values. */
  boolean serversAgree() {
    Set<Set<String>> sets = new LinkedHashSet<>();
    for (ServerAnswer a : conclusive()) {
      Set<String> values = new LinkedHashSet<>();
      records(a).forEach(r -> values.add(r.data()));
      sets.add(values);
    }
    return sets.size() <= 1;
  }

  /** The conclusive servers that lack {@code data}. */
  List<ServerAnswer> lacking(String data) {
    List<ServerAnswer> out = new ArrayList<>();
    for (ServerAnswer a : conclusive()) {
      if (records(a).stream().noneMatch(r -> r.data().equals(data))) {
        out.add(a);
      }
    }
    return out;
  }

  /** Why no server answered, in words (not escaped), when none did. */
  Optional<String> problem() {
    if (!zone.found()) {
      return Optional.of(zone.problem().orElse("the zone of " + last() + " was not found"));
    }
    if (conclusive().isEmpty()) {
      List<String> out = new ArrayList<>();
      for (ServerAnswer a : answers) {
        out.add(a.perspective().label() + ": " + a.outcome()
            + a.problem().map(p -> " (" + p + ")").orElse(""));
      }
      return Optional.of(answers.isEmpty() ? "no server of " + zone.zone() + " could be asked"
          : String.join("; ", out));
    }
    return Optional.empty();
  }
}
