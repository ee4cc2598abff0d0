package org.dvinspector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.HexFormat;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.TrustAnchor;
import org.dvinspector.testkit.internal.LabClock;
import org.dvinspector.testkit.internal.LabRuntime;
import org.dvinspector.testkit.internal.Records;
import org.dvinspector.testkit.internal.Recursor;
import org.dvinspector.testkit.internal.ZoneSigner;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SimpleResolver;

/**
 * A whole DNS delegation on loopback: a fake root, the TLD zones, the zones a test declares with
 * their nameservers, and a caching recursive resolver, each server on its own loopback address
 * and all on one shared unprivileged port ({@link #port()}); {@link #networkPolicy()} points an
 * inspector at it.
 *
 * <pre>{@code
 * try (DnsLab lab = DnsLab.builder()
 *     .zone("example.test", z -> z
 *         .nameserver("ns1.example.test", "127.0.0.11")
 *         .nameserver("ns2.example.test", "127.0.0.12")
 *         .records("_dnsauth 300 IN TXT \"token\"", "www 300 IN A 127.0.0.50"))
 *     .start()) {
 *   lab.zone("example.test").replace("_dnsauth", "TXT", "_dnsauth TXT \"new\"");
 *   lab.server("ns2.example.test").freeze("example.test");
 *   ...
 * }
 * }</pre>
 *
 * <p>DNSSEC: a zone declared {@link ZoneSpec#signed() signed} gets its own keys (generated per
 * lab), and then the root and every TLD are signed too, each parent holds the DS of its signed
 * children, and {@link #trustAnchors()} is the root's anchor, which {@link #networkPolicy()}
 * hands to the inspector. Servers add RRSIGs and NSEC/NSEC3 proofs when a query has the DO bit.
 * {@link #dnssec(String)} breaks a zone's DNSSEC on purpose. A lab without signed zones has no
 * anchors: its policy does not validate DNSSEC.
 *
 * <p>Addresses: the lab's own servers take nine consecutive loopback addresses, by default
 * 127.0.0.2 to 127.0.0.10: the root server ({@value #ROOT_ADDRESS}), seven TLD servers (127.0.0.3
 * to 127.0.0.9, named {@code ns.nic.<tld>}) and the recursive resolver ({@value
 * #RESOLVER_ADDRESS}). {@link Builder#infrastructureAddresses(String)} moves them elsewhere in
 * 127.0.0.0/8, e.g. to run two labs at once or to keep 127.0.0.2-10 for other servers of a test.
 * Declared nameservers may use any other 127.0.0.0/8 address, and at most one of them {@code ::1}.
 * The resolver sends its own questions from its address, so a server's {@linkplain
 * TestDnsServer#queries() query log} tells them apart from an inspector's.
 * Every address a lab uses must be bindable here (Linux routes all of 127.0.0.0/8 to loopback;
 * macOS needs {@code sudo ifconfig lo0 alias 127.0.0.N} for each).
 */
public final class DnsLab implements AutoCloseable {
  /** The fake root server's address, unless {@link Builder#infrastructureAddresses} moves it. */
  public static final String ROOT_ADDRESS = "127.0.0.2";
  /** The recursive resolver's address, unless {@link Builder#infrastructureAddresses} moves it. */
  public static final String RESOLVER_ADDRESS = "127.0.0.10";
  /** The fake root server's name. */
  public static final String ROOT_SERVER_NAME = "a.root-servers.lab";

  private static final long NS_TTL = 3600;
  private static final long ADDRESS_TTL = 3600;
  /** TLD servers a lab can generate (the addresses between the root and the resolver). */
  private static final int TLD_SERVERS = 7;

  private final LabRuntime runtime;
  private final int port;
  private final LabClock clock;
  private final Recursor recursor;
  private final Map<Name, TestZone> zones;
  private final Map<InetAddress, TestDnsServer> servers;
  private final Map<Name, List<InetAddress>> addressesByName;
  private final TestDnsServer resolverServer;
  private final InetAddress rootAddress;
  private final Map<Name, SignedZone> signed;
  private volatile boolean closed;

