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
import org.dvinspector.policy.PublicSuffixList;
import org.dvinspector.spi.Text;
import org.dvinspector.caa.CaaRecord;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.Lookup;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.spi.InspectionContext;

/**
 * Finds the relevant CAA record set of a name the way a CA does (RFC 8659 §3), through the
 * inspection's one resolution, every authoritative server of each zone asked directly:
 *
 * <ul>
 *   <li>CAA at the name; when empty, at its parent, and so on up to the top-level domain, stopping
 *       at the first non-empty set. The names down to the registrable domain are looked up at once
 *       (a resolver may ask them in any order), so the climb costs no round trip of its own;
 *   <li>at each name, aliases (CNAME) are followed and the records at the alias target are that
 *       name's records; the climb continues on the original name, never on the alias target;
 *   <li>servers that disagree are followed separately, so every set a CA could meet is found;
 *   <li>one rule for failing servers, as a CA's resolver applies it: a server that fails
 *       (SERVFAIL, REFUSED, timeout, unreachable) while others answer is passed over (the resolver
 *       retries another), and the lookup fails only when every server of the zone fails at a name
 *       the search reaches (BR 4.2.2.1: the CA then refuses to issue).
 * </ul>
 *
 * <p>One instance per search; every step is asynchronous and stops when the inspection closes.
 */
final class RelevantSetLookup {
  /** Most aliases followed from one name (resolvers give up on longer chains). */
  static final int MAX_ALIASES = 8;

