package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.NameServer;
import org.dvinspector.dns.internal.Names;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A zone's own view of its nameservers, learned while the zone's servers are asked the real
 * question: its NS set (RFC 1034 §4.2.2: the child's set is authoritative, the parent's is a
 * copy), the address records it publishes for nameservers inside it, and the servers only it
 * lists. A CA's resolver may use either set and any address it learns, so every one of them is
 * asked; where the two sides differ, a finding says so.
 */
final class ZoneServers {
  /**
   * What the zone says of its servers.
   *
   * @param child the zone's own NS set with every address found
   * @param extraTargets addresses to ask beyond the parent's delegation: servers only the zone
   *     lists, and addresses the zone publishes that the parent's glue lacks
   * @param problem why the zone's own NS set could not be read, when it could not
   */
  record Info(List<NameServer> child, List<Target> extraTargets, Optional<String> problem) {
    Info {
      child = List.copyOf(child);
      extraTargets = List.copyOf(extraTargets);
    }
  }

  private final Resolution r;
  private final Delegation zone;
  private final String apex;

  ZoneServers(Resolution r, Delegation zone) {
    this.r = r;
    this.zone = zone;
    this.apex = Records.show(zone.zone());
  }

  CompletableFuture<Info> learn() {
    return Hedge.ask(r, zone, zone.zone(), Type.NS, Walk::isAuthoritativeConclusive, false, 0)
        .thenCompose(h -> {
          Asked w = h.winner();
          Message m = w == null ? null : w.message();
          if (w == null || m == null) {
            return done(new Info(List.of(), List.of(), Optional.of("the zone's own NS records"
                + " could not be read from its servers" + (h.tried().isEmpty() ? ""
                : " (" + Walk.summarize(h.tried()) + ")"))));
          }
          List<Name> names = new ArrayList<>();
          for (Record rec : m.getSection(Section.ANSWER)) {
            if (rec instanceof NSRecord ns && rec.getName().equals(zone.zone())) {
              Name t = ns.getTarget().canonicalize();
              if (!names.contains(t)) {
                names.add(t);
              }
            } else if (rec instanceof CNAMERecord c && rec.getName().equals(zone.zone())) {
              cnameAtApex(w, c);
            }
          }
          if (names.isEmpty()) {
            return done(new Info(List.of(), List.of(), Optional.of("the zone's servers list no"
                + " NS records for " + apex)));
          }
          return servers(names, w);
        });
  }

  private static CompletableFuture<Info> done(Info info) {
    return CompletableFuture.completedFuture(info);
  }

  /** One nameserver of the zone's own set, with where its addresses came from. */
  private record Listed(Name name, @Nullable Server parent, List<InetAddress> zoneAddresses,
      HostResult resolved) {}

  private CompletableFuture<Info> servers(List<Name> names, Asked nsAnswer) {
    Map<Name, Server> parent = new LinkedHashMap<>();
    zone.servers().forEach(s -> parent.put(s.name, s));
    List<CompletableFuture<Listed>> listed = new ArrayList<>();
    for (Name n : names) {
      Server p = parent.get(n);
      if (n.subdomain(zone.zone())) {
        // The zone publishes its in-zone servers' addresses itself: ask it, whatever the glue.
        CompletableFuture<List<Asked>> own = inZone(n, Type.AAAA, nsAnswer.answer().observation())
            .thenCombine(inZone(n, Type.A, nsAnswer.answer().observation()), (six, four) -> {
              List<Asked> both = new ArrayList<>(six);
              both.addAll(four);
              return both;
            });
        listed.add(own.thenCompose(answers -> {
          List<InetAddress> published = addresses(n, answers);
          List<Long> causes = new ArrayList<>();
          answers.forEach(a -> causes.add(a.answer().observation()));
          if (p != null) {
            return p.addresses.thenApply(h -> new Listed(n, p, published, h));
          }
          HostResult h = published.isEmpty()
              ? HostResult.failed("the zone publishes no A or AAAA record for it")
              : new HostResult(published, Optional.empty(), causes, List.of());
          return CompletableFuture.completedFuture(new Listed(n, null, published, h));
        }));
      } else if (p != null) {
        listed.add(p.addresses.thenApply(h -> new Listed(n, p, List.of(), h)));
      } else {
        listed.add(r.host(n, Set.of(), nsAnswer.answer().observation())
            .thenApply(h -> new Listed(n, null, List.of(), h)));
      }
    }
    return Resolution.allOf(listed).thenApply(all -> summarize(all, nsAnswer));
  }

