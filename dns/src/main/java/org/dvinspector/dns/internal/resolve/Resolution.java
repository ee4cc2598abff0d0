package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.dvinspector.DomainName;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.RootServer;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.internal.Names;
import org.dvinspector.dns.internal.dnssec.DnssecResult;
import org.dvinspector.dns.internal.dnssec.DnssecValidator;
import org.dvinspector.dns.internal.dnssec.TrustAnchors;
import org.dvinspector.dns.internal.dnssec.ZoneKeys;
import org.jspecify.annotations.Nullable;
import org.dvinspector.dns.internal.transport.Exchange;
import org.dvinspector.dns.internal.transport.Failure;
import org.dvinspector.dns.internal.transport.Query;
import org.dvinspector.spi.InspectionContext;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The one resolution of one inspection, shared by every check and module: each question asked of
 * a server once (single-flight: a second asker waits for the first's answer), zone cuts and
 * nameserver addresses learned once, referrals from the root and public-suffix zones taken from
 * the inspector's cache when it has them, and every question recorded as an observation with the
 * observations it waited for.
 */
public final class Resolution {
  /** Most questions one inspection sends (bounds broken or hostile delegations). */
  static final int MAX_QUESTIONS = 400;
  /** Most referrals followed for one name; real names need a handful. */
  static final int MAX_REFERRALS = 16;
  /** Most aliases followed when looking up a nameserver's address. */
  static final int MAX_HOST_ALIASES = 8;
  /** How deep nameserver address lookups may nest. */
  static final int MAX_NESTING = 6;
  /**
   * Most nameserver address lookups one inspection starts. Lookups under different ancestries are
   * separate (a loop must not wait for itself), so a delegation maze (ten nameserver names without
   * glue per zone, each zone of them delegated the same way) multiplies them by ten per level
   * while every question is already answered: resolvers bound the same work (BIND's
   * {@code max-recursion-queries} 100, Unbound's {@code target-fetch-policy}) and give up.
   */
  static final int MAX_HOST_LOOKUPS = 100;

  final Resolver resolver;
  final InspectionContext context;
  final NetworkPolicy policy;
  final long deadlineNanos;
  private final Delegation rootHints;
  private final Map<AskKey, CompletableFuture<Asked>> asks = new ConcurrentHashMap<>();
  private final Map<CutKey, Delegation> cuts = new ConcurrentHashMap<>();
  private final Map<Name, Delegation> settled = new ConcurrentHashMap<>();
  private final Map<StepKey, CompletableFuture<Hedge.Result>> steps = new ConcurrentHashMap<>();
  private final Map<HostKey, CompletableFuture<HostResult>> hosts = new ConcurrentHashMap<>();
  private final Map<LookupKey, CompletableFuture<Walked>> lookups = new ConcurrentHashMap<>();
  private final Map<Name, CompletableFuture<ZoneServers.Info>> zoneInfos =
      new ConcurrentHashMap<>();
  private final AtomicInteger questions = new AtomicInteger();
  private final AtomicInteger hostLookups = new AtomicInteger();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  /** Whether answers are validated (trust anchors configured and the profile's CA validates). */
  final boolean validating;
  private final @Nullable Chain chain;
  private final DnssecFindings dnssecFindings;

  private record AskKey(InetAddress address, Name name, int type,
      org.dvinspector.dns.internal.transport.@Nullable ClientSubnet subnet) {}

  private record CutKey(Set<Name> ancestry, Name zone) {}

  private record StepKey(Name zone, Name child) {}

  private record HostKey(Set<Name> ancestry, Name name) {}

  private record LookupKey(Name name, int type) {}

  Resolution(Resolver resolver, InspectionContext context) {
    this.resolver = resolver;
    this.context = context;
    this.policy = resolver.policy;
    this.deadlineNanos = System.nanoTime() + context.remaining().toNanos();
    List<Server> roots = new ArrayList<>();
    for (RootServer root : policy.rootServers()) {
      Name n = Names.absolute(root.name());
      roots.add(new Server(n, root.addresses(),
          CompletableFuture.completedFuture(HostResult.of(root.addresses()))));
    }
    this.rootHints = new Delegation(Name.root, roots, 0, true);
    this.validating = policy.validatesDnssec() && context.profile().validatesDnssec();
    this.chain = validating ? new Chain(this,
        new DnssecValidator(context.services().clock().instant()),
        TrustAnchors.of(policy.trustAnchors())) : null;
    this.dnssecFindings = new DnssecFindings(this);
  }

  // ------------------------------------------------------------------ DNSSEC

  /** Starts learning the keys of {@code d}'s zone, when answers are validated. */
  void prefetchKeys(Delegation d) {
    Chain c = chain;
    if (c != null) {
      CompletableFuture<?> unused = c.keysOf(d);
    }
  }

  /**
   * The answers from the servers of {@code zone} to {@code qname}/{@code qtype}, each with what
   * DNSSEC validation concludes about it (as they are when nothing is validated).
   */
  CompletableFuture<List<Asked>> validate(Delegation zone, List<Asked> answers, Name qname,
      int qtype) {
    Chain c = chain;
    if (c == null || answers.isEmpty()) {
      return CompletableFuture.completedFuture(answers);
    }
    return c.keysOf(zone).thenApply(keys -> {
      List<Asked> out = new ArrayList<>(answers.size());
      for (Asked a : answers) {
        out.add(validated(c.validator(), a, keys, qname, qtype));
      }
      return out;
    });
  }

  private static Asked validated(DnssecValidator validator, Asked a, ZoneKeys keys, Name qname,
      int qtype) {
    Message m = a.message();
    ServerAnswer s = a.answer();
    if (m == null || !s.isConclusive()) {
      return a;
    }
    DnssecResult r = validator.response(m, qname, qtype, keys)
        .withServer(s.perspective().label());
    ServerAnswer.Dnssec status = switch (r.security()) {
      case SECURE -> ServerAnswer.Dnssec.SECURE;
      case INSECURE -> ServerAnswer.Dnssec.INSECURE;
      case BOGUS -> ServerAnswer.Dnssec.BOGUS;
      case INDETERMINATE -> ServerAnswer.Dnssec.INDETERMINATE;
    };
    ServerAnswer.Builder b = ServerAnswer.builder().from(s).dnssec(status);
    if (status == ServerAnswer.Dnssec.BOGUS || status == ServerAnswer.Dnssec.INSECURE) {
      b.dnssecProblem(DnssecFindings.describe(r));
    }
    return new Asked(b.build(), m, r);
  }

  /** Reports what validation found about a lookup, once per zone and fault. */
  Walked reportDnssec(Walked w) {
    if (validating) {
      dnssecFindings.lookup(w);
    }
    return w;
  }

  /** The inspection. */
  public InspectionContext context() {
    return context;
  }

  // ------------------------------------------------------------------ lookups

  /**
   * {@code qname}/{@code qtype} the CA's way: from the root down, asking the question itself, then
   * of every address of every nameserver of the zone that holds the name. Shared: a second caller
   * gets the first one's result.
   */
  public CompletableFuture<Walked> lookup(Name qname, int qtype) {
    Name key = qname.canonicalize();
    return lookups.computeIfAbsent(new LookupKey(key, qtype),
        k -> new Walk(this, key, qtype, true, Set.of()).run().thenApply(this::reportDnssec));
  }

  /**
   * One authoritative answer to {@code qname}/{@code qtype}, asked of one server (hedged): for
   * diagnostic probes, whose questions are auxiliary.
   */
  public CompletableFuture<Walked> probe(Name qname, int qtype) {
    return new Walk(this, qname.canonicalize(), qtype, false, Set.of(), true, 0).run();
  }

  /** Asks {@code qname}/{@code qtype} of every target at once; one answer per target. */
  public CompletableFuture<List<Asked>> askEvery(List<Target> targets, Name qname, int qtype,
      boolean auxiliary) {
    List<CompletableFuture<Asked>> asked = new ArrayList<>();
    Set<InetAddress> seen = new HashSet<>();
    for (Target t : targets) {
      if (seen.add(t.address())) {
        asked.add(ask(t, qname, qtype, policy.queryAttempts(), () -> auxiliary));
      }
    }
    return allOf(asked);
  }

  /**
   * Asks the targets one at a time (hedged) until one gives a conclusive authoritative answer:
   * for probes, where one server suffices.
   */
  public CompletableFuture<Optional<Asked>> askAny(List<Target> targets, Name qname, int qtype) {
    Map<String, List<InetAddress>> byServer = new LinkedHashMap<>();
    Map<String, List<Long>> causes = new LinkedHashMap<>();
    for (Target t : targets) {
      byServer.computeIfAbsent(t.server(), k -> new ArrayList<>()).add(t.address());
      causes.putIfAbsent(t.server(), t.causes());
    }
    List<Server> servers = new ArrayList<>();
    byServer.forEach((name, addresses) -> servers.add(new Server(Names.absolute(name), addresses,
        CompletableFuture.completedFuture(new HostResult(addresses, Optional.empty(),
            causes.getOrDefault(name, List.of()), List.of())))));
    Delegation d = new Delegation(Name.root, servers, 0, true);
    return Hedge.ask(this, d, qname.canonicalize(), qtype,
            a -> a.answer().authoritative() && a.answer().isConclusive(), true, 0)
        .thenApply(h -> Optional.ofNullable(h.winner()));
  }

  /** Asks {@code qname}/{@code qtype} of each recursive resolver (their view is auxiliary). */
  public CompletableFuture<List<Asked>> askRecursive(Name qname, int qtype) {
    List<CompletableFuture<Asked>> asked = new ArrayList<>();
    for (InetSocketAddress r : resolver.recursiveResolvers()) {
      asked.add(askResolver(r, qname.canonicalize(), qtype));
    }
    return allOf(asked);
  }

  /** Whether a zone-level finding with this key is reported for the first time. */
  public boolean firstReport(String key) {
    return reported.add(key);
  }

  // ------------------------------------------------------------------ one question

  /**
   * Asks one address, once per inspection: a second caller asking the same server the same
   * question gets the first one's answer. Records the observation with {@code target}'s causes.
   */
  CompletableFuture<Asked> ask(Target target, Name qname, int qtype, int attempts,
      BooleanSupplier auxiliary) {
    return ask(target, qname, qtype, attempts, auxiliary, null);
  }

  /**
   * Asks every target {@code qname}/{@code qtype} as a resolver serving clients in {@code subnet}
   * would (EDNS Client Subnet, RFC 7871): servers that answer by region answer for that region.
   * The response's scope prefix (in its OPT record) says whether the server used the subnet.
   */
  public CompletableFuture<List<Asked>> askEveryFromSubnet(List<Target> targets, Name qname,
      int qtype, org.dvinspector.dns.internal.transport.ClientSubnet subnet) {
    List<CompletableFuture<Asked>> asked = new ArrayList<>();
    Set<InetAddress> seen = new HashSet<>();
    for (Target t : targets) {
      if (seen.add(t.address())) {
        asked.add(ask(t, qname, qtype, policy.queryAttempts(), () -> false, subnet));
      }
    }
    return allOf(asked);
  }

  private CompletableFuture<Asked> ask(Target target, Name qname, int qtype, int attempts,
      BooleanSupplier auxiliary,
      org.dvinspector.dns.internal.transport.@Nullable ClientSubnet subnet) {
    AskKey key = new AskKey(target.address(), qname.canonicalize(), qtype, subnet);
    CompletableFuture<Asked> known = asks.get(key);
    if (known != null) {
      return known;
    }
    CompletableFuture<Asked> mine = new CompletableFuture<>();
    known = asks.putIfAbsent(key, mine);
    if (known != null) {
      return known;
    }
    send(target, qname, qtype, attempts, auxiliary, subnet).whenComplete((a, e) -> {
      if (a != null) {
        mine.complete(a);
      } else {
        mine.complete(notAsked(target, qname, qtype, Outcome.INSPECTOR_FAILURE,
            "the inspector failed to ask: " + e, auxiliary));
      }
    });
    return mine;
  }

  private CompletableFuture<Asked> send(Target t, Name qname, int qtype, int attempts,
      BooleanSupplier auxiliary,
      org.dvinspector.dns.internal.transport.@Nullable ClientSubnet subnet) {
    InetAddress address = t.address();
    if (!policy.permits(address)) {
      return CompletableFuture.completedFuture(notAsked(t, qname, qtype, Outcome.NOT_PERMITTED,
          "not asked: " + address.getHostAddress() + " is not a public address (CAs do not query"
              + " it either)", auxiliary));
    }
    if (context.isClosed() || System.nanoTime() - deadlineNanos >= 0) {
      return CompletableFuture.completedFuture(deadline(t, qname, qtype, auxiliary));
    }
    if (questions.incrementAndGet() > MAX_QUESTIONS) {
      return CompletableFuture.completedFuture(notAsked(t, qname, qtype, Outcome.OTHER_ERROR,
          "not asked: resolving this domain needs more than " + MAX_QUESTIONS + " questions"
              + " (a delegation maze that CAs' resolvers give up on too)", auxiliary));
    }
    Query q = new Query(new InetSocketAddress(address, 53), qname, qtype, false, validating,
        attempts, policy.queryTimeout(), deadlineNanos, subnet);
    return resolver.transport.exchange(q).thenApply(ex -> {
      Perspective p = Perspective.authoritative(t.server(), address, ex.transport());
      Asked asked = toAsked(ex, p, t.server(), address, true);
      return record(asked, qname, qtype, ex, t.causes(), auxiliary.getAsBoolean(), subnet);
    });
  }

  private CompletableFuture<Asked> askResolver(InetSocketAddress r, Name qname, int qtype) {
    InetAddress address = r.getAddress();
    if (address == null) {
      ServerAnswer a = ServerAnswer.builder()
          .perspective(Perspective.recursiveResolver(r))
          .serverName(r.getHostString())
          .address(InetAddress.getLoopbackAddress())
          .outcome(Outcome.UNREACHABLE)
          .latency(Duration.ZERO)
          .problem("the resolver address " + r.getHostString() + " is not an IP address")
          .build();
      return CompletableFuture.completedFuture(recordUnsent(new Asked(a, null), qname, qtype,
          List.of(), true));
    }
    if (context.isClosed() || System.nanoTime() - deadlineNanos >= 0) {
      Target t = new Target(r.getHostString(), address, List.of());
      return CompletableFuture.completedFuture(deadline(t, qname, qtype, () -> true));
    }
    Query q = new Query(r, qname, qtype, true, false, policy.queryAttempts(),
        policy.queryTimeout(), deadlineNanos);
    return resolver.transport.exchange(q).thenApply(ex -> {
      Perspective p = "tcp".equals(ex.transport())
          ? Perspective.builder().from(Perspective.recursiveResolver(r)).transport("tcp").build()
          : Perspective.recursiveResolver(r);
      Asked asked = toAsked(ex, p, p.address().orElse(""), address, false);
      return record(asked, qname, qtype, ex, List.of(), true);
    });
  }

  private Asked deadline(Target t, Name qname, int qtype, BooleanSupplier auxiliary) {
    ServerAnswer a = ServerAnswer.builder()
        .perspective(Perspective.authoritative(t.server(), t.address(), "udp"))
        .serverName(t.server())
        .address(t.address())
        .outcome(Outcome.INSPECTOR_FAILURE)
        .deadlineReached(true)
        .latency(Duration.ZERO)
        .problem("not asked: the inspection deadline was reached")
        .build();
    return recordUnsent(new Asked(a, null), qname, qtype, t.causes(), auxiliary.getAsBoolean());
  }

  private Asked notAsked(Target t, Name qname, int qtype, Outcome outcome, String problem,
      BooleanSupplier auxiliary) {
    ServerAnswer a = ServerAnswer.builder()
        .perspective(Perspective.authoritative(t.server(), t.address(), "udp"))
        .serverName(t.server())
        .address(t.address())
        .outcome(outcome)
        .latency(Duration.ZERO)
        .problem(problem)
        .build();
    return recordUnsent(new Asked(a, null), qname, qtype, t.causes(), auxiliary.getAsBoolean());
  }

  private Asked recordUnsent(Asked asked, Name qname, int qtype, List<Long> causes,
      boolean auxiliary) {
    ServerAnswer a = asked.answer();
    Observation o = Observation.of(a.perspective(), Replies.query(qname, qtype),
            Replies.observationOutcome(a), Replies.describe(a), a.latency())
        .withCauses(causes);
    Observation recorded = context.observe(auxiliary ? o.asAuxiliary() : o);
    return new Asked(ServerAnswer.builder().from(a).observation(recorded.id()).build(),
        asked.message());
  }

  private Asked record(Asked asked, Name qname, int qtype, Exchange ex, List<Long> causes,
      boolean auxiliary) {
    return record(asked, qname, qtype, ex, causes, auxiliary, null);
  }

  private Asked record(Asked asked, Name qname, int qtype, Exchange ex, List<Long> causes,
      boolean auxiliary, org.dvinspector.dns.internal.transport.@Nullable ClientSubnet subnet) {
    ServerAnswer a = asked.answer();
    if (ex.failure() == Failure.NONE) {
      resolver.stats.record(a.address(), ex.latency());
    }
    String query = Replies.query(qname, qtype) + (subnet == null ? "" : " (client subnet "
        + subnet + ")");
    Observation o = Observation.of(a.perspective(), query,
            Replies.observationOutcome(a), Replies.describe(a), a.latency())
        .withCauses(causes)
        .withStartOffset(Duration.ofNanos(Math.max(0, ex.sentNanos() - context.startNanos())));
    Observation recorded = context.observe(auxiliary ? o.asAuxiliary() : o);
    return new Asked(ServerAnswer.builder().from(a).observation(recorded.id()).build(),
        asked.message());
  }

  private static Asked toAsked(Exchange ex, Perspective p, String serverName, InetAddress address,
      boolean asAuthoritative) {
    ServerAnswer.Builder b = ServerAnswer.builder()
        .perspective(p)
        .serverName(serverName)
        .address(address)
        .retriedOverTcp(ex.retriedOverTcp())
        .latency(ex.latency());
    Message m = ex.response().orElse(null);
    if (m == null) {
      switch (ex.failure()) {
        case TIMEOUT -> b.outcome(Outcome.TIMEOUT);
        case UNREACHABLE -> b.outcome(Outcome.UNREACHABLE);
        case MALFORMED -> b.outcome(Outcome.OTHER_ERROR);
        case DEADLINE -> b.outcome(Outcome.INSPECTOR_FAILURE).deadlineReached(true);
        default -> b.outcome(Outcome.INSPECTOR_FAILURE);
      }
      b.problem(ex.detail());
      return new Asked(b.build(), null);
    }
    Record question = m.getQuestion();
    Name qname = question != null ? question.getName() : ex.query().name();
    int rcode = m.getRcode();
    Outcome outcome = Replies.outcome(m, rcode, qname, ex.query().type(), asAuthoritative);
    b.outcome(outcome)
        .rcode(rcode)
        .authoritative(m.getHeader().getFlag(Flags.AA))
        .answer(Records.of(m.getSection(Section.ANSWER)))
        .authority(Records.of(inBailiwick(m.getSection(Section.AUTHORITY), qname)));
    String note = ex.ednsDropped() ? " (asked again without EDNS after a FORMERR)" : "";
    switch (outcome) {
      case SERVFAIL -> b.problem("SERVFAIL: the server failed to answer");
      case REFUSED -> b.problem("REFUSED: the server refuses to answer for this name");
      case OTHER_ERROR -> b.problem("error " + org.xbill.DNS.Rcode.string(rcode) + note);
      case REFERRAL -> b.problem(
          "a referral instead of an answer: the server is not authoritative for the zone");
      case NOT_AUTHORITATIVE -> b.problem(
          "an answer without the AA bit: the server is not authoritative for the zone");
      default -> { }
    }
    return new Asked(b.build(), m);
  }

  /**
   * The authority records a resolver keeps: an SOA or NS record only when its owner is the name
   * asked or above it (a foreign SOA is no negative-caching time for this name, a foreign NS set
   * no referral for it: resolvers scrub both, as Unbound's {@code scrub_sanitize} does); the rest
   * (NSEC, NSEC3, signatures) as they came, for the DNSSEC proofs.
   */
  static List<Record> inBailiwick(List<Record> authority, Name qname) {
    List<Record> out = new ArrayList<>(authority.size());
    for (Record r : authority) {
      int type = r.getType();
      if ((type == Type.SOA || type == Type.NS) && !qname.subdomain(r.getName())) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  // ------------------------------------------------------------------ delegations

  /** The deepest delegation known at or above {@code qname} for a walk with {@code ancestry}. */
  Delegation closest(Name qname, Set<Name> ancestry) {
    for (int drop = 0; drop < qname.labels() - 1; drop++) {
      Name n = new Name(qname, drop);
      Delegation d = cuts.get(new CutKey(ancestry, n));
      if (d == null) {
        d = settled.get(n);
      }
      if (d == null && policy.cacheTopLevelReferrals()) {
        d = fromCache(n);
      }
      if (d != null) {
        return d;
      }
    }
    Delegation root = policy.cacheTopLevelReferrals() ? fromCache(Name.root) : null;
    return root != null ? root : rootHints;
  }

  private @org.jspecify.annotations.Nullable Delegation fromCache(Name zone) {
    Optional<List<SharedCache.CachedServer>> cached = resolver.cache.get(zone);
    if (cached.isEmpty()) {
      return null;
    }
    List<Server> servers = new ArrayList<>();
    for (SharedCache.CachedServer s : cached.get()) {
      servers.add(new Server(s.name(), s.addresses(),
          CompletableFuture.completedFuture(HostResult.of(s.addresses()))));
    }
    return new Delegation(zone, servers, 0, true);
  }

  /**
   * The delegation to {@code zone} that {@code referral} (from a server of {@code parent}) gives:
   * its nameservers, with glue accepted only for names inside the parent's zone (RFC 2181 §5.4.1),
   * and every nameserver without glue looked up at once.
   */
  Delegation delegation(Asked referral, Name zone, Delegation parent, Set<Name> ancestry) {
    CutKey key = new CutKey(ancestry, zone);
    Delegation known = cuts.get(key);
    if (known != null) {
      return known;
    }
    Message m = referral.message();
    List<Name> names = new ArrayList<>();
    long ttl = Long.MAX_VALUE;
    if (m != null) {
      for (int section : new int[] {Section.AUTHORITY, Section.ANSWER}) {
        for (Record r : m.getSection(section)) {
          if (r instanceof NSRecord ns && r.getName().equals(zone)) {
            Name target = ns.getTarget().canonicalize();
            if (!names.contains(target)) {
              names.add(target);
              ttl = Math.min(ttl, Records.ttl(r.getTTL()));
            }
          }
        }
      }
    }
    Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();
    if (m != null) {
      for (int type : new int[] {Type.AAAA, Type.A}) {
        for (Record r : m.getSection(Section.ADDITIONAL)) {
          if (r.getType() != type || !r.getName().subdomain(parent.zone())) {
            continue;
          }
          InetAddress a = r instanceof ARecord v4 ? v4.getAddress()
              : ((AAAARecord) r).getAddress();
          glue.computeIfAbsent(r.getName().canonicalize(), k -> new ArrayList<>()).add(a);
          ttl = Math.min(ttl, Records.ttl(r.getTTL()));
        }
      }
    }
    long cause = referral.answer().observation();
    List<Server> servers = new ArrayList<>();
    for (Name ns : names) {
      List<InetAddress> g = glue.getOrDefault(ns, List.of());
      CompletableFuture<HostResult> addresses;
      if (!g.isEmpty()) {
        addresses = CompletableFuture.completedFuture(
            new HostResult(g, Optional.empty(), List.of(), List.of()));
      } else if (ns.subdomain(zone)) {
        addresses = CompletableFuture.completedFuture(HostResult.failed("it lies inside the zone "
            + Records.show(zone) + " it serves, but the parent gave no glue address for it"));
      } else {
        addresses = host(ns, ancestry, cause);
      }
      servers.add(new Server(ns, g, addresses));
    }
    Delegation d = new Delegation(zone, servers, cause, true, referral, parent);
    Delegation raced = cuts.putIfAbsent(key, d);
    if (raced != null) {
      return raced;
    }
    long keep = ttl == Long.MAX_VALUE ? 0 : ttl;
    CompletableFuture<?> unused = allOf(servers.stream().map(s -> s.addresses).toList())
        .thenAccept(results -> settle(d, results, keep));
    return d;
  }

  /** Every address of {@code d} is known: later walks may start there, and the cache may keep it. */
  private void settle(Delegation d, List<HostResult> results, long ttl) {
    if (results.stream().anyMatch(h -> h.addresses().isEmpty())) {
      return;
    }
    settled.putIfAbsent(d.zone(), d);
    if (policy.cacheTopLevelReferrals() && isPublicSuffixOrRoot(d.zone())) {
      List<SharedCache.CachedServer> servers = new ArrayList<>();
      for (int i = 0; i < d.servers().size(); i++) {
        servers.add(new SharedCache.CachedServer(d.servers().get(i).name,
            results.get(i).addresses()));
      }
      resolver.cache.put(d.zone(), servers, ttl);
    }
  }

  /** Whether {@code zone} is the root or a public suffix: a zone that holds no customer's names. */
  boolean isPublicSuffixOrRoot(Name zone) {
    if (zone.equals(Name.root)) {
      return true;
    }
    Optional<DomainName> d = Names.toDomain(zone);
    return d.isPresent() && resolver.suffixes.isPublicSuffix(d.get());
  }

  /**
   * The shared outcome of one hedged step at {@code d} for names below {@code child}: walks for
   * different questions under the same child ask the parent once. Only steps at the root and at
   * public-suffix zones are shared (their answer is a referral, the same for every question);
   * below, the zone answers each question itself. Only delegations whose addresses are all known
   * are shared, so a shared step never waits for a lookup that could wait for it.
   */
  CompletableFuture<Hedge.Result> sharedStep(Delegation d, Name child,
      java.util.function.Supplier<CompletableFuture<Hedge.Result>> ask) {
    boolean ready = d.servers().stream().allMatch(s -> s.addresses.isDone());
    if (!ready || !isPublicSuffixOrRoot(d.zone())) {
      return ask.get();
    }
    return steps.computeIfAbsent(new StepKey(d.zone(), child), k -> ask.get());
  }

  // ------------------------------------------------------------------ nameserver addresses

  /**
   * The addresses of a nameserver's host name, looked up like any other name (AAAA and A at
   * once, from the root down, one server each); CNAMEs followed and noted. {@code ancestry} holds
   * the host names whose lookups led here: meeting one again is a delegation loop. The lookup's
   * first questions wait for the observation {@code trigger}, the answer that named the server.
   */
  CompletableFuture<HostResult> host(Name name, Set<Name> ancestry, long trigger) {
    if (ancestry.contains(name)) {
      return CompletableFuture.completedFuture(HostResult.failed("its address lookup loops:"
          + " finding " + Records.show(name) + " needs " + chain(ancestry) + ", which needs "
          + Records.show(name) + " again (a delegation loop)"));
    }
    if (ancestry.size() >= MAX_NESTING) {
      return CompletableFuture.completedFuture(HostResult.failed("its address lookup nests more"
          + " than " + MAX_NESTING + " levels deep"));
    }
    HostKey key = new HostKey(ancestry, name);
    CompletableFuture<HostResult> known = hosts.get(key);
    if (known != null) {
      return known;
    }
    CompletableFuture<HostResult> mine = new CompletableFuture<>();
    known = hosts.putIfAbsent(key, mine);
    if (known != null) {
      return known;
    }
    if (hostLookups.incrementAndGet() > MAX_HOST_LOOKUPS) {
      mine.complete(HostResult.failed("not looked up: finding the domain's nameservers needs more"
          + " than " + MAX_HOST_LOOKUPS + " nameserver address lookups (a maze of delegations"
          + " without glue, which CAs' resolvers give up on too)"));
      return mine;
    }
    Set<Name> inner = new java.util.LinkedHashSet<>(ancestry);
    inner.add(name);
    resolveHost(name, Set.copyOf(inner), new ArrayList<>(), trigger).whenComplete((h, e) ->
        mine.complete(h != null ? h : HostResult.failed("its lookup failed: " + e)));
    return mine;
  }

  private static String chain(Set<Name> names) {
    List<String> out = new ArrayList<>();
    names.forEach(n -> out.add(Records.show(n)));
    return String.join(" -> ", out);
  }

  private CompletableFuture<HostResult> resolveHost(Name name, Set<Name> ancestry,
      List<String> aliases, long trigger) {
    CompletableFuture<Walked> six =
        new Walk(this, name, Type.AAAA, false, ancestry, false, trigger).run();
    CompletableFuture<Walked> four =
        new Walk(this, name, Type.A, false, ancestry, false, trigger).run();
    return six.thenCombine(four, List::of).thenCompose(both -> {
      List<InetAddress> out = new ArrayList<>();
      List<Long> causes = new ArrayList<>();
      Name alias = null;
      boolean conclusive = false;
      boolean missing = true;
      String why = null;
      for (Walked w : both) {
        for (Asked a : w.answers()) {
          ServerAnswer s = a.answer();
          if (!s.authoritative() || !s.isConclusive()) {
            continue;
          }
          if (s.isBogus()) {
            // A validating resolver discards a bogus answer: no address from it.
            why = "DNSSEC validation fails for its address: " + s.dnssecProblem().orElse("bogus");
            continue;
          }
          conclusive = true;
          missing &= s.outcome() == Outcome.NXDOMAIN;
          Message m = a.message();
          if (m == null) {
            continue;
          }
          for (Record r : m.getSection(Section.ANSWER)) {
            if (!r.getName().equals(name)) {
              continue;
            }
            if (r instanceof org.xbill.DNS.CNAMERecord cname) {
              alias = cname.getTarget().canonicalize();
            } else if (r instanceof AAAARecord aaaa) {
              out.add(aaaa.getAddress());
              causes.add(s.observation());
            } else if (r instanceof ARecord a4) {
              out.add(a4.getAddress());
              causes.add(s.observation());
            }
          }
        }
        if (why == null) {
          why = w.problem().orElse(null);
        }
      }
      if (out.isEmpty() && alias != null) {
        // RFC 2181 §10.3: an NS target must not be an alias; resolvers differ in following it.
        aliases.add(Records.show(alias));
        if (aliases.size() > MAX_HOST_ALIASES || ancestry.contains(alias)) {
          return CompletableFuture.completedFuture(new HostResult(List.of(), Optional.of(
              "it is an alias whose chain loops or is too long: " + String.join(" -> ", aliases)),
              List.of(), aliases));
        }
        Set<Name> inner = new java.util.LinkedHashSet<>(ancestry);
        inner.add(alias);
        return resolveHost(alias, Set.copyOf(inner), aliases, trigger);
      }
      String problem = null;
      if (out.isEmpty()) {
        problem = !conclusive && why != null && why.startsWith("DNSSEC") ? why
            : !conclusive ? "no server of its zone answered for it"
            + (why == null ? "" : " (" + why + ")")
            : missing ? "it does not exist (NXDOMAIN)" : "it has no A or AAAA record";
      }
      List<Long> distinct = causes.stream().filter(c -> c != 0).distinct().toList();
      return CompletableFuture.completedFuture(
          new HostResult(out, Optional.ofNullable(problem), distinct, aliases));
    });
  }

  // ------------------------------------------------------------------ the zone's own servers

  /** The zone's own NS set and addresses, learned once per zone and inspection. */
  CompletableFuture<ZoneServers.Info> zoneServers(Delegation zone) {
    return zoneInfos.computeIfAbsent(zone.zone(), z -> new ZoneServers(this, zone).learn());
  }

  // ------------------------------------------------------------------ helpers

  static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> {
          List<T> out = new ArrayList<>(futures.size());
          for (CompletableFuture<T> f : futures) {
            out.add(f.join());
          }
          return out;
        });
  }

  @Override
  public String toString() {
    return "Resolution[" + context.domain() + ", " + asks.size() + " questions, "
        + cuts.size() + " cuts]".toLowerCase(Locale.ROOT);
  }
}
