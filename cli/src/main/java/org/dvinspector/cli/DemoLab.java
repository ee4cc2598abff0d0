package org.dvinspector.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dvinspector.AddressScope;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.TrustAnchor;
import org.dvinspector.http.HttpModule;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;
import org.dvinspector.testkit.SmtpLabServer;
import org.dvinspector.testkit.TlsAlpnServer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The embedded lab {@code dvi demo} runs on: a {@link DnsLab} (a fake root, TLD servers, two
 * nameservers per demo zone and a caching recursive resolver) and an {@link HttpLab} (web servers
 * for ports 80 and 443 of several addresses, HTTPS from a lab CA), all on loopback, so the demo
 * needs no internet and no root. Web addresses are 127.0.1.x; ports 80/443 of any address the lab
 * does not serve go to a closed loopback port, so nothing ever leaves the machine. The tls-alpn-01
 * scenarios add TLS servers for port 443 of their addresses ({@link #tls(String)}) and the e-mail
 * scenarios a mail server for port 25 of a mail host ({@link #smtp(String)}).
 */
final class DemoLab implements AutoCloseable {
  private final DnsLab dns;
  private final HttpLab http;
  private final NetworkPolicy policy;
  private final DomainValidationInspector inspector;
  private final ExecutorService setupExecutor;
  /** Routes the tls-alpn-01 and mail scenarios add once the lab runs (address:port to server). */
  private final Map<InetSocketAddress, InetSocketAddress> extraRoutes = new ConcurrentHashMap<>();
  private final List<AutoCloseable> extraServers = new CopyOnWriteArrayList<>();
  private @Nullable DemoAgents agents;

  private DemoLab(DnsLab dns, HttpLab http, Duration deadline) {
    this.dns = dns;
    this.http = http;
    this.setupExecutor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dvi-demo-setup");
      t.setDaemon(true);
      return t;
    });
    EndpointMapping dnsPorts = dns.endpointMapping();
    EndpointMapping web = http.endpointMapping();
    EndpointMapping sealedWeb = http.sealedEndpointMapping();
    // Port 53 to the DNS lab; ports 80 and 443 to the web lab or, where it serves nothing, to a
    // closed loopback port (a refused connection, never the network). The resolver's own port
    // stays as it is.
    EndpointMapping mapping = target -> {
      InetSocketAddress extra = extraRoutes.get(target);
      if (extra != null) {
        return extra;
      }
      if (target.getPort() == 53) {
        return dnsPorts.map(target);
      }
      InetSocketAddress routed = web.map(target);
      if (!routed.equals(target)) {
        return routed;
      }
      return target.getPort() == 80 || target.getPort() == 443 ? sealedWeb.map(target) : target;
    };
    // Loopback (the lab) may be contacted; private addresses are refused as a CA refuses them.
    this.policy = dns.networkPolicy()
        .allowNonPublicAddresses(false)
        .addAllowedAddressScopes(AddressScope.LOOPBACK)
        .endpointMapping(mapping)
        .queryTimeout(Duration.ofMillis(400))
        .queryAttempts(1)
        .httpTimeout(Duration.ofSeconds(3))
        .deadline(deadline)
        .build();
    this.inspector = DomainValidationInspector.builder()
        // The lab's HTTPS certificates come from the lab CA: the HTTP module trusts it (and only it).
        .addModule(HttpModule.builder().client(http.trustingClient()).build())
        .findAndAddModules(DemoLab.class.getClassLoader())
        .networkPolicy(policy)
        .build();
  }

  /** Starts the lab for these scenarios and stages each one. */
  static DemoLab start(List<DemoScenario> scenarios, Duration deadline) {
    DnsLab.Builder builder = DnsLab.builder();
    DemoPlan plan = new DemoPlan(builder);
    Set<String> hosts = new LinkedHashSet<>();
    for (DemoScenario s : scenarios) {
      s.declare(plan);
      hosts.addAll(s.webHosts());
    }
    if (hosts.isEmpty()) {
      hosts.add("web.example.com");
    }
    DnsLab dns = builder.start();
    HttpLab http;
    try {
      http = HttpLab.start(hosts.toArray(new String[0]));
    } catch (RuntimeException e) {
      dns.close();
      throw e;
    }
    DemoLab lab = new DemoLab(dns, http, deadline);
    try {
      if (scenarios.stream().anyMatch(DemoScenario::usesAgents)) {
        lab.agents = DemoAgents.start(lab.inspector, lab.policy,
            target -> http.sealedEndpointMapping().map(new InetSocketAddress(
                target.getAddress(), 1)), http.trustingClient());
      }
      for (DemoScenario s : scenarios) {
        s.prepare(lab);
      }
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  DnsLab dns() {
    return dns;
  }

  HttpLab http() {
    return http;
  }

  NetworkPolicy policy() {
    return policy;
  }

  DomainValidationInspector inspector() {
    return inspector;
  }

  /**
   * The two local agents, inside and outside the region (started when a scenario uses them).
   *
   * @throws IllegalStateException if no selected scenario uses them
   */
  DemoAgents agents() {
    DemoAgents a = agents;
    if (a == null) {
      throw new IllegalStateException("The demo lab runs no agents for these scenarios");
    }
    return a;
  }

  /** A web server (ports 80 and 443) on {@code address}. */
  HttpLabEndpoint web(String address, HttpLabTls tls) {
    return http.endpoint(address, tls);
  }

  /**
   * A tls-alpn-01 server for port 443 of {@code address} (the scenario says what it answers);
   * it takes precedence over the web lab's HTTPS server there.
   */
  TlsAlpnServer tls(String address) {
    TlsAlpnServer server = TlsAlpnServer.start(address);
    extraServers.add(server);
    extraRoutes.put(new InetSocketAddress(server.address().getAddress(), 443), server.address());
    return server;
  }

  /** A mail server for port 25 of {@code address} (a mail host's address in the lab). */
  SmtpLabServer smtp(String address) {
    SmtpLabServer server = SmtpLabServer.start(address);
    extraServers.add(server);
    extraRoutes.put(new InetSocketAddress(server.address().getAddress(), 25), server.address());
    return server;
  }

  /**
   * Asks the lab's recursive resolver {@code name}/{@code type} once, so it caches the answer
   * (or the absence of one) the way a user's resolver does after a first look.
   */
  void askResolver(String name, int type) {
    SimpleResolver resolver = new SimpleResolver(dns.recursiveResolver());
    resolver.setTimeout(Duration.ofSeconds(2));
    try {
      Message query = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
      resolver.sendAsync(query, setupExecutor).toCompletableFuture().get(3, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while staging the demo", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("The demo lab's resolver did not answer " + name + " "
          + Type.string(type), e);
    }
  }

  /**
   * The {@code dvi check} network options that point at this lab (root hints written to {@code
   * rootHints}): what a user would type to inspect the lab from another terminal.
   */
  List<String> networkArguments(Path rootHints) {
    writeRootHints(rootHints, dns.rootServers());
    List<String> args = new ArrayList<>();
    args.add("--root-hints");
    args.add(rootHints.toString());
    args.add("--resolver");
    InetSocketAddress r = dns.recursiveResolver();
    args.add(r.getAddress().getHostAddress() + ":" + r.getPort());
    args.add("--port-map");
    args.add("53=" + dns.port());
    args.addAll(trustAnchorArguments(dns, rootHints.resolveSibling("lab.anchors")));
    args.add("--allow-loopback-addresses");
    for (Map.Entry<InetSocketAddress, InetSocketAddress> route : extraRoutes.entrySet()) {
      args.add("--route");
      args.add(route.getKey().getAddress().getHostAddress() + ":" + route.getKey().getPort()
          + "=" + route.getValue().getAddress().getHostAddress() + ":"
          + route.getValue().getPort());
    }
    for (HttpLabEndpoint e : http.endpoints()) {
      String a = e.address().getHostAddress();
      args.add("--route");
      args.add(a + ":80=" + a + ":" + e.http().port());
      if (e.tls() != HttpLabTls.CLOSED) {
        args.add("--route");
        args.add(a + ":443=" + a + ":" + e.https().port());
      }
    }
    return args;
  }

  /**
   * The DNSSEC options for a lab: {@code --trust-anchor} with its root anchor written to {@code
   * file} when the lab is signed, {@code --no-dnssec-validation} when it is not (its fake root has
   * no keys, and the real root's anchors would make everything bogus).
   */
  static List<String> trustAnchorArguments(DnsLab lab, Path file) {
    if (lab.trustAnchors().isEmpty()) {
      return List.of("--no-dnssec-validation");
    }
    StringBuilder b = new StringBuilder("; DNSSEC trust anchor of the dvi lab's root\n");
    for (TrustAnchor a : lab.trustAnchors()) {
      b.append(a.presentation()).append('\n');
    }
    try {
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    return List.of("--trust-anchor", file.toString());
  }

  /** Writes root hints (zone-file format) naming these root servers. */
  static void writeRootHints(Path file, List<RootServer> roots) {
    StringBuilder b = new StringBuilder("; root hints of the dvi demo lab\n");
    for (RootServer r : roots) {
      b.append(".\t3600000\tIN\tNS\t").append(r.name()).append(".\n");
      for (InetAddress a : r.addresses()) {
        b.append(r.name()).append(".\t3600000\tIN\t")
            .append(a.getAddress().length == 4 ? "A" : "AAAA").append('\t')
            .append(a.getHostAddress()).append('\n');
      }
    }
    try {
      Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    closeQuietly(agents);
    closeQuietly(inspector);
    extraServers.forEach(DemoLab::closeQuietly);
    http.close();
    dns.close();
    setupExecutor.shutdownNow();
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // Closing the demo must not hide its results.
    }
  }
}
