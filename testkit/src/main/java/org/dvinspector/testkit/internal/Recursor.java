package org.dvinspector.testkit.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A caching recursive resolver for the lab: it resolves iteratively from the lab's root over real
 * loopback sockets (RFC 1034 §5.3.3), caches answers for their TTL and negative answers for
 * min(SOA TTL, SOA MINIMUM) (RFC 2308 §5), and counts TTLs down on the lab clock, so a test can
 * reproduce "the resolver still caches NXDOMAIN" and "the resolver serves the old value".
 *
 * <p>Only authoritative answers are cached as answers; referrals are kept apart as zone cuts and
 * only used to know where to ask (RFC 2181 §5.4.1 ranks glue below authoritative data).
 */
public final class Recursor {
  /** Upstream queries one client query may cause at most (loops and long chains end here). */
  private static final int MAX_QUERIES = 64;
  /** Nesting of CNAME chases and nameserver-address lookups. */
  private static final int MAX_DEPTH = 10;
  /** Key type of a cached NXDOMAIN: the name has no type at all. */
  private static final int NX = -1;

  private final List<InetAddress> roots;
  private final int port;
  private final Clock clock;
  private final Executor executor;
  private final Duration timeout;
  private final Map<Key, Entry> cache = new ConcurrentHashMap<>();
  private final Map<Name, Cut> cuts = new ConcurrentHashMap<>();

  private final @Nullable InetAddress localAddress;
  /**
   * A resolver starting at {@code roots}, talking to every server on {@code port}, counting TTLs on
   * {@code clock}, completing on {@code executor}, giving each upstream query {@code timeout}.
   */
  public Recursor(List<InetAddress> roots, int port, Clock clock, Executor executor,
      Duration timeout) {
    this(roots, port, clock, executor, timeout, null);
  }

  /**
   * Like {@link #Recursor(List, int, Clock, Executor, Duration)}, sending its IPv4 questions from
   * {@code localAddress}, the resolver's own address, so that the servers' query logs tell its
   * questions apart from an inspector's.
   */
  public Recursor(List<InetAddress> roots, int port, Clock clock, Executor executor,
      Duration timeout, @Nullable InetAddress localAddress) {
    this.localAddress = localAddress;
    this.roots = List.copyOf(roots);
    this.port = port;
    this.clock = clock;
    this.executor = executor;
    this.timeout = timeout;
  }

  /** Forgets every cached answer and zone cut. */
  public void flush() {
    cache.clear();
    cuts.clear();
  }

  /** The answer to a client's query: RA set, AA clear, TTLs as remaining in the cache. */
  public CompletableFuture<Message> resolve(Message query) {
    Record q = query.getQuestion();
    if (q == null || query.getHeader().getOpcode() != 0) {
      Message err = Authority.error(query, q == null ? Rcode.FORMERR : Rcode.NOTIMP);
      err.getHeader().setFlag(Flags.RA);
      return CompletableFuture.completedFuture(err);
    }
    Ctx ctx = new Ctx();
    return resolve(q.getName(), q.getType(), ctx, 0).handle((a, err) -> {
      Message r = Authority.reply(query);
      r.getHeader().setFlag(Flags.RA);
      if (err != null || a == null) {
        r.getHeader().setRcode(Rcode.SERVFAIL);
        return r;
      }
      r.getHeader().setRcode(a.rcode);
      for (Record rec : a.answer) {
        r.addRecord(rec, Section.ANSWER);
      }
      if (a.soa != null) {
        r.addRecord(a.soa, Section.AUTHORITY);
      }
      return r;
    });
  }

  // ------------------------------------------------------------------ resolution

  private CompletableFuture<Answer> resolve(Name name, int type, Ctx ctx, int depth) {
    if (depth > MAX_DEPTH) {
      return failed("resolution nested too deep at " + name);
    }
    Instant now = clock.instant();
    Answer hit = fromCache(name, type, now);
    if (hit != null) {
      return CompletableFuture.completedFuture(hit);
    }
    Entry alias = valid(new Key(name, Type.CNAME), now);
    if (type != Type.CNAME && alias != null && alias.records != null) {
      Record c = Records.withTtl(alias.records.get(0), alias.remaining(now));
      Name target = ((CNAMERecord) c).getTarget();
      return resolve(target, type, ctx, depth + 1).thenApply(a -> a.prepend(List.of(c)));
    }
    return ask(closestCut(name, now), name, type, ctx, depth);
  }

