package org.dvinspector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dvinspector.testkit.internal.Authority;
import org.dvinspector.testkit.internal.ClientSubnets;
import org.dvinspector.testkit.internal.DnsEventLoop;
import org.dvinspector.testkit.internal.LabRuntime;
import org.dvinspector.testkit.internal.Records;
import org.dvinspector.testkit.internal.ZoneData;
import org.dvinspector.testkit.internal.ZoneSigner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An in-process DNS server on one loopback address and port, over UDP and TCP: authoritative
 * for the {@link TestZone}s it {@linkplain #serve(TestZone) serves} (or, inside a {@link DnsLab},
 * the lab's recursive resolver), with switchable {@linkplain DnsFault faults} and a query log.
 *
 * <p>Answers follow RFC 1034 §4.3.2: data with the AA bit; CNAMEs followed inside the zone; NXDOMAIN
 * and NODATA with the zone's SOA in the authority section, its TTL the lesser of the SOA's TTL and
 * MINIMUM (RFC 2308 §3); wildcards (RFC 4592); referrals without AA, NS in the authority section
 * and glue in the additional section; REFUSED for names outside every served zone.
 *
 * <p>Stand-alone use ({@link DnsLab} does all this for a whole delegation):
 * <pre>{@code
 * try (TestDnsServer server = TestDnsServer.start(new InetSocketAddress("127.0.0.1", 0))) {
 *   server.serve(TestZone.fromZoneFile("example.test", zoneText));
 *   ...
 * }
 * }</pre>
 */
public final class TestDnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TestDnsServer.class);
  /** Most queries kept in the log; older ones are forgotten (a load test must not exhaust memory). */
  private static final int MAX_LOG = 100_000;
  /** Tells the event loop that a query gets no answer. */
  private static final byte[] NO_ANSWER = new byte[0];

  private final String name;
  private final LabRuntime runtime;
  private final boolean ownsRuntime;
  private final @Nullable Function<Message, CompletableFuture<Message>> resolver;
  private final InetSocketAddress boundAddress;
  private volatile DnsEventLoop.@Nullable Endpoint endpoint;
  private final Map<Name, Slot> zones = new ConcurrentHashMap<>();
  private final List<DnsFault> faults = new CopyOnWriteArrayList<>();
  private final List<DnsQuery> log = new ArrayList<>();
  private volatile boolean closed;

  /** One served zone: the newest published version and, when frozen, the version kept. */
  private static final class Slot implements Consumer<ZoneData> {
    final TestZone zone;
    volatile ZoneData latest;
    volatile @Nullable ZoneData frozen;
    volatile ZoneSigner.@Nullable Stale stale;

    Slot(TestZone zone) {
      this.zone = zone;
      this.latest = zone.data();
    }

    @Override
    public void accept(ZoneData newer) {
      latest = newer;
    }

    ZoneData served() {
      ZoneData f = frozen;
      ZoneData base = f != null ? f : latest;
      ZoneSigner.Stale st = stale;
      return st == null || !base.isSigned() ? base : zone.stale(base, st);
    }
  }

  private TestDnsServer(String name, InetSocketAddress address, LabRuntime runtime,
      boolean ownsRuntime, @Nullable Function<Message, CompletableFuture<Message>> resolver)
      throws IOException {
    this.name = name;
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
    this.resolver = resolver;
    DnsEventLoop.Endpoint e = runtime.loop().bind(address, this::onQuery);
    this.endpoint = e;
    this.boundAddress = e.address();
  }

  /**
   * Starts a stand-alone server on {@code address} (a loopback address; port 0 picks a free port,
   * the same for UDP and TCP) with its own threads, closed with the server.
   *
   * @throws IllegalArgumentException if the address is not a loopback address
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static TestDnsServer start(InetSocketAddress address) {
    requireLoopback(address.getAddress());
    LabRuntime rt;
    try {
      rt = new LabRuntime("dvi-dns-" + address.getAddress().getHostAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        return new TestDnsServer(address.getAddress().getHostAddress(), address, rt, true, null);
      } catch (IOException e) {
        last = e; // port 0: the UDP port may be taken for TCP; try another
        if (address.getPort() != 0) {
          break;
        }
      }
    }
    rt.close();
    throw new UncheckedIOException("Cannot bind " + address, last);
  }

  /** A server on a lab's shared threads. */
  static TestDnsServer inLab(String name, InetSocketAddress address, LabRuntime runtime)
      throws IOException {
    return new TestDnsServer(name, address, runtime, false, null);
  }

  /** A recursive resolver front end on a lab's shared threads. */
  static TestDnsServer recursive(String name, InetSocketAddress address, LabRuntime runtime,
      Function<Message, CompletableFuture<Message>> resolver) throws IOException {
    return new TestDnsServer(name, address, runtime, false, resolver);
  }

  static void requireLoopback(@Nullable InetAddress address) {
    if (address == null || !address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "Test DNS servers listen on loopback addresses only, got " + address);
    }
  }

  /** The server's name (in a lab: its first nameserver name, e.g. {@code ns1.example.test}). */
  public String name() {
    return name;
  }

  /** The address and port it listens on (UDP and TCP). */
  public InetSocketAddress address() {
    return boundAddress;
  }

  /** Whether this is the lab's recursive resolver rather than an authoritative server. */
  public boolean isRecursive() {
    return resolver != null;
  }

  /** Serves {@code zone} from now on, following its changes (replaces a zone of the same name). */
  public void serve(TestZone zone) {
    if (resolver != null) {
      throw new IllegalStateException("The recursive resolver serves no zones");
    }
    stopServing(zone.name().toString());
    Slot slot = new Slot(zone);
    slot.latest = zone.subscribe(slot); // atomically with registration: no version is missed
    zones.put(zone.name(), slot);
  }

  /** Stops serving the zone named {@code zoneName}; its queries are REFUSED from now on. */
  public void stopServing(String zoneName) {
    Slot s = zones.remove(Records.absolute(zoneName));
    if (s != null) {
      s.zone.unsubscribe(s);
    }
  }

  /** The names of the zones served. */
  public List<Name> zones() {
    return List.copyOf(zones.keySet());
  }

  /**
   * Keeps serving the current version of {@code zoneName} while the zone changes: a secondary
   * lagging behind its primary, still on the old serial.
   */
  public void freeze(String zoneName) {
    Slot s = slot(zoneName);
    s.frozen = s.latest;
  }

  /** Catches up with the newest version of {@code zoneName} and follows its changes again. */
  public void unfreeze(String zoneName) {
    slot(zoneName).frozen = null;
  }

  /** Whether {@code zoneName} is frozen on this server. */
  public boolean isFrozen(String zoneName) {
    return slot(zoneName).frozen != null;
  }

  /**
   * Serves {@code zoneName} (a signed zone) with stale DNSSEC data from now on, while the other
   * servers stay fine: expired signatures, or signatures by an old key (see {@link
   * StaleSignatures}). Undone by {@link #serveFreshSignatures(String)} or {@link #reset()}.
   */
  public void serveStaleSignatures(String zoneName, StaleSignatures how) {
    Slot s = slot(zoneName);
    if (!s.zone.isSigned()) {
      throw new IllegalStateException(zoneName + " is not signed");
    }
    s.stale = how == StaleSignatures.EXPIRED
        ? ZoneSigner.Stale.EXPIRED_SIGNATURES : ZoneSigner.Stale.OLD_KEY;
  }

  /** Serves {@code zoneName} with the zone's current signatures again. */
  public void serveFreshSignatures(String zoneName) {
    slot(zoneName).stale = null;
  }

  /** The SOA serial of the version of {@code zoneName} this server answers from. */
  public long servedSerial(String zoneName) {
    return slot(zoneName).served().serial();
  }

  private Slot slot(String zoneName) {
    Slot s = zones.get(Records.absolute(zoneName));
    if (s == null) {
      throw new IllegalArgumentException(name + " does not serve " + zoneName);
    }
    return s;
  }

  /**
   * Closes the server's sockets, as if the host were up but nothing listened: UDP queries get an
   * ICMP port unreachable, TCP connections are refused. Zones, faults and the log are kept.
   */
  public synchronized void pause() {
    DnsEventLoop.Endpoint e = endpoint;
    endpoint = null;
    if (e != null) {
      e.close();
    }
  }

  /**
   * Listens again on the same address and port after {@link #pause()}.
   *
   * @throws UncheckedIOException if something else took the port meanwhile
   */
  public synchronized void resume() {
    if (closed) {
      throw new IllegalStateException("The server is closed");
    }
    if (endpoint == null) {
      try {
        endpoint = runtime.loop().bind(boundAddress, this::onQuery);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot listen again on " + boundAddress, e);
      }
    }
  }

  /** Whether the server is listening (not paused or closed). */
  public boolean isListening() {
    return endpoint != null;
  }

  /**
   * Listens again if paused, switches every fault off, unfreezes every zone, serves fresh
   * signatures and clears the query log.
   */
  public void reset() {
    if (!closed) {
      resume();
    }
    clearFaults();
    for (Slot s : zones.values()) {
      s.frozen = null;
      s.stale = null;
    }
    clearQueries();
  }

  /** Switches {@code fault} on (see {@link DnsFault} for how several combine). */
  public TestDnsServer addFault(DnsFault fault) {
    faults.add(fault);
    return this;
  }

  /** Switches {@code fault} off (one equal fault). */
  public TestDnsServer removeFault(DnsFault fault) {
    faults.remove(fault);
    return this;
  }

  /** Switches every fault off. */
  public TestDnsServer clearFaults() {
    faults.clear();
    return this;
  }

  /** The faults switched on. */
  public List<DnsFault> faults() {
    return List.copyOf(faults);
  }

  /** Every query received so far (oldest first; at most the newest 100,000). */
  public List<DnsQuery> queries() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** The queries received for {@code name} (trailing dot optional) and {@code type}. */
  public List<DnsQuery> queries(String name, int type) {
    return queries().stream().filter(q -> q.isFor(name, type)).collect(Collectors.toList());
  }

  /** How many queries were received. */
  public int queryCount() {
    synchronized (log) {
      return log.size();
    }
  }

  /** Forgets the logged queries. */
  public void clearQueries() {
    synchronized (log) {
      log.clear();
    }
  }

  private void onQuery(byte[] wire, DnsEventLoop.Transport transport, InetSocketAddress client,
      Consumer<byte[]> reply) {
    if (closed) {
      reply.accept(NO_ANSWER);
      return;
    }
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException e) {
      formatError(wire, transport, reply);
      return;
    }
    if (query.getHeader().getFlag(Flags.QR)) {
      reply.accept(NO_ANSWER); // a response sent to us: never answer it (no loops between servers)
      return;
    }
    Record question = query.getQuestion();
    String tr = transport.label();
    if (question != null) {
      synchronized (log) {
        if (log.size() >= MAX_LOG) {
          log.remove(0);
        }
        log.add(DnsQuery.of(question.getName(), question.getType(), tr, client, Instant.now()));
      }
    }
    Duration delay = Duration.ZERO;
    DnsFault action = null;
    if (question != null) {
      for (DnsFault f : faults) {
        if (!f.matches(question.getName(), question.getType(), tr)
            || (f.onlyWithClientSubnet() && ClientSubnets.option(query) == null)) {
          continue;
        }
        if (f.kind() == DnsFault.Kind.LATENCY) {
          delay = f.delay().compareTo(delay) > 0 ? f.delay() : delay;
        } else if (action == null
            && !(f.kind() == DnsFault.Kind.TRUNCATE && transport == DnsEventLoop.Transport.TCP)) {
          action = f;
        }
      }
    }
    DnsFault.Kind kind = action == null ? null : action.kind();
    if (kind == DnsFault.Kind.DROP) {
      reply.accept(NO_ANSWER);
      return;
    }
    CompletableFuture<Message> answer;
    if (kind == DnsFault.Kind.SERVFAIL) {
      answer = CompletableFuture.completedFuture(Authority.error(query, Rcode.SERVFAIL));
    } else if (kind == DnsFault.Kind.REFUSED) {
      answer = CompletableFuture.completedFuture(Authority.error(query, Rcode.REFUSED));
    } else if (resolver != null) {
      answer = resolver.apply(query);
    } else {
      answer = CompletableFuture.completedFuture(Authority.answer(query, servedZones(), client.getAddress()));
    }
    Duration wait = delay;
    // The stage that sends is not kept: sending is its only effect, and failures end in SERVFAIL.
    CompletableFuture<?> unused = answer.whenComplete((m, err) -> {
      Message out = m;
      if (err != null || out == null) {
        LOG.debug("{} failed to answer {}", name, question, err);
        out = Authority.error(query, Rcode.SERVFAIL);
      }
      if (kind == DnsFault.Kind.NOT_AUTHORITATIVE) {
        out.getHeader().unsetFlag(Flags.AA);
      } else if (kind == DnsFault.Kind.UNSIGNED_ANSWERS) {
        stripDnssec(out, false);
      } else if (kind == DnsFault.Kind.NO_DENIAL_PROOFS) {
        stripDnssec(out, true);
      } else if (kind == DnsFault.Kind.TRUNCATE) {
        out.removeAllRecords(Section.ANSWER);
        out.removeAllRecords(Section.AUTHORITY);
        out.removeAllRecords(Section.ADDITIONAL);
        out.getHeader().setFlag(Flags.TC);
      }
      byte[] bytes = Authority.toWire(query, out, transport == DnsEventLoop.Transport.UDP);
      if (wait.isZero()) {
        reply.accept(bytes);
      } else if (!closed) {
        ScheduledFuture<?> later = runtime.scheduler()
            .schedule(() -> reply.accept(bytes), wait.toNanos(), TimeUnit.NANOSECONDS);
        LOG.trace("{} answers {} after {}: {}", name, question, wait, later);
      }
    });
  }

  /**
   * Removes DNSSEC records from an answer: every RRSIG ({@code denialOnly} false), or the NSEC
   * and NSEC3 records and their RRSIGs ({@code denialOnly} true).
   */
  private static void stripDnssec(Message m, boolean denialOnly) {
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
      List<Record> keep = new ArrayList<>();
      for (Record r : m.getSection(section)) {
        boolean denial = r.getRRsetType() == Type.NSEC || r.getRRsetType() == Type.NSEC3;
        boolean drop = denialOnly ? denial : r.getType() == Type.RRSIG;
        if (!drop) {
          keep.add(r);
        }
      }
      m.removeAllRecords(section);
      for (Record r : keep) {
        m.addRecord(r, section);
      }
    }
  }

  private static void formatError(byte[] wire, DnsEventLoop.Transport transport,
      Consumer<byte[]> reply) {
    if (wire.length < Header.LENGTH) {
      reply.accept(NO_ANSWER);
      return;
    }
    try {
      Header h = new Header(java.util.Arrays.copyOf(wire, Header.LENGTH));
      if (h.getFlag(Flags.QR)) {
        reply.accept(NO_ANSWER);
        return;
      }
      Message m = new Message(h.getID());
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setRcode(Rcode.FORMERR);
      reply.accept(m.toWire(transport == DnsEventLoop.Transport.UDP ? 512 : 65_535));
    } catch (IOException e) {
      reply.accept(NO_ANSWER); // not even a header: nothing sensible to answer
    }
  }

  private Map<Name, ZoneData> servedZones() {
    Map<Name, ZoneData> out = new LinkedHashMap<>();
    for (Map.Entry<Name, Slot> e : zones.entrySet()) {
      out.put(e.getKey(), e.getValue().served());
    }
    return Collections.unmodifiableMap(out);
  }

  /** Stops listening (closing its sockets and connections); a stand-alone server also stops its threads. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Name z : List.copyOf(zones.keySet())) {
      stopServing(z.toString());
    }
    DnsEventLoop.Endpoint e = endpoint;
    endpoint = null;
    if (e != null) {
      e.close();
    }
    if (ownsRuntime) {
      runtime.close();
    }
  }

  @Override
  public String toString() {
    return "TestDnsServer " + name + " " + address();
  }
}
