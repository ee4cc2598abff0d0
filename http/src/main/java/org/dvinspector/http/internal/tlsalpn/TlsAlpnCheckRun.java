package org.dvinspector.http.internal.tlsalpn;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.AddressScope;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.http.internal.AddressResolver;
import org.dvinspector.http.internal.Budgets;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;

/**
 * One tls-alpn-01 check: the name's addresses (from the {@code dns} module's {@link
 * org.dvinspector.spi.HostAddressLookup}, like the HTTP checks), non-public ones refused as a CA
 * refuses them, a handshake to port 443 of every address at once with SNI = the name and ALPN
 * {@code acme-tls/1} only, the certificate judged, and — where the server refused {@code
 * acme-tls/1} — a second handshake without it, to show which certificate the server (or the CDN
 * in front of it) presents instead.
 */
public final class TlsAlpnCheckRun {
  /** What the second, diagnostic handshake offers: an ordinary browser's protocols. */
  static final List<String> ORDINARY_PROTOCOLS = List.of("h2", "http/1.1");

  private final DomainName name;
  private final InspectionContext context;
  private final NetworkPolicy policy;
  private final AlpnClient client;
  private final AddressResolver resolver;
  private final Budgets budgets;
  private final Executor executor;
  private final byte[] digest;

  /** A run of {@code check} in {@code context}. */
  public TlsAlpnCheckRun(AcmeTlsAlpn01Check check, InspectionContext context, NetworkPolicy policy,
      AlpnClient client, AddressResolver resolver, Budgets budgets, Executor executor) {
    this.name = context.domain().withoutWildcard();
    this.context = context;
    this.policy = policy;
    this.client = client;
    this.resolver = resolver;
    this.budgets = budgets;
    this.executor = executor;
    this.digest = AcmeChallenges.tlsAlpn01Digest(check.keyAuthorization());
  }

  /** Runs the check; never completes exceptionally for network or data problems. */
  public CompletableFuture<CheckResult.Status> run() {
    return resolver.resolve(name).thenComposeAsync(this::connectAll, executor);
  }

  private CompletableFuture<CheckResult.Status> connectAll(HostAddresses addresses) {
    List<InetAddress> all = new ArrayList<>();
    boolean ipv6First = context.profile().httpRules().ipv6First();
    all.addAll(ipv6First ? addresses.ipv6() : addresses.ipv4());
    all.addAll(ipv6First ? addresses.ipv4() : addresses.ipv6());
    if (all.isEmpty()) {
      boolean cut = resolver.cutByDeadline(name);
      String why = addresses.failure().orElse(addresses.nameMissing()
          ? name + " does not exist (NXDOMAIN)" : name + " has no A or AAAA record");
      context.report(Finding.builder(FindingCode.DOMAIN_NOT_RESOLVABLE)
          .severity(cut ? Severity.WARNING : Severity.ERROR)
          .message((cut ? "The addresses of " + name + " could not be learned: "
              : "The CA cannot connect for tls-alpn-01: ") + why)
          .remedy("Publish A and/or AAAA records for " + name + " pointing at the server that"
              + " answers tls-alpn-01, or use dns-01.")
          .method(Method.ACME_TLS_ALPN_01)
          .evidence(Perspective.inspector(), "A/AAAA " + name + ": " + why)
          .attribute("name", name)
          .build());
      return CompletableFuture.completedFuture(
          cut ? CheckResult.Status.UNDECIDED : CheckResult.Status.FAILED);
    }
    List<InetAddress> permitted = new ArrayList<>();
    List<InetAddress> refused = new ArrayList<>();
    for (InetAddress a : all) {
      (policy.permits(a) ? permitted : refused).add(a);
    }
    if (!refused.isEmpty()) {
      reportNotPublic(refused, all.size());
    }
    List<CompletableFuture<TlsAlpnEndpoint>> endpoints = new ArrayList<>();
    for (InetAddress a : permitted) {
      endpoints.add(endpoint(a, addresses.causes()));
    }
    return CompletableFuture.allOf(endpoints.toArray(new CompletableFuture<?>[0]))
        .thenApplyAsync(v -> {
          List<TlsAlpnEndpoint> results = endpoints.stream().map(CompletableFuture::join)
              .collect(Collectors.toList());
          if (results.isEmpty()) {
            return CheckResult.Status.FAILED;
          }
          TlsAlpnFindings.Outcome outcome = new TlsAlpnFindings(name,
              context.profile().displayName(), context.profile().httpRules().ipv4Fallback(),
              results).evaluate();
          outcome.findings().forEach(context::report);
          return refused.isEmpty() ? outcome.status() : CheckResult.Status.FAILED;
        }, executor);
  }

