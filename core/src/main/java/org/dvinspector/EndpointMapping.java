package org.dvinspector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a connection to "address A, port P" actually goes. The identity mapping is the default;
 * tests and labs send the CA's standard ports (53, 80, 443) to unprivileged loopback ports, so a
 * whole delegation and several web servers run without root.
 *
 * <p>The inspector still reports the original address and port in observations; only the socket
 * goes elsewhere.
 */
@FunctionalInterface
public interface EndpointMapping {
  /** Connect where the address says. */
  EndpointMapping IDENTITY = target -> target;

  /** The endpoint to connect to instead of {@code target} (may be {@code target} itself). */
  InetSocketAddress map(InetSocketAddress target);

  /** Same address, other port: e.g. {@code 53 -> 5353} for every address. */
  static EndpointMapping ports(Map<Integer, Integer> portMap) {
    Map<Integer, Integer> copy = Map.copyOf(portMap);
    return target -> {
      Integer port = copy.get(target.getPort());
      return port == null ? target : new InetSocketAddress(target.getAddress(), port);
    };
  }

  /** A builder for exact (address, port) routes with a port map as fallback. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link EndpointMapping}. */
  final class Builder {
    private final Map<InetSocketAddress, InetSocketAddress> routes = new HashMap<>();
    private final Map<Integer, Integer> ports = new HashMap<>();

    Builder() {}

    /** Sends connections to {@code address:port} to {@code to}. */
    public Builder route(InetAddress address, int port, InetSocketAddress to) {
      routes.put(new InetSocketAddress(address, port), to);
      return this;
    }

    /** Sends connections to any address on port {@code from} to the same address on port {@code to}. */
    public Builder port(int from, int to) {
      ports.put(from, to);
      return this;
    }

    /** The mapping. */
    public EndpointMapping build() {
      Map<InetSocketAddress, InetSocketAddress> r = Map.copyOf(routes);
      EndpointMapping p = ports(ports);
      return target -> {
        InetSocketAddress exact = r.get(target);
        return exact != null ? exact : p.map(target);
      };
    }
  }
}