  private CompletableFuture<List<Asked>> inZone(Name name, int type, long nsCause) {
    return Hedge.ask(r, zone, name, type, Walk::isAuthoritativeConclusive, false,
        nsCause)
        .thenApply(h -> {
          Asked w = h.winner();
          return w == null ? List.<Asked>of() : List.of(w);
        });
  }

  private static List<InetAddress> addresses(Name owner, List<Asked> answers) {
    List<InetAddress> out = new ArrayList<>();
    for (Asked a : answers) {
      Message m = a.message();
      if (m == null || !Walk.isAuthoritativeConclusive(a)) {
        continue;
      }
      for (Record rec : m.getSection(Section.ANSWER)) {
        if (!rec.getName().equals(owner)) {
          continue;
        }
        InetAddress addr = rec instanceof AAAARecord v6 ? v6.getAddress()
            : rec instanceof ARecord v4 ? v4.getAddress() : null;
        if (addr != null && !out.contains(addr)) {
          out.add(addr);
        }
      }
    }
    return out;
  }

  private Info summarize(List<Listed> all, Asked nsAnswer) {
    List<NameServer> child = new ArrayList<>();
    List<Target> extra = new ArrayList<>();
    long nsCause = nsAnswer.answer().observation();
    for (Listed l : all) {
      String label = Records.show(l.name());
      List<InetAddress> addresses = new ArrayList<>(l.resolved().addresses());
      List<InetAddress> onlyZone = new ArrayList<>();
      for (InetAddress a : l.zoneAddresses()) {
        if (!addresses.contains(a)) {
          addresses.add(a);
          onlyZone.add(a);
        }
      }
      Server p = l.parent();
      if (p != null && !p.glue.isEmpty() && !l.zoneAddresses().isEmpty()
          && !new LinkedHashSet<>(p.glue).equals(new LinkedHashSet<>(l.zoneAddresses()))) {
        glueMismatch(label, p.glue, l.zoneAddresses());
      }
      if (!l.resolved().aliases().isEmpty()) {
        nsIsAlias(label, l.resolved().aliases());
      }
      // Ask what the delegation did not give: every address of a server only the zone lists, and
      // the addresses the zone publishes beyond the glue.
      List<InetAddress> toAsk = p == null ? addresses : onlyZone;
      for (InetAddress a : toAsk) {
        List<Long> causes = new ArrayList<>();
        causes.add(nsCause);
        causes.addAll(l.resolved().causes());
        extra.add(new Target(label, a, causes));
      }
      Optional<DomainName> name = Names.toDomain(l.name());
      if (name.isPresent()) {
        child.add(NameServer.builder()
            .name(name.get())
            .addresses(addresses)
            .addressProblem(addresses.isEmpty() ? l.resolved().problem() : Optional.empty())
            .build());
      }
    }
    nsSetsDiffer(all);
    return new Info(child, extra, Optional.empty());
  }

  // ------------------------------------------------------------------ zone-level findings

