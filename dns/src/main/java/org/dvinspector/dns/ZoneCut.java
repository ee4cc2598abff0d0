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
  /** The zone's apex, e.g. {@code example.com}. */
  public abstract DomainName zone();

  /** The nameservers as the parent zone delegates them (with the addresses found). */
  public abstract List<NameServer> parentNameservers();

  /** The nameservers as the zone's own NS records list them. */
  public abstract List<NameServer> childNameservers();

  /** Why the zone could not be found (or only partly), when it could not. */
  public abstract Optional<String> problem();

  /**
   * Whether discovery failed because no server answered at all, not even the first (root)
   * servers: the inspector's own network is down or only lets a local resolver out. The zone's
   * own servers may be fine; the recursive view is then the only one available.
   */
  @Value.Default
  public boolean networkUnavailable() {
    return false;
  }

  /** The union of parent and child nameservers, parent order first, by name. */
  public List<NameServer> nameservers() {
    Map<DomainName, NameServer> byName = new LinkedHashMap<>();
    for (NameServer ns : parentNameservers()) {
      byName.put(ns.name(), ns);
    }
    for (NameServer ns : childNameservers()) {
      byName.putIfAbsent(ns.name(), ns);
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
