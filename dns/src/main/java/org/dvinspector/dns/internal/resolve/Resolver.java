package org.dvinspector.dns.internal.resolve;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.policy.PublicSuffixList;
import org.dvinspector.dns.internal.transport.Transport;
import org.dvinspector.spi.InspectionContext;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ResolverConfig;

/**
 * What the resolutions of one inspector share: the transport, the cache of top-level referrals,
 * the servers' round-trip times, and one {@link Resolution} per inspection.
 */
public final class Resolver implements AutoCloseable {
  final NetworkPolicy policy;
  final Transport transport;
  final Executor executor;
  final ScheduledExecutorService scheduler;
  final SharedCache cache = new SharedCache();
  final ServerStats stats = new ServerStats();
  final PublicSuffixList suffixes = PublicSuffixList.icann();
  private final Object systemResolversLock = new Object();
  private @Nullable List<InetSocketAddress> systemResolvers;

  /** A resolver for one inspector. */
  public Resolver(NetworkPolicy policy, Executor executor, ScheduledExecutorService scheduler) {
    this.policy = policy;
    this.executor = executor;
    this.scheduler = scheduler;
    this.transport = new Transport(policy, executor);
  }

  /** The network policy. */
  public NetworkPolicy policy() {
    return policy;
  }

  /** The executor completions run on. */
  public Executor executor() {
    return executor;
  }

  /** The resolution of one inspection, made on first use. */
  public Resolution resolution(InspectionContext context) {
    // Kept by the inspection itself, so it goes with it (a map here would keep every one).
    return context.shared(this, Resolution.class, () -> new Resolution(this, context));
  }

  /** The recursive resolvers: the policy's, or the system's (read once). */
  public List<InetSocketAddress> recursiveResolvers() {
    if (!policy.recursiveResolvers().isEmpty()) {
      return policy.recursiveResolvers();
    }
    synchronized (systemResolversLock) {
      if (systemResolvers == null) {
        // An instance, read once: the global ResolverConfig is not used for inspection.
        List<InetSocketAddress> found;
        try {
          found = List.copyOf(new ResolverConfig().servers());
        } catch (RuntimeException e) {
          found = List.of();
        }
        systemResolvers = found;
      }
      return systemResolvers;
    }
  }

  /** Referrals cached across inspections (for tests and diagnostics). */
  int cachedZones() {
    return cache.size();
  }

  @Override
  public void close() {
    transport.close();
  }
}