  private DnsLab(LabRuntime runtime, int port, LabClock clock, Recursor recursor,
      Map<Name, TestZone> zones, Map<InetAddress, TestDnsServer> servers,
      Map<Name, List<InetAddress>> addressesByName, TestDnsServer resolverServer,
      InetAddress rootAddress, Map<Name, SignedZone> signed) {
    this.signed = signed;
    this.runtime = runtime;
    this.port = port;
    this.clock = clock;
    this.recursor = recursor;
    this.zones = zones;
    this.servers = servers;
    this.addressesByName = addressesByName;
    this.resolverServer = resolverServer;
    this.rootAddress = rootAddress;
  }

  /** A builder for a lab. */
  public static Builder builder() {
    return new Builder();
  }

  // ------------------------------------------------------------------ accessors

  /** The port every lab server listens on (UDP and TCP), in 20000-60000 unless chosen. */
  public int port() {
    return port;
  }

  /** The zone named {@code name} (declared, a generated TLD, or {@code "."} for the root). */
  public TestZone zone(String name) {
    TestZone z = zones.get(Records.absolute(name));
    if (z == null) {
      throw new IllegalArgumentException("The lab has no zone " + name + "; it has " + zones.keySet());
    }
    return z;
  }

  /** Every zone, root first. */
  public List<TestZone> zones() {
    return List.copyOf(zones.values());
  }

  /**
   * The server of the nameserver {@code name} (e.g. {@code ns2.example.test}, {@code
   * ns.nic.test}, {@value #ROOT_SERVER_NAME}).
   *
   * @throws IllegalArgumentException if no server has that name, or it has several addresses
   *     (use {@link #servers(String)})
   */
  public TestDnsServer server(String name) {
    List<TestDnsServer> s = servers(name);
    if (s.size() != 1) {
      throw new IllegalArgumentException(
          name + " has " + s.size() + " addresses; use servers(name) or serverAt(address)");
    }
    return s.get(0);
  }

  /** The servers of nameserver {@code name}, one per address. */
  public List<TestDnsServer> servers(String name) {
    List<InetAddress> addrs = addressesByName.get(Records.absolute(name));
    if (addrs == null || addrs.isEmpty()) {
      throw new IllegalArgumentException("The lab has no nameserver " + name);
    }
    List<TestDnsServer> out = new ArrayList<>();
    for (InetAddress a : addrs) {
      out.add(servers.get(a));
    }
    return out;
  }

  /** The server listening on {@code address} (e.g. {@code "127.0.0.11"}). */
  public TestDnsServer serverAt(String address) {
    TestDnsServer s = servers.get(literal(address));
    if (s == null) {
      throw new IllegalArgumentException("No lab server on " + address);
    }
    return s;
  }

  /** Every authoritative server (root and TLD servers included, the resolver not). */
  public List<TestDnsServer> authoritativeServers() {
    return servers.values().stream().filter(s -> !s.isRecursive()).collect(Collectors.toList());
  }

  /** The fake root server. */
  public TestDnsServer rootServer() {
    return Objects.requireNonNull(servers.get(rootAddress));
  }

  /** The fake root server's address ({@value #ROOT_ADDRESS} unless moved). */
  public InetAddress rootAddress() {
    return rootAddress;
  }

  /** The lab's root server, for {@link NetworkPolicy#rootServers()}. */
  public List<RootServer> rootServers() {
    return List.of(RootServer.of(ROOT_SERVER_NAME, List.of(rootAddress)));
  }

  /**
   * The lab's DNSSEC trust anchors: the DS of the root's key-signing key when the lab is signed
   * (any zone declared {@link ZoneSpec#signed()}), else none.
   */
  public List<TrustAnchor> trustAnchors() {
    SignedZone root = signed.get(Name.root);
    if (root == null) {
      return List.of();
    }
    DSRecord ds = root.ds();
    return List.of(TrustAnchor.ds(".", ds.getFootprint(), ds.getAlgorithm(), ds.getDigestID(),
        HexFormat.of().formatHex(ds.getDigest())));
  }

  /** Whether the lab is signed (it has trust anchors). */
  public boolean isSigned() {
    return !signed.isEmpty();
  }

  /**
   * The keys and break-it switches of the signed zone {@code name} (a declared zone, a TLD or
   * {@code "."}).
   *
   * @throws IllegalArgumentException if that zone is not signed
   */
  public SignedZone dnssec(String name) {
    SignedZone z = signed.get(Records.absolute(name));
    if (z == null) {
      throw new IllegalArgumentException(name + " is not a signed zone of this lab; signed: "
          + signed.keySet());
    }
    return z;
  }

