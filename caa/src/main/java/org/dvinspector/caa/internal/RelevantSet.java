package org.dvinspector.caa.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dvinspector.DomainName;
import org.dvinspector.Perspective;
import org.dvinspector.caa.CaaRecord;

/**
 * One relevant CAA record set as some authoritative servers serve it (RFC 8659 §3): the name the
 * search stopped at, the aliases followed from there, the name that holds the records, and the
 * records. Several of these come out of one search when servers disagree.
 */
final class RelevantSet {
  private final DomainName requested;
  private final Optional<DomainName> foundAt;
  private final List<DomainName> aliasChain;
  private final List<CaaRecord> records;
  private final List<Perspective> servers;
  private final boolean requestedIsAlias;

  RelevantSet(DomainName requested, Optional<DomainName> foundAt, List<DomainName> aliasChain,
      List<CaaRecord> records, List<Perspective> servers, boolean requestedIsAlias) {
    this.requested = requested;
    this.foundAt = foundAt;
    this.aliasChain = List.copyOf(aliasChain);
    this.records = List.copyOf(records);
    this.servers = List.copyOf(servers);
    this.requestedIsAlias = requestedIsAlias;
  }

  /** A set found at {@code at} (through {@code chain}) with {@code records}. */
  static RelevantSet found(DomainName requested, DomainName at, List<DomainName> chain,
      List<CaaRecord> records, List<Perspective> servers, boolean requestedIsAlias) {
    return new RelevantSet(requested, Optional.of(at), chain, records, servers, requestedIsAlias);
  }

  /** No CAA records at the name or any parent, up to the top-level domain. */
  static RelevantSet none(DomainName requested, List<Perspective> servers, boolean requestedIsAlias) {
    return new RelevantSet(requested, Optional.empty(), List.of(), List.of(), servers, requestedIsAlias);
  }

  /**
   * Whether the requested name itself is an alias (CNAME) whose target had no CAA records, so the
   * search went on to its parent: no records can be added at the requested name.
   */
  boolean requestedIsAlias() {
    return requestedIsAlias;
  }

  /** The name asked for (a wildcard's {@code *.} removed). */
  DomainName requested() {
    return requested;
  }

  /** Where the search stopped; empty when no name up to the top-level domain has records. */
  Optional<DomainName> foundAt() {
    return foundAt;
  }

  /** The alias targets followed from {@link #foundAt()}, in order; empty when none. */
  List<DomainName> aliasChain() {
    return aliasChain;
  }

  /** The name that holds the records: the last alias target, or where the search stopped. */
  Optional<DomainName> recordOwner() {
    return aliasChain.isEmpty() ? foundAt : Optional.of(aliasChain.get(aliasChain.size() - 1));
  }

  /** The records (empty for {@link #none}). */
  List<CaaRecord> records() {
    return records;
  }

  /** The servers whose answers led to this set (those that served the records, or said "none"). */
  List<Perspective> servers() {
    return servers;
  }

  /** The same set, also seen by {@code more} servers. */
  RelevantSet withServers(List<Perspective> more) {
    List<Perspective> all = new ArrayList<>(servers);
    for (Perspective p : more) {
      if (!all.contains(p)) {
        all.add(p);
      }
    }
    return new RelevantSet(requested, foundAt, aliasChain, records, all, requestedIsAlias);
  }

  /** What two servers must agree on: where, through which aliases, and which records (any order). */
  String key() {
    return foundAt.map(DomainName::ascii).orElse("") + "|" + aliasChain + "|"
        + records.stream().map(CaaRecord::presentation).sorted().collect(Collectors.toList());
  }

  /** The records in presentation form, {@code ; }-separated, or {@code (none)}. */
  String describeRecords() {
    if (records.isEmpty()) {
      return "(none)";
    }
    return records.stream().map(CaaRecord::presentation).collect(Collectors.joining("; "));
  }

  /** Where, in words: {@code example.com}, {@code blog.example.com -> user.github.io}. */
  String describeWhere() {
    if (foundAt.isEmpty()) {
      return "nowhere up to the top-level domain";
    }
    StringBuilder b = new StringBuilder(foundAt.get().ascii());
    for (DomainName d : aliasChain) {
      b.append(" -> ").append(d.ascii());
    }
    return b.toString();
  }

  /** Servers in a stable order, for evidence. */
  List<Perspective> sortedServers() {
    return servers.stream().sorted(Comparator.comparing(Perspective::label)).collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return "RelevantSet[" + describeWhere() + ": " + describeRecords() + "]";
  }
}