  private @Nullable Answer fromCache(Name name, int type, Instant now) {
    Entry nx = valid(new Key(name, NX), now);
    if (nx != null) {
      return nx.negative(Rcode.NXDOMAIN, now);
    }
    Entry e = valid(new Key(name, type), now);
    if (e == null) {
      return null;
    }
    List<Record> records = e.records;
    if (records == null) {
      return e.negative(Rcode.NOERROR, now);
    }
    long ttl = e.remaining(now);
    List<Record> out = new ArrayList<>();
    for (Record r : records) {
      out.add(Records.withTtl(r, ttl));
    }
    return new Answer(Rcode.NOERROR, out, null);
  }

  private @Nullable Entry valid(Key key, Instant now) {
    Entry e = cache.get(key);
    if (e == null) {
      return null;
    }
    if (e.remaining(now) <= 0) {
      cache.remove(key, e);
      return null;
    }
    return e;
  }

  private Cut closestCut(Name name, Instant now) {
    for (int drop = 0; drop < name.labels(); drop++) {
      Cut c = cuts.get(new Name(name, drop));
      if (c != null) {
        if (now.isBefore(c.expires)) {
          return c;
        }
        cuts.remove(c.zone, c);
      }
    }
    return new Cut(Name.root, List.of(), roots, Instant.MAX);
  }

  /** Asks the servers of {@code cut}; follows referrals down. */
  private CompletableFuture<Answer> ask(Cut cut, Name name, int type, Ctx ctx, int depth) {
    CompletableFuture<List<InetAddress>> addresses = cut.addresses.isEmpty()
        ? addressesOf(cut.nsNames, ctx, depth + 1)
        : CompletableFuture.completedFuture(cut.addresses);
    return addresses
        .thenCompose(addrs -> askEach(addrs, 0, cut, name, type, ctx))
        .thenCompose(resp -> {
          if (resp == null) {
            return failed("no server of " + cut.zone + " answered for " + name);
          }
          return process(resp, cut, name, type, ctx, depth);
        });
  }

