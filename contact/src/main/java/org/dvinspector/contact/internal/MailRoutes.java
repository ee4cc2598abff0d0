package org.dvinspector.contact.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.dvinspector.AddressScope;
import org.dvinspector.DomainName;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;

/**
 * Finds the {@link MailRoute} of mail domains the way a sending mail server does (RFC 5321 §5.1):
 * MX at the domain from every authoritative server; a null MX (RFC 7505 §3: one MX with
 * preference 0 and the root as exchange) means no mail; no MX means the domain's own address;
 * each mail host's A/AAAA addresses through the {@code dns} module, non-public ones unusable (the
 * CA's mail server, on the internet, cannot reach them). Each domain is looked up once.
 */
final class MailRoutes {
  private final Lookups lookups;
  private final HostAddressLookup addresses;
  private final InspectionContext context;
  private final NetworkPolicy policy;
  private final Map<DomainName, CompletableFuture<MailRoute>> memo = new ConcurrentHashMap<>();

  MailRoutes(Lookups lookups, HostAddressLookup addresses, InspectionContext context,
      NetworkPolicy policy) {
    this.lookups = lookups;
    this.addresses = addresses;
    this.context = context;
    this.policy = policy;
  }

  /** The route of mail to {@code domain}. */
  CompletableFuture<MailRoute> route(DomainName domain) {
    return memo.computeIfAbsent(domain, this::find);
  }

  private CompletableFuture<MailRoute> find(DomainName domain) {
    return lookups.seen(domain, RecordType.MX).thenCompose(mx -> {
      if (mx.failed()) {
        // A name under no delegated zone does not exist, as NXDOMAIN says it for a name in one.
        return done(domain, mx.inspectorsOwn() ? MailRoute.Kind.INSPECTOR
            : mx.zone().failure() == ZoneCut.Failure.NOT_DELEGATED ? MailRoute.Kind.NO_DOMAIN
            : MailRoute.Kind.LOOKUP_FAILED, mx, List.of());
      }
      if (mx.nameMissing()) {
        return done(domain, MailRoute.Kind.NO_DOMAIN, mx, List.of());
      }
      List<DnsRecord> records = mx.distinctRecords();
      if (records.isEmpty()) {
        return exchange(0, domain).thenApply(e -> new MailRoute(domain,
            e.addresses().all().isEmpty() ? MailRoute.Kind.NO_ADDRESS : MailRoute.Kind.IMPLICIT,
            mx, List.of(e)));
      }
      if (records.stream().anyMatch(MailRoutes::isNullMx)) {
        return done(domain, MailRoute.Kind.NULL_MX, mx, List.of());
      }
      List<DnsRecord> sorted = new ArrayList<>(records);
      sorted.sort(Comparator.comparingInt(MailRoutes::preference));
      List<CompletableFuture<MailRoute.Exchange>> hosts = new ArrayList<>();
      for (DnsRecord r : sorted) {
        Optional<DomainName> host = r.target().flatMap(DomainName::tryParse);
        if (host.isPresent()) {
          hosts.add(exchange(preference(r), host.get()));
        }
      }
      return CompletableFuture.allOf(hosts.toArray(new CompletableFuture<?>[0]))
          .thenApply(v -> new MailRoute(domain, MailRoute.Kind.MX, mx,
              hosts.stream().map(CompletableFuture::join).collect(Collectors.toList())));
    });
  }

  private static CompletableFuture<MailRoute> done(DomainName d, MailRoute.Kind kind, Seen mx,
      List<MailRoute.Exchange> exchanges) {
    return CompletableFuture.completedFuture(new MailRoute(d, kind, mx, exchanges));
  }

  private CompletableFuture<MailRoute.Exchange> exchange(int preference, DomainName host) {
    CompletableFuture<HostAddresses> lookup;
    try {
      lookup = addresses.lookup(host, context).toCompletableFuture();
    } catch (RuntimeException e) {
      lookup = CompletableFuture.completedFuture(HostAddresses.builder().name(host)
          .failure("the lookup failed").build());
    }
    return lookup.thenApply(a -> {
      List<InetAddress> usable = new ArrayList<>();
      List<String> refused = new ArrayList<>();
      for (InetAddress ip : a.all()) {
        if (policy.permits(ip)) {
          usable.add(ip);
        } else {
          refused.add(ip.getHostAddress() + " (" + AddressScope.of(ip).label() + ")");
        }
      }
      Optional<String> problem = Optional.empty();
      if (a.all().isEmpty()) {
        problem = Optional.of(a.failure().orElse(a.nameMissing() ? host + " does not exist"
            : host + " has no A or AAAA record"));
      } else if (usable.isEmpty()) {
        problem = Optional.of(host + " has only non-public addresses: "
            + String.join(", ", refused));
      }
      return new MailRoute.Exchange(preference, host, a, usable, problem,
          !a.aliasChain().isEmpty());
    });
  }

  /** RFC 7505 §3: preference 0 and the root as exchange. */
  static boolean isNullMx(DnsRecord r) {
    return preference(r) == 0 && r.target().map(t -> t.equals(".") || t.isEmpty()).orElse(false);
  }

  /** The MX preference, from the record's presentation form ({@code 10 mail.example.com.}). */
  static int preference(DnsRecord r) {
    String data = r.data().strip();
    int space = data.indexOf(' ');
    try {
      return Integer.parseInt(space < 0 ? data : data.substring(0, space));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
