package org.dvinspector.dns.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.dvinspector.DomainName;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.RootServer;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.dns.NameServer;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.InspectionState.Delegation;
import org.dvinspector.dns.internal.InspectionState.HostResult;
import org.dvinspector.dns.internal.InspectionState.Server;
import org.dvinspector.spi.InspectionContext;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The CA's view of DNS: iterative resolution from the policy's root servers, uncached across
 * inspections (CAs resolve uncached or nearly so, and a record added a minute ago must be seen as
 * the CA sees it), and questions asked of every address of every authoritative server at once.
 */
public final class RealCaDnsView implements CaDnsView {
  /** Most discovery queries one inspection may send (bounds broken or hostile delegations). */
  static final int MAX_DISCOVERY_QUERIES = 400;

  /** Most referrals followed for one name; real names need a handful. */
  static final int MAX_REFERRALS = 16;

  /**
   * How deep nameserver address lookups may nest (a nameserver whose zone's nameservers need
   * their own lookups, and so on).
   */
  static final int MAX_DEPTH = 5;

  /** Most aliases followed when looking up a nameserver's address. */
  static final int MAX_HOST_ALIASES = 8;

  private final DnsClient client;
  private final NetworkPolicy policy;
  private final Map<InspectionContext, InspectionState> states =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Object systemResolversLock = new Object();
  private @Nullable List<InetSocketAddress> systemResolvers;

  /** A view asking through {@code client}. */
  public RealCaDnsView(DnsClient client) {
    this.client = client;
    this.policy = client.policy();
  }

  /** The discovery state of one inspection. */
  public InspectionState state(InspectionContext context) {
    synchronized (states) {
      return states.computeIfAbsent(context, c -> new InspectionState());
    }
  }

  // ------------------------------------------------------------------ asking one server

  /** One answer and, for discovery, the whole response it came from. */
  record Asked(ServerAnswer answer, @Nullable Message message) {}

  private static long deadlineOf(InspectionContext context) {
    return System.nanoTime() + context.remaining().toNanos();
  }

  /**
   * Asks one address of an authoritative server, recording the observation. Addresses the policy
   * does not permit are not asked ({@link Outcome#NOT_PERMITTED}).
   */
  CompletableFuture<Asked> askServer(String serverName, InetAddress address, Name qname,
      int qtype, int attempts, boolean discovery, InspectionContext context) {
    String query = Answers.query(qname, qtype);
    if (!policy.permits(address)) {
      ServerAnswer a = ServerAnswer.builder()
          .perspective(Perspective.authoritative(serverName, address, "udp"))
          .serverName(serverName)
          .address(address)
          .outcome(Outcome.NOT_PERMITTED)
          .latency(Duration.ZERO)
          .problem("not asked: " + address.getHostAddress()
              + " is not a public address (CAs do not query it either)")
          .build();
      observe(context, a, query, discovery);
      return CompletableFuture.completedFuture(new Asked(a, null));
    }
    return client.exchange(new InetSocketAddress(address, 53), qname, qtype, false, attempts,
            deadlineOf(context))
        .thenApply(ex -> {
          Perspective p = Perspective.authoritative(serverName, address, ex.transport());
          Asked asked = toAsked(ex, p, serverName, address, qname, qtype, true);
          observe(context, asked.answer(), query, discovery);
          return asked;
        });
  }

  private CompletableFuture<Asked> askResolver(
      InetSocketAddress resolver, Name qname, int qtype, InspectionContext context) {
    String query = Answers.query(qname, qtype);
    InetAddress address = resolver.getAddress();
    if (address == null) {
      // An unresolved resolver address cannot be asked; no lookup is made for it.
      ServerAnswer a = ServerAnswer.builder()
          .perspective(Perspective.recursiveResolver(resolver))
          .serverName(resolver.getHostString())
          .address(InetAddress.getLoopbackAddress())
          .outcome(Outcome.UNREACHABLE)
          .latency(Duration.ZERO)
          .problem("the resolver address " + resolver.getHostString() + " is not an IP address")
          .build();
      observe(context, a, query, false);
      return CompletableFuture.completedFuture(new Asked(a, null));
    }
    return client.exchange(resolver, qname, qtype, true, policy.queryAttempts(),
            deadlineOf(context))
        .thenApply(ex -> {
          Perspective p = "tcp".equals(ex.transport())
              ? Perspective.builder().from(Perspective.recursiveResolver(resolver))
                  .transport("tcp").build()
              : Perspective.recursiveResolver(resolver);
          Asked asked =
              toAsked(ex, p, p.address().orElse(""), address, qname, qtype, false);
          observe(context, asked.answer(), query, false);
          return asked;
        });
  }