  /** The recursive resolver's socket address (its real port, {@link #port()}). */
  public InetSocketAddress recursiveResolver() {
    return resolverServer.address();
  }

  /** The recursive resolver's server, for faults and its query log. */
  public TestDnsServer resolverServer() {
    return resolverServer;
  }

  /** Empties the recursive resolver's cache. */
  public void flushCache() {
    recursor.flush();
  }

  /** The lab clock: the resolver counts TTLs on it. It moves only with {@link #advanceClock}. */
  public Clock clock() {
    return clock;
  }

  /** Moves the lab clock forward (cached TTLs count down by as much); returns the new time. */
  public Instant advanceClock(Duration duration) {
    return clock.advance(duration);
  }

  /** Sends port 53 of any address to the lab port. */
  public EndpointMapping endpointMapping() {
    return EndpointMapping.ports(Map.of(53, port));
  }

  /**
   * {@code extraRoutes} first (e.g. ports 80/443 to mockwebserver ports), and where it leaves an
   * endpoint unchanged, port 53 to the lab port.
   */
  public EndpointMapping endpointMapping(EndpointMapping extraRoutes) {
    EndpointMapping dns = endpointMapping();
    return target -> {
      InetSocketAddress routed = extraRoutes.map(target);
      return routed.equals(target) ? dns.map(target) : routed;
    };
  }

  /**
   * A policy builder aimed at the lab: its root, its resolver, its {@linkplain #trustAnchors()
   * trust anchors} (none for an unsigned lab: DNSSEC is then not validated), non-public addresses
   * allowed, the port mapping, query timeout 400 ms, one attempt per query and a 5 s deadline.
   * Adjust and {@code build()}.
   */
  public NetworkPolicy.Builder networkPolicy() {
    return networkPolicy(EndpointMapping.IDENTITY);
  }

  /** {@link #networkPolicy()} with {@code extraRoutes} combined as in {@link #endpointMapping(EndpointMapping)}. */
  public NetworkPolicy.Builder networkPolicy(EndpointMapping extraRoutes) {
    NetworkPolicy.Builder b = NetworkPolicy.builder();
    b.addRecursiveResolvers(recursiveResolver())
        .rootServers(rootServers())
        .trustAnchors(trustAnchors())
        .allowNonPublicAddresses(true)
        .endpointMapping(endpointMapping(extraRoutes))
        .queryTimeout(Duration.ofMillis(400))
        .queryAttempts(1)
        .deadline(Duration.ofSeconds(5));
    return b;
  }

  /**
   * A dnsjava resolver aimed at the server of nameserver {@code serverName} (UDP, 400 ms timeout),
   * for tests that talk to one server directly.
   */
  public SimpleResolver simpleResolver(String serverName) {
    SimpleResolver r = new SimpleResolver(server(serverName).address());
    r.setTimeout(Duration.ofMillis(400));
    return r;
  }

  /**
   * Back to the declared state between tests: every zone's initial records (new serials), no
   * faults, nothing frozen, correct signatures, empty query logs and resolver cache. The clock
   * keeps its time.
   */
  public void reset() {
    for (TestDnsServer s : servers.values()) {
      s.reset();
    }
    for (SignedZone z : signed.values()) {
      z.reset();
    }
    for (TestZone z : zones.values()) {
      if (!z.records().equals(z.initialRecords())) {
        z.reset();
      }
    }
    recursor.flush();
  }

