package org.dvinspector;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Where an IP address can be reached from: the public internet, or a private, loopback,
 * link-local or otherwise reserved range (IANA IPv4 and IPv6 Special-Purpose Address
 * Registries). CAs only connect to public addresses.
 */
public enum AddressScope {
  /** Globally routable. */
  PUBLIC("public"),
  /** RFC 1918 private IPv4, RFC 4193 unique-local IPv6, or RFC 6598 shared address space. */
  PRIVATE("private"),
  /** 127.0.0.0/8 and ::1. */
  LOOPBACK("loopback"),
  /** 169.254.0.0/16 and fe80::/10. */
  LINK_LOCAL("link-local"),
  /** Multicast ranges. */
  MULTICAST("multicast"),
  /** Documentation, benchmarking, unspecified, future-use and other special-purpose ranges. */
  RESERVED("reserved");

  private final String label;

  AddressScope(String label) {
    this.label = label;
  }

  /** A short label for messages: {@code private}, {@code loopback}, ... */
  public String label() {
    return label;
  }

  /** Whether the address is {@link #PUBLIC}. */
  public static boolean isPublic(InetAddress address) {
    return of(address) == PUBLIC;
  }

  /** The scope of an address. */
  public static AddressScope of(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ofIpv4(b, 0);
    }
    if (address instanceof Inet6Address) {
      return ofIpv6(b);
    }
    return RESERVED;
  }

  private static AddressScope ofIpv4(byte[] b, int o) {
    int a0 = b[o] & 0xff;
    int a1 = b[o + 1] & 0xff;
    int a2 = b[o + 2] & 0xff;
    int a3 = b[o + 3] & 0xff;
    if (a0 == 127) {
      return LOOPBACK;
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)
        || (a0 == 100 && (a1 & 0xc0) == 64)) {
      return PRIVATE;
    }
    if (a0 == 169 && a1 == 254) {
      return LINK_LOCAL;
    }
    if (a0 >= 224 && a0 <= 239) {
      return MULTICAST;
    }
    if (a0 == 0 || a0 >= 240
        || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
        || (a0 == 192 && a1 == 0 && a2 == 2) // TEST-NET-1
        || (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast (deprecated)
        || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
        || (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
        || (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255)) {
      return RESERVED;
    }
    return PUBLIC;
  }

  private static AddressScope ofIpv6(byte[] b) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        zeroPrefix = false;
        break;
      }
    }
    if (zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return ofIpv4(b, 12); // IPv4-mapped
    }
    boolean allZeroTo14 = zeroPrefix && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0
        && b[14] == 0;
    if (allZeroTo14 && b[15] == 1) {
      return LOOPBACK;
    }
    int h0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int h1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    if ((h0 & 0xff00) == 0xff00) {
      return MULTICAST;
    }
    if ((h0 & 0xffc0) == 0xfe80) {
      return LINK_LOCAL;
    }
    if ((h0 & 0xfe00) == 0xfc00) {
      return PRIVATE;
    }
    if ((h0 & 0xe000) != 0x2000) {
      return RESERVED; // outside 2000::/3 global unicast (includes ::, 64:ff9b::/96, 100::/64)
    }
    if ((h0 == 0x2001 && h1 == 0x0db8) // documentation
        || (h0 == 0x3fff && (h1 & 0xf000) == 0) // 3fff::/20 documentation
        || (h0 == 0x2001 && h1 < 0x0200) // 2001::/23 IETF protocol assignments (Teredo, ORCHID...)
        || h0 == 0x2002) { // 6to4
      return RESERVED;
    }
    return PUBLIC;
  }
}
