package org.dvinspector.dns.internal.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * One question for one server.
 *
 * @param target the server's address and port as learned (before the policy's endpoint mapping)
 * @param name the name asked
 * @param type the record type asked (a dnsjava {@link org.xbill.DNS.Type} value)
 * @param recursionDesired the RD bit: set for recursive resolvers, clear for authoritative servers
 * @param dnssecOk the EDNS DO bit (RFC 3225): ask for DNSSEC records
 * @param attempts UDP (or TCP) attempts before the server counts as not answering
 * @param attemptTimeout how long one attempt waits for its answer
 * @param deadlineNanos the inspection's deadline on the {@link System#nanoTime()} scale
 * @param clientSubnet the EDNS Client Subnet option to send (RFC 7871), or null for none
 */
public record Query(InetSocketAddress target, Name name, int type, boolean recursionDesired,
    boolean dnssecOk, int attempts, Duration attemptTimeout, long deadlineNanos,
    @Nullable ClientSubnet clientSubnet) {
  /** A query without a client subnet. */
  public Query(InetSocketAddress target, Name name, int type, boolean recursionDesired,
      boolean dnssecOk, int attempts, Duration attemptTimeout, long deadlineNanos) {
    this(target, name, type, recursionDesired, dnssecOk, attempts, attemptTimeout, deadlineNanos,
        null);
  }

  /** Checks the arguments. */
  public Query {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException("attemptTimeout must be positive");
    }
  }
}
