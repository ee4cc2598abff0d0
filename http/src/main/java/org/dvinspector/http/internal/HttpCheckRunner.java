package org.dvinspector.http.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.dvinspector.AddressScope;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.spi.HostAddresses;

/**
 * One HTTP check: resolve the name, refuse non-public addresses unless the policy allows them,
 * fetch from every scheme × address at once, then turn the endpoint results into findings.
 */
final class HttpCheckRunner {
  private final CheckRun run;

  HttpCheckRunner(CheckRun run) {
    this.run = run;
  }

  CompletableFuture<CheckResult.Status> run() {
    DomainName domain = run.domain;
    return run.resolver.resolve(domain).thenComposeAsync(this::fetchAll, run.executor);
  }

  private CompletableFuture<CheckResult.Status> fetchAll(HostAddresses addresses) {
    List<InetAddress> all = CheckRun.ordered(addresses, run.target.rules);
    if (all.isEmpty()) {
      boolean cut = run.resolver.cutByDeadline(run.domain);
      reportUnresolvable(addresses, cut);
      return CompletableFuture.completedFuture(
          cut ? CheckResult.Status.UNDECIDED : CheckResult.Status.FAILED);
    }
    if (!run.target.rules.usesIpv6() && !addresses.ipv6().isEmpty()) {
      reportIpv6NotUsed(addresses);
    }
    boolean unknownForUs = run.target.rules.connectsToNonPublicAddresses();
    List<InetAddress> permitted = new ArrayList<>();
    List<InetAddress> refused = new ArrayList<>();
    for (InetAddress a : all) {
      (run.policy.permits(a) ? permitted : refused).add(a);
    }
    if (!refused.isEmpty()) {
      reportNotPublic(refused, all.size(), unknownForUs);
    }
    List<CompletableFuture<EndpointResult>> endpoints = new ArrayList<>();
    for (String scheme : run.target.schemes) {
      for (InetAddress a : permitted) {
        endpoints.add(new EndpointCheck(run, scheme, a, addresses.causes()).run());
      }
    }
    return CompletableFuture.allOf(endpoints.toArray(new CompletableFuture<?>[0]))
        .thenApplyAsync(v -> {
          List<EndpointResult> results =
              endpoints.stream().map(CompletableFuture::join).collect(Collectors.toList());
          HttpFindings.Outcome outcome = new HttpFindings(run, results).evaluate();
          outcome.findings.forEach(run.context::report);
          if (!refused.isEmpty()) {
            // A CA that connects to non-public addresses (Pebble) may pass there: unknown to us.
            return unknownForUs ? (outcome.status == CheckResult.Status.FAILED
                ? CheckResult.Status.FAILED : CheckResult.Status.UNDECIDED)
                : CheckResult.Status.FAILED;
          }
          return outcome.status;
        }, run.executor);
  }

  private void reportUnresolvable(HostAddresses addresses, boolean cutByDeadline) {
    boolean v4Only = !run.target.rules.usesIpv6();
    String why = addresses.failure().orElse(addresses.nameMissing()
        ? run.domain + " does not exist (NXDOMAIN)"
        : v4Only && !addresses.ipv6().isEmpty()
            ? run.domain + " has no A record, only AAAA, and " + run.ca() + " looks up A records"
                + " only (it never connects over IPv6)"
            : run.domain + " has no A or AAAA record");
    run.context.report(Finding.builder(FindingCode.DOMAIN_NOT_RESOLVABLE)
        // Our own deadline cut the lookup short: whether the name resolves is unknown.
        .severity(cutByDeadline ? Severity.WARNING : Severity.ERROR)
        .message((cutByDeadline ? "The addresses of " + run.domain + " could not be learned: "
            : "The CA cannot fetch the " + run.target.method.label() + " URL: ") + why)
        .remedy("Publish A and/or AAAA records for " + run.domain + " pointing at the web server,"
            + " or use DNS validation.")
        .method(run.target.method)
        .evidence(Perspective.inspector(), "A/AAAA " + run.domain + ": " + why)
        .attribute("name", run.domain)
        .build());
  }

  /**
   * The name has AAAA records, but the CA uses IPv4 only (DigiCert's file client asks for A
   * records): those addresses are not fetched, and what they serve does not matter to the CA. The
   * report shows them as skipped observations.
   */
  private void reportIpv6NotUsed(HostAddresses addresses) {
    for (InetAddress a : addresses.ipv6()) {
      for (String scheme : run.target.schemes) {
        Perspective p = Perspective.httpEndpoint(scheme, run.domain.ascii(), a);
        run.context.observe(Observation.of(p, "GET " + scheme + "://" + run.domain
            + run.target.path, Observation.Outcome.SKIPPED, "not fetched: " + run.ca()
            + " connects over IPv4 only (it looks up A records)", Duration.ZERO)
            .withCauses(addresses.causes()));
      }
    }
  }

  private void reportNotPublic(List<InetAddress> refused, int total, boolean unknownForUs) {
    Finding.Builder b = Finding.builder(FindingCode.ADDRESS_NOT_PUBLIC)
        .severity(unknownForUs ? Severity.WARNING : Severity.ERROR)
        .message(run.domain + " resolves " + (refused.size() == total
            ? "only to non-public addresses: "
            : "to " + refused.size() + " non-public address" + (refused.size() == 1 ? "" : "es")
                + " (of " + total + "): ") + refused.stream()
            .map(a -> a.getHostAddress() + " (" + AddressScope.of(a).label() + ")")
            .collect(Collectors.joining(", ")) + (unknownForUs
                ? "; " + run.ca() + " connects to such addresses, but the inspector's network"
                    + " policy does not allow it (NetworkPolicy.allowNonPublicAddresses), so what"
                    + " they serve is unknown"
                : "; CAs do not connect to such addresses"))
        .remedy("Point the A/AAAA records of " + run.domain + " at the site's public addresses"
            + " (the CA connects from the internet), or use DNS validation for internal names.")
        .method(run.target.method)
        .attribute("addresses", refused.stream().map(InetAddress::getHostAddress)
            .collect(Collectors.joining(",")));
    for (InetAddress a : refused) {
      for (String scheme : run.target.schemes) {
        Perspective p = Perspective.httpEndpoint(scheme, run.domain.ascii(), a);
        run.context.observe(Observation.of(p, "GET " + scheme + "://" + run.domain
            + run.target.path, Observation.Outcome.SKIPPED,
            "not contacted: " + AddressScope.of(a).label() + " address", Duration.ZERO));
      }
      b.evidence(Perspective.inspector(), "A/AAAA " + run.domain + ": " + a.getHostAddress()
          + " is " + AddressScope.of(a).label());
    }
    run.context.report(b.build());
  }
}
