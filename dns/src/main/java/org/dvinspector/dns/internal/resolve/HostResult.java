package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The addresses found for a nameserver's host name, the observations they came from, and what
 * went wrong when none were found.
 *
 * @param addresses AAAA then A addresses
 * @param problem why none were found, when none were
 * @param causes the observations whose answers gave the addresses
 * @param aliases the CNAME chain followed from the host name (RFC 2181 §10.3 forbids it)
 */
record HostResult(List<InetAddress> addresses, Optional<String> problem, List<Long> causes,
    List<String> aliases) {
  HostResult {
    addresses = List.copyOf(addresses);
    causes = List.copyOf(causes);
    aliases = List.copyOf(aliases);
  }

  static HostResult of(List<InetAddress> addresses) {
    return new HostResult(addresses, Optional.empty(), List.of(), List.of());
  }

  static HostResult failed(String problem) {
    return new HostResult(List.of(), Optional.of(problem), List.of(), List.of());
  }
}