  private static Asked toAsked(DnsClient.Exchange ex, Perspective p, String serverName,
      InetAddress address, Name qname, int qtype, boolean asAuthoritative) {
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
        case DEADLINE -> b.outcome(Outcome.TIMEOUT).deadlineReached(true);
        case MALFORMED -> b.outcome(Outcome.OTHER_ERROR);
        default -> b.outcome(Outcome.UNREACHABLE);
      }
      b.problem(ex.detail());
      return new Asked(b.build(), null);
    }
    Outcome outcome = Answers.outcome(m, qname, qtype, asAuthoritative);
    b.outcome(outcome)
        .rcode(m.getRcode())
        .authoritative(m.getHeader().getFlag(Flags.AA))
        .answer(m.getSection(Section.ANSWER))
        .authority(m.getSection(Section.AUTHORITY));
    switch (outcome) {
      case SERVFAIL -> b.problem("SERVFAIL: the server failed to answer");
      case REFUSED -> b.problem("REFUSED: the server refuses to answer for this name");
      case OTHER_ERROR -> b.problem("error " + org.xbill.DNS.Rcode.string(m.getRcode()));
      case REFERRAL -> b.problem(
          "a referral instead of an answer: the server is not authoritative for the zone");
      case NOT_AUTHORITATIVE -> b.problem(
          "an answer without the AA bit: the server is not authoritative for the zone");
      default -> { }
    }
    return new Asked(b.build(), m);
  }

  private static void observe(
      InspectionContext context, ServerAnswer a, String query, boolean discovery) {
    context.observe(Observation.of(a.perspective(), query,
        Answers.observationOutcome(a, discovery), Answers.describe(a), a.latency()));
  }

  // ------------------------------------------------------------------ CaDnsView

  @Override
  public CompletionStage<List<ServerAnswer>> askAuthoritative(
      ZoneCut zone, DomainName name, int type, InspectionContext context) {
    Name qname = Names.toName(name);
    List<CompletableFuture<Asked>> asks = new ArrayList<>();
    for (NameServer ns : zone.nameservers()) {
      for (InetAddress address : ns.addresses()) {
        asks.add(askServer(ns.name().ascii(), address, qname, type, policy.queryAttempts(), false,
            context));
      }
    }
    return allOf(asks).thenApply(list -> {
      List<ServerAnswer> out = new ArrayList<>();
      list.forEach(a -> out.add(a.answer()));
      return out;
    });
  }

  @Override
  public CompletionStage<List<ServerAnswer>> askRecursive(
      DomainName name, int type, InspectionContext context) {
    Name qname = Names.toName(name);
    List<CompletableFuture<Asked>> asks = new ArrayList<>();
    for (InetSocketAddress resolver : resolvers()) {
      asks.add(askResolver(resolver, qname, type, context));
    }
    return allOf(asks).thenApply(list -> {
      List<ServerAnswer> out = new ArrayList<>();
      list.forEach(a -> out.add(a.answer()));
      return out;
    });
  }

  /**
   * Asks the zone's server addresses one after another until one gives a conclusive
   * authoritative answer (used to probe near names and wildcards, where one server suffices).
   * Empty when none did.
   */
  public CompletableFuture<Optional<ServerAnswer>> askAny(
      ZoneCut zone, DomainName name, int type, InspectionContext context) {
    List<Server> servers = new ArrayList<>();
    for (NameServer ns : zone.nameservers()) {
      servers.add(new Server(ns.name().ascii(), ns.addresses(), ns.addressProblem()));
    }
    return askSequentially(servers, Names.toName(name), type, a -> a.answer().isConclusive(),
        context, null)
        .thenApply(tried -> tried.stream().map(Asked::answer)
            .filter(ServerAnswer::isConclusive).findFirst());
  }

  /** The recursive resolvers: the policy's, or the system's (read once). */
  public List<InetSocketAddress> resolvers() {
    if (!policy.recursiveResolvers().isEmpty()) {
      return policy.recursiveResolvers();
    }
    synchronized (systemResolversLock) {
      if (systemResolvers == null) {
        // An instance, read once: the global ResolverConfig is not used for inspection.
        List<InetSocketAddress> found;
        try {
          found = List.copyOf(new ResolverConfig().servers());
        } catch (RuntimeException e) {
          found = List.of();
        }
        systemResolvers = found;
      }
      return systemResolvers;
    }
  }

  @Override
  public CompletionStage<ZoneCut> findZone(DomainName name, InspectionContext context) {
    return findZone(Names.toName(name), context, state(context), 0);
  }

  // ------------------------------------------------------------------ iterative discovery

  private Delegation rootDelegation() {
    List<Server> roots = new ArrayList<>();
    for (RootServer r : policy.rootServers()) {
      roots.add(new Server(r.name(), r.addresses(), Optional.empty()));
    }
    return new Delegation(Name.root, roots);
  }

  CompletableFuture<ZoneCut> findZone(
      Name qname, InspectionContext context, InspectionState state, int depth) {
    Delegation start = state.closest(qname, rootDelegation());
    return descend(qname, start, context, state, depth, 0);
  }

  private CompletableFuture<ZoneCut> descend(Name qname, Delegation current,
      InspectionContext context, InspectionState state, int depth, int referrals) {
    if (referrals > MAX_REFERRALS) {
      return CompletableFuture.completedFuture(failedCut(qname, current,
          "more than " + MAX_REFERRALS + " referrals while looking for the zone of "
              + Names.show(qname), false));
    }
    Predicate<Asked> usable = a -> isAuthoritativeConclusive(a.answer())
        || referralTarget(a, qname, current.zone()).isPresent();
    return askSequentially(current.servers(), qname, Type.NS, usable, context, state)
        .thenCompose(tried -> {
          Asked good = null;
          for (Asked a : tried) {
            if (usable.test(a)) {
              good = a;
              break;
            }
          }
          if (good == null) {
            return CompletableFuture.completedFuture(
                noAnswerCut(qname, current, tried, context));
          }
          Optional<Name> next = referralTarget(good, qname, current.zone());
          if (next.isPresent()) {
            Name zone = next.get();
            Message m = good.message();
            return delegationFrom(zone, current.zone(), m, Map.of(), context, state, depth)
                .thenCompose(d -> {
                  state.remember(d);
                  return descend(qname, d, context, state, depth, referrals + 1);
                });
          }
          return zoneHolds(qname, current, good, context, state, depth);
        });
  }

  private static boolean isAuthoritativeConclusive(ServerAnswer a) {
    return a.authoritative() && a.isConclusive();
  }

  /** The zone a referral points to, when it is a real step down towards {@code qname}. */
  private static Optional<Name> referralTarget(Asked asked, Name qname, Name currentZone) {
    if (asked.answer().outcome() != Outcome.REFERRAL) {
      return Optional.empty();
    }
    for (Record r : asked.answer().authority()) {
      if (r instanceof NSRecord) {
        Name owner = r.getName();
        // Only downward referrals count: an upward or sideways one is a lame server.
        if (qname.subdomain(owner) && owner.subdomain(currentZone) && !owner.equals(currentZone)) {
          return Optional.of(owner);
        }
      }
    }
    return Optional.empty();
  }

  /** The delegation to {@code zone} from a referral (or an NS answer), with addresses. */
  private CompletableFuture<Delegation> delegationFrom(Name zone, Name bailiwick,
      @Nullable Message m, Map<String, Server> known, InspectionContext context,
      InspectionState state, int depth) {
    List<Name> nsNames = new ArrayList<>();
    if (m != null) {
      for (int section : new int[] {Section.AUTHORITY, Section.ANSWER}) {
        for (Record r : m.getSection(section)) {
          if (r instanceof NSRecord ns && r.getName().equals(zone)) {
            Name target = ns.getTarget();
            if (!nsNames.contains(target)) {
              nsNames.add(target);
            }
          }
        }
      }
    }
    Map<Name, List<InetAddress>> glue = glue(m, bailiwick);
    return resolveServers(nsNames, glue, zone, known, context, state, depth)
        .thenApply(servers -> new Delegation(zone, servers));
  }

  /**
   * Addresses from the additional section, accepted only for names under {@code bailiwick}
   * (RFC 2181 §5.4.1: data outside the server's zone is not trusted).
   */
  private static Map<Name, List<InetAddress>> glue(@Nullable Message m, Name bailiwick) {
    Map<Name, List<InetAddress>> glue = new LinkedHashMap<>();
    if (m == null) {
      return glue;
    }
    // AAAA before A, the order NameServer#addresses documents.
    for (int type : new int[] {Type.AAAA, Type.A}) {
      for (Record r : m.getSection(Section.ADDITIONAL)) {
        if (r.getType() != type || !r.getName().subdomain(bailiwick)) {
          continue;
        }
        InetAddress a = r instanceof ARecord v4 ? v4.getAddress()
            : ((AAAARecord) r).getAddress();
        glue.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(a);
      }
    }
    return glue;
  }

  private CompletableFuture<List<Server>> resolveServers(List<Name> nsNames,
      Map<Name, List<InetAddress>> glue, Name zone, Map<String, Server> known,
      InspectionContext context, InspectionState state, int depth) {
    List<CompletableFuture<Server>> futures = new ArrayList<>();
    for (Name ns : nsNames) {
      String name = Names.show(ns).toLowerCase(Locale.ROOT);
      List<InetAddress> glued = glue.get(ns);
      Server already = known.get(name);
      if (glued != null && !glued.isEmpty()) {
        futures.add(CompletableFuture.completedFuture(new Server(name, glued, Optional.empty())));
      } else if (already != null && !already.addresses().isEmpty()) {
        futures.add(CompletableFuture.completedFuture(already));
      } else if (ns.subdomain(zone)) {
        futures.add(CompletableFuture.completedFuture(new Server(name, List.of(), Optional.of(
            "it lies inside the zone " + Names.show(zone)
                + " it serves, but no glue address was given for it"))));
      } else {
        futures.add(hostAddresses(ns, context, state, depth + 1, 0)
            .thenApply(h -> new Server(name, h.addresses(), h.problem())));
      }
    }
    return allOf(futures);
  }

  /**
   * The addresses (AAAA, then A) of a nameserver's host name, resolved iteratively like any other
   * name: a CA's resolver does the same for out-of-bailiwick nameservers.
   */
  CompletableFuture<HostResult> hostAddresses(
      Name host, InspectionContext context, InspectionState state, int depth, int aliases) {
    Optional<HostResult> cached = state.host(host);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    if (depth > MAX_DEPTH) {
      return CompletableFuture.completedFuture(new HostResult(List.of(), Optional.of(
          "its address lookup nests more than " + MAX_DEPTH + " levels deep")));
    }
    return findZone(host, context, state, depth).thenCompose(cut -> {
      List<Server> servers = new ArrayList<>();
      for (NameServer ns : cut.nameservers()) {
        servers.add(new Server(ns.name().ascii(), ns.addresses(), ns.addressProblem()));
      }
      if (servers.stream().allMatch(s -> s.addresses().isEmpty())) {
        return CompletableFuture.completedFuture(new HostResult(List.of(), Optional.of(
            "its zone could not be found" + cut.problem().map(p -> ": " + p).orElse(""))));
      }
      Predicate<Asked> usable = a -> isAuthoritativeConclusive(a.answer());
      CompletableFuture<List<Asked>> v6 =
          askSequentially(servers, host, Type.AAAA, usable, context, state);
      CompletableFuture<List<Asked>> v4 =
          askSequentially(servers, host, Type.A, usable, context, state);
      return v6.thenCombine(v4, (six, four) -> {
        List<Asked> all = new ArrayList<>(six);
        all.addAll(four);
        return all;
      }).thenCompose(all -> {
        List<InetAddress> out = new ArrayList<>();
        Name alias = null;
        boolean conclusive = false;
        for (Asked asked : all) {
          ServerAnswer a = asked.answer();
          if (!isAuthoritativeConclusive(a)) {
            continue;
          }
          conclusive = true;
          for (Record r : a.answer()) {
            if (!r.getName().equals(host)) {
              continue;
            }
            if (r instanceof CNAMERecord cname) {
              alias = cname.getTarget();
            } else if (r instanceof AAAARecord aaaa) {
              out.add(aaaa.getAddress());
            } else if (r instanceof ARecord a4) {
              out.add(a4.getAddress());
            }
          }
        }
        if (out.isEmpty() && alias != null && aliases < MAX_HOST_ALIASES) {
          return hostAddresses(alias, context, state, depth, aliases + 1);
        }
        HostResult result = new HostResult(out, out.isEmpty()
            ? Optional.of(conclusive ? "it has no A or AAAA record"
                : "no server of its zone " + cut.zone() + " answered for it")
            : Optional.empty());
        state.rememberHost(host, result);
        return CompletableFuture.completedFuture(result);
      });
    });
  }

  /** The current delegation's zone holds {@code qname}: read the zone's own NS set. */
  private CompletableFuture<ZoneCut> zoneHolds(Name qname, Delegation current, Asked good,
      InspectionContext context, InspectionState state, int depth) {
    if (current.zone().equals(Name.root)) {
      // The root answered for the name itself: its top-level domain does not exist.
      return CompletableFuture.completedFuture(failedCut(qname, current,
          "the top-level domain ." + topLabel(qname) + " does not exist in the root zone ("
              + good.answer().outcome() + " from " + good.answer().perspective().label() + ")",
          false));
    }
    Name zone = answeringZone(good, qname, current.zone());
    // When the servers of the parent also serve the child zone, they answer from the child and
    // the parent's delegation stays invisible: only the child's own NS set is known then.
    boolean parentVisible = zone.equals(current.zone());
    CompletableFuture<List<Asked>> childAnswer;
    if (qname.equals(zone) && hasNs(good, zone)) {
      childAnswer = CompletableFuture.completedFuture(List.of(good));
    } else {
      Predicate<Asked> usable = a -> isAuthoritativeConclusive(a.answer());
      childAnswer = askSequentially(current.servers(), zone, Type.NS, usable, context, state);
    }
    return childAnswer.thenCompose(tried -> {
      Asked child = null;
      for (Asked a : tried) {
        if (a.answer().outcome() == Outcome.ANSWER && a.answer().authoritative()
            && hasNs(a, zone)) {
          child = a;
          break;
        }
      }
      List<NameServer> parent =
          parentVisible ? toNameServers(current.servers()) : List.of();
      if (child == null) {
        ZoneCut.Builder b = ZoneCut.builder()
            .zone(domainOf(zone))
            .problem("the zone's own NS records could not be read from its servers");
        return CompletableFuture.completedFuture(parentVisible
            ? b.parentNameservers(parent).build()
            : b.childNameservers(toNameServers(current.servers())).build());
      }
      Map<String, Server> known = new LinkedHashMap<>();
      current.servers().forEach(s -> known.put(s.name().toLowerCase(Locale.ROOT), s));
      // Child names without glue in the answer reuse the parent's addresses, else are resolved.
      return delegationFrom(zone, zone, child.message(), known, context, state, depth)
          .thenApply(fromChild -> ZoneCut.builder()
              .zone(domainOf(zone))
              .parentNameservers(parent)
              .childNameservers(toNameServers(fromChild.servers()))
              .build());
    });
  }

  /**
   * The zone an authoritative answer came from: the name itself when it has NS records (an
   * apex), else the owner of the SOA record in a negative answer (RFC 2308 §3), when it lies
   * between the delegation followed and the name; otherwise the delegation's zone.
   */
  private static Name answeringZone(Asked good, Name qname, Name delegated) {
    if (hasNs(good, qname)) {
      return qname;
    }
    for (Record r : good.answer().authority()) {
      Name owner = r.getName();
      if (r.getType() == Type.SOA && qname.subdomain(owner) && owner.subdomain(delegated)) {
        return owner;
      }
    }
    return delegated;
  }

  private static boolean hasNs(Asked a, Name zone) {
    for (Record r : a.answer().answer()) {
      if (r instanceof NSRecord && r.getName().equals(zone)) {
        return true;
      }
    }
    return false;
  }

  private ZoneCut noAnswerCut(
      Name qname, Delegation current, List<Asked> tried, InspectionContext context) {
    if (context.remaining().isZero()
        || tried.stream().anyMatch(a -> a.answer().deadlineReached())) {
      return failedCut(qname, current, "the inspection deadline was reached while looking for"
          + " the zone of " + Names.show(qname), false);
    }
    // Only timeouts and unreachable servers: the network path, not the servers, is failing.
    boolean allNetwork = !tried.isEmpty() && tried.stream().allMatch(a -> {
      Outcome o = a.answer().outcome();
      return o == Outcome.TIMEOUT || o == Outcome.UNREACHABLE;
    });
    String zone = Names.show(current.zone());
    String why = tried.isEmpty() ? "no server had an address it may ask"
        : summarize(tried);
    if (current.zone().equals(Name.root)) {
      return failedCut(qname, current, "none of the root servers answered (" + why + ")",
          allNetwork);
    }
    return failedCut(qname, current,
        "no nameserver of " + zone + " gave a usable answer (" + why + ")", false);
  }

  private static String summarize(List<Asked> tried) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Asked a : tried) {
      counts.merge(a.answer().outcome().name(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }

  private ZoneCut failedCut(Name qname, Delegation current, String problem, boolean network) {
    ZoneCut.Builder b = ZoneCut.builder().problem(problem).networkUnavailable(network);
    if (current.zone().equals(Name.root)) {
      b.zone(DomainName.parse(topLabel(qname)));
    } else {
      b.zone(domainOf(current.zone())).parentNameservers(toNameServers(current.servers()));
    }
    return b.build();
  }

  private static String topLabel(Name qname) {
    return qname.getLabelString(qname.labels() - 2);
  }

  private static DomainName domainOf(Name zone) {
    return Names.toDomain(zone).orElseGet(() -> DomainName.parse(zone.toString(true)));
  }

  private static List<NameServer> toNameServers(List<Server> servers) {
    List<NameServer> out = new ArrayList<>();
    Set<DomainName> seen = new HashSet<>();
    for (Server s : servers) {
      Optional<DomainName> name = DomainName.tryParse(s.name());
      if (name.isEmpty() || !seen.add(name.get())) {
        continue;
      }
      out.add(NameServer.builder()
          .name(name.get())
          .addresses(new ArrayList<>(new LinkedHashSet<>(s.addresses())))
          .addressProblem(s.problem())
          .build());
    }
    return out;
  }

  private record Target(String server, InetAddress address) {}

  /**
   * Asks the servers' addresses one at a time (IPv4 before IPv6, spreading over servers first:
   * ns1's first address, ns2's first address, ..., then second addresses) until {@code usable}
   * accepts an answer. Every address but the last gets one attempt (another server is the better
   * retry); the last gets the policy's attempts. Returns every answer obtained, in order.
   */
  private CompletableFuture<List<Asked>> askSequentially(List<Server> servers, Name qname,
      int qtype, Predicate<Asked> usable, InspectionContext context,
      @Nullable InspectionState state) {
    List<Target> order = new ArrayList<>();
    // IPv4 first: any one answer will do here, and a network that silently drops IPv6 would
    // otherwise cost a timeout per IPv6 address before the first IPv4 one is tried.
    for (boolean v6 : new boolean[] {false, true}) {
      int max = 0;
      for (Server s : servers) {
        max = Math.max(max, s.addresses().size());
      }
      for (int i = 0; i < max; i++) {
        for (Server s : servers) {
          if (i < s.addresses().size() && (s.addresses().get(i) instanceof Inet6Address) == v6) {
            order.add(new Target(s.name(), s.addresses().get(i)));
          }
        }
      }
    }
    List<Asked> tried = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<List<Asked>> done = new CompletableFuture<>();
    step(order, 0, qname, qtype, usable, context, state, tried, done);
    return done;
  }

  private void step(List<Target> order, int i, Name qname, int qtype, Predicate<Asked> usable,
      InspectionContext context, @Nullable InspectionState state, List<Asked> tried,
      CompletableFuture<List<Asked>> done) {
    if (i >= order.size() || context.isClosed() || context.remaining().isZero()) {
      done.complete(List.copyOf(tried));
      return;
    }
    if (state != null && !state.spendQuery()) {
      done.complete(List.copyOf(tried));
      return;
    }
    boolean last = i == order.size() - 1;
    int attempts = last ? policy.queryAttempts() : 1;
    Target t = order.get(i);
    CompletableFuture<?> unused = askServer(
            t.server(), t.address(), qname, qtype, attempts, true, context)
        .whenComplete((asked, error) -> {
          if (asked != null) {
            tried.add(asked);
            if (usable.test(asked)) {
              done.complete(List.copyOf(tried));
              return;
            }
          }
          step(order, i + 1, qname, qtype, usable, context, state, tried, done);
        });
  }

  static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> {
          List<T> out = new ArrayList<>();
          for (CompletableFuture<T> f : futures) {
            out.add(f.join());
          }
          return out;
        });
  }
}
