package org.dvinspector.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ServerAnswer.Outcome;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.resolve.Asked;
import org.dvinspector.dns.internal.resolve.Resolution;
import org.dvinspector.dns.internal.resolve.Walked;
import org.dvinspector.spi.HostAddressLookup;
import org.dvinspector.spi.HostAddresses;
import org.dvinspector.spi.InspectionContext;
import org.xbill.DNS.Type;

/**
 * A and AAAA the CA's way, through the inspection's one resolution: asked of every address of
 * every authoritative server of the name's zone, CNAMEs followed. The addresses served by any
 * server are all returned, because the CA may be given any of them. When the authoritative
 * servers cannot be asked at all from here, the recursive resolvers' answer is used.
 */
public final class AddressLookup implements HostAddressLookup {
  /** Most aliases followed (resolvers cap alias chains; longer ones fail at the CA too). */
  public static final int MAX_ALIASES = 8;

  private final DnsView view;

  /** A lookup through {@code view}. */
  public AddressLookup(DnsView view) {
    this.view = view;
  }

  @Override
  public CompletionStage<HostAddresses> lookup(DomainName name, InspectionContext context) {
    return follow(view.resolution(context), name, name, new ArrayList<>());
  }

  private CompletableFuture<HostAddresses> follow(Resolution r, DomainName original,
      DomainName current, List<DomainName> chain) {
    CompletableFuture<Walked> six = r.lookup(Names.toName(current), Type.AAAA);
    CompletableFuture<Walked> four = r.lookup(Names.toName(current), Type.A);
    return six.thenCombine(four, List::of).thenCompose(both -> {
      Walked w6 = both.get(0);
      Walked w4 = both.get(1);
      ZoneCut zone = w4.zoneCut();
      if (!w4.found() || !w6.found()) {
        Walked failed = w4.found() ? w6 : w4;
        ZoneCut z = failed.zoneCut();
        if (z.networkUnavailable()) {
          return recursive(r, original, current, chain, z);
        }
        return done(HostAddresses.builder()
            .name(original)
            .aliasChain(chain)
            .nameMissing(z.failure() == ZoneCut.Failure.NOT_DELEGATED)
            .failure("the zone of " + current + " could not be found"
                + z.problem().map(p -> ": " + p).orElse(""))
            .build());
      }
      List<ServerAnswer> all = new ArrayList<>();
      w6.answers().forEach(a -> all.add(a.answer()));
      w4.answers().forEach(a -> all.add(a.answer()));
      List<ServerAnswer> conclusive = new ArrayList<>();
      String bogus = null;
      for (ServerAnswer a : all) {
        if (a.isBogus()) {
          // A validating resolver discards a bogus answer (the DNSSEC finding says why).
          bogus = a.dnssecProblem().orElse("bogus");
        } else if (a.isConclusive() && a.authoritative()) {
          conclusive.add(a);
        }
      }
      if (conclusive.isEmpty() && bogus != null) {
        return done(HostAddresses.builder()
            .name(original)
            .aliasChain(chain)
            .failure("DNSSEC validation of the addresses of " + current + " fails at every"
                + " server: " + bogus)
            .build());
      }
      if (conclusive.isEmpty()) {
        return done(HostAddresses.builder()
            .name(original)
            .aliasChain(chain)
            .failure("no authoritative server of " + zone.zone() + " answered for " + current
                + " (" + summary(all) + ")")
            .build());
      }
      Optional<DomainName> alias = aliasOf(current, conclusive);
      List<InetAddress> v6 = addresses(current, w6.answers(), RecordType.AAAA);
      List<InetAddress> v4 = addresses(current, w4.answers(), RecordType.A);
      if (alias.isPresent() && v6.isEmpty() && v4.isEmpty()) {
        DomainName target = alias.get();
        if (target.equals(original) || chain.contains(target) || chain.size() >= MAX_ALIASES) {
          chain.add(target);
          return done(HostAddresses.builder()
              .name(original)
              .aliasChain(chain)
              .failure(chain.size() > MAX_ALIASES ? "the CNAME chain is longer than "
                  + MAX_ALIASES + " aliases" : "the CNAME chain loops back to " + target)
              .build());
        }
        chain.add(target);
        return follow(r, original, target, chain);
      }
      boolean missing = conclusive.stream().allMatch(a -> a.outcome() == Outcome.NXDOMAIN);
      List<Long> causes = new ArrayList<>();
      for (ServerAnswer a : all) {
        if (a.observation() != 0) {
          causes.add(a.observation());
        }
      }
      return done(HostAddresses.builder()
          .name(original)
          .aliasChain(chain)
          .ipv6(v6)
          .ipv4(v4)
          .nameMissing(missing)
          .causes(causes)
          .build());
    });
  }

