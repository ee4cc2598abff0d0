package org.dvinspector.dns.internal.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A client network sent in the EDNS Client Subnet option (RFC 7871): authoritative servers that
 * answer by region ("GeoDNS") choose their answer from it, as they would for a resolver serving
 * clients in that network.
 *
 * @param network the network's address (bits beyond the prefix are zeroed when sent)
 * @param prefix the source prefix length (at most 32 for IPv4, 128 for IPv6; RFC 7871 §11.1
 *     recommends at most 24 and 56)
 */
public record ClientSubnet(InetAddress network, int prefix) {
  /** Checks the prefix against the family. */
  public ClientSubnet {
    Objects.requireNonNull(network, "network");
    int max = network instanceof Inet6Address ? 128 : 32;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException("prefix must be 0-" + max + ", got " + prefix);
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
