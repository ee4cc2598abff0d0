package org.dvinspector.dns.internal.resolve;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.dvinspector.dns.internal.dnssec.DnssecValidator;
import org.dvinspector.dns.internal.dnssec.TrustAnchors;
import org.dvinspector.dns.internal.dnssec.ZoneKeys;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The chain of trust of one inspection (RFC 4035 §5): each zone's keys, from the trust anchor
 * down, the DS of each cut read from the parent's referral (or asked of the parent when the
 * referral has neither DS nor proof), the DNSKEY asked of the zone's servers. Keys are learned once
 * per zone and inspection, the moment the walk reaches the zone, beside the questions asked there;
 * those of the root and of public-suffix zones are kept across inspections like their referrals.
 */
final class Chain {
  private final Resolution r;
  private final DnssecValidator validator;
  private final TrustAnchors anchors;
  private final Map<Name, CompletableFuture<ZoneKeys>> keys = new ConcurrentHashMap<>();

  Chain(Resolution r, DnssecValidator validator, TrustAnchors anchors) {
    this.r = r;
    this.validator = validator;
    this.anchors = anchors;
  }

  DnssecValidator validator() {
    return validator;
  }

  /** The keys of {@code d}'s zone (started at once, shared by every walk of the inspection). */
  CompletableFuture<ZoneKeys> keysOf(Delegation d) {
    CompletableFuture<ZoneKeys> known = keys.get(d.zone());
    if (known != null) {
      return known;
    }
    CompletableFuture<ZoneKeys> mine = new CompletableFuture<>();
    known = keys.putIfAbsent(d.zone(), mine);
    if (known != null) {
      return known;
    }
    compute(d).whenComplete((k, e) -> mine.complete(k != null ? k
        : ZoneKeys.unavailable(d.zone(), "the keys of " + Records.show(d.zone())
            + " could not be learned: " + e)));
    return mine;
  }

  private CompletableFuture<ZoneKeys> compute(Delegation d) {
    Name zone = d.zone();
    Optional<ZoneKeys> cached = r.resolver.cache.keys(zone);
    if (cached.isPresent()) {
      return CompletableFuture.completedFuture(cached.get());
    }
    // Asked at once, beside the walk's question; judged when the DS is known.
    CompletableFuture<@Nullable Message> dnskey = ask(d, zone, Type.DNSKEY);
    if (anchors.zones().contains(zone)) {
      return dnskey.thenCompose(m -> judged(d, m, message ->
          validator.anchoredKeys(anchors, zone, message)));
    }
    if (zone.equals(Name.root)) {
      return CompletableFuture.completedFuture(DnssecValidator.withoutAnchor(zone));
    }
    Delegation parent = d.parent() != null ? d.parent()
        : r.closest(new Name(zone, 1), java.util.Set.of());
    CompletableFuture<ZoneKeys> parentKeys = keysOf(parent);
    Asked referral = d.referral();
    CompletableFuture<@Nullable Message> ds = referral != null && provesDs(referral.message(), zone)
        ? CompletableFuture.completedFuture(referral.message())
        // A referral without DS and without proof (or no referral at all: the parent's servers
        // answered from the child): ask the parent for the DS itself before concluding.
        : ask(parent, zone, Type.DS);
    return parentKeys.thenCombine(ds, DsStep::new)
        .thenCompose(both -> {
          Message dsResponse = both.response();
          if (dsResponse == null) {
            return CompletableFuture.completedFuture(
                Optional.<org.dvinspector.dns.internal.dnssec.Delegation>empty());
          }
          ZoneKeys pk = both.parentKeys();
          org.dvinspector.dns.internal.dnssec.Delegation first =
              validator.delegation(zone, dsResponse, pk);
          if (!first.result().isBogus() || !pk.isSecure()) {
            return CompletableFuture.completedFuture(Optional.of(first));
          }
          // This parent server's DS is bogus: a validating resolver asks the others.
          return askValid(parent, zone, Type.DS, m -> validator.delegation(zone, m, pk),
              x -> !x.result().isBogus(), first).thenApply(Optional::of);
        })
        .thenCompose(found -> {
          if (found.isEmpty()) {
            return CompletableFuture.completedFuture(ZoneKeys.unavailable(zone,
                "no server of the parent of " + Records.show(zone) + " answered DS"));
          }
          org.dvinspector.dns.internal.dnssec.Delegation del = found.get();
          if (!del.isSecure()) {
            return CompletableFuture.completedFuture(keep(d, null,
                ZoneKeys.untrusted(del.result())));
          }
          return dnskey.thenCompose(m -> judged(d, m, message -> validator.zoneKeys(del, message)));
        });
  }