  private static CompletableFuture<HostAddresses> done(HostAddresses h) {
    return CompletableFuture.completedFuture(h);
  }

  private CompletableFuture<HostAddresses> recursive(Resolution r, DomainName original,
      DomainName current, List<DomainName> chain, ZoneCut zone) {
    CompletableFuture<List<Asked>> six = r.askRecursive(Names.toName(current), Type.AAAA);
    CompletableFuture<List<Asked>> four = r.askRecursive(Names.toName(current), Type.A);
    return six.thenCombine(four, (a, b) -> {
      Set<InetAddress> s6 = new LinkedHashSet<>();
      Set<InetAddress> s4 = new LinkedHashSet<>();
      List<DomainName> aliases = new ArrayList<>(chain);
      boolean conclusive = false;
      boolean missing = true;
      List<ServerAnswer> all = new ArrayList<>();
      a.forEach(x -> all.add(x.answer()));
      b.forEach(x -> all.add(x.answer()));
      List<Long> causes = new ArrayList<>();
      for (ServerAnswer s : all) {
        if (!s.isConclusive()) {
          continue;
        }
        conclusive = true;
        missing &= s.outcome() == Outcome.NXDOMAIN;
        if (s.observation() != 0) {
          causes.add(s.observation());
        }
        for (DnsRecord rec : s.answer()) {
          if (rec.is(RecordType.AAAA)) {
            rec.address().ifPresent(s6::add);
          } else if (rec.is(RecordType.A)) {
            rec.address().ifPresent(s4::add);
          } else if (rec.is(RecordType.CNAME)) {
            rec.target().flatMap(DomainName::tryParse).ifPresent(t -> {
              if (!aliases.contains(t)) {
                aliases.add(t);
              }
            });
          }
        }
      }
      HostAddresses.Builder h = HostAddresses.builder().name(original).aliasChain(aliases);
      if (!conclusive) {
        return h.failure("neither the authoritative servers ("
            + zone.problem().orElse("unreachable") + ") nor the recursive resolvers ("
            + summary(all) + ") answered").build();
      }
      return h.ipv6(new ArrayList<>(s6)).ipv4(new ArrayList<>(s4)).nameMissing(missing)
          .causes(causes).build();
    });
  }

  private static Optional<DomainName> aliasOf(DomainName name, List<ServerAnswer> answers) {
    for (ServerAnswer a : answers) {
      for (DnsRecord r : a.answer()) {
        if (r.is(RecordType.CNAME) && r.isOwnedBy(name.ascii())) {
          return r.target().flatMap(DomainName::tryParse);
        }
      }
    }
    return Optional.empty();
  }

  private static List<InetAddress> addresses(DomainName name, List<Asked> answers,
      RecordType type) {
    Set<InetAddress> out = new LinkedHashSet<>();
    for (Asked asked : answers) {
      ServerAnswer a = asked.answer();
      if (!a.authoritative() || a.outcome() != Outcome.ANSWER || a.isBogus()) {
        continue;
      }
      for (DnsRecord r : a.answer()) {
        if (r.is(type) && r.isOwnedBy(name.ascii())) {
          r.address().ifPresent(out::add);
        }
      }
    }
    return new ArrayList<>(out);
  }

  static String summary(List<ServerAnswer> answers) {
    if (answers.isEmpty()) {
      return "no server to ask";
    }
    java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (ServerAnswer a : answers) {
      counts.merge(a.outcome().name(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }
}
