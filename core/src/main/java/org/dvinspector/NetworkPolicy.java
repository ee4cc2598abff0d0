package org.dvinspector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Everything about the network the inspector may use: which recursive resolvers to ask, which
 * root servers iterative resolution starts from, timeouts and the overall deadline, whether
 * non-public addresses may be contacted, how many queries and connections may be in flight, which
 * DNSSEC trust anchors validation starts from, and an {@link EndpointMapping} that lets tests
 * send "address A, port 53/80/443" to a loopback port.
 *
 * <p>Modules open sockets only to endpoints this policy {@linkplain #route(InetSocketAddress)
 * routes} and {@linkplain #permits(InetAddress) permits}.
 */
@Value.Immutable
public abstract class NetworkPolicy {
  /** Recursive resolvers ({@code host:53}); empty means the system's own resolvers. */
  public abstract List<InetSocketAddress> recursiveResolvers();

  /** Where iterative resolution starts: by default the real root servers. */
  @Value.Default
  public List<RootServer> rootServers() {
    return INTERNET_ROOT_SERVERS;
  }

  /**
   * The DNSSEC trust anchors validation starts from, as a CA's validating resolver does (BR
   * 3.2.2.4 and 4.2.2.1 since ballot SC-085). Default: {@link TrustAnchor#rootAnchors()}, the
   * root zone's keys IANA publishes. A lab with its own root gives that root's anchor; an empty
   * list means DNSSEC is not validated at all (an unsigned lab), and reports say so once.
   */
  @Value.Default
  public List<TrustAnchor> trustAnchors() {
    return TrustAnchor.rootAnchors();
  }

  /** Whether DNSSEC is validated: {@link #trustAnchors()} is not empty. */
  public boolean validatesDnssec() {
    return !trustAnchors().isEmpty();
  }

  /** Timeout of one DNS query to one server (one attempt). */
  @Value.Default
  public Duration queryTimeout() {
    return Duration.ofSeconds(3);
  }

  /** Attempts per DNS query to one server address before it counts as timed out. */
  @Value.Default
  public int queryAttempts() {
    return 2;
  }

  /** Connect and read timeout of one HTTP request. */
  @Value.Default
  public Duration httpTimeout() {
    return Duration.ofSeconds(10);
  }

  /**
   * The overall deadline of one inspection: {@code inspect} returns by then, with a timeout
   * finding for whatever did not finish.
   */
  @Value.Default
  public Duration deadline() {
    return Duration.ofSeconds(30);
  }

  /**
   * Whether addresses learned from the network that are not public (private, loopback,
   * link-local, reserved) may be contacted. Default {@code false}: CAs refuse them, and so does
   * the inspector. Resolvers and root servers configured here are always allowed.
   */
  @Value.Default
  public boolean allowNonPublicAddresses() {
    return false;
  }

  /**
   * Non-public address scopes that may be contacted even when {@link #allowNonPublicAddresses()}
   * is {@code false}: e.g. {@link AddressScope#LOOPBACK} for a lab on this machine, while a name
   * that resolves to a private address is still refused (and reported) the way a CA refuses it.
   * Empty by default.
   */
  public abstract Set<AddressScope> allowedAddressScopes();

  /** Where connections actually go. */
  @Value.Default
  public EndpointMapping endpointMapping() {
    return EndpointMapping.IDENTITY;
  }

  /** Most DNS queries in flight at once, across all inspections of one inspector. */
  @Value.Default
  public int maxConcurrentQueries() {
    return 256;
  }

  /**
   * Whether referrals from the root and from public-suffix zones (top-level and registry zones)
   * are kept across the inspections of one inspector, for as long as their TTL allows, as a CA's
   * resolver keeps them. Referrals to registrable domains and anything below them are never kept:
   * a record a customer just added is always looked up afresh. Default {@code true}.
   */
  @Value.Default
  public boolean cacheTopLevelReferrals() {
    return true;
  }

  /** Most HTTP connections open at once, across all inspections of one inspector. */
  @Value.Default
  public int maxConcurrentConnections() {
    return 64;
  }

  /** Whether the inspector may contact {@code address} (learned from the network). */
  public boolean permits(InetAddress address) {
    return allowNonPublicAddresses() || AddressScope.isPublic(address)
        || allowedAddressScopes().contains(AddressScope.of(address))
        || configuredAddresses().contains(address);
  }

  /** Where a connection meant for {@code target} goes. */
  public InetSocketAddress route(InetSocketAddress target) {
    return endpointMapping().map(target);
  }

  @Value.Derived
  @Value.Auxiliary
  List<InetAddress> configuredAddresses() {
    List<InetAddress> out = new ArrayList<>();
    for (InetSocketAddress r : recursiveResolvers()) {
      if (r.getAddress() != null) {
        out.add(r.getAddress());
      }
    }
    for (RootServer root : rootServers()) {
      out.addAll(root.addresses());
    }
    return out;
  }

  /** The defaults: system resolvers, real root servers and root trust anchors, no private addresses. */
  public static NetworkPolicy defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return (Builder) new Builder().from(this);
  }

  /** Builds a {@link NetworkPolicy}. */
  public static final class Builder extends ImmutableNetworkPolicy.Builder {
    Builder() {}

    /**
     * No trust anchors: DNSSEC is not validated (for a lab whose root is not signed). Reports
     * say once that the inspection was unvalidated.
     */
    public Builder withoutDnssecValidation() {
      trustAnchors(List.of());
      return this;
    }
  }

  @Value.Check
  void check() {
    requirePositive("queryTimeout", queryTimeout());
    requirePositive("httpTimeout", httpTimeout());
    requirePositive("deadline", deadline());
    if (queryAttempts() < 1) {
      throw new IllegalArgumentException("queryAttempts must be at least 1");
    }
    if (maxConcurrentQueries() < 1 || maxConcurrentConnections() < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
    if (rootServers().isEmpty()) {
      throw new IllegalArgumentException("at least one root server is needed");
    }
  }

  private static void requirePositive(String what, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  /** The 13 root servers (IANA root hints), IPv4 and IPv6. */
  public static final List<RootServer> INTERNET_ROOT_SERVERS = List.of(
      root("a", "198.41.0.4", "2001:503:ba3e::2:30"),
      root("b", "170.247.170.2", "2801:1b8:10::b"),
      root("c", "192.33.4.12", "2001:500:2::c"),
      root("d", "199.7.91.13", "2001:500:2d::d"),
      root("e", "192.203.230.10", "2001:500:a8::e"),
      root("f", "192.5.5.241", "2001:500:2f::f"),
      root("g", "192.112.36.4", "2001:500:12::d0d"),
      root("h", "198.97.190.53", "2001:500:1::53"),
      root("i", "192.36.148.17", "2001:7fe::53"),
      root("j", "192.58.128.30", "2001:503:c27::2:30"),
      root("k", "193.0.14.129", "2001:7fd::1"),
      root("l", "199.7.83.42", "2001:500:9f::42"),
      root("m", "202.12.27.33", "2001:dc3::35"));

  private static RootServer root(String letter, String v4, String v6) {
    try {
      // Literal addresses: no lookup happens.
      return RootServer.of(letter + ".root-servers.net",
          List.of(InetAddress.getByName(v4), InetAddress.getByName(v6)));
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
