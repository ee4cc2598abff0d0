package org.dvinspector.dns.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainName;
import org.dvinspector.dns.CaDnsView;
import org.dvinspector.dns.Lookup;
import org.dvinspector.dns.NameServer;
import org.dvinspector.dns.RecordType;
import org.dvinspector.dns.ServerAnswer;
import org.dvinspector.dns.ZoneCut;
import org.dvinspector.dns.internal.resolve.Asked;
import org.dvinspector.dns.internal.resolve.Resolution;
import org.dvinspector.dns.internal.resolve.Resolver;
import org.dvinspector.dns.internal.resolve.Target;
import org.dvinspector.dns.internal.resolve.Walked;
import org.dvinspector.spi.InspectionContext;
import org.xbill.DNS.Type;

/** The module's {@link CaDnsView}: each inspection's questions go through its one resolution. */
public final class DnsView implements CaDnsView {
  private final Resolver resolver;

  /** A view over {@code resolver}. */
  public DnsView(Resolver resolver) {
    this.resolver = resolver;
  }

  /** The resolution of {@code context}'s inspection. */
  public Resolution resolution(InspectionContext context) {
    return resolver.resolution(context);
  }

  /** The resolver. */
  public Resolver resolver() {
    return resolver;
  }

  @Override
  public CompletionStage<Lookup> lookup(DomainName name, RecordType type,
      InspectionContext context) {
    return resolution(context).lookup(Names.toName(name), type.code()).thenApply(DnsView::toLookup);
  }

  @Override
  public CompletionStage<ZoneCut> findZone(DomainName name, InspectionContext context) {
    // SOA at any name is answered by the zone that holds it, with the apex in a negative answer.
    return resolution(context).lookup(Names.toName(name), Type.SOA)
        .thenApply(w -> toLookup(w).zone());
  }

  @Override
  public CompletionStage<List<ServerAnswer>> askAuthoritative(ZoneCut zone, DomainName name,
      RecordType type, InspectionContext context) {
    return resolution(context).askEvery(targets(zone), Names.toName(name), type.code(), false)
        .thenApply(DnsView::answers);
  }

  @Override
  public CompletionStage<List<ServerAnswer>> askRecursive(DomainName name, RecordType type,
      InspectionContext context) {
    return resolution(context).askRecursive(Names.toName(name), type.code())
        .thenApply(DnsView::answers);
  }

  /** One server of {@code zone} after another (hedged) until one answers conclusively. */
  public CompletableFuture<Optional<ServerAnswer>> askAny(ZoneCut zone, DomainName name,
      RecordType type, InspectionContext context) {
    return resolution(context).askAny(targets(zone), Names.toName(name), type.code())
        .thenApply(a -> a.map(Asked::answer));
  }

  /** Every address of every nameserver of {@code zone}, once each. */
  public static List<Target> targets(ZoneCut zone) {
    List<Target> out = new ArrayList<>();
    Set<InetAddress> seen = new HashSet<>();
    for (NameServer ns : zone.nameservers()) {
      for (InetAddress a : ns.addresses()) {
        if (seen.add(a)) {
          out.add(new Target(ns.name().ascii(), a, List.of()));
        }
      }
    }
    return out;
  }

  static List<ServerAnswer> answers(List<Asked> asked) {
    List<ServerAnswer> out = new ArrayList<>(asked.size());
    asked.forEach(a -> out.add(a.answer()));
    return out;
  }

  /** The public form of a walk's end. */
  public static Lookup toLookup(Walked w) {
    return Lookup.of(w.zoneCut(), answers(w.answers()));
  }
}
