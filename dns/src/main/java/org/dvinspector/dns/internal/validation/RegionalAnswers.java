package org.dvinspector.dns.internal.validation;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import java.util.concurrent.ConcurrentHashMap;
import org.dvinspector.DomainName;
import org.dvinspector.PerspectiveNetwork;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.Lookup;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.internal.Names;
import org.dvinspector.dns.internal.resolve.Asked;
import org.dvinspector.dns.internal.resolve.Resolution;
import org.dvinspector.dns.internal.resolve.Target;
import org.dvinspector.dns.internal.transport.ClientSubnet;
import org.dvinspector.dns.internal.validation.Hops.Hop;
import org.dvinspector.dns.internal.validation.Hops.Seen;
import org.dvinspector.spi.InspectionContext;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * The validation question asked again of the authoritative servers as if from each of the CA's
 * perspective networks, with the EDNS Client Subnet option (RFC 7871), and the answers compared:
 * a server that answers by region ("GeoDNS", a DNS provider's "lines") may withhold the record
 * from the regions the CA validates from while the inspector's own network sees it.
 *
 * <p>Each nameserver is asked at one address (the first that answered the plain question): a
 * server's regional behaviour is its configuration, the same at every address, and one address per
 * name keeps the questions to one per network and nameserver. The questions start as soon as a
 * name's zone and plain answers are known, so they run alongside the rest of the check (alias
 * targets, the recursive view, the probes), and the verdict waits for them.
 *
 * <p>What a region sees is compared with what the server told the inspector's own network and the
 * other regions. The scope prefix the server echoes (RFC 7871 §7.2.1) says whether it used the
 * subnet at all: a server that never echoes a non-zero scope and answers every region alike
 * ignores the option, and is noted once, not flagged.
 */
final class RegionalAnswers {
  private final Resolution r;
  private final List<PerspectiveNetwork> networks;
  private final Expectation expectation;
  private final RegionalFindings words;
  /** Per name, one future per network (each: every asked server's answer from it). */
  private final Map<DomainName, List<CompletableFuture<List<Regional>>>> asked =
      new ConcurrentHashMap<>();

  /** How a server echoed the client subnet option (RFC 7871 §7.2.1, §7.3). */
  enum Echo {
    /** No option in the answer: the server does not do ECS (RFC 7871 §7.2.2). */
    NONE,
    /** Scope prefix 0: the answer is meant for every client. */
    SCOPE_ZERO,
    /** A non-zero scope: the answer was chosen for the client's network. */
    SCOPED,
    /** The echoed option names another network than the one sent (RFC 7871 §7.3). */
    MISMATCHED
  }

  /** What one answer shows of the validation value. */
  enum Look {
    /** The expected record (or the alias to the next name). */
    SEES,
    /** No record of the type at the name (NXDOMAIN, NODATA). */
    LACKS,
    /** Records of the type, none of them the expected one. */
    OTHER,
    /** No usable answer (timeout, error, deadline): not compared. */
    NOT_COMPARED
  }

  /** One server's answer to the question asked as if from {@code network}. */
  record Regional(PerspectiveNetwork network, ServerAnswer answer, Echo echo, int scope) {}

  /** One server address's answers: plain (the inspector's own network) and per network. */
  record ServerView(String server, InetAddress address, Seen plain, Look plainLook,
      List<Regional> regional, List<Look> looks) {
    /** Whether the server used the client subnet for at least one answer (non-zero scope). */
    boolean usesSubnet() {
      return regional.stream().anyMatch(x -> x.echo() == Echo.SCOPED);
    }

    /** Whether every comparable answer, plain and regional, shows the same. */
    boolean uniform() {
      for (Look l : looks) {
        if (l != Look.NOT_COMPARED && l != plainLook) {
          return false;
        }
      }
      return true;
    }

    /** Whether no regional answer could be compared. */
    boolean noneCompared() {
      return looks.stream().allMatch(l -> l == Look.NOT_COMPARED);
    }
  }

  private RegionalAnswers(Resolution r, List<PerspectiveNetwork> networks,
      Expectation expectation, RegionalFindings words) {
    this.r = r;
    this.networks = List.copyOf(networks);
    this.expectation = expectation;
    this.words = words;
  }

  /**
   * The regional answers of one check: asking from {@code networks} (the request's {@linkplain
   * org.dvinspector.InspectionRequest#clientSubnetNetworks() client subnet networks}; none: the
   * check asks nothing more).
   */
  static RegionalAnswers of(Resolution r, List<PerspectiveNetwork> networks,
      Expectation expectation, DnsFindings findings) {
    return new RegionalAnswers(r, networks, expectation,
        new RegionalFindings(r, findings, expectation));
  }

