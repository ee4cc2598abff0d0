package org.dvinspector.benchmarks.harness;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import org.dvinspector.AddressScope;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.TrustAnchor;
import org.dvinspector.testkit.DnsLab;

/**
 * The cold first inspection of a fresh process: started by {@link LatencyScenario} against the
 * {@link LatencyLab} of the parent process, it builds an inspector (dns, http, caa) as a host
 * would, inspects once, and prints {@code COLD wall=<ms> main=<ms> verdict=<v>}: the inspection's
 * wall time, and the time from the JVM's start to {@code main}.
 */
public final class LatencyCold {
  private LatencyCold() {}

  /**
   * Runs the inspection.
   *
   * @param args {@code <dns port> <rtt ms> <CA certificate PEM file> <trust anchor file or ->
   *     <target=proxy>...} where a route is {@code 127.0.0.50:443=127.0.0.1:40123}
   */
  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    int port = Integer.parseInt(args[0]);
    Duration rtt = Duration.ofMillis(Long.parseLong(args[1]));
    X509Certificate ca;
    try (var in = Files.newInputStream(Path.of(args[2]))) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<TrustAnchor> anchors = args[3].equals("-") ? List.of()
        : TrustAnchor.parse(Files.readString(Path.of(args[3])));
    Map<InetSocketAddress, InetSocketAddress> routes = new HashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] parts = args[i].split("=");
      routes.put(socket(parts[0]), socket(parts[1]));
    }
    EndpointMapping dnsPort = EndpointMapping.ports(Map.of(53, port));
    Duration perQuestion = rtt.multipliedBy(4).plusSeconds(1);
    NetworkPolicy policy = NetworkPolicy.builder()
        .addRecursiveResolvers(new InetSocketAddress(InetAddress.getByName(DnsLab.RESOLVER_ADDRESS),
            port))
        .rootServers(List.of(RootServer.of(DnsLab.ROOT_SERVER_NAME,
            List.of(InetAddress.getByName(DnsLab.ROOT_ADDRESS)))))
        .allowNonPublicAddresses(true)
        .addAllowedAddressScopes(AddressScope.LOOPBACK)
        .endpointMapping(target -> {
          InetSocketAddress to = routes.get(target);
          return to != null ? to : dnsPort.map(target);
        })
        .queryTimeout(perQuestion)
        .httpTimeout(perQuestion.multipliedBy(2))
        .deadline(rtt.multipliedBy(40).plusSeconds(10))
        // The lab's own root: validated from its anchor when the lab is signed, else not at all.
        .trustAnchors(anchors)
        .build();
    HandshakeCertificates trust = new HandshakeCertificates.Builder()
        .addTrustedCertificate(ca).build();
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
    try (DomainValidationInspector inspector = Inspectors.full(policy, client)) {
      long t0 = System.nanoTime();
      InspectionReport report = inspector.inspect(LatencyLab.request(LatencyLab.DOMAIN));
      long wall = System.nanoTime() - t0;
      System.out.println("COLD wall=" + Stats.f1(Stats.ms(wall)) + " main="
          + (mainAt - jvmStart) + " verdict=" + report.verdict());
    }
    System.exit(0);
  }

  private static InetSocketAddress socket(String text) throws Exception {
    int colon = text.lastIndexOf(':');
    return new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)),
        Integer.parseInt(text.substring(colon + 1)));
  }
}