  /** Stops every server and the lab's threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (TestDnsServer s : servers.values()) {
      s.close();
    }
    runtime.close();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("DnsLab port ").append(port);
    for (TestDnsServer s : servers.values()) {
      b.append("\n  ").append(s.address().getAddress().getHostAddress()).append(' ')
          .append(s.name()).append(' ').append(s.isRecursive() ? "(recursive)" : s.zones());
    }
    return b.toString();
  }

  /** {@code base} plus {@code n} in its last octet (checked to stay within the /24). */
  static InetAddress offset(InetAddress base, int n) {
    byte[] b = base.getAddress();
    b[3] = (byte) ((b[3] & 0xff) + n);
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static InetAddress literal(String address) {
    if (!address.matches("[0-9a-fA-F:.]+") || (address.indexOf(':') < 0
        && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
      throw new IllegalArgumentException("Not an IP address literal: " + address);
    }
    try {
      return InetAddress.getByName(address); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Not an IP address literal: " + address, e);
    }
  }

  // ------------------------------------------------------------------ builder

  /** Declares the zones of a lab; {@link #start()} builds and starts it. */
  public static final class Builder {
    private final Map<Name, ZoneSpec> zones = new LinkedHashMap<>();
    private @Nullable Integer port;
    private @Nullable Instant clockStart;
    private Duration resolverTimeout = Duration.ofMillis(300);
    private InetAddress infrastructure = literal(ROOT_ADDRESS);

    Builder() {}

    /**
     * Where the lab's own servers go: the root server on {@code firstAddress}, the TLD servers on
     * the next seven addresses and the recursive resolver on the one after (nine in all). Default
     * {@value #ROOT_ADDRESS}, so 127.0.0.2 to 127.0.0.10.
     *
     * @throws IllegalArgumentException if {@code firstAddress} is not an IPv4 loopback literal
     *     with room for nine addresses before the end of its /24
     */
    public Builder infrastructureAddresses(String firstAddress) {
      InetAddress a = literal(firstAddress);
      byte[] b = a.getAddress();
      if (b.length != 4 || !a.isLoopbackAddress()) {
        throw new IllegalArgumentException("The lab's servers need IPv4 loopback addresses"
            + " (127.0.0.0/8), got " + firstAddress);
      }
      if ((b[3] & 0xff) == 0 || (b[3] & 0xff) + TLD_SERVERS + 1 > 254) {
        throw new IllegalArgumentException("The lab needs nine addresses from " + firstAddress
            + " within its /24 (last octet 1 to 246)");
      }
      this.infrastructure = a;
      return this;
    }

    /** Declares the zone {@code name} (e.g. {@code example.test}), configured by {@code spec}. */
    public Builder zone(String name, Consumer<ZoneSpec> spec) {
      Name n = Records.absolute(name);
      if (n.equals(Name.root)) {
        throw new IllegalArgumentException("The lab generates the root zone itself");
      }
      if (zones.containsKey(n)) {
        throw new IllegalArgumentException("Zone declared twice: " + name);
      }
      ZoneSpec z = new ZoneSpec(n);
      spec.accept(z);
      zones.put(n, z);
      return this;
    }

    /** Uses {@code port} instead of a random free one (fails at start if it is taken). */
    public Builder port(int port) {
      if (port < 1024 || port > 65_535) {
        throw new IllegalArgumentException("port must be an unprivileged port, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Where the lab clock starts (default: now, truncated to the second). */
    public Builder clockStart(Instant start) {
      this.clockStart = start;
      return this;
    }

    /** How long the recursive resolver waits for one authoritative server (default 300 ms). */
    public Builder resolverTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("resolverTimeout must be positive");
      }
      this.resolverTimeout = timeout;
      return this;
    }

    /**
     * Builds the zones (root, TLDs, declared), binds every server on one shared port and starts
     * them.
     *
     * @throws IllegalArgumentException if the declaration is inconsistent (bad address, reserved
     *     address, zone without nameservers, too many TLDs, ...)
     * @throws UncheckedIOException if no port could be bound on every address
     */
    public DnsLab start() {
      return new LabPlan(this).start();
    }
  }

  /** How a nameserver relates to a zone. */
  enum NsRole {
    BOTH(true, true, true),
    PARENT_ONLY(true, false, true),
    CHILD_ONLY(false, true, true),
    LAME(true, true, false);

    final boolean inParent;
    final boolean inChild;
    final boolean serves;

    NsRole(boolean inParent, boolean inChild, boolean serves) {
      this.inParent = inParent;
      this.inChild = inChild;
      this.serves = serves;
    }
  }

  /** One nameserver entry of a zone. */
  static final class NsSpec {
    final Name name;
    final List<InetAddress> addresses;
    final NsRole role;

    NsSpec(Name name, List<InetAddress> addresses, NsRole role) {
      this.name = name;
      this.addresses = List.copyOf(addresses);
      this.role = role;
    }
  }

  /** The declaration of one zone: its nameservers and records. */
  public static final class ZoneSpec {
    final Name origin;
    final List<NsSpec> nameservers = new ArrayList<>();
    final List<String> recordLines = new ArrayList<>();
    final List<String> zoneFiles = new ArrayList<>();
    long negativeTtl = 300;
    long soaTtl = 3600;
    long serial = 1;
    @Nullable ZoneSigning signing;

    ZoneSpec(Name origin) {
      this.origin = origin;
    }

    /**
     * Signs the zone with DNSSEC: a KSK and a ZSK of algorithm 13 (ECDSA P-256), NSEC records,
     * the DS in the parent; the root and the TLDs get signed too.
     */
    public ZoneSpec signed() {
      return signed(s -> { });
    }

    /** Signs the zone as {@code spec} says (algorithm, NSEC or NSEC3); see {@link #signed()}. */
    public ZoneSpec signed(Consumer<ZoneSigning> spec) {
      ZoneSigning s = new ZoneSigning();
      spec.accept(s);
      this.signing = s;
      return this;
    }

    /**
     * A nameserver listed in the parent's delegation and the zone's own NS records, serving the
     * zone on each of {@code addresses} (loopback literals). A name outside the zone gets no glue;
     * its address records go into the lab zone that contains the name. Addresses may be omitted
     * when another zone's declaration gives them, or to declare a name that does not resolve.
     */
    public ZoneSpec nameserver(String name, String... addresses) {
      return add(name, addresses, NsRole.BOTH);
    }

    /** A nameserver only in the parent's delegation (the NS sets differ); it serves the zone. */
    public ZoneSpec parentOnlyNameserver(String name, String... addresses) {
      return add(name, addresses, NsRole.PARENT_ONLY);
    }

    /** A nameserver only in the zone's own NS records, not in the delegation; it serves the zone. */
    public ZoneSpec childOnlyNameserver(String name, String... addresses) {
      return add(name, addresses, NsRole.CHILD_ONLY);
    }

    /**
     * A lame nameserver: in both NS sets but not serving the zone (it answers REFUSED unless it
     * serves a parent of it).
     */
    public ZoneSpec lameNameserver(String name, String... addresses) {
      return add(name, addresses, NsRole.LAME);
    }

    private ZoneSpec add(String name, String[] addresses, NsRole role) {
      List<InetAddress> addrs = new ArrayList<>();
      for (String a : addresses) {
        InetAddress addr = literal(a);
        if (!addr.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "Lab nameservers use loopback addresses only, got " + a + " for " + name);
        }
        addrs.add(addr);
      }
      nameservers.add(new NsSpec(Records.absolute(name), addrs, role));
      return this;
    }

    /** Records, one per line in master-file syntax relative to the zone (TTL defaults to 300). */
    public ZoneSpec records(String... lines) {
      for (String l : lines) {
        Records.parseLines(origin, l); // fail early, at the line that is wrong
        recordLines.add(l);
      }
      return this;
    }

    /**
     * Records from master-file text (with {@code $TTL}, {@code $ORIGIN}, comments, several
     * lines); an SOA record in it replaces the generated one, NS records add to the generated.
     */
    public ZoneSpec zoneFile(String text) {
      Records.parse(text, origin, Records.DEFAULT_TTL);
      zoneFiles.add(text);
      return this;
    }

    /** The TTL of negative answers: the SOA MINIMUM (RFC 2308 §4); default 300 s. */
    public ZoneSpec negativeTtl(Duration ttl) {
      this.negativeTtl = seconds(ttl);
      return this;
    }

    /** The SOA record's own TTL (negative answers live at most this long too); default 3600 s. */
    public ZoneSpec soaTtl(Duration ttl) {
      this.soaTtl = seconds(ttl);
      return this;
    }

    /** The first SOA serial (default 1); each change adds one. */
    public ZoneSpec serial(long serial) {
      if (serial < 0 || serial > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("serial must fit 32 bits unsigned: " + serial);
      }
      this.serial = serial;
      return this;
    }

    private static long seconds(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("TTL must not be negative: " + d);
      }
      return d.toSeconds();
    }
  }

  // ------------------------------------------------------------------ building

  /** Turns the declaration into zones and servers. */
  private static final class LabPlan {
    private final Builder b;
    /** Every zone, root first, then by name. */
    private final Map<Name, List<Record>> records = new LinkedHashMap<>();
    private final Map<Name, List<NsSpec>> nameservers = new LinkedHashMap<>();
    private final Map<Name, Set<InetAddress>> addresses = new LinkedHashMap<>();
    private final Map<InetAddress, String> serverNames = new LinkedHashMap<>();
    private final Map<Name, List<InetAddress>> zoneServers = new LinkedHashMap<>();

    LabPlan(Builder b) {
      this.b = b;
    }

    DnsLab start() {
      Instant start = b.clockStart != null ? b.clockStart
          : Instant.now().truncatedTo(ChronoUnit.SECONDS);
      plan();
      Map<Name, ZoneSigner> signers = signers(start);
      Map<Name, TestZone> zones = new LinkedHashMap<>();
      for (Map.Entry<Name, List<Record>> e : records.entrySet()) {
        zones.put(e.getKey(), TestZone.of(e.getKey().toString(), e.getValue()));
      }
      Map<Name, SignedZone> signed = new LinkedHashMap<>();
      for (Map.Entry<Name, ZoneSigner> e : signers.entrySet()) {
        TestZone z = Objects.requireNonNull(zones.get(e.getKey()));
        z.sign(e.getValue());
        Name parent = e.getKey().equals(Name.root) ? null : deepestZone(e.getKey(), false);
        signed.put(e.getKey(), new SignedZone(z, e.getValue(),
            parent == null ? null : zones.get(parent)));
      }
      InetAddress resolverAddress = offset(b.infrastructure, TLD_SERVERS + 1);
      UncheckedIOException last = null;
      int attempts = b.port != null ? 1 : 40;
      for (int attempt = 0; attempt < attempts; attempt++) {
        int port = b.port != null ? b.port : ThreadLocalRandom.current().nextInt(20_000, 60_000);
        LabRuntime rt;
        try {
          rt = new LabRuntime("dvi-dns-lab-" + port);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Map<InetAddress, TestDnsServer> servers = new LinkedHashMap<>();
        try {
          for (Map.Entry<InetAddress, String> e : serverNames.entrySet()) {
            servers.put(e.getKey(), TestDnsServer.inLab(
                e.getValue(), new InetSocketAddress(e.getKey(), port), rt));
          }
          LabClock clock = new LabClock(start);
          Recursor recursor = new Recursor(List.of(b.infrastructure), port, clock,
              rt.scheduler(), b.resolverTimeout, resolverAddress);
          TestDnsServer resolver = TestDnsServer.recursive("resolver",
              new InetSocketAddress(resolverAddress, port), rt, recursor::resolve);
          servers.put(resolverAddress, resolver);
          for (Map.Entry<Name, List<InetAddress>> e : zoneServers.entrySet()) {
            for (InetAddress a : e.getValue()) {
              Objects.requireNonNull(servers.get(a)).serve(Objects.requireNonNull(zones.get(e.getKey())));
            }
          }
          Map<Name, List<InetAddress>> byName = new LinkedHashMap<>();
          for (Map.Entry<Name, Set<InetAddress>> e : addresses.entrySet()) {
            byName.put(e.getKey(), List.copyOf(e.getValue()));
          }
          return new DnsLab(rt, port, clock, recursor, zones, servers, byName, resolver,
              b.infrastructure, Collections.unmodifiableMap(signed));
        } catch (IOException e) {
          for (TestDnsServer s : servers.values()) {
            s.close();
          }
          rt.close();
          last = new UncheckedIOException("Cannot bind the DNS lab on port " + port, e);
        } catch (RuntimeException e) {
          for (TestDnsServer s : servers.values()) {
            s.close();
          }
          rt.close();
          throw e;
        }
      }
      throw last != null ? last : new UncheckedIOException(new IOException("no port tried"));
    }

    private void plan() {
      if (b.zones.isEmpty()) {
        throw new IllegalArgumentException("A lab needs at least one zone");
      }
      Set<InetAddress> reserved = new LinkedHashSet<>();
      for (int i = 0; i <= TLD_SERVERS + 1; i++) {
        reserved.add(offset(b.infrastructure, i));
      }
      // Nameserver names and their addresses, over all zones.
      Set<InetAddress> v6 = new LinkedHashSet<>();
      for (ZoneSpec z : b.zones.values()) {
        if (z.nameservers.stream().noneMatch(n -> n.role.inParent)
            || z.nameservers.stream().noneMatch(n -> n.role.inChild)) {
          throw new IllegalArgumentException("Zone " + z.origin
              + " needs at least one nameserver in the delegation and one in its own NS set");
        }
        for (NsSpec ns : z.nameservers) {
          Set<InetAddress> set = addresses.computeIfAbsent(ns.name, k -> new LinkedHashSet<>());
          for (InetAddress a : ns.addresses) {
            if (reserved.contains(a)) {
              throw new IllegalArgumentException(a.getHostAddress() + " is reserved for the lab's "
                  + "root, TLD and resolver servers (" + b.infrastructure.getHostAddress() + "-"
                  + offset(b.infrastructure, TLD_SERVERS + 1).getHostAddress() + "); use another"
                  + " address, or move them with infrastructureAddresses(...)");
            }
            if (a instanceof Inet6Address) {
              v6.add(a);
            }
            set.add(a);
            serverNames.putIfAbsent(a, ns.name.toString(true));
          }
        }
      }
      if (v6.size() > 1) {
        throw new IllegalArgumentException("At most one IPv6 lab address (::1), got " + v6);
      }
      // TLDs: of every declared zone and every nameserver name, unless declared themselves.
      Set<Name> tlds = new TreeSet<>(); // canonical order: stable address allocation
      for (ZoneSpec z : b.zones.values()) {
        tlds.add(tld(z.origin));
        for (NsSpec ns : z.nameservers) {
          tlds.add(tld(ns.name));
        }
      }
      tlds.removeAll(b.zones.keySet());
      if (tlds.size() > TLD_SERVERS) {
        throw new IllegalArgumentException("A lab serves at most 7 generated TLDs, needs " + tlds);
      }
      // The zones: root, generated TLDs, declared; each with SOA and apex NS.
      Name rootNs = Records.absolute(ROOT_SERVER_NAME);
      InetAddress rootAddr = b.infrastructure;
      serverNames.put(rootAddr, ROOT_SERVER_NAME);
      addresses.put(rootNs, new LinkedHashSet<>(List.of(rootAddr)));
      addZone(Name.root, List.of(new NsSpec(rootNs, List.of(rootAddr), NsRole.BOTH)),
          1, 3600, 86_400);
      zoneServers.put(Name.root, List.of(rootAddr));
      int next = 1;
      for (Name tld : tlds) {
        Name ns = Name.fromConstantString("ns.nic." + tld);
        InetAddress a = offset(b.infrastructure, next++);
        serverNames.put(a, ns.toString(true));
        addresses.put(ns, new LinkedHashSet<>(List.of(a)));
        addZone(tld, List.of(new NsSpec(ns, List.of(a), NsRole.BOTH)), 1, 3600, 3600);
        zoneServers.put(tld, List.of(a));
      }
      for (ZoneSpec z : b.zones.values()) {
        addZone(z.origin, z.nameservers, z.serial, z.negativeTtl, z.soaTtl);
        List<InetAddress> serving = new ArrayList<>();
        for (NsSpec ns : z.nameservers) {
          if (ns.role.serves) {
            serving.addAll(addresses.getOrDefault(ns.name, Set.of()));
          }
        }
        zoneServers.put(z.origin, serving.stream().distinct().collect(Collectors.toList()));
      }
      // Address records of every nameserver name, in the deepest lab zone holding the name.
      for (Map.Entry<Name, Set<InetAddress>> e : addresses.entrySet()) {
        Name owner = deepestZone(e.getKey(), true);
        if (owner != null) {
          Objects.requireNonNull(records.get(owner)).addAll(addressRecords(e.getKey(), e.getValue()));
        }
      }
      // Delegations: NS in the parent, glue for nameservers inside the child (RFC 1034 §4.2.1).
      for (Name zone : new ArrayList<>(nameservers.keySet())) {
        if (zone.equals(Name.root)) {
          continue;
        }
        Name parent = deepestZone(zone, false);
        if (parent == null) {
          throw new IllegalStateException("no parent for " + zone);
        }
        for (NsSpec ns : Objects.requireNonNull(nameservers.get(zone))) {
          if (!ns.role.inParent) {
            continue;
          }
          Objects.requireNonNull(records.get(parent)).add(new NSRecord(zone, DClass.IN, NS_TTL, ns.name));
          if (ns.name.subdomain(zone)) {
            Objects.requireNonNull(records.get(parent)).addAll(
                addressRecords(ns.name, addresses.getOrDefault(ns.name, Set.of())));
          }
        }
      }
      // Records last: an SOA in a zone file replaces the generated one.
      for (ZoneSpec z : b.zones.values()) {
        List<Record> extra = new ArrayList<>();
        for (String text : z.zoneFiles) {
          extra.addAll(Records.parse(text, z.origin, Records.DEFAULT_TTL));
        }
        for (String line : z.recordLines) {
          extra.addAll(Records.parseLines(z.origin, line));
        }
        List<Record> rs = Objects.requireNonNull(records.get(z.origin));
        if (extra.stream().anyMatch(r -> r instanceof SOARecord)) {
          rs.removeIf(r -> r instanceof SOARecord);
        }
        rs.addAll(extra);
      }
    }

    /**
     * Keys for every signed zone, and for the root and every TLD when any zone is signed; each
     * signed zone's DS goes into its parent (RFC 4035 §2.4).
     */
    private Map<Name, ZoneSigner> signers(Instant start) {
      Map<Name, ZoneSigning> signing = new LinkedHashMap<>();
      for (ZoneSpec z : b.zones.values()) {
        if (z.signing != null) {
          signing.put(z.origin, z.signing);
        }
      }
      Map<Name, ZoneSigner> out = new LinkedHashMap<>();
      if (signing.isEmpty()) {
        return out;
      }
      for (Name zone : records.keySet()) {
        boolean infrastructure = zone.labels() <= 2 && !b.zones.containsKey(zone);
        ZoneSigning s = signing.get(zone);
        if (s == null && !infrastructure) {
          continue;
        }
        ZoneSigning spec = s != null ? s : new ZoneSigning();
        out.put(zone, new ZoneSigner(zone, spec.algorithm, spec.nsec3, spec.iterations, spec.salt,
            spec.optOut, start));
      }
      for (ZoneSigner signer : out.values()) {
        Name zone = signer.origin();
        if (zone.equals(Name.root)) {
          continue;
        }
        Name parent = deepestZone(zone, false);
        if (parent != null) {
          Objects.requireNonNull(records.get(parent)).add(signer.ksk().ds());
        }
      }
      return out;
    }

    private void addZone(Name origin, List<NsSpec> ns, long serial, long minimum, long soaTtl) {
      List<Record> rs = new ArrayList<>();
      Name primary = ns.stream().filter(n -> n.role.inChild).findFirst().orElse(ns.get(0)).name;
      Name admin = Name.fromConstantString(
          "hostmaster." + (origin.equals(Name.root) ? "" : origin.toString()));
      rs.add(new SOARecord(origin, DClass.IN, soaTtl, primary, admin, serial,
          3600, 600, 86_400, minimum));
      for (NsSpec n : ns) {
        if (n.role.inChild) {
          rs.add(new NSRecord(origin, DClass.IN, NS_TTL, n.name));
        }
      }
      records.put(origin, rs);
      nameservers.put(origin, ns);
    }

    /** The deepest lab zone containing {@code name} (itself included when {@code orSelf}). */
    private @Nullable Name deepestZone(Name name, boolean orSelf) {
      for (int drop = orSelf ? 0 : 1; drop < name.labels(); drop++) {
        Name candidate = new Name(name, drop);
        if (records.containsKey(candidate)) {
          return candidate;
        }
      }
      return records.containsKey(Name.root) ? Name.root : null;
    }

    private static Name tld(Name name) {
      return new Name(name, name.labels() - 2);
    }

    private static List<Record> addressRecords(Name name, Collection<InetAddress> addrs) {
      List<Record> out = new ArrayList<>();
      for (InetAddress a : addrs) {
        out.add(a instanceof Inet6Address
            ? new AAAARecord(name, DClass.IN, ADDRESS_TTL, a)
            : new ARecord(name, DClass.IN, ADDRESS_TTL, a));
      }
      return out;
    }
  }
}
