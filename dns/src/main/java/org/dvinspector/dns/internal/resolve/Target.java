package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.util.List;

/**
 * One address of one nameserver to ask, and the observations that had to come first (the referral
 * that named the server, the lookup that gave the address).
 */
public record Target(String server, InetAddress address, List<Long> causes) {
  /** Copies. */
  public Target {
    causes = List.copyOf(causes);
  }
}
