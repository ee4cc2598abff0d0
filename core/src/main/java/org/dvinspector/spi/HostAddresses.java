package org.dvinspector.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.immutables.value.Value;

/** The outcome of a {@link HostAddressLookup}. */
@Value.Immutable
public abstract class HostAddresses {
  /** The name looked up. */
  public abstract DomainName name();

  /** IPv6 addresses (AAAA), in the order served. */
  public abstract List<InetAddress> ipv6();

  /** IPv4 addresses (A), in the order served. */
  public abstract List<InetAddress> ipv4();

  /** CNAME chain followed from {@link #name()}, first alias target first. */
  public abstract List<DomainName> aliasChain();

  /** Whether the name does not exist (NXDOMAIN). */
  @Value.Default
  public boolean nameMissing() {
    return false;
  }

  /**
   * The {@linkplain org.dvinspector.Observation#id() observations} the addresses came from: a
   * connection to one of the addresses waited for them.
   */
  public abstract List<Long> causes();

  /** Why the lookup failed (timeout, SERVFAIL...), when it did. */
  public abstract Optional<String> failure();

  /** IPv6 then IPv4 addresses. */
  public List<InetAddress> all() {
    return new java.util.ArrayList<>(
        java.util.stream.Stream.concat(ipv6().stream(), ipv4().stream()).toList());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link HostAddresses}. */
  public static final class Builder extends ImmutableHostAddresses.Builder {
    Builder() {}
  }
}