  private final CaDnsView dns;
  private final InspectionContext context;
  private final Map<DomainName, CompletableFuture<Lookup>> lookups = new ConcurrentHashMap<>();
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
    prefetch(name);
    return climb(name, name, false).thenApply(sets -> {
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

  /** Starts the lookups of the name and its parents down to the registrable domain. */
  private void prefetch(DomainName name) {
    PublicSuffixList suffixes = PublicSuffixList.icann();
    Optional<DomainName> n = Optional.of(name);
    while (n.isPresent() && !suffixes.isPublicSuffix(n.get())) {
      lookup(n.get());
      n = n.get().parent();
    }
  }

  private CompletableFuture<Lookup> lookup(DomainName name) {
    return lookups.computeIfAbsent(name,
        n -> dns.lookup(n, RecordType.CAA, context).toCompletableFuture());
  }

  private CompletableFuture<List<RelevantSet>> climb(
      DomainName requested, DomainName x, boolean requestedIsAlias) {
    if (context.isClosed()) {
      failures.add(new LookupFailure(x, Perspective.inspector(),
          "the inspection deadline was reached before CAA at " + x + " was asked", true, false));
      return CompletableFuture.completedFuture(List.of());
    }
    return caaAt(x, List.of()).thenCompose(views -> {
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
      return climb(requested, parent.get(), passedAlias).thenApply(more -> {
        List<RelevantSet> all = new ArrayList<>(out);
        all.addAll(more);
        return all;
      });
    });
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

  private CompletableFuture<List<View>> caaAt(DomainName x, List<DomainName> chain) {
    return lookup(x).thenCompose(l -> {
      ZoneCut zone = l.zone();
      if (!zone.found()) {
        if (zone.failure() == ZoneCut.Failure.NOT_DELEGATED) {
          // The parent says the name does not exist: an empty set at it (RFC 8659 §3).
          View v = new View(chain, List.of());
          v.servers.add(Perspective.inspector());
          return CompletableFuture.completedFuture(List.of(v));
        }
        boolean own = zone.failure() == ZoneCut.Failure.INSPECTOR
            || zone.failure() == ZoneCut.Failure.NETWORK_UNAVAILABLE;
        failures.add(new LookupFailure(x, Perspective.inspector(), Text.escape(
            zone.problem().orElse("the zone of " + x + " could not be found")), own, false));
        return CompletableFuture.completedFuture(List.<View>of());
      }
      return interpret(x, zone, chain, l.answers());
    });
  }

  private CompletableFuture<List<View>> interpret(
      DomainName x, ZoneCut zone, List<DomainName> chain, List<ServerAnswer> answers) {
    Map<String, View> views = new LinkedHashMap<>();
    Map<DomainName, View> pending = new LinkedHashMap<>();
    List<ServerAnswer> passedOver = new ArrayList<>();
    List<ServerAnswer> failed = new ArrayList<>();
    boolean conclusive = false;
    for (ServerAnswer a : answers) {
      if (a.isBogus()) {
        // BR 4.2.2.1: a DNSSEC validation failure is never an acceptable CAA lookup failure;
        // a validating resolver discards the answer and asks another server.
        failed.add(a);
        continue;
      }
      switch (a.outcome()) {
        case ANSWER, NXDOMAIN, NODATA -> {
          conclusive = true;
          follow(x, chain, a, views, pending);
        }
        case REFERRAL, NOT_AUTHORITATIVE, NOT_PERMITTED -> passedOver.add(a);
        default -> failed.add(a);
      }
    }
    for (ServerAnswer a : failed) {
      failures.add(failure(x, a, conclusive));
    }
    if (!conclusive) {
      // A lame or non-public server is passed over as a CA's resolver passes over it, unless no
      // server answers at all.
      for (ServerAnswer a : passedOver) {
        failures.add(failure(x, a, false));
      }
      if (answers.isEmpty()) {
        failures.add(new LookupFailure(x, Perspective.inspector(),
            "no nameserver of " + zone.zone() + " could be asked", false, false));
      }
    }
    List<View> out = new ArrayList<>(views.values());
    if (pending.isEmpty()) {
      return CompletableFuture.completedFuture(out);
    }
    List<CompletableFuture<List<View>>> follows = new ArrayList<>();
    for (Map.Entry<DomainName, View> e : pending.entrySet()) {
      follows.add(caaAt(e.getKey(), e.getValue().chain));
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
    String current = x.ascii();
    List<DomainName> full = new ArrayList<>(chain);
    boolean moved = false;
    while (true) {
      Optional<String> target = aliasOf(current, a.answer());
      if (target.isEmpty()) {
        break;
      }
      Optional<DomainName> next = DomainName.tryParse(target.get());
      if (next.isEmpty()) {
        failures.add(new LookupFailure(x, a.perspective(), "the alias target "
            + Text.quote(target.get()) + " is not a name the search can follow", false, false));
        return;
      }
      if (full.contains(next.get()) || next.get().equals(x)) {
        failures.add(new LookupFailure(x, a.perspective(),
            "the aliases loop: " + x + " -> " + full.stream().map(DomainName::ascii)
                .collect(Collectors.joining(" -> ")) + " -> " + next.get(), false, false));
        return;
      }
      full.add(next.get());
      if (full.size() > MAX_ALIASES) {
        failures.add(new LookupFailure(x, a.perspective(),
            "more than " + MAX_ALIASES + " aliases to follow", false, false));
        return;
      }
      current = next.get().ascii();
      moved = true;
    }
    List<CaaRecord> records = new ArrayList<>();
    for (DnsRecord r : a.answer()) {
      if (r.is(RecordType.CAA) && r.isOwnedBy(current)) {
        toCaaRecord(r).ifPresent(records::add);
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

  /**
   * Where {@code owner} is an alias to in {@code answer}: a DNAME above it redirects it (RFC 6672
   * §2.2), whether or not the server synthesized the CNAME, as Let's Encrypt's resolver Unbound
   * does (NLnetLabs/unbound {@code iterator/iter_scrub.c}, {@code scrub_normalize}, at commit
   * {@code 0001a42efce544d88eb42a821c97fca9551aa322}: it synthesizes the CNAME itself and
   * replaces one that does not match); otherwise a CNAME at the name.
   */
  private static Optional<String> aliasOf(String owner, List<DnsRecord> answer) {
    String name = owner.toLowerCase(java.util.Locale.ROOT);
    for (DnsRecord r : answer) {
      if (!r.is(RecordType.DNAME) || r.target().isEmpty()) {
        continue;
      }
      String dname = r.name().toLowerCase(java.util.Locale.ROOT);
      String suffix = dname.equals(".") ? "" : "." + dname;
      String prefix = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length())
          : "";
      if (!prefix.isEmpty()) {
        String target = r.target().get();
        return Optional.of(target.equals(".") ? prefix : prefix + "." + target);
      }
    }
    for (DnsRecord r : answer) {
      if (r.is(RecordType.CNAME) && r.isOwnedBy(owner)) {
        return r.target();
      }
    }
    return Optional.empty();
  }

  /** The record exactly as served (RFC 8659 §4.1), when its data could be read. */
  static Optional<CaaRecord> toCaaRecord(DnsRecord r) {
    if (r.caaTag().isEmpty() || r.caaValue().isEmpty() || r.caaFlags().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CaaRecord.of(r.caaFlags().getAsInt(), r.caaTag().get(),
        r.caaValue().get()));
  }

  private static LookupFailure failure(DomainName x, ServerAnswer a, boolean othersAnswered) {
    String problem = a.isBogus()
        ? "DNSSEC validation fails: " + Text.escape(a.dnssecProblem().orElse("bogus"))
        : a.problem().map(Text::escape).orElse(a.outcome().name());
    return new LookupFailure(x, a.perspective(), problem, a.isInspectorsOwn(), othersAnswered);
  }
}
