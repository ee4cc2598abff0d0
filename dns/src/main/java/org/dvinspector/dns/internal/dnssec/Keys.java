package org.dvinspector.dns.internal.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.dvinspector.TrustAnchor;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Validates a zone's DNSKEY RRset from the DS records its parent signed (or from trust anchors)
 * (RFC 4035 §5.2): a DS names a key by key tag, algorithm and digest; the key it names must sign
 * the DNSKEY RRset; then every key of that RRset is trusted.
 */
final class Keys {
  private Keys() {}

  /**
   * The zone's keys from its parent's validated DS records and its DNSKEY RRset (with RRSIGs).
   *
   * @param ds the DS RRset of {@code zone}, already validated with the parent's keys
   * @param dnskeys the zone's DNSKEY RRset with its RRSIGs; empty when the zone served none
   * @param zoneSigned whether the zone shows any sign of being signed (RRSIGs or NSEC/NSEC3 in its
   *     answers); only consulted when it serves no DNSKEY, to tell {@link
   *     DnssecReason#DS_FOR_UNSIGNED_ZONE} from {@link DnssecReason#DNSKEY_MISSING}
   */
  static ZoneKeys fromDs(Name zone, Collection<DSRecord> ds, RRset dnskeys, boolean zoneSigned,
      Instant now) {
    return fromDs(zone, ds, dnskeys, zoneSigned, SignatureCheck.uncached(now));
  }

  /** {@link #fromDs(Name, Collection, RRset, boolean, Instant)} with the outcomes of {@code check}. */
  static ZoneKeys fromDs(Name zone, Collection<DSRecord> ds, RRset dnskeys, boolean zoneSigned,
      SignatureCheck check) {
    Instant now = check.now();
    if (ds.isEmpty()) {
      return ZoneKeys.insecure(zone, DnssecReason.UNSIGNED_DELEGATION,
          "the parent has no DS record for " + zone);
    }
    List<DSRecord> usable = usable(ds);
    if (usable.isEmpty()) {
      boolean anyAlgorithm = ds.stream().anyMatch(d -> Algorithms.supportsAlgorithm(d.getAlgorithm()));
      return ZoneKeys.untrusted(DnssecResult.start(
          anyAlgorithm ? DnssecReason.UNSUPPORTED_DIGEST : DnssecReason.UNSUPPORTED_ALGORITHM,
          zone, "the DS records of " + zone + " use only " + (anyAlgorithm
              ? "digest types " + ds.stream().map(d -> Integer.toString(d.getDigestID()))
                  .distinct().collect(Collectors.joining(", "))
              : "algorithms " + ds.stream().map(d -> Algorithms.algorithmName(d.getAlgorithm()))
                  .distinct().collect(Collectors.joining(", ")))
              + " that validators do not implement (RFC 6840 §5.2): treated as unsigned")
          .keyTags(tags(ds)).type(Type.DS).name(zone).checkedAt(now).build());
    }
    List<DNSKEYRecord> all = keyRecords(dnskeys);
    if (all.isEmpty()) {
      DnssecReason r = zoneSigned ? DnssecReason.DNSKEY_MISSING : DnssecReason.DS_FOR_UNSIGNED_ZONE;
      return ZoneKeys.untrusted(DnssecResult.start(r, zone, zoneSigned
              ? "the parent has DS records (key tags " + tags(usable) + ") for " + zone
                  + " but the zone serves no DNSKEY RRset"
              : "the parent has DS records (key tags " + tags(usable) + ") for " + zone
                  + " but the zone is not signed (no DNSKEY, no RRSIG)")
          .keyTags(tags(usable)).name(zone).type(Type.DNSKEY).checkedAt(now).build());
    }
    List<DNSKEYRecord> entry = new ArrayList<>();
    for (DNSKEYRecord k : all) {
      if (isZoneKey(k) && usable.stream().anyMatch(d -> matches(d, k))) {
        entry.add(k);
      }
    }
    if (entry.isEmpty()) {
      return ZoneKeys.untrusted(DnssecResult.start(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY,
              zone, "the DS records at the parent (key tags " + tags(usable) + ") match none of "
                  + zone + "'s DNSKEYs (key tags " + tags(all) + ")")
          .keyTags(tags(usable)).name(zone).type(Type.DNSKEY).checkedAt(now).build());
    }
    return signedBy(zone, dnskeys, entry, check);
  }

