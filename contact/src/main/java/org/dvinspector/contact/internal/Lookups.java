package org.dvinspector.contact.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dvinspector.DomainName;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.Lookup;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.spi.InspectionContext;
import org.jspecify.annotations.Nullable;

/**
 * The contact module's questions, through the inspection's one resolution ({@link CaDnsView}):
 * every authoritative server of the name's zone asked, CNAMEs followed as a CA's resolver follows
 * them (at most {@value #MAX_ALIASES}), each name and type asked once per check run.
 */
final class Lookups {
  /** Most aliases followed. */
  static final int MAX_ALIASES = 8;

  private final CaDnsView dns;
  private final InspectionContext context;
  private final Map<String, CompletableFuture<Seen>> memo = new ConcurrentHashMap<>();

  Lookups(CaDnsView dns, InspectionContext context) {
    this.dns = dns;
    this.context = context;
  }

  /** {@code name}/{@code type} from every authoritative server, aliases followed. */
  CompletableFuture<Seen> seen(DomainName name, RecordType type) {
    return memo.computeIfAbsent(name.ascii() + "/" + type,
        k -> follow(name, type, name, new ArrayList<>()));
  }

  private CompletableFuture<Seen> follow(DomainName original, RecordType type, DomainName current,
      List<DomainName> chain) {
    return dns.lookup(current, type, context).toCompletableFuture().thenCompose((Lookup l) -> {
      Seen here = new Seen(original, type, l.zone(), l.answers(), List.copyOf(chain));
      if (!l.zone().found()) {
        return CompletableFuture.completedFuture(here);
      }
      DomainName target = aliasTarget(current, type, l.answers());
      if (target == null || chain.size() >= MAX_ALIASES || chain.contains(target)
          || target.equals(original)) {
        return CompletableFuture.completedFuture(here);
      }
      chain.add(target);
      return follow(original, type, target, chain);
    });
  }

  /**
   * The CNAME target of {@code name}, when authoritative servers serve one and no record of the
   * type at the name itself.
   */
  private static @Nullable DomainName aliasTarget(DomainName name, RecordType type,
      List<ServerAnswer> answers) {
    for (ServerAnswer a : answers) {
      if (!a.isConclusive()) {
        continue;
      }
      boolean direct = false;
      @Nullable DomainName cname = null;
      for (DnsRecord r : a.answer()) {
        if (r.isOwnedBy(name.ascii()) && r.is(type)) {
          direct = true;
        }
        if (r.isOwnedBy(name.ascii()) && r.is(RecordType.CNAME)) {
          cname = r.target().flatMap(DomainName::tryParse).orElse(null);
        }
      }
      if (!direct && cname != null) {
        return cname;
      }
    }
    return null;
  }
}
