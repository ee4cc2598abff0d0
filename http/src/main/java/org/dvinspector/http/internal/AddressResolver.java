package org.dvinspector.http.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.dvinspector.DomainName;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;
import org.dvinspector.spi.ModuleServices;
import org.jspecify.annotations.Nullable;

/**
 * Finds the addresses of the domain and of redirect targets: with the host's lookup if it gave
 * one, else the {@code dns} module's (the CA's view), else the JDK's resolver on the executor.
 * One instance per check run: each name is looked up once, and every lookup ends by the deadline.
 */
public final class AddressResolver {
  private static final Perspective SYSTEM_RESOLVER = Perspective.builder()
      .kind(Perspective.Kind.RECURSIVE_RESOLVER)
      .name("system resolver")
      .build();

  private final ModuleServices services;
  private final @Nullable HostAddressLookup hostLookup;
  private final InspectionContext context;
  private final Budgets budgets;
  private final Map<DomainName, CompletableFuture<HostAddresses>> memo = new ConcurrentHashMap<>();
  private final Set<DomainName> cutByDeadline = ConcurrentHashMap.newKeySet();

  /** A resolver for one check run. */
  public AddressResolver(ModuleServices services, @Nullable HostAddressLookup hostLookup,
      InspectionContext context, Budgets budgets) {
    this.services = services;
    this.hostLookup = hostLookup;
    this.context = context;
    this.budgets = budgets;
  }

  /** Whether the lookup of {@code name} was given up at the inspection deadline. */
  public boolean cutByDeadline(DomainName name) {
    return cutByDeadline.contains(name);
  }

  /** The addresses of {@code name}; completes normally, by the deadline. */
  public CompletableFuture<HostAddresses> resolve(DomainName name) {
    return memo.computeIfAbsent(name, this::lookup);
  }

  private CompletableFuture<HostAddresses> lookup(DomainName name) {
    Optional<HostAddressLookup> lookup = hostLookup != null ? Optional.of(hostLookup)
        : services.capability(HostAddressLookup.class);
    CompletableFuture<HostAddresses> started;
    try {
      started = lookup.isPresent()
          ? lookup.get().lookup(name, context).toCompletableFuture()
          : CompletableFuture.supplyAsync(() -> systemLookup(name), services.executor());
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<HostAddresses> out = new CompletableFuture<>();
    Duration budget = budgets.step();
    ScheduledFuture<?> timer = services.scheduler().schedule(() -> {
      cutByDeadline.add(name);
      out.complete(failed(name, "the lookup did not finish before the inspection deadline"));
    }, Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS);
    CompletableFuture<?> unused = started.whenComplete((addresses, error) -> {
      timer.cancel(false);
      if (error != null || addresses == null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        out.complete(failed(name, "the lookup failed: "
            + (cause == null ? "no result" : Fetcher.describe(cause))));
      } else {
        out.complete(addresses);
      }
    });
    return out;
  }

  private HostAddresses systemLookup(DomainName name) {
    long t0 = System.nanoTime();
    HostAddresses.Builder b = HostAddresses.builder().name(name);
    try {
      InetAddress[] all = InetAddress.getAllByName(name.ascii());
      for (InetAddress a : all) {
        if (a instanceof Inet6Address) {
          b.addIpv6(a);
        } else {
          b.addIpv4(a);
        }
      }
      HostAddresses out = b.build();
      context.observe(Observation.of(SYSTEM_RESOLVER, "A/AAAA " + name, Observation.Outcome.ANSWER,
          out.all().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(" ")),
          Duration.ofNanos(System.nanoTime() - t0)));
      return out;
    } catch (UnknownHostException e) {
      // The JDK does not tell NXDOMAIN from a failed lookup; report it as not resolvable.
      context.observe(Observation.of(SYSTEM_RESOLVER, "A/AAAA " + name,
          Observation.Outcome.NEGATIVE, "no address (" + Text.escape(String.valueOf(e.getMessage()))
              + ")", Duration.ofNanos(System.nanoTime() - t0)));
      return b.failure("the system resolver found no address").build();
    }
  }

  private static HostAddresses failed(DomainName name, String why) {
    return HostAddresses.builder().name(name).failure(why).build();
  }
}
