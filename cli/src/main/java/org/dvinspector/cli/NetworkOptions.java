package org.dvinspector.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.AddressScope;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.TrustAnchor;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the inspector's questions go: resolvers, root servers, address rules, ports, time. */
final class NetworkOptions {
  @Option(names = "--resolver", paramLabel = "HOST[:PORT]",
      description = "Recursive resolver to ask (IP address, port 53 by default); repeatable."
          + " Default: the system's resolvers.")
  List<String> resolvers = new ArrayList<>();

  @Option(names = "--root-hints", paramLabel = "FILE",
      description = "Root hints in zone-file format (like named.root) to start iterative"
          + " resolution from. Default: the real root servers. The real root's DNSSEC anchors"
          + " do not sign another root: with --root-hints, DNSSEC is validated only from"
          + " --trust-anchor files.")
  @Nullable String rootHints;

  @Option(names = "--trust-anchor", paramLabel = "FILE",
      description = "DNSSEC trust anchors to validate from instead of the root's shipped ones: DS"
          + " or DNSKEY records in zone-file form (like BIND's and unbound's anchor files) or"
          + " IANA's root-anchors.xml; repeatable. For a lab whose root is signed.")
  List<String> trustAnchors = new ArrayList<>();

  @Option(names = "--no-dnssec-validation",
      description = "Validate no DNSSEC (no trust anchors), for a lab whose root is not signed;"
          + " the report says the inspection was unvalidated. CAs always validate.")
  boolean noDnssecValidation;

  @Option(names = "--allow-private-addresses",
      description = "Let the inspector contact private, loopback and other non-public addresses"
          + " (for labs; CAs never do).")
  boolean allowPrivateAddresses;

  @Option(names = "--allow-loopback-addresses",
      description = "Let the inspector contact loopback addresses (a lab on this machine) while"
          + " still refusing private ones, as a CA does.")
  boolean allowLoopbackAddresses;

  @Option(names = "--port-map", split = ",", paramLabel = "PORT=PORT",
      description = "Send the CA's standard ports elsewhere, on every address, e.g."
          + " 53=5353,80=8080,443=8443.")
  List<String> portMap = new ArrayList<>();

  @Option(names = "--route", paramLabel = "ADDR:PORT=ADDR:PORT",
      description = "Send connections for one address and port to another, e.g."
          + " 192.0.2.10:80=127.0.0.1:18080; repeatable, checked before --port-map.")
  List<String> routes = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Timeout of one DNS query attempt and of one HTTP request (default: 3s DNS,"
          + " 10s HTTP).")
  @Nullable Duration timeout;

  @Option(names = "--deadline", paramLabel = "DURATION",
      description = "The inspection's overall deadline (default: 30s); whatever has not finished"
          + " by then is reported as unknown.")
  @Nullable Duration deadline;

  /** Longest --timeout: a CA gives up on one query or request long before. */
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

  /** Longest --deadline of one inspection. */
  static final Duration MAX_DEADLINE = Duration.ofHours(1);

  /**
   * The network policy these options describe.
   *
   * @throws UsageException for bad values
   */
  NetworkPolicy policy() {
    NetworkPolicy.Builder b = NetworkPolicy.builder();
    for (String r : resolvers) {
      b.addRecursiveResolvers(Endpoints.parse("--resolver", r, 53));
    }
    if (rootHints != null) {
      String hints = rootHints;
      b.rootServers(RootHints.parse(RequestFactory.readFile("--root-hints", hints), hints));
    }
    if (noDnssecValidation && !trustAnchors.isEmpty()) {
      throw new UsageException("--trust-anchor and --no-dnssec-validation contradict each other");
    }
    if (noDnssecValidation || (rootHints != null && trustAnchors.isEmpty())) {
      // Another root (a lab) is not signed by the real root's keys: validating from those would
      // call every answer bogus. The report says DNSSEC was not validated.
      b.withoutDnssecValidation();
    } else if (!trustAnchors.isEmpty()) {
      List<TrustAnchor> anchors = new ArrayList<>();
      for (String file : trustAnchors) {
        anchors.addAll(TrustAnchors.read(file));
      }
      b.trustAnchors(anchors);
    }
    b.allowNonPublicAddresses(allowPrivateAddresses);
    if (allowLoopbackAddresses) {
      b.addAllowedAddressScopes(AddressScope.LOOPBACK);
    }
    if (!portMap.isEmpty() || !routes.isEmpty()) {
      b.endpointMapping(mapping());
    }
    if (timeout != null) {
      b.queryTimeout(Durations.atMost("--timeout", timeout, MAX_TIMEOUT))
          .httpTimeout(timeout);
    }
    if (deadline != null) {
      b.deadline(Durations.atMost("--deadline", deadline, MAX_DEADLINE));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()), e);
    }
  }

  private EndpointMapping mapping() {
    EndpointMapping.Builder m = EndpointMapping.builder();
    for (String entry : portMap) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--port-map entry '" + Style.safe(e)
            + "' is not PORT=PORT such as 53=5353");
      }
      m.port(Endpoints.port("--port-map", e, e.substring(0, eq).strip()),
          Endpoints.port("--port-map", e, e.substring(eq + 1).strip()));
    }
    for (String entry : routes) {
      String e = entry.strip();
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--route '" + Style.safe(e)
            + "' is not ADDR:PORT=ADDR:PORT such as 192.0.2.10:80=127.0.0.1:18080");
      }
      InetSocketAddress from = Endpoints.parse("--route", e.substring(0, eq), 0);
      InetSocketAddress to = Endpoints.parse("--route", e.substring(eq + 1), 0);
      if (from.getPort() == 0 || to.getPort() == 0) {
        throw new UsageException("--route '" + Style.safe(e) + "' needs a port on both sides");
      }
      m.route(from.getAddress(), from.getPort(), to);
    }
    return m.build();
  }
}