  /** The first usable response from {@code addrs[i..]}, or null when none gave one. */
  private CompletableFuture<@Nullable Message> askEach(List<InetAddress> addrs, int i, Cut cut,
      Name name, int type, Ctx ctx) {
    if (i >= addrs.size()) {
      return CompletableFuture.completedFuture(null);
    }
    InetAddress addr = addrs.get(i);
    if (!addr.isLoopbackAddress() || ctx.queries.incrementAndGet() > MAX_QUERIES) {
      // The lab never sends a packet off this machine, whatever the zones say.
      return i + 1 < addrs.size() && ctx.queries.get() <= MAX_QUERIES
          ? askEach(addrs, i + 1, cut, name, type, ctx)
          : CompletableFuture.completedFuture(null);
    }
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(addr, port));
    r.setTimeout(timeout);
    InetAddress local = localAddress;
    if (local != null && local.getClass() == addr.getClass()) {
      r.setLocalAddress(new InetSocketAddress(local, 0));
    }
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.sendAsync(q, executor).toCompletableFuture()
        .handle((resp, err) -> err == null && usable(resp, cut, name) ? resp : null)
        .thenCompose(resp -> resp != null
            ? CompletableFuture.completedFuture(resp)
            : askEach(addrs, i + 1, cut, name, type, ctx));
  }

  /** An answer from the zone's authority, or a referral further down; else the next server. */
  private static boolean usable(Message resp, Cut cut, Name name) {
    int rcode = resp.getRcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return false;
    }
    if (resp.getHeader().getFlag(Flags.TC)) {
      return false;
    }
    return resp.getHeader().getFlag(Flags.AA) || referral(resp, cut, name) != null;
  }

  private static @Nullable RRset referral(Message resp, Cut cut, Name name) {
    if (resp.getHeader().getFlag(Flags.AA) || resp.getRcode() != Rcode.NOERROR) {
      return null;
    }
    for (RRset s : resp.getSectionRRsets(Section.AUTHORITY)) {
      Name owner = s.getName();
      if (s.getType() == Type.NS && name.subdomain(owner) && owner.subdomain(cut.zone)
          && owner.labels() > cut.zone.labels()) {
        return s;
      }
    }
    return null;
  }

  private CompletableFuture<Answer> process(Message resp, Cut cut, Name name, int type, Ctx ctx,
      int depth) {
    Instant now = clock.instant();
    RRset ns = referral(resp, cut, name);
    if (ns != null) {
      Cut next = cutFrom(ns, resp, now);
      cuts.put(next.zone, next);
      return ask(next, name, type, ctx, depth);
    }
    // Authoritative: walk the CNAME chain the answer section holds (RFC 1034 §4.3.2 3a).
    List<Record> chain = new ArrayList<>();
    Name current = name;
    Set<Name> seen = new HashSet<>();
    boolean found = false;
    while (seen.add(current)) {
      RRset data = rrset(resp, current, type);
      if (data != null) {
        cachePositive(data, now);
        chain.addAll(data.rrs(false));
        found = true;
        break;
      }
      RRset alias = type == Type.CNAME ? null : rrset(resp, current, Type.CNAME);
      if (alias == null) {
        break;
      }
      cachePositive(alias, now);
      chain.addAll(alias.rrs(false));
      current = ((CNAMERecord) alias.first()).getTarget();
    }
    if (found) {
      return CompletableFuture.completedFuture(new Answer(Rcode.NOERROR, chain, null));
    }
    SOARecord soa = soa(resp);
    if (soa != null && current.subdomain(soa.getName())) {
      // A negative answer about the last name of the chain (RFC 2308 §2.1, §2.2; RFC 6604).
      boolean nx = resp.getRcode() == Rcode.NXDOMAIN;
      cacheNegative(new Key(current, nx ? NX : type), soa, now);
      return CompletableFuture.completedFuture(
          new Answer(resp.getRcode(), chain, negativeSoa(soa)));
    }
    if (current.equals(name)) {
      // A negative answer without SOA: passed on, not cached (RFC 2308 §5 needs the SOA).
      return CompletableFuture.completedFuture(new Answer(resp.getRcode(), chain, null));
    }
    // The alias leaves the zone: resolve its target from the top (or the closest known cut).
    return resolve(current, type, ctx, depth + 1).thenApply(a -> a.prepend(chain));
  }

  private Cut cutFrom(RRset ns, Message resp, Instant now) {
    List<Name> names = new ArrayList<>();
    Set<InetAddress> addrs = new LinkedHashSet<>();
    for (Record r : ns.rrs(false)) {
      Name target = ((NSRecord) r).getTarget();
      names.add(target);
      for (Record g : resp.getSection(Section.ADDITIONAL)) {
        if (g.getName().equals(target)) {
          if (g instanceof ARecord a) {
            addrs.add(a.getAddress());
          } else if (g instanceof AAAARecord a) {
            addrs.add(a.getAddress());
          }
        }
      }
    }
    return new Cut(ns.getName(), names, new ArrayList<>(addrs),
        now.plusSeconds(Math.max(1, ns.getTTL())));
  }

  /** Resolves the addresses of nameservers given without glue. */
  private CompletableFuture<List<InetAddress>> addressesOf(List<Name> names, Ctx ctx, int depth) {
    List<CompletableFuture<Answer>> lookups = new ArrayList<>();
    for (Name n : names) {
      lookups.add(resolve(n, Type.A, ctx, depth).exceptionally(e -> Answer.EMPTY));
      lookups.add(resolve(n, Type.AAAA, ctx, depth).exceptionally(e -> Answer.EMPTY));
    }
    return CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      Set<InetAddress> out = new LinkedHashSet<>();
      for (CompletableFuture<Answer> f : lookups) {
        for (Record r : f.join().answer) {
          if (r instanceof ARecord a) {
            out.add(a.getAddress());
          } else if (r instanceof AAAARecord a) {
            out.add(a.getAddress());
          }
        }
      }
      return new ArrayList<>(out);
    });
  }

  private static @Nullable RRset rrset(Message m, Name name, int type) {
    for (RRset s : m.getSectionRRsets(Section.ANSWER)) {
      if (s.getName().equals(name) && s.getType() == type) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable SOARecord soa(Message m) {
    for (Record r : m.getSection(Section.AUTHORITY)) {
      if (r instanceof SOARecord s) {
        return s;
      }
    }
    return null;
  }

  private static SOARecord negativeSoa(SOARecord soa) {
    return (SOARecord) Records.withTtl(soa, Math.min(soa.getTTL(), soa.getMinimum()));
  }

  private void cachePositive(RRset set, Instant now) {
    if (set.getTTL() > 0) {
      cache.put(new Key(set.getName(), set.getType()),
          new Entry(set.rrs(false), null, set.getTTL(), now));
    }
  }

  /** RFC 2308 §5: a negative answer lives min(SOA TTL, SOA MINIMUM) seconds. */
  private void cacheNegative(Key key, SOARecord soa, Instant now) {
    long ttl = Math.min(soa.getTTL(), soa.getMinimum());
    if (ttl > 0) {
      cache.put(key, new Entry(null, soa, ttl, now));
    }
  }

  private static <T> CompletableFuture<T> failed(String why) {
    return CompletableFuture.failedFuture(new IllegalStateException(why));
  }

  // ------------------------------------------------------------------ state

  /** Budget of one client query. */
  private static final class Ctx {
    final AtomicInteger queries = new AtomicInteger();
  }

  private static final class Key {
    final Name name;
    final int type;

    Key(Name name, int type) {
      this.name = name;
      this.type = type;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k && k.name.equals(name) && k.type == type;
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + type;
    }
  }

  /** A cached RRset (records set) or negative answer (soa set), stored at {@code stored}. */
  private static final class Entry {
    final @Nullable List<Record> records;
    final @Nullable SOARecord soa;
    final long ttl;
    final Instant stored;

    Entry(@Nullable List<Record> records, @Nullable SOARecord soa, long ttl, Instant stored) {
      this.records = records == null ? null : List.copyOf(records);
      this.soa = soa;
      this.ttl = ttl;
      this.stored = stored;
    }

    /** Seconds left: the TTL minus the whole seconds elapsed on the lab clock. */
    long remaining(Instant now) {
      long elapsed = Duration.between(stored, now).toSeconds();
      return ttl - Math.max(0, elapsed);
    }

    Answer negative(int rcode, Instant now) {
      SOARecord s = soa;
      return new Answer(rcode, List.of(),
          s == null ? null : (SOARecord) Records.withTtl(s, remaining(now)));
    }
  }

  /** Where to ask for names under {@code zone}. */
  private static final class Cut {
    final Name zone;
    final List<Name> nsNames;
    final List<InetAddress> addresses;
    final Instant expires;

    Cut(Name zone, List<Name> nsNames, List<InetAddress> addresses, Instant expires) {
      this.zone = zone;
      this.nsNames = List.copyOf(nsNames);
      this.addresses = List.copyOf(addresses);
      this.expires = expires;
    }
  }

  /** A resolution result. */
  private static final class Answer {
    static final Answer EMPTY = new Answer(Rcode.SERVFAIL, List.of(), null);

    final int rcode;
    final List<Record> answer;
    final @Nullable SOARecord soa;

    Answer(int rcode, List<Record> answer, @Nullable SOARecord soa) {
      this.rcode = rcode;
      this.answer = List.copyOf(answer);
      this.soa = soa;
    }

    Answer prepend(List<Record> chain) {
      List<Record> all = new ArrayList<>(chain);
      all.addAll(answer);
      return new Answer(rcode, all, soa);
    }
  }
}
