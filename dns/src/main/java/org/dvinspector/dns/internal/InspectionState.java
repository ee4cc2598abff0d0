package org.dvinspector.dns.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Name;

/**
 * What one inspection has learned about delegations so far. CAs resolve uncached or nearly so, so
 * nothing is kept across inspections; within one inspection the TXT, CNAME and CAA checks share
 * the delegations already walked (only completed results are shared, so a cycle between
 * nameserver names can never make one lookup wait for itself).
 */
public final class InspectionState {
  /** A nameserver as a delegation names it, with the addresses found. */
  public record Server(String name, List<InetAddress> addresses, Optional<String> problem) {
    /** A copy with defensive lists. */
    public Server {
      addresses = List.copyOf(addresses);
    }
  }

  /** A zone cut: the zone's apex and its servers as the parent delegates them. */
  public record Delegation(Name zone, List<Server> servers) {
    /** A copy with defensive lists. */
    public Delegation {
      servers = List.copyOf(servers);
    }
  }

  /** Results of host address lookups made during discovery. */
  public record HostResult(List<InetAddress> addresses, Optional<String> problem) {
    /** A copy with defensive lists. */
    public HostResult {
      addresses = List.copyOf(addresses);
    }
  }

  private final Map<Name, Delegation> delegations = new ConcurrentHashMap<>();
  private final Map<Name, HostResult> hosts = new ConcurrentHashMap<>();
  private final AtomicInteger discoveryQueries = new AtomicInteger();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  /** The deepest delegation known at or above {@code name}, or {@code root}. */
  public Delegation closest(Name name, Delegation root) {
    Name n = name;
    while (n.labels() > 1) {
      Delegation d = delegations.get(n);
      if (d != null) {
        return d;
      }
      n = new Name(n, 1);
    }
    return root;
  }

  /** Remembers a delegation. */
  public void remember(Delegation delegation) {
    delegations.putIfAbsent(delegation.zone(), delegation);
  }

  /** A host's addresses found earlier in this inspection. */
  public Optional<HostResult> host(Name name) {
    return Optional.ofNullable(hosts.get(name));
  }

  /** Remembers a host's addresses. */
  public void rememberHost(Name name, HostResult result) {
    hosts.putIfAbsent(name, result);
  }

  /** Counts one discovery query; false once the inspection's discovery budget is spent. */
  public boolean spendQuery() {
    return discoveryQueries.incrementAndGet() <= RealCaDnsView.MAX_DISCOVERY_QUERIES;
  }

  /**
   * Whether a zone-level finding with this key is reported for the first time in this inspection
   * (several checks may walk the same zone; the finding is reported once).
   */
  public boolean firstReport(String key) {
    return reported.add(key);
  }
}
