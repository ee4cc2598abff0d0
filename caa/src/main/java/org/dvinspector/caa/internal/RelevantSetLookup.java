package org.dvinspector.caa.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.dvinspector.DomainName;
import org.dvinspector.Perspective;
import org.dvinspector.Text;
import org.dvinspector.caa.CaaRecord;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.spi.InspectionContext;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Finds the relevant CAA record set of a name the way a CA does (RFC 8659 §3), asking every
 * authoritative server of each zone directly:
 *
 * <ul>
 *   <li>CAA at the name; when empty, at its parent, and so on up to the top-level domain, stopping
 *       at the first non-empty set;
 *   <li>at each name, aliases (CNAME) are followed and the records at the alias target are that
 *       name's records; the climb continues on the original name, never on the alias target;
 *   <li>servers that disagree are followed separately, so every set a CA could meet is found;
 *   <li>a server that fails (SERVFAIL, REFUSED, timeout, unreachable) at a name the search reaches
 *       is a failure: a CA that meets it refuses to issue (BR 4.2.2.1 allows issuing only for
 *       proven-unsigned zones after a retry, and never on a DNSSEC error). A lame or non-public
 *       server is passed over as a CA's resolver passes over it, unless no server answers.
 * </ul>
 *
 * <p>One instance per search; every step is asynchronous and stops when the inspection closes.
 */
final class RelevantSetLookup {
  /** Most aliases followed from one name (resolvers give up on longer chains). */
  static final int MAX_ALIASES = 8;

  private final CaDnsView dns;
  private final InspectionContext context;
  private final Map<DomainName, CompletableFuture<ZoneCut>> zones = new ConcurrentHashMap<>();
  private final List<LookupFailure> failures = Collections.synchronizedList(new ArrayList<>());

  RelevantSetLookup(CaDnsView dns, InspectionContext context) {
    this.dns = dns;
    this.context = context;
  }

  /** The outcome of a search: the sets found (several when servers disagree) and the failures. */
  static final class Result {
    private final List<RelevantSet> sets;
    private final List<LookupFailure> failures;

    Result(List<RelevantSet> sets, List<LookupFailure> failures) {
      this.sets = List.copyOf(sets);
      this.failures = List.copyOf(failures);
    }

    /** The distinct relevant sets; empty when no server could say. */
    List<RelevantSet> sets() {
      return sets;
    }

    /** Every failure met on the way, in order. */
    List<LookupFailure> failures() {
      return failures;
    }
  }

  /** Searches the relevant set of {@code name} (already without a wildcard's {@code *.}). */
  CompletableFuture<Result> search(DomainName name) {
    return climb(name, name, null, false).thenApply(sets -> {
      Map<String, RelevantSet> merged = new LinkedHashMap<>();
      for (RelevantSet s : sets) {
        merged.merge(s.key(), s, (a, b) -> a.withServers(b.servers()));
      }
      List<LookupFailure> copy;
      synchronized (failures) {
        copy = new ArrayList<>(failures);
      }
      return new Result(new ArrayList<>(merged.values()), copy);
    });
  }

  private CompletableFuture<List<RelevantSet>> climb(
      DomainName requested, DomainName x, @Nullable ZoneCut below, boolean requestedIsAlias) {
    if (context.isClosed()) {
      failures.add(new LookupFailure(x, Perspective.inspector(),
          "the inspection deadline was reached before CAA at " + x + " was asked", true));
      return CompletableFuture.completedFuture(List.of());
    }
    return zoneFor(x, below).thenCompose(zone -> caaAt(x, zone, List.of()).thenCompose(views -> {
      List<RelevantSet> out = new ArrayList<>();
      List<Perspective> empty = new ArrayList<>();
      boolean emptyAlias = requestedIsAlias;
      for (View v : views) {
        if (v.records.isEmpty()) {
          empty.addAll(v.servers);
          emptyAlias |= x.equals(requested) && !v.chain.isEmpty();
        } else {
          out.add(RelevantSet.found(requested, x, v.chain, v.records, v.servers, requestedIsAlias));
        }
      }
      boolean passedAlias = emptyAlias;
      if (empty.isEmpty()) {
        return CompletableFuture.completedFuture(out);
      }
      Optional<DomainName> parent = x.parent();
      if (parent.isEmpty()) {
        // RFC 8659 §3: the search ends at the top-level domain.
        out.add(RelevantSet.none(requested, empty, passedAlias));
        return CompletableFuture.completedFuture(out);
      }
      return climb(requested, parent.get(), zone, passedAlias).thenApply(more -> {
        List<RelevantSet> all = new ArrayList<>(out);
        all.addAll(more);
        return all;
      });
    }));
  }

  /**
   * The zone holding {@code x}: the zone of the name below it when {@code x} still lies inside
   * (no cut can sit between a name and the zone that holds it), else found anew.
   */
  private CompletableFuture<ZoneCut> zoneFor(DomainName x, @Nullable ZoneCut below) {
    if (below != null && x.isSubdomainOf(below.zone()) && hasServers(below)) {
      return CompletableFuture.completedFuture(below);
    }
    return zones.computeIfAbsent(x, n -> dns.findZone(n, context).toCompletableFuture());
  }

  private static boolean hasServers(ZoneCut zone) {
    return zone.nameservers().stream().anyMatch(ns -> !ns.addresses().isEmpty());
  }

  /** CAA at one name as the servers of its zone answer it, aliases followed. */
  private static final class View {
    final List<DomainName> chain;
    final List<CaaRecord> records;
    final List<Perspective> servers = new ArrayList<>();