  private void nsSetsDiffer(List<Listed> listed) {
    if (!zone.parentVisible()) {
      return;
    }
    Set<String> parent = new LinkedHashSet<>();
    zone.servers().forEach(s -> parent.add(s.label));
    Set<String> child = new LinkedHashSet<>();
    listed.forEach(l -> child.add(Records.show(l.name())));
    if (parent.equals(child) || !r.firstReport("ns-sets-differ " + apex)) {
      return;
    }
    Set<String> onlyParent = new LinkedHashSet<>(parent);
    onlyParent.removeAll(child);
    Set<String> onlyChild = new LinkedHashSet<>(child);
    onlyChild.removeAll(parent);
    String parentZone = zone.zone().labels() <= 2 ? "."
        : Records.show(new Name(zone.zone(), 1));
    r.context.report(Finding.builder(FindingCode.DNS_NS_SETS_DIFFER)
        .message("The parent zone " + parentZone + " delegates " + apex + " to " + join(parent)
            + ", but the zone's own NS records list " + join(child))
        .remedy("Make both lists the same: set the nameservers at the registrar (the delegation"
            + " in " + parentZone + ") and the NS records in the zone " + apex + " to one list"
            + (onlyParent.isEmpty() ? "" : "; only the parent lists " + join(onlyParent))
            + (onlyChild.isEmpty() ? "" : "; only the zone lists " + join(onlyChild))
            + ". CAs may ask servers from either list.")
        .attribute("zone", apex)
        .attribute("parent", join(parent))
        .attribute("child", join(child))
        .evidence(Perspective.inspector(), "delegation in " + parentZone + ": " + join(parent))
        .evidence(Perspective.inspector(), "NS records in " + apex + ": " + join(child))
        .build());
  }

  private void glueMismatch(String ns, List<InetAddress> glue, List<InetAddress> published) {
    if (!r.firstReport("glue-mismatch " + ns)) {
      return;
    }
    r.context.report(Finding.builder(FindingCode.DNS_GLUE_MISMATCH)
        .message("The parent's glue for " + Text.escape(ns) + " is " + show(glue) + ", but the zone "
            + apex + " publishes " + show(published) + " for it; CAs may use either, so every"
            + " address is asked")
        .remedy("Make the glue at the registrar (the parent zone's addresses for " + Text.escape(ns)
            + ") and the A/AAAA records of " + Text.escape(ns) + " in " + apex + " the same"
            + " addresses, every one of which serves the zone.")
        .attribute("nameserver", ns)
        .attribute("glue", show(glue))
        .attribute("published", show(published))
        .evidence(Perspective.inspector(), "glue in the parent: " + show(glue))
        .evidence(Perspective.inspector(), "address records in " + apex + ": " + show(published))
        .build());
  }

  private void nsIsAlias(String ns, List<String> aliases) {
    if (!r.firstReport("ns-alias " + ns)) {
      return;
    }
    String chain = Text.escape(ns) + " -> " + Text.escape(String.join(" -> ", aliases));
    r.context.report(Finding.builder(FindingCode.DNS_NS_IS_ALIAS)
        .message("The nameserver name " + Text.escape(ns) + " of " + apex + " is an alias ("
            + chain + "); RFC 2181 §10.3 forbids it, and resolvers differ in following it")
        .remedy("List the nameserver by its real host name (" + Text.escape(aliases.get(
            aliases.size() - 1)) + ") at the registrar and in the NS records of " + apex
            + ", or give " + Text.escape(ns) + " its own A/AAAA records instead of the CNAME.")
        .attribute("nameserver", ns)
        .attribute("chain", chain)
        .evidence(Perspective.inspector(), "address lookup of " + Text.escape(ns) + ": " + chain)
        .build());
  }

  private void cnameAtApex(Asked answer, CNAMERecord c) {
    if (!r.firstReport("apex-cname " + apex)) {
      return;
    }
    r.context.report(Finding.builder(FindingCode.DNS_CNAME_AT_ZONE_APEX)
        .message("The apex of the zone " + apex + " is an alias (CNAME to "
            + Text.escape(Names.show(c.getTarget())) + "): a CNAME cannot coexist with the zone's"
            + " SOA and NS records, and resolvers and CAs handle it differently")
        .remedy("Remove the CNAME at " + apex + " (the zone apex); use A/AAAA records there, or"
            + " your DNS provider's apex alias (ALIAS/ANAME/flattening) feature.")
        .attribute("zone", apex)
        .attribute("target", Names.show(c.getTarget()))
        .evidence(answer.answer().perspective(), Replies.describe(answer.answer()))
        .build());
  }

  private static String join(Set<String> names) {
    return String.join(", ", names);
  }

  private static String show(List<InetAddress> addresses) {
    List<String> out = new ArrayList<>();
    addresses.forEach(a -> out.add(a.getHostAddress()));
    return String.join(", ", out);
  }
}
