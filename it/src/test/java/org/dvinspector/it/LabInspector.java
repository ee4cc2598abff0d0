package org.dvinspector.it;

import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.Finding;
import org.dvinspector.InspectionReport;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.caa.CaaModule;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.http.HttpModule;

/**
 * The inspector as the labs use it: DNS, HTTP and CAA modules; iterative resolution from the
 * lab's fake root; the lab's unbound as the recursive view (never the machine's resolvers, which
 * are not on loopback); non-public addresses allowed (everything here is on loopback); ports 80
 * and 443 mapped to the web lab's when {@code -Dit.httpPort}/{@code -Dit.httpsPort} move it.
 */
final class LabInspector {
  private LabInspector() {}

  static NetworkPolicy policy() {
    EndpointMapping.Builder mapping = EndpointMapping.builder();
    if (LabEnvironment.HTTP_PORT != 80) {
      mapping.port(80, LabEnvironment.HTTP_PORT);
    }
    if (LabEnvironment.HTTPS_PORT != 443) {
      mapping.port(443, LabEnvironment.HTTPS_PORT);
    }
    // The lab's fake root is not signed: no trust anchors (the real root's would make every
    // answer bogus). PebbleDnssecTest builds a signed tree of its own.
    return NetworkPolicy.builder()
        .withoutDnssecValidation()
        .rootServers(List.of(RootServer.of("rootns", List.of(ROOT))))
        .recursiveResolvers(List.of(new InetSocketAddress(RESOLVER, 53)))
        .allowNonPublicAddresses(true)
        .endpointMapping(mapping.build())
        .queryTimeout(Duration.ofMillis(800))
        .queryAttempts(2)
        .httpTimeout(Duration.ofSeconds(3))
        .deadline(Duration.ofSeconds(15))
        .build();
  }

  static DomainValidationInspector create() {
    return DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .addModule(new HttpModule())
        .addModule(new CaaModule())
        .networkPolicy(policy())
        .build();
  }

  /** The report in a few lines, for assertion messages. */
  static String describe(InspectionReport report) {
    StringBuilder sb = new StringBuilder(report.domain() + " " + report.verdict());
    for (Finding f : report.findings()) {
      sb.append("\n  ").append(f);
    }
    return sb.toString();
  }
}