    View(List<DomainName> chain, List<CaaRecord> records) {
      this.chain = List.copyOf(chain);
      this.records = List.copyOf(records);
    }

    String key() {
      return chain + "|" + records.stream().map(CaaRecord::presentation).sorted()
          .collect(Collectors.toList());
    }
  }

  private CompletableFuture<List<View>> caaAt(DomainName x, ZoneCut zone, List<DomainName> chain) {
    if (!hasServers(zone)) {
      String why = "no nameserver of " + zone.zone() + " has an address"
          + zone.problem().map(p -> " (" + Text.escape(p) + ")").orElse("")
          + zone.nameservers().stream().flatMap(ns -> ns.addressProblem().stream()
              .map(p -> "; " + ns.name() + ": " + Text.escape(p))).collect(Collectors.joining());
      failures.add(new LookupFailure(x, Perspective.inspector(), why, false));
      return CompletableFuture.completedFuture(List.of());
    }
    return dns.askAuthoritative(zone, x, Type.CAA, context).toCompletableFuture()
        .thenCompose(answers -> interpret(x, zone, chain, answers));
  }

  private CompletableFuture<List<View>> interpret(
      DomainName x, ZoneCut zone, List<DomainName> chain, List<ServerAnswer> answers) {
    Map<String, View> views = new LinkedHashMap<>();
    Map<DomainName, View> pending = new LinkedHashMap<>();
    List<ServerAnswer> passedOver = new ArrayList<>();
    boolean conclusive = false;
    for (ServerAnswer a : answers) {
      switch (a.outcome()) {
        case ANSWER, NXDOMAIN, NODATA -> {
          conclusive = true;
          follow(x, chain, a, views, pending);
        }
        case REFERRAL, NOT_AUTHORITATIVE, NOT_PERMITTED -> passedOver.add(a);
        default -> failures.add(failure(x, a));
      }
    }
    if (!conclusive) {
      for (ServerAnswer a : passedOver) {
        failures.add(failure(x, a));
      }
      if (answers.isEmpty()) {
        failures.add(new LookupFailure(x, Perspective.inspector(),
            "no nameserver of " + zone.zone() + " could be asked", false));
      }
    }
    List<View> out = new ArrayList<>(views.values());
    if (pending.isEmpty()) {
      return CompletableFuture.completedFuture(out);
    }
    List<CompletableFuture<List<View>>> follows = new ArrayList<>();
    for (Map.Entry<DomainName, View> e : pending.entrySet()) {
      DomainName target = e.getKey();
      List<DomainName> targetChain = e.getValue().chain;
      follows.add(zones.computeIfAbsent(target, n -> dns.findZone(n, context).toCompletableFuture())
          .thenCompose(z -> caaAt(target, z, targetChain)));
    }
    return CompletableFuture.allOf(follows.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      for (CompletableFuture<List<View>> f : follows) {
        out.addAll(f.join());
      }
      return out;
    });
  }

  /**
   * Reads one conclusive answer: follows the CNAME chain it holds from {@code x}; the CAA records
   * at the chain's end are the set. A chain that leaves the answer (the target is elsewhere) is
   * queued to be asked of the target's own servers.
   */
  private void follow(DomainName x, List<DomainName> chain, ServerAnswer a,
      Map<String, View> views, Map<DomainName, View> pending) {
    Name current = DnsCaa.toName(x);
    List<DomainName> full = new ArrayList<>(chain);
    boolean moved = false;
    while (true) {
      Name target = aliasOf(current, a.answer());
      if (target == null) {
        break;
      }
      Optional<DomainName> next = DnsCaa.toDomain(target);
      if (next.isEmpty()) {
        failures.add(new LookupFailure(x, a.perspective(), "the alias target "
            + Text.quote(target.toString(true)) + " is not a name the search can follow", false));
        return;
      }
      if (full.contains(next.get()) || next.get().equals(x)) {
        failures.add(new LookupFailure(x, a.perspective(),
            "the aliases loop: " + x + " -> " + full.stream().map(DomainName::ascii)
                .collect(Collectors.joining(" -> ")) + " -> " + next.get(), false));
        return;
      }
      full.add(next.get());
      if (full.size() > MAX_ALIASES) {
        failures.add(new LookupFailure(x, a.perspective(),
            "more than " + MAX_ALIASES + " aliases to follow", false));
        return;
      }
      current = target;
      moved = true;
    }
    List<CaaRecord> records = new ArrayList<>();
    for (Record r : a.answer()) {
      if (r.getType() == Type.CAA && r.getName().equals(current)) {
        DnsCaa.toCaaRecord(r).ifPresent(records::add);
      }
    }
    if (!records.isEmpty() || !moved) {
      View v = new View(full, records);
      views.computeIfAbsent(v.key(), k -> v).servers.add(a.perspective());
      return;
    }
    DomainName end = full.get(full.size() - 1);
    pending.computeIfAbsent(end, k -> new View(full, List.of())).servers.add(a.perspective());
  }

  private static @Nullable Name aliasOf(Name owner, List<Record> answer) {
    for (Record r : answer) {
      if (r instanceof CNAMERecord cname && r.getName().equals(owner)) {
        return cname.getTarget();
      }
    }
    return null;
  }

  private static LookupFailure failure(DomainName x, ServerAnswer a) {
    String problem = a.problem().map(Text::escape).orElse(a.outcome().name());
    return new LookupFailure(x, a.perspective(), problem, a.deadlineReached());
  }
}