  private CompletableFuture<TlsAlpnEndpoint> endpoint(InetAddress address, List<Long> causes) {
    Perspective p = Perspective.httpEndpoint("tls", name.ascii(), address);
    Duration left = budgets.step();
    Duration timeout = policy.httpTimeout();
    boolean cut = left.compareTo(timeout) < 0;
    Duration budget = cut ? left : timeout;
    return client.handshake(address, name.ascii(), List.of(AcmeChallenges.TLS_ALPN_PROTOCOL),
        budget, cut).thenComposeAsync(h -> {
          List<ChallengeCertificate.Problem> problems = h.kind == AlpnHandshake.Kind.COMPLETED
              && h.protocol.equals(AcmeChallenges.TLS_ALPN_PROTOCOL) && !h.chain.isEmpty()
              ? ChallengeCertificate.problems(h.chain.get(0), name, digest) : List.of();
          long id = observe(p, h, AcmeChallenges.TLS_ALPN_PROTOCOL, problems, causes, false);
          if (h.kind != AlpnHandshake.Kind.NO_APPLICATION_PROTOCOL) {
            return CompletableFuture.completedFuture(
                new TlsAlpnEndpoint(address, p, h, problems, null, id));
          }
          // The server refused acme-tls/1: which certificate does it present otherwise? The
          // verdict does not wait long for this (the budget that is left, at most the timeout).
          Duration more = budgets.step();
          return client.handshake(address, name.ascii(), ORDINARY_PROTOCOLS,
              more.compareTo(timeout) < 0 ? more : timeout, more.compareTo(timeout) < 0)
              .thenApply(aux -> {
                observe(p, aux, String.join(",", ORDINARY_PROTOCOLS), List.of(), List.of(id),
                    true);
                return new TlsAlpnEndpoint(address, p, h, problems, aux, id);
              });
        }, executor);
  }

  private long observe(Perspective p, AlpnHandshake h, String offered,
      List<ChallengeCertificate.Problem> problems, List<Long> causes, boolean auxiliary) {
    Observation.Outcome outcome = switch (h.kind) {
      case COMPLETED -> Observation.Outcome.ANSWER;
      case CONNECT_TIMEOUT, HANDSHAKE_TIMEOUT, NO_TIME -> Observation.Outcome.TIMEOUT;
      default -> Observation.Outcome.ERROR;
    };
    String result;
    if (h.kind == AlpnHandshake.Kind.COMPLETED) {
      result = h.version + ", ALPN " + (h.protocol.isEmpty() ? "none" : h.protocol) + ", "
          + (h.chain.isEmpty() ? "no certificate" : ChallengeCertificate.describe(h.chain.get(0)))
          + (problems.isEmpty() ? "" : "; " + problems.size() + " problem"
              + (problems.size() == 1 ? "" : "s"));
    } else {
      result = h.error;
    }
    Observation o = Observation.of(p, "TLS " + name + ":" + AlpnClient.PORT + " SNI " + name
        + " ALPN " + offered, outcome, result, h.latency).withCauses(causes);
    return context.observe(auxiliary ? o.asAuxiliary() : o).id();
  }

  private void reportNotPublic(List<InetAddress> refused, int total) {
    Finding.Builder b = Finding.builder(FindingCode.ADDRESS_NOT_PUBLIC)
        .message(name + " resolves " + (refused.size() == total ? "only to non-public addresses: "
            : "to " + refused.size() + " non-public address" + (refused.size() == 1 ? "" : "es")
                + " (of " + total + "): ") + refused.stream()
            .map(a -> a.getHostAddress() + " (" + AddressScope.of(a).label() + ")")
            .collect(Collectors.joining(", ")) + "; CAs do not connect to such addresses")
        .remedy("Point the A/AAAA records of " + name + " at the public addresses of the server"
            + " that answers tls-alpn-01, or use dns-01 for internal names.")
        .method(Method.ACME_TLS_ALPN_01)
        .attribute("addresses", refused.stream().map(InetAddress::getHostAddress)
            .collect(Collectors.joining(",")));
    for (InetAddress a : refused) {
      Perspective p = Perspective.httpEndpoint("tls", name.ascii(), a);
      context.observe(Observation.of(p, "TLS " + name + ":" + AlpnClient.PORT,
          Observation.Outcome.SKIPPED, "not contacted: " + AddressScope.of(a).label()
              + " address", Duration.ZERO));
      b.evidence(Perspective.inspector(), "A/AAAA " + name + ": " + a.getHostAddress() + " is "
          + AddressScope.of(a).label());
    }
    context.report(b.build());
  }
}
