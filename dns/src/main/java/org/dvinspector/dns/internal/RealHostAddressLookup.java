package org.dvinspector.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainName;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * A and AAAA the CA's way: asked of every address of every authoritative server of the name's
 * zone (found iteratively), CNAMEs followed. The addresses served by any server are all returned,
 * because the CA may be given any of them. When the authoritative servers cannot be asked at all
 * from here, the recursive resolvers' answer is used.
 */
public final class RealHostAddressLookup implements HostAddressLookup {
  /** Most aliases followed (resolvers cap alias chains; longer ones fail at the CA too). */
  public static final int MAX_ALIASES = 8;

  private final RealCaDnsView view;

  /** A lookup through {@code view}. */
  public RealHostAddressLookup(RealCaDnsView view) {
    this.view = view;
  }

  @Override
  public CompletionStage<HostAddresses> lookup(DomainName name, InspectionContext context) {
    return follow(name, name, new ArrayList<>(), context);
  }

  private CompletableFuture<HostAddresses> follow(DomainName original, DomainName current,
      List<DomainName> chain, InspectionContext context) {
    return view.findZone(current, context).toCompletableFuture().thenCompose(zone -> {
      if (zone.networkUnavailable()) {
        return recursive(original, current, chain, zone, context);
      }
      if (zone.nameservers().stream().allMatch(ns -> ns.addresses().isEmpty())) {
        boolean tldMissing = zone.problem().map(p -> p.contains("does not exist")).orElse(false);
        return CompletableFuture.completedFuture(HostAddresses.builder()
            .name(original)
            .aliasChain(chain)
            .nameMissing(tldMissing)
            .failure("the zone of " + current + " could not be found"
                + zone.problem().map(p -> ": " + p).orElse(""))
            .build());
      }
      CompletableFuture<List<ServerAnswer>> v6 =
          view.askAuthoritative(zone, current, Type.AAAA, context).toCompletableFuture();
      CompletableFuture<List<ServerAnswer>> v4 =
          view.askAuthoritative(zone, current, Type.A, context).toCompletableFuture();
      return v6.thenCombine(v4, (six, four) -> new Pair(six, four)).thenCompose(pair -> {
        List<ServerAnswer> all = new ArrayList<>(pair.six);
        all.addAll(pair.four);
        List<ServerAnswer> conclusive = new ArrayList<>();
        for (ServerAnswer a : all) {
          if (a.isConclusive() && a.authoritative()) {
            conclusive.add(a);
          }
        }
        if (conclusive.isEmpty()) {
          return CompletableFuture.completedFuture(HostAddresses.builder()
              .name(original)
              .aliasChain(chain)
              .failure("no authoritative server of " + zone.zone() + " answered for " + current
                  + " (" + summary(all) + ")")
              .build());
        }
        Optional<DomainName> alias = aliasOf(current, conclusive);
        List<InetAddress> six = addresses(current, pair.six, Type.AAAA);
        List<InetAddress> four = addresses(current, pair.four, Type.A);
        if (alias.isPresent() && six.isEmpty() && four.isEmpty()) {
          DomainName target = alias.get();
          if (target.equals(original) || chain.contains(target) || chain.size() >= MAX_ALIASES) {
            chain.add(target);
            return CompletableFuture.completedFuture(HostAddresses.builder()
                .name(original)
                .aliasChain(chain)
                .failure(chain.size() > MAX_ALIASES ? "the CNAME chain is longer than "
                    + MAX_ALIASES + " aliases" : "the CNAME chain loops back to " + target)
                .build());
          }
          chain.add(target);
          return follow(original, target, chain, context);
        }
        boolean missing = conclusive.stream().allMatch(a -> a.outcome() == Outcome.NXDOMAIN);
        return CompletableFuture.completedFuture(HostAddresses.builder()
            .name(original)
            .aliasChain(chain)
            .ipv6(six)
            .ipv4(four)
            .nameMissing(missing)
            .build());
      });
    });
  }

  private record Pair(List<ServerAnswer> six, List<ServerAnswer> four) {}

  private CompletableFuture<HostAddresses> recursive(DomainName original, DomainName current,
      List<DomainName> chain, ZoneCut zone, InspectionContext context) {
    CompletableFuture<List<ServerAnswer>> v6 =
        view.askRecursive(current, Type.AAAA, context).toCompletableFuture();
    CompletableFuture<List<ServerAnswer>> v4 =
        view.askRecursive(current, Type.A, context).toCompletableFuture();
    return v6.thenCombine(v4, (six, four) -> {
      Set<InetAddress> s6 = new LinkedHashSet<>();
      Set<InetAddress> s4 = new LinkedHashSet<>();
      List<DomainName> aliases = new ArrayList<>(chain);
      boolean conclusive = false;
      boolean missing = true;
      List<ServerAnswer> all = new ArrayList<>(six);
      all.addAll(four);
      for (ServerAnswer a : all) {
        if (!a.isConclusive()) {
          continue;
        }
        conclusive = true;
        missing &= a.outcome() == Outcome.NXDOMAIN;
        for (Record r : a.answer()) {
          if (r instanceof AAAARecord aaaa) {
            s6.add(aaaa.getAddress());
          } else if (r instanceof ARecord a4) {
            s4.add(a4.getAddress());
          } else if (r instanceof CNAMERecord cname) {
            Names.toDomain(cname.getTarget()).ifPresent(t -> {
              if (!aliases.contains(t)) {
                aliases.add(t);
              }
            });
          }
        }
      }
      HostAddresses.Builder b = HostAddresses.builder().name(original).aliasChain(aliases);
      if (!conclusive) {
        return b.failure("neither the authoritative servers ("
            + zone.problem().orElse("unreachable") + ") nor the recursive resolvers ("
            + summary(all) + ") answered").build();
      }
      return b.ipv6(new ArrayList<>(s6)).ipv4(new ArrayList<>(s4)).nameMissing(missing).build();
    });
  }

  private static Optional<DomainName> aliasOf(DomainName name, List<ServerAnswer> answers) {
    for (ServerAnswer a : answers) {
      for (Record r : a.answer()) {
        if (r instanceof CNAMERecord cname
            && Names.toDomain(r.getName()).map(name::equals).orElse(false)) {
          return Names.toDomain(cname.getTarget());
        }
      }
    }
    return Optional.empty();
  }

  private static List<InetAddress> addresses(
      DomainName name, List<ServerAnswer> answers, int type) {
    Set<InetAddress> out = new LinkedHashSet<>();
    for (ServerAnswer a : answers) {
      if (!a.authoritative() || a.outcome() != Outcome.ANSWER) {
        continue;
      }
      for (Record r : a.answer()) {
        if (r.getType() != type || !Names.toDomain(r.getName()).map(name::equals).orElse(false)) {
          continue;
        }
        out.add(r instanceof ARecord v4 ? v4.getAddress() : ((AAAARecord) r).getAddress());
      }
    }
    return new ArrayList<>(out);
  }

  static String summary(List<ServerAnswer> answers) {
    if (answers.isEmpty()) {
      return "no server to ask";
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ServerAnswer a : answers) {
      counts.merge(a.outcome().name(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }
}