  /** Whether the check asks from any network. */
  boolean enabled() {
    return !networks.isEmpty();
  }

  /**
   * Starts asking {@code name} of its zone's servers from every network: one address per
   * nameserver, the first whose plain answer was conclusive and authoritative.
   */
  void ask(DomainName name, Lookup lookup) {
    if (!enabled() || !lookup.zone().found() || asked.containsKey(name)) {
      return;
    }
    Map<String, Target> targets = new LinkedHashMap<>();
    for (ServerAnswer a : lookup.answers()) {
      if (a.isConclusive() && a.authoritative() && !a.isBogus()) {
        targets.putIfAbsent(a.serverName().toLowerCase(Locale.ROOT),
            new Target(a.serverName(), a.address(),
                a.observation() > 0 ? List.of(a.observation()) : List.of()));
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    List<Target> list = List.copyOf(targets.values());
    List<CompletableFuture<List<Regional>>> perNetwork = new ArrayList<>();
    for (PerspectiveNetwork n : networks) {
      ClientSubnet subnet = subnet(n);
      perNetwork.add(r.askEveryFromSubnet(list, Names.toName(name), expectation.type().code(),
          subnet).thenApply(answers -> {
            List<Regional> out = new ArrayList<>(answers.size());
            for (Asked a : answers) {
              int[] scope = {0};
              Echo echo = echo(a.message(), subnet, scope);
              out.add(new Regional(n, a.answer(), echo, scope[0]));
            }
            return out;
          }));
    }
    asked.put(name, List.copyOf(perNetwork));
  }

  /**
   * Compares what the regions saw of hop {@code h} with the plain answers {@code plain} and
   * reports what differs; completes with whether a region the CA validates from is denied the
   * value (an ERROR was reported).
   */
  CompletableFuture<Boolean> judge(Hop h, List<Seen> plain, Optional<DomainName> next) {
    List<CompletableFuture<List<Regional>>> parts = asked.get(h.name());
    if (parts == null) {
      return CompletableFuture.completedFuture(false);
    }
    return withinGrace(parts).thenApply(v -> {
      List<Regional> regional = new ArrayList<>();
      List<PerspectiveNetwork> late = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        CompletableFuture<List<Regional>> f = parts.get(i);
        if (f.isDone() && !f.isCompletedExceptionally()) {
          regional.addAll(f.join());
        } else {
          late.add(networks.get(i));
        }
      }
      return compare(h, plain, next, regional, late);
    });
  }

  /**
   * Completes when every part has, or {@link #grace()} from now: a server that drops questions
   * with the option (RFC 7871 §7.1.3 notes some do) holds the verdict one attempt, not every
   * retry.
   */
  private CompletableFuture<Void> withinGrace(List<CompletableFuture<List<Regional>>> parts) {
    CompletableFuture<Void> all = CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
    if (all.isDone()) {
      return all;
    }
    CompletableFuture<Void> out = new CompletableFuture<>();
    CompletableFuture<?> unused = all.whenComplete((v, e) -> out.complete(null));
    InspectionContext context = r.context();
    Grace.giveUpAfter(context, out, grace(), () -> out.complete(null));
    return out;
  }

  /** How long the regional answers are awaited once the plain ones are judged: one attempt. */
  private Duration grace() {
    return r.context().services().networkPolicy().queryTimeout();
  }

  private boolean compare(Hop h, List<Seen> plain, Optional<DomainName> next,
      List<Regional> regional, List<PerspectiveNetwork> late) {
    List<ServerView> views = new ArrayList<>();
    for (Seen s : plain) {
      List<Regional> mine = new ArrayList<>();
      for (Regional x : regional) {
        if (x.answer().address().equals(s.answer().address())
            && x.answer().serverName().equalsIgnoreCase(s.answer().serverName())) {
          mine.add(x);
        }
      }
      if (mine.isEmpty()) {
        continue;
      }
      List<Look> looks = new ArrayList<>();
      for (Regional x : mine) {
        looks.add(x.echo() == Echo.MISMATCHED ? Look.NOT_COMPARED
            : look(x.answer(), h.name(), next));
      }
      views.add(new ServerView(s.answer().serverName(), s.answer().address(), s,
          look(s.answer(), h.name(), next), mine, looks));
    }
    if (views.isEmpty()) {
      if (!late.isEmpty() || !regional.isEmpty()) {
        words.ignored(h, List.of(), List.of(), networks, late);
      }
      return false;
    }
    boolean seenAnywhere = false;
    for (ServerView v : views) {
      seenAnywhere |= v.plainLook() == Look.SEES || v.looks().contains(Look.SEES);
    }
    for (Seen s : plain) {
      seenAnywhere |= look(s.answer(), h.name(), next) == Look.SEES;
    }
    // A region is denied the value when any server answers it without: the CA's resolver may ask
    // any of them (and a region is only as good as its worst server).
    Set<PerspectiveNetwork> denied = new LinkedHashSet<>();
    Set<PerspectiveNetwork> compared = new LinkedHashSet<>();
    for (ServerView v : views) {
      for (int i = 0; i < v.regional().size(); i++) {
        Look l = v.looks().get(i);
        if (l == Look.NOT_COMPARED) {
          continue;
        }
        compared.add(v.regional().get(i).network());
        if (l != Look.SEES) {
          denied.add(v.regional().get(i).network());
        }
      }
    }
    boolean error = false;
    if (seenAnywhere && !denied.isEmpty()) {
      words.withheld(h, next, views, denied, compared);
      error = true;
    } else if (seenAnywhere) {
      List<ServerView> ownOnly = new ArrayList<>();
      for (ServerView v : views) {
        if (v.plainLook() != Look.SEES && v.plainLook() != Look.NOT_COMPARED
            && v.looks().contains(Look.SEES)) {
          ownOnly.add(v);
        }
      }
      if (!ownOnly.isEmpty()) {
        words.ownNetworkOnly(h, next, ownOnly, compared);
      }
    }
    List<ServerView> ignoring = new ArrayList<>();
    List<ServerView> unanswered = new ArrayList<>();
    for (ServerView v : views) {
      if (v.noneCompared()) {
        unanswered.add(v);
      } else if (!v.usesSubnet() && v.uniform()) {
        ignoring.add(v);
      }
    }
    if (!error && (!ignoring.isEmpty() || !unanswered.isEmpty() || !late.isEmpty())) {
      words.ignored(h, ignoring, unanswered, networks, late);
    }
    return error;
  }

  /** What {@code a} shows for {@code name}: the value, nothing, another value, or no answer. */
  private Look look(ServerAnswer a, DomainName name, Optional<DomainName> next) {
    if (!a.isConclusive() || !a.authoritative() || a.isBogus()) {
      return Look.NOT_COMPARED;
    }
    if (next.isPresent()) {
      boolean alias = false;
      for (DnsRecord rec : a.answer()) {
        if (rec.is(RecordType.CNAME) && rec.isOwnedBy(name.ascii())) {
          if (rec.target().flatMap(DomainName::tryParse).equals(next)) {
            return Look.SEES;
          }
          alias = true;
        }
      }
      return alias ? Look.OTHER : Look.LACKS;
    }
    List<DnsRecord> at = expectation.at(a.answer(), name);
    if (expectation.anyExpected(at)) {
      return Look.SEES;
    }
    return at.isEmpty() ? Look.LACKS : Look.OTHER;
  }

  /**
   * The subnet sent for {@code n}: its address cut to the source prefix (at most /24 or /56, RFC
   * 7871 §11.1; the bits beyond it are zero on the wire, §6).
   */
  static ClientSubnet subnet(PerspectiveNetwork n) {
    int prefix = n.clientSubnetPrefix();
    byte[] b = n.address().getAddress();
    for (int bit = prefix; bit < b.length * 8; bit++) {
      b[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    try {
      return new ClientSubnet(InetAddress.getByAddress(b), prefix);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How the response echoed the option sent; {@code scope[0]} receives the scope prefix. RFC 7871
   * §7.3: an echo whose family, source prefix or address differs from the query's is not for this
   * question, and resolvers drop such answers.
   */
  static Echo echo(@Nullable Message m, ClientSubnet sent, int[] scope) {
    if (m == null) {
      return Echo.NONE;
    }
    OPTRecord opt = m.getOPT();
    if (opt == null) {
      return Echo.NONE;
    }
    for (EDNSOption o : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
      if (!(o instanceof ClientSubnetOption c)) {
        continue;
      }
      int family = sent.network() instanceof Inet4Address ? 1 : 2;
      if (c.getFamily() != family || c.getSourcePrefixLength() != sent.prefix()
          || !c.getAddress().equals(sent.network())) {
        return Echo.MISMATCHED;
      }
      scope[0] = c.getScopePrefixLength();
      return scope[0] == 0 ? Echo.SCOPE_ZERO : Echo.SCOPED;
    }
    return Echo.NONE;
  }
}
