package org.dvinspector;

import org.dvinspector.spi.Text;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.immutables.value.Value;

/**
 * A client network that stands for one of a CA's network perspectives: the network the CA's
 * resolver queries from in one region. Authoritative servers that answer by region ("GeoDNS",
 * DNS providers' "lines") are asked as if from this network with the EDNS Client Subnet option
 * (RFC 7871), so the inspector sees what that region sees without being there.
 *
 * <p>{@link #rir()} is the registry whose service region holds the perspective's location, as BR
 * 3.2.2.9 counts perspectives by where they are; it is not always the registry that allocated the
 * addresses (cloud providers use their ARIN space on every continent).
 *
 * <pre>{@code
 * PerspectiveNetwork.of("eu-central-1 (Frankfurt)", Rir.RIPE_NCC, "3.120.0.0/14",
 *     "AWS ip-ranges.json, region eu-central-1")
 * }</pre>
 */
@Value.Immutable
public abstract class PerspectiveNetwork {
  /** The IPv4 source prefix sent: the longest RFC 7871 §11.1 recommends resolvers send. */
  public static final int MAX_IPV4_SOURCE_PREFIX = 24;
  /** The IPv6 source prefix sent (RFC 7871 §11.1). */
  public static final int MAX_IPV6_SOURCE_PREFIX = 56;

  /** The region, for people: {@code eu-central-1 (Frankfurt)}. */
  public abstract String region();

  /** The registry whose service region holds the perspective (BR 3.2.2.9). */
  public abstract Rir rir();

  /** The network's address: every bit beyond {@link #prefixLength()} is zero. */
  public abstract InetAddress address();

  /** The network's prefix length. */
  public abstract int prefixLength();

  /** Where the network comes from (a published list, a date), for people checking the data. */
  public abstract String source();

  /** The network as text: {@code 3.120.0.0/14}. */
  public String network() {
    return address().getHostAddress() + "/" + prefixLength();
  }

  /**
   * The source prefix length sent in the EDNS Client Subnet option: {@value
   * #MAX_IPV4_SOURCE_PREFIX} for IPv4 and {@value #MAX_IPV6_SOURCE_PREFIX} for IPv6, what RFC 7871
   * §11.1 recommends resolvers send, whatever the network's own length. The subnet sent is the
   * first such subnet of the network (of a narrower network, the one around it): one concrete
   * network of the region, as a resolver there would send, which a server's lines match however
   * they are cut.
   */
  public int clientSubnetPrefix() {
    return address() instanceof Inet4Address ? MAX_IPV4_SOURCE_PREFIX : MAX_IPV6_SOURCE_PREFIX;
  }

  /** The region and network: {@code eu-central-1 (Frankfurt) 3.120.0.0/14}. */
  public String label() {
    return region() + " " + network();
  }

  /**
   * A network from CIDR text.
   *
   * @throws IllegalArgumentException if {@code cidr} is not {@code address/prefix} with every bit
   *     beyond the prefix zero, or the region or source is blank
   */
  public static PerspectiveNetwork of(String region, Rir rir, String cidr, String source) {
    String c = cidr.strip();
    int slash = c.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("The network \"" + Text.escape(cidr)
          + "\" needs a prefix length, e.g. 203.0.113.0/24");
    }
    String addressText = c.substring(0, slash);
    if (!addressText.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      // Only literal addresses: InetAddress.getByName would look a host name up in DNS.
      throw new IllegalArgumentException("\"" + Text.escape(addressText)
          + "\" is not an IP address");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(addressText);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + Text.escape(addressText)
          + "\" is not an IP address", e);
    }
    int prefix;
    try {
      prefix = Integer.parseInt(c.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The prefix length of \"" + Text.escape(cidr)
          + "\" is not a number", e);
    }
    return builder().region(region).rir(rir).address(address).prefixLength(prefix).source(source)
        .build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PerspectiveNetwork}. */
  public static final class Builder extends ImmutablePerspectiveNetwork.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    if (region().isBlank()) {
      throw new IllegalArgumentException("A perspective network needs a region label");
    }
    if (source().isBlank()) {
      throw new IllegalArgumentException("The perspective network " + network()
          + " needs a source (where it comes from)");
    }
    byte[] b = address().getAddress();
    int max = b.length * 8;
    if (prefixLength() < 1 || prefixLength() > max) {
      throw new IllegalArgumentException("The prefix length of " + address().getHostAddress()
          + " must be 1-" + max + ", got " + prefixLength());
    }
    for (int bit = prefixLength(); bit < max; bit++) {
      if ((b[bit / 8] & (0x80 >> (bit % 8))) != 0) {
        throw new IllegalArgumentException(network() + " has bits set beyond its prefix; the"
            + " network is " + masked(b, prefixLength()) + "/" + prefixLength());
      }
    }
  }

  private static String masked(byte[] b, int prefix) {
    byte[] m = b.clone();
    for (int bit = prefix; bit < m.length * 8; bit++) {
      m[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    try {
      return InetAddress.getByAddress(m).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "PerspectiveNetwork[" + label() + ", " + rir().displayName() + "]";
  }
}