  /**
   * The zone's keys from trust anchors (DS or DNSKEY form) and its DNSKEY RRset: as {@link
   * #fromDs}, with DNSKEY anchors matched on the key itself (RFC 4035 §5, RFC 5011 §2).
   */
  static ZoneKeys fromAnchors(Name zone, List<DSRecord> dsAnchors,
      List<DNSKEYRecord> keyAnchors, RRset dnskeys, SignatureCheck check) {
    Instant now = check.now();
    if (dsAnchors.isEmpty() && keyAnchors.isEmpty()) {
      return ZoneKeys.insecure(zone, DnssecReason.NO_TRUST_ANCHOR,
          "no trust anchor for " + zone + " is valid now");
    }
    List<DNSKEYRecord> supportedKeyAnchors = keyAnchors.stream()
        .filter(k -> Algorithms.supportsAlgorithm(k.getAlgorithm())).collect(Collectors.toList());
    List<DNSKEYRecord> all = keyRecords(dnskeys);
    List<DSRecord> usableDs = usable(dsAnchors);
    if (supportedKeyAnchors.isEmpty() && usableDs.isEmpty()) {
      return ZoneKeys.insecure(zone, DnssecReason.UNSUPPORTED_ALGORITHM,
          "the trust anchors of " + zone + " use only algorithms or digests not implemented");
    }
    if (all.isEmpty()) {
      return ZoneKeys.untrusted(DnssecResult.start(DnssecReason.DNSKEY_MISSING, zone,
              zone + " serves no DNSKEY RRset to match its trust anchors")
          .name(zone).type(Type.DNSKEY).checkedAt(now).build());
    }
    List<DNSKEYRecord> entry = new ArrayList<>();
    for (DNSKEYRecord k : all) {
      boolean anchored = supportedKeyAnchors.stream().anyMatch(a ->
          a.getAlgorithm() == k.getAlgorithm() && a.getFlags() == k.getFlags()
              && Arrays.equals(a.getKey(), k.getKey()))
          || usableDs.stream().anyMatch(d -> matches(d, k));
      if (isZoneKey(k) && anchored) {
        entry.add(k);
      }
    }
    if (entry.isEmpty()) {
      List<Integer> anchorTags = new ArrayList<>(tags(usableDs));
      supportedKeyAnchors.forEach(k -> anchorTags.add(k.getFootprint()));
      return ZoneKeys.untrusted(DnssecResult.start(DnssecReason.DS_WITHOUT_MATCHING_DNSKEY,
              zone, "the trust anchors (key tags " + anchorTags + ") match none of " + zone
                  + "'s DNSKEYs (key tags " + tags(all) + ")")
          .keyTags(anchorTags).name(zone).type(Type.DNSKEY).checkedAt(now).build());
    }
    return signedBy(zone, dnskeys, entry, check);
  }

  /** The DNSKEY RRset must verify with one of the entry keys; then all its zone keys are trusted. */
  private static ZoneKeys signedBy(Name zone, RRset dnskeys, List<DNSKEYRecord> entry,
      SignatureCheck check) {
    Instant now = check.now();
    RRset keysOnly = new RRset(dnskeys);
    DnssecResult r = Signatures.verify(keysOnly, zone, entry, check);
    if (!r.isSecure()) {
      if (r.reason() == DnssecReason.SIGNING_KEY_MISSING
          || r.reason() == DnssecReason.SIGNATURE_MISSING) {
        // The keys the DS names exist but none of them signed the DNSKEY RRset.
        r = DnssecResult.start(r.reason(), zone, "the DNSKEY RRset of " + zone
                + " is not signed by a key the DS (or anchor) names (key tags "
                + tags(entry) + "): " + r.detail())
            .name(zone).type(Type.DNSKEY).keyTags(r.keyTags()).checkedAt(now).build();
      }
      return ZoneKeys.untrusted(r);
    }
    List<DNSKEYRecord> trusted = keyRecords(dnskeys).stream()
        .filter(Keys::isZoneKey).collect(Collectors.toList());
    return ZoneKeys.trusted(zone, trusted, DnssecResult.start(DnssecReason.VALIDATED, zone,
            "the DNSKEY RRset of " + zone + " is signed by key tag " + r.keyTags()
                + ", which the DS (or anchor) names; trusted keys " + tags(trusted))
        .name(zone).type(Type.DNSKEY).keyTags(r.keyTags()).checkedAt(now)
        .signatureInception(r.signatureInception()).signatureExpiration(r.signatureExpiration())
        .build());
  }

  /**
   * The DS records this validator can use: supported algorithm and digest, and no SHA-1 digest
   * when a SHA-256 or SHA-384 one is present (RFC 4509 §3).
   */
  static List<DSRecord> usable(Collection<DSRecord> ds) {
    List<DSRecord> out = ds.stream()
        .filter(d -> Algorithms.supportsAlgorithm(d.getAlgorithm())
            && Algorithms.supportsDigest(d.getDigestID()))
        .collect(Collectors.toList());
    boolean strong = out.stream().anyMatch(d -> d.getDigestID() != DNSSEC.Digest.SHA1);
    if (strong) {
      out.removeIf(d -> d.getDigestID() == DNSSEC.Digest.SHA1);
    }
    return out;
  }

  /** Whether {@code ds} names {@code key}: key tag, algorithm and digest (RFC 4034 §5.1.4). */
  static boolean matches(DSRecord ds, DNSKEYRecord key) {
    if (ds.getFootprint() != key.getFootprint() || ds.getAlgorithm() != key.getAlgorithm()
        || !ds.getName().equals(key.getName())) {
      return false;
    }
    try {
      DSRecord computed = new DSRecord(key.getName(), DClass.IN, 0, ds.getDigestID(), key);
      return Arrays.equals(computed.getDigest(), ds.getDigest());
    } catch (RuntimeException e) {
      return false; // a digest type dnsjava cannot compute: no match
    }
  }

  /** A zone key with the DNSSEC protocol (RFC 4034 §2.1.1, §2.1.2); others never sign zone data. */
  static boolean isZoneKey(DNSKEYRecord k) {
    return (k.getFlags() & TrustAnchor.ZONE_KEY_FLAG) != 0
        && k.getProtocol() == TrustAnchor.PROTOCOL;
  }

  static List<DNSKEYRecord> keyRecords(RRset dnskeys) {
    List<DNSKEYRecord> out = new ArrayList<>();
    if (dnskeys.size() == 0) {
      return out;
    }
    for (Record r : dnskeys.rrs(false)) {
      if (r instanceof DNSKEYRecord k) {
        out.add(k);
      }
    }
    return out;
  }

  static List<Integer> tags(Collection<? extends Record> records) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Record r : records) {
      if (r instanceof DSRecord d) {
        out.add(d.getFootprint());
      } else if (r instanceof DNSKEYRecord k) {
        out.add(k.getFootprint());
      }
    }
    return List.copyOf(out);
  }
}
