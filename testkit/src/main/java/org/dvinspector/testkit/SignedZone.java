package org.dvinspector.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dvinspector.testkit.internal.DnssecKeys;
import org.dvinspector.testkit.internal.Records;
import org.dvinspector.testkit.internal.ZoneSigner;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * A signed zone of a {@link DnsLab} ({@link DnsLab#dnssec(String)}): its keys, and switches that
 * break its DNSSEC on purpose, on every server of the zone at once. Each switch publishes the
 * zone again at once (same serial); {@link #reset()} (or {@link DnsLab#reset()}) undoes them all.
 * For one server only, see {@link TestDnsServer#serveStaleSignatures(String, StaleSignatures)}
 * and {@link DnsFault#unsignedAnswers()}.
 */
public final class SignedZone {
  private final TestZone zone;
  private final ZoneSigner signer;
  private final @Nullable TestZone parent;
  private final Set<String> unsigned = new HashSet<>();

  SignedZone(TestZone zone, ZoneSigner signer, @Nullable TestZone parent) {
    this.zone = zone;
    this.signer = signer;
    this.parent = parent;
  }

  /** The zone's name. */
  public Name name() {
    return zone.name();
  }

  /** The key-signing key's DNSKEY record (flags 257); the parent's DS names it. */
  public DNSKEYRecord ksk() {
    return signer.ksk().dnskey();
  }

  /** The zone-signing key's DNSKEY record (flags 256); it signs the zone's data. */
  public DNSKEYRecord zsk() {
    return signer.zsk().dnskey();
  }

  /** The DS record the parent holds for the zone (SHA-256 of the KSK). */
  public DSRecord ds() {
    return signer.ksk().ds();
  }

  /** Every signature expired a day before the lab started. */
  public SignedZone expireSignatures() {
    signer.setValidity(ZoneSigner.Validity.EXPIRED);
    return republish();
  }

  /** Every signature becomes valid only a day after the lab started. */
  public SignedZone signaturesNotYetValid() {
    signer.setValidity(ZoneSigner.Validity.NOT_YET_VALID);
    return republish();
  }

  /** The KSK leaves the DNSKEY RRset (the parent's DS then matches no key). */
  public SignedZone dropKsk() {
    signer.setDropped(true, false);
    return republish();
  }

  /** The ZSK leaves the DNSKEY RRset (the data is signed by a key the zone no longer shows). */
  public SignedZone dropZsk() {
    signer.setDropped(false, true);
    return republish();
  }

  /** No DNSKEY RRset at all, while the data stays signed. */
  public SignedZone dropAllDnskeys() {
    signer.setDropped(true, true);
    return republish();
  }

  /**
   * Serves the RRset {@code name}/{@code type} (name relative to the zone, {@code @} for the apex)
   * without RRSIG: an answer unsigned in a signed zone.
   */
  public SignedZone unsignedRRset(String name, String type) {
    unsigned.add(ZoneSigner.key(Records.relative(name, zone.name()), Records.type(type)));
    signer.setUnsigned(unsigned);
    return republish();
  }

  /** Negative answers and referrals without DS come without NSEC or NSEC3 records. */
  public SignedZone omitDenialProofs() {
    signer.setOmitDenial(true);
    return republish();
  }

  /**
   * DNSSEC turned off at the DNS host while the DS stays at the parent: the zone is served
   * unsigned (no DNSKEY, no RRSIG, no NSEC) and the parent still has the DS.
   */
  public SignedZone stopSigning() {
    signer.setOff(true);
    return republish();
  }

  /**
   * The parent's DS names a key the zone does not have (a registrar holding the DS of a key the
   * DNS host replaced).
   *
   * @throws IllegalStateException for the root, which has no parent
   */
  public SignedZone wrongDsAtParent() {
    TestZone p = requireParent();
    DSRecord wrong = DnssecKeys.generate(zone.name(), signer.algorithm(), DnssecKeys.KSK_FLAGS).ds();
    p.replace(zone.name().toString(), Type.DS, wrong.toString());
    return this;
  }

  /** The parent drops the DS: the zone becomes an island, insecure from the root. */
  public SignedZone removeDsAtParent() {
    requireParent().removeAll(zone.name().toString(), Type.DS);
    return this;
  }

  /** Back to a correctly signed zone with the right DS at the parent. */
  public SignedZone reset() {
    unsigned.clear();
    signer.reset();
    republish();
    TestZone p = parent;
    if (p != null && !p.records(zone.name().toString(), Type.DS).equals(List.of(ds()))) {
      p.replace(zone.name().toString(), Type.DS, ds().toString());
    }
    return this;
  }

  private TestZone requireParent() {
    TestZone p = parent;
    if (p == null) {
      throw new IllegalStateException("The root has no parent; change the lab's trust anchor instead");
    }
    return p;
  }

  private SignedZone republish() {
    zone.republish();
    return this;
  }

  @Override
  public String toString() {
    return "SignedZone " + zone.name() + " KSK " + ksk().getFootprint() + " ZSK "
        + zsk().getFootprint() + (signer.isOn() ? "" : " (signing stopped)");
  }
}
