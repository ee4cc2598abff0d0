package org.dvinspector.dns.internal.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dvinspector.TrustAnchor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The trust anchors of one inspection as dnsjava records, by zone: where each chain of trust
 * starts (RFC 4035 §5, "a validator ... starts from a trust anchor"). Built from the {@link
 * org.dvinspector.NetworkPolicy#trustAnchors()}; empty means DNSSEC is not validated.
 */
public final class TrustAnchors {
  private static final TrustAnchors ROOT = of(TrustAnchor.rootAnchors());

  private final Map<Name, List<TrustAnchor>> byZone;

  private TrustAnchors(Map<Name, List<TrustAnchor>> byZone) {
    this.byZone = byZone;
  }

  /** The anchors of {@code anchors}, grouped by zone. */
  public static TrustAnchors of(Collection<TrustAnchor> anchors) {
    Map<Name, List<TrustAnchor>> m = new LinkedHashMap<>();
    for (TrustAnchor a : anchors) {
      m.computeIfAbsent(name(a.zone()), n -> new ArrayList<>()).add(a);
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return new TrustAnchors(Map.copyOf(m));
  }

  /** The root anchors shipped with the inspector ({@link TrustAnchor#rootAnchors()}). */
  public static TrustAnchors root() {
    return ROOT;
  }

  /**
   * Anchors from anchor-file text (zone-file DS or DNSKEY lines, or IANA's root-anchors.xml).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TrustAnchors parse(String text) {
    return of(TrustAnchor.parse(text));
  }

  /** Whether there is no anchor at all (DNSSEC not validated). */
  public boolean isEmpty() {
    return byZone.isEmpty();
  }

  /** The zones that have anchors. */
  public Set<Name> zones() {
    return byZone.keySet();
  }

  /**
   * The deepest zone with an anchor that is {@code name} or one of its ancestors: where the
   * chain for {@code name} starts. Empty when no anchor covers it (the name is then insecure,
   * {@link DnssecReason#NO_TRUST_ANCHOR}).
   */
  public Optional<Name> closestAnchor(Name name) {
    for (int drop = 0; drop < name.labels(); drop++) {
      Name candidate = drop == 0 ? name : new Name(name, drop);
      if (byZone.containsKey(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The DS anchors of {@code zone} valid at {@code now}. */
  public List<DSRecord> ds(Name zone, Instant now) {
    List<DSRecord> out = new ArrayList<>();
    for (TrustAnchor a : byZone.getOrDefault(zone, List.of())) {
      if (a.kind() == TrustAnchor.Kind.DS && a.isValidAt(now)) {
        out.add(new DSRecord(zone, DClass.IN, 0, a.keyTag(), a.algorithm(),
            a.digestType().orElseThrow(), a.digestBytes()));
      }
    }
    return out;
  }

  /** The DNSKEY anchors of {@code zone} valid at {@code now}. */
  public List<DNSKEYRecord> dnskeys(Name zone, Instant now) {
    List<DNSKEYRecord> out = new ArrayList<>();
    for (TrustAnchor a : byZone.getOrDefault(zone, List.of())) {
      if (a.kind() == TrustAnchor.Kind.DNSKEY && a.isValidAt(now)) {
        out.add(new DNSKEYRecord(zone, DClass.IN, 0, a.flags().orElseThrow(),
            TrustAnchor.PROTOCOL, a.algorithm(), a.publicKeyBytes()));
      }
    }
    return out;
  }

  private static Name name(String zone) {
    try {
      return Name.fromString(zone);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("Not a zone name: " + zone, e);
    }
  }

  @Override
  public String toString() {
    return "TrustAnchors " + byZone.values();
  }
}
