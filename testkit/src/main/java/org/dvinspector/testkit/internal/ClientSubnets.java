package org.dvinspector.testkit.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;

/**
 * How an authoritative server that answers by client network chooses its answer (EDNS Client
 * Subnet, RFC 7871): from the client subnet in the query when there is one, else from the
 * address the query came from; the most specific {@linkplain ZoneData.Line line} whose network
 * holds the client and has records at the asked name answers, and the echoed option's scope
 * says how many leading bits of the client's address the answer depends on (§7.2.1).
 */
public final class ClientSubnets {
  private ClientSubnets() {}

  /**
   * The answer's source for one query.
   *
   * @param view the zone as this client sees it
   * @param echo the option to put in the answer, or null (the zone does not answer by network,
   *     or the query had no option)
   */
  public record Selection(ZoneData view, @Nullable ClientSubnetOption echo) {}

  /**
   * Chooses the view of {@code zone} for {@code qname} asked in {@code query} from {@code
   * source}.
   */
  public static Selection select(ZoneData zone, Name qname, Message query, InetAddress source) {
    ClientSubnetOption asked = option(query);
    if (zone.lines().isEmpty()) {
      // A zone served without lines: the server does not do ECS and sends no option (§7.2.2).
      return new Selection(zone, null);
    }
    InetAddress client = asked == null ? source : asked.getAddress();
    int sourcePrefix = asked == null ? bits(source) : asked.getSourcePrefixLength();
    if (asked != null && sourcePrefix == 0) {
      // No client information offered: the answer for everyone (§7.1.2, §7.2.1).
      return new Selection(zone, echo(asked, 0));
    }
    int scope = 0;
    for (ZoneData.Line line : zone.lines()) {
      if (!line.owners().contains(qname) || family(line.network()) != family(client)) {
        continue;
      }
      int differs = firstDifference(line.network(), client, Math.min(line.prefix(), sourcePrefix));
      if (differs < 0 && line.prefix() <= sourcePrefix) {
        // The client is in the line: the answer holds for the line's whole network.
        return new Selection(line.view(), asked == null ? null : echo(asked, line.prefix()));
      }
      // Not in this line: the answer still depends on the bits that tell the client apart from
      // it (up to the first differing bit), or, when the client gave fewer bits than the line
      // needs, on the line's whole prefix (a scope longer than the source is allowed, §7.2.1).
      scope = Math.max(scope, differs < 0 ? line.prefix() : differs + 1);
    }
    return new Selection(zone, asked == null ? null : echo(asked, scope));
  }

  /** The client subnet option of {@code query}, or null. */
  public static @Nullable ClientSubnetOption option(Message query) {
    OPTRecord opt = query.getOPT();
    if (opt == null) {
      return null;
    }
    for (EDNSOption o : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
      if (o instanceof ClientSubnetOption c) {
        return c;
      }
    }
    return null;
  }

  /** The option to echo: the query's family, source prefix and address, with {@code scope}. */
  private static ClientSubnetOption echo(ClientSubnetOption asked, int scope) {
    return new ClientSubnetOption(asked.getSourcePrefixLength(),
        Math.min(scope, bits(asked.getAddress())), asked.getAddress());
  }

  /** The index of the first bit among the first {@code bits} where a and b differ, or -1. */
  private static int firstDifference(InetAddress a, InetAddress b, int bits) {
    byte[] x = a.getAddress();
    byte[] y = b.getAddress();
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
        return i;
      }
    }
    return -1;
  }

  private static int family(InetAddress a) {
    return a instanceof Inet4Address ? 1 : 2;
  }

  private static int bits(InetAddress a) {
    return a.getAddress().length * 8;
  }

  /**
   * Parses {@code address/prefix} into the network's address (bits beyond the prefix must be
   * zero) and prefix.
   *
   * @throws IllegalArgumentException if it is not a literal network
   */
  public static InetAddress network(String cidr, int[] prefix) {
    String c = cidr.strip();
    int slash = c.indexOf('/');
    String a = slash < 0 ? c : c.substring(0, slash);
    if (!a.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("\"" + cidr + "\" is not an address/prefix");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(a);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + cidr + "\" is not an address/prefix", e);
    }
    int max = bits(address);
    int p;
    try {
      p = slash < 0 ? max : Integer.parseInt(c.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + cidr + "\" has no valid prefix length", e);
    }
    if (p < 0 || p > max) {
      throw new IllegalArgumentException("\"" + cidr + "\": the prefix length must be 0-" + max);
    }
    if (firstDifference(address, zeroedBeyond(address, p), max) >= 0) {
      throw new IllegalArgumentException("\"" + cidr + "\" has bits set beyond its prefix");
    }
    prefix[0] = p;
    return address;
  }

  private static InetAddress zeroedBeyond(InetAddress a, int prefix) {
    byte[] b = a.getAddress();
    for (int bit = prefix; bit < b.length * 8; bit++) {
      b[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
