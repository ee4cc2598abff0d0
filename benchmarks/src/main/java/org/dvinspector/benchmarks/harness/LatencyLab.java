package org.dvinspector.benchmarks.harness;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.dvinspector.CaaCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.EndpointMapping;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.DnsQuery;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.TestDnsServer;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The latency benchmark's lab: a DNS hosting provider's topology, every exchange {@code rtt}
 * away, handshakes included.
 *
 * <ul>
 *   <li>{@code example.test} (and {@code warmup.test}, the warm-up domain) are delegated to
 *       {@code ns1..ns4.dns-host.net}: four nameservers with two addresses each
 *       (127.0.0.11-18), named in a zone of their own under another top-level domain, so the
 *       referral from {@code test} carries no glue and the names must be looked up;
 *   <li>{@code dns-host.net} is served by those same servers (its referral from {@code net}
 *       carries glue);
 *   <li>{@code www.example.test} has two addresses (127.0.0.50, 127.0.0.51), each an HTTP and an
 *       HTTPS server holding the validation file, behind {@link DelayProxy}s;
 *   <li>every DNS server (the root, the two TLDs, the eight nameserver addresses, the resolver)
 *       answers {@code rtt} late.
 * </ul>
 */
final class LatencyLab implements AutoCloseable {
  static final String DOMAIN = "www.example.test";
  static final String WARM_DOMAIN = "www.warmup.test";
  static final String TOKEN = "2026latencytoken0123456789abcdef";
  static final String PATH = HttpFileCheck.PATH_PREFIX + "fileauth.txt";
  static final int NAMESERVERS = 4;
  static final int ADDRESSES_PER_NAMESERVER = 2;
  static final List<String> WEB = List.of("127.0.0.50", "127.0.0.51");

  final Duration rtt;
  final boolean signed;
  final DnsLab dns;
  final HttpLab web;
  private final List<DelayProxy> proxies = new ArrayList<>();
  private final Map<InetSocketAddress, InetSocketAddress> routes = new HashMap<>();

  private LatencyLab(Duration rtt, boolean signed, DnsLab dns, HttpLab web) {
    this.rtt = rtt;
    this.signed = signed;
    this.dns = dns;
    this.web = web;
  }

  /**
   * The lab; with {@code signed}, every zone is signed (ECDSA P-256, NSEC) and the policy carries
   * the lab root's trust anchor, so the inspection validates DNSSEC as a CA does.
   */
  static LatencyLab start(Duration rtt, boolean signed) {
    DnsLab dns = DnsLab.builder()
        .zone("dns-host.net", z -> {
          for (int i = 1; i <= NAMESERVERS; i++) {
            z.nameserver("ns" + i + ".dns-host.net", "127.0.0." + (9 + 2 * i),
                "127.0.0." + (10 + 2 * i));
          }
          if (signed) {
            z.signed();
          }
        })
        .zone("example.test", z -> customer(z, signed))
        .zone("warmup.test", z -> customer(z, signed))
        .resolverTimeout(rtt.multipliedBy(3).plusMillis(500))
        .start();
    HttpLab web = HttpLab.start(DOMAIN, WARM_DOMAIN);
    LatencyLab lab = new LatencyLab(rtt, signed, dns, web);
    BulkZones.delayEverything(dns, rtt);
    for (String address : WEB) {
      HttpLabEndpoint e = web.endpoint(address);
      e.serve(PATH, TOKEN);
    }
    for (Map.Entry<InetSocketAddress, InetSocketAddress> r : web.routes().entrySet()) {
      DelayProxy p = DelayProxy.start(InetAddress.getLoopbackAddress(), r.getValue(),
          rtt.toNanos());
      lab.proxies.add(p);
      lab.routes.put(r.getKey(), p.address());
    }
    return lab;
  }

  private static void customer(DnsLab.ZoneSpec z, boolean signed) {
    if (signed) {
      z.signed();
    }
    for (int i = 1; i <= NAMESERVERS; i++) {
      z.nameserver("ns" + i + ".dns-host.net");
    }
    z.records("_dnsauth.www 300 IN TXT \"" + TOKEN + "\"",
        "www 300 IN A " + WEB.get(0),
        "www 300 IN A " + WEB.get(1),
        "@ 300 IN CAA 0 issue \"" + BulkZones.ISSUER + "\"");
  }

  /** The web endpoints ("127.0.0.50:443") and the delay proxies in front of them. */
  Map<InetSocketAddress, InetSocketAddress> proxyRoutes() {
    return Map.copyOf(routes);
  }

  /** Web endpoints to their delay proxies; everything else as the DNS lab maps it. */
  EndpointMapping endpointMapping() {
    return target -> {
      InetSocketAddress to = routes.get(target);
      return to != null ? to : dns.endpointMapping().map(target);
    };
  }

  /** The policy an inspector of the benchmark uses. */
  NetworkPolicy policy() {
    Duration perQuestion = rtt.multipliedBy(4).plusSeconds(1);
    return dns.networkPolicy()
        .endpointMapping(endpointMapping())
        .queryTimeout(perQuestion)
        .httpTimeout(perQuestion.multipliedBy(2))
        .deadline(rtt.multipliedBy(40).plusSeconds(10))
        .build();
  }

