package org.dvinspector.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.immutables.value.Value;

/** The zone that holds a name, and its authoritative nameservers. */
@Value.Immutable
public abstract class ZoneCut {
  /** Why a zone could not be found. */
  public enum Failure {
    /** It was found. */
    NONE,
    /**
     * The parent says the name (or the zone it would be in) does not exist: NXDOMAIN, or NODATA
     * with the parent's own SOA, from the parent's servers (is the domain registered?).
     */
    NOT_DELEGATED,
    /**
     * The servers on the way (the parent's, or the zone's own) failed: timeouts, errors, lame
     * servers, no nameserver with an address, a delegation loop.
     */
    SERVERS_FAILED,
    /**
     * No DNS server answered at all, not even the root servers: the inspector's own network is
     * down or only lets a local resolver out. The zone's servers may be fine.
     */
    NETWORK_UNAVAILABLE,
    /** The inspector's own trouble (its deadline, backlog, resources) stopped the search. */
    INSPECTOR
  }

  /**
   * The zone's apex, e.g. {@code example.com}; when the zone was not found, the deepest zone
   * reached on the way (or the name's top-level domain).
   */
  public abstract DomainName zone();

  /** The nameservers as the parent zone delegates them (with the addresses found). */
  public abstract List<NameServer> parentNameservers();

  /** The nameservers as the zone's own NS records list them. */
  public abstract List<NameServer> childNameservers();

  /** Why the zone could not be found (or only partly), when it could not. */
  public abstract Optional<String> problem();

  /** Why the zone could not be found; {@link Failure#NONE} when it was. */
  @Value.Default
  public Failure failure() {
    return Failure.NONE;
  }

  /**
   * Whether discovery failed because no server answered at all, not even the first (root)
   * servers: the inspector's own network is down or only lets a local resolver out.
   */
  public boolean networkUnavailable() {
    return failure() == Failure.NETWORK_UNAVAILABLE;
  }

  /** Whether the zone was found. */
  public boolean found() {
    return failure() == Failure.NONE;
  }

  /** The union of parent and child nameservers, parent order first, by name. */
  public List<NameServer> nameservers() {
    Map<DomainName, NameServer> byName = new LinkedHashMap<>();
    for (NameServer ns : parentNameservers()) {
      byName.put(ns.name(), ns);
    }
    for (NameServer ns : childNameservers()) {
      NameServer known = byName.get(ns.name());
      if (known == null) {
        byName.put(ns.name(), ns);
      } else if (!known.addresses().containsAll(ns.addresses())) {
        // The zone's own address records can add to the parent's glue: both are asked.
        List<java.net.InetAddress> union = new ArrayList<>(known.addresses());
        ns.addresses().stream().filter(a -> !union.contains(a)).forEach(union::add);
        byName.put(ns.name(), NameServer.builder().from(known).addresses(union).build());
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ZoneCut}. */
  public static final class Builder extends ImmutableZoneCut.Builder {
    Builder() {}
  }
}