  /** The parent's keys and its answer about the DS. */
  private record DsStep(ZoneKeys parentKeys, @Nullable Message response) {}

  /**
   * The keys from the first server's DNSKEY answer; when they are bogus, the other servers'
   * answers, as a validating resolver retries (the first valid set wins; all bogus stays bogus).
   */
  private CompletableFuture<ZoneKeys> judged(Delegation d, @Nullable Message first,
      java.util.function.Function<Message, ZoneKeys> judge) {
    if (first == null) {
      return CompletableFuture.completedFuture(ZoneKeys.unavailable(d.zone(), "no server of "
          + Records.show(d.zone()) + " answered DNSKEY"));
    }
    ZoneKeys k = judge.apply(first);
    if (!k.result().isBogus()) {
      return CompletableFuture.completedFuture(keep(d, first, k));
    }
    return askValid(d, d.zone(), Type.DNSKEY, judge, x -> !x.result().isBogus(), k)
        .thenApply(best -> keep(d, null, best));
  }

  /**
   * Asks {@code name}/{@code type} of {@code d}'s servers one after another until one answer
   * judges well; {@code fallback} when none does.
   */
  private <T> CompletableFuture<T> askValid(Delegation d, Name name, int type,
      java.util.function.Function<Message, T> judge, java.util.function.Predicate<T> good,
      T fallback) {
    Map<Asked, T> judged = new ConcurrentHashMap<>();
    return Hedge.ask(r, d, name, type, a -> {
      Message m = a.message();
      if (m == null || !Walk.isAuthoritativeConclusive(a)) {
        return false;
      }
      T t = judge.apply(m);
      judged.put(a, t);
      return good.test(t);
    }, false, 0).thenApply(h -> {
      Asked w = h.winner();
      T t = w == null ? null : judged.get(w);
      return t != null ? t : fallback;
    });
  }

  /** Whether a referral carries the DS of {@code zone} or an NSEC/NSEC3 proof about it. */
  private static boolean provesDs(@Nullable Message m, Name zone) {
    if (m == null) {
      return false;
    }
    for (Record rec : m.getSection(Section.AUTHORITY)) {
      if ((rec.getType() == Type.DS && rec.getName().equals(zone))
          || rec.getType() == Type.NSEC || rec.getType() == Type.NSEC3) {
        return true;
      }
    }
    return false;
  }

  /** One server's authoritative answer to {@code name}/{@code type} (hedged), or null. */
  private CompletableFuture<@Nullable Message> ask(Delegation d, Name name, int type) {
    return Hedge.ask(r, d, name, type, Walk::isAuthoritativeConclusive, false, 0)
        .thenApply(h -> {
          Asked w = h.winner();
          return w == null ? null : w.message();
        });
  }

  /** Keeps the keys of the root and of public-suffix zones across inspections. */
  private ZoneKeys keep(Delegation d, @Nullable Message dnskey, ZoneKeys k) {
    if (r.policy.cacheTopLevelReferrals() && r.isPublicSuffixOrRoot(d.zone())
        && (k.isSecure() || k.result().isInsecure())) {
      long ttl = 3600;
      if (dnskey != null) {
        for (Record rec : dnskey.getSection(Section.ANSWER)) {
          if (rec.getType() == Type.DNSKEY) {
            ttl = Math.min(ttl, Records.ttl(rec.getTTL()));
          }
        }
      }
      r.resolver.cache.putKeys(d.zone(), k, ttl);
    }
    return k;
  }
}