  /** The request: dns-txt + http-file + CAA of {@code domain}. */
  static InspectionRequest request(String domain) {
    return InspectionRequest.builder()
        .domain(domain)
        .addChecks(DnsTxtCheck.of("_dnsauth", TOKEN), HttpFileCheck.of(PATH, TOKEN),
            CaaCheck.forIssuers(BulkZones.ISSUER))
        .build();
  }

  /** Every run starts with the resolver's cache empty and the query logs cleared. */
  void reset() {
    dns.flushCache();
    for (TestDnsServer s : dns.authoritativeServers()) {
      s.clearQueries();
    }
    dns.resolverServer().clearQueries();
  }

  /**
   * The DNS questions an inspector sent since {@link #reset()}: to every authoritative server
   * (not those the lab resolver sent for itself, from its own address) and to the resolver.
   */
  int inspectorQuestions() {
    int n = dns.resolverServer().queryCount();
    for (TestDnsServer s : dns.authoritativeServers()) {
      for (DnsQuery q : s.queries()) {
        if (!q.client().getAddress().getHostAddress().equals(DnsLab.RESOLVER_ADDRESS)) {
          n++;
        }
      }
    }
    return n;
  }

  /** One plain DNS exchange with a lab server: the round trip every DNS step costs. */
  long plainDnsExchangeNanos() throws Exception {
    TestDnsServer ns = dns.servers("ns1.dns-host.net").get(0);
    SimpleResolver r = new SimpleResolver(ns.address());
    r.setTimeout(rtt.multipliedBy(4).plusSeconds(1));
    Message q = Message.newQuery(Record.newRecord(Name.fromString("dns-host.net."), Type.SOA,
        DClass.IN));
    long t0 = System.nanoTime();
    r.send(q);
    return System.nanoTime() - t0;
  }

  /**
   * One HTTPS fetch of the validation file by a plain client on a new connection (TCP and TLS
   * handshakes, request, response), through the same delay proxy the inspector's fetch goes
   * through.
   */
  long plainHttpsFetchNanos(OkHttpClient base) throws Exception {
    InetAddress address = InetAddress.getByName(WEB.get(0));
    InetSocketAddress proxy = java.util.Objects.requireNonNull(
        routes.get(new InetSocketAddress(address, 443)), "no proxy for " + address + ":443");
    OkHttpClient client = base.newBuilder()
        .connectionPool(new okhttp3.ConnectionPool())
        .dns(host -> List.of(address))
        .socketFactory(new MappedSockets(proxy))
        .build();
    Request get = new Request.Builder().url("https://" + DOMAIN + PATH).build();
    long t0 = System.nanoTime();
    try (Response response = client.newCall(get).execute(); ResponseBody body = response.body()) {
      String text = body.string();
      if (response.code() != 200 || !text.equals(TOKEN)) {
        throw new IllegalStateException("the plain fetch got " + response.code() + " " + text);
      }
    }
    long took = System.nanoTime() - t0;
    client.connectionPool().evictAll();
    return took;
  }

  /** Sockets whose every connection goes to one address (the delay proxy). */
  private static final class MappedSockets extends SocketFactory {
    private final InetSocketAddress to;

    MappedSockets(InetSocketAddress to) {
      this.to = to;
    }

    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public void connect(java.net.SocketAddress endpoint, int timeout)
            throws java.io.IOException {
          super.connect(to, timeout);
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * The least number of DNS questions this topology needs for the features the run uses, each
   * part named: what a perfect resolver must ask, nothing redundant.
   *
   * @param topLevelCached whether the root's and the TLDs' referrals are known already (a warm
   *     resolver; names at and below a registrable domain are never cached)
   */
  static Map<String, Integer> minimalQuestions(boolean topLevelCached, boolean signed) {
    int addresses = NAMESERVERS * ADDRESSES_PER_NAMESERVER;
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    if (!topLevelCached) {
      m.put("root: the referral to test, and the one to net", 2);
    }
    m.put("test: the referral to example.test (no glue)", 1);
    m.put("net: the referral to dns-host.net (glue)", 1);
    m.put("dns-host.net: A and AAAA of each nameserver name, one server each", NAMESERVERS * 2);
    m.put("example.test: TXT _dnsauth.www at every address", addresses);
    m.put("example.test: CAA www and CAA example.test at every address", 2 * addresses);
    m.put("example.test: A and AAAA www at every address (the HTTP check's addresses)",
        2 * addresses);
    m.put("example.test: its own NS set, one server", 1);
    m.put("the recursive resolver: TXT _dnsauth.www (the user's view)", 1);
    if (signed) {
      // The DS of each cut comes with its referral (DO bit); each zone's keys are asked once.
      if (!topLevelCached) {
        m.put("DNSSEC: DNSKEY of the root, test and net (kept afterwards, like their referrals)",
            3);
      }
      m.put("DNSSEC: DNSKEY of dns-host.net and of example.test, one server each", 2);
    }
    return m;
  }

  /**
   * The dependent DNS round trips a perfect resolver needs before the web fetch can start (and
   * before every DNS answer is in): the referral to the zone, the referral to the nameservers'
   * zone, their addresses, the zone's answers; two more from the root when nothing is cached.
   */
  static int minimalRoundTrips(boolean topLevelCached) {
    return topLevelCached ? 4 : 6;
  }

  @Override
  public void close() {
    proxies.forEach(DelayProxy::close);
    web.close();
    dns.close();
  }
}
