package org.dvinspector.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dvinspector.DomainName;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;

/**
 * A fixed table of host names and their addresses, like a hosts file: for a host that already
 * knows where its sites are (a staging environment, split-horizon DNS, a CDN's list of edge
 * addresses) and wants the {@code http} module to fetch from exactly those addresses. Give it to
 * {@link HttpModule.Builder#addressLookup(HostAddressLookup)}.
 *
 * <p>A name not in the table is reported as not existing. Only IP address literals are accepted,
 * so building the table never touches the network.
 *
 * <pre>{@code
 * HttpModule http = HttpModule.builder()
 *     .addressLookup(StaticHostAddressLookup.builder()
 *         .add("www.example.com", "192.0.2.10", "2001:db8::10")
 *         .build())
 *     .build();
 * }</pre>
 */
public final class StaticHostAddressLookup implements HostAddressLookup {
  private final Map<DomainName, List<InetAddress>> table;

  private StaticHostAddressLookup(Map<DomainName, List<InetAddress>> table) {
    this.table = Map.copyOf(table);
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names in the table. */
  public List<DomainName> names() {
    return table.keySet().stream().sorted().collect(Collectors.toList());
  }

  @Override
  public CompletionStage<HostAddresses> lookup(DomainName name, InspectionContext context) {
    List<InetAddress> addresses = table.getOrDefault(name, List.of());
    HostAddresses.Builder b = HostAddresses.builder().name(name);
    for (InetAddress a : addresses) {
      if (a instanceof Inet6Address) {
        b.addIpv6(a);
      } else {
        b.addIpv4(a);
      }
    }
    b.nameMissing(addresses.isEmpty());
    context.observe(Observation.of(
        Perspective.builder().kind(Perspective.Kind.INSPECTOR).name("static address table").build(),
        "A/AAAA " + name,
        addresses.isEmpty() ? Observation.Outcome.NEGATIVE : Observation.Outcome.ANSWER,
        addresses.isEmpty() ? "not in the table"
            : addresses.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(" ")),
        Duration.ZERO));
    return CompletableFuture.completedFuture(b.build());
  }

  @Override
  public String toString() {
    return "StaticHostAddressLookup" + table;
  }

  /** Builds a {@link StaticHostAddressLookup}. Not thread-safe. */
  public static final class Builder {
    private final Map<DomainName, List<InetAddress>> table = new LinkedHashMap<>();

    Builder() {}

    /**
     * Adds addresses for a host name (IPv4 or IPv6 literals).
     *
     * @throws IllegalArgumentException if the name is not a valid host name or an address is not
     *     an IP address literal
     */
    public Builder add(String hostName, String... addresses) {
      Objects.requireNonNull(hostName, "hostName");
      DomainName name = DomainName.parse(hostName);
      if (name.isWildcard()) {
        throw new IllegalArgumentException("The host name " + name + " is a wildcard; give a host name");
      }
      List<InetAddress> list = table.computeIfAbsent(name, n -> new ArrayList<>());
      for (String a : addresses) {
        list.add(literal(a));
      }
      return this;
    }

    /** Adds addresses for a host name. */
    public Builder add(DomainName name, List<InetAddress> addresses) {
      Objects.requireNonNull(name, "name");
      table.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.copyOf(addresses));
      return this;
    }

    /** The lookup. */
    public StaticHostAddressLookup build() {
      Map<DomainName, List<InetAddress>> copy = new LinkedHashMap<>();
      table.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new StaticHostAddressLookup(copy);
    }

    private static InetAddress literal(String text) {
      Objects.requireNonNull(text, "address");
      String t = text.strip();
      boolean ipv4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      if (ipv4) {
        for (String octet : t.split("\\.")) {
          if (Integer.parseInt(octet) > 255) {
            throw new IllegalArgumentException(
                "\"" + Text.escape(text) + "\" is not a valid IPv4 address");
          }
        }
      }
      boolean ipv6 = t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+");
      if (!ipv4 && !ipv6) {
        throw new IllegalArgumentException(
            "\"" + Text.escape(text) + "\" is not an IP address literal");
      }
      try {
        // A literal: getByName parses it without any lookup.
        return InetAddress.getByName(t);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(
            "\"" + Text.escape(text) + "\" is not a valid IP address", e);
      }
    }
  }
}
