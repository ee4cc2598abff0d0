package org.dvinspector.dns.internal.dnssec;

import java.util.List;
import org.immutables.value.Value;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;

/**
 * A zone's keys as validation left them: when {@link #result()} is secure, {@link #keys()} is the
 * zone's validated DNSKEY RRset (RFC 4035 §5.2: every key in it is trusted once one key the DS or
 * anchor names has signed it). Otherwise {@link #keys()} is empty and the result says why: an
 * insecure zone makes everything below it insecure, a bogus one makes it bogus.
 */
@Value.Immutable
public abstract class ZoneKeys {
  /** The zone apex. */
  public abstract Name zone();

  /** The trusted keys (zone keys, protocol 3); empty unless {@link #isSecure()}. */
  public abstract List<DNSKEYRecord> keys();

  /** How the keys were judged. */
  public abstract DnssecResult result();

  /** Whether the keys are trusted. */
  public boolean isSecure() {
    return result().isSecure();
  }

  /** Keys that are not trusted, for the reason in {@code result}. */
  public static ZoneKeys untrusted(DnssecResult result) {
    return ImmutableZoneKeys.builder().zone(result.zone()).result(result).build();
  }

  /** The keys of an insecure zone (below an unsigned delegation or without an anchor). */
  public static ZoneKeys insecure(Name zone, DnssecReason reason, String detail) {
    if (reason.security() != Security.INSECURE) {
      throw new IllegalArgumentException(reason + " is not an insecure reason");
    }
    return untrusted(DnssecResult.start(reason, zone, detail).build());
  }

  /**
   * Keys that could not be judged: the servers of {@code zone} did not give what validation needs
   * (no DNSKEY or DS answer at all). Answers under them are indeterminate, not bogus: the servers
   * failed, and that is reported as their failure.
   */
  public static ZoneKeys unavailable(Name zone, String why) {
    return untrusted(DnssecResult.start(DnssecReason.INCOMPLETE, zone, why).build());
  }

  static ZoneKeys trusted(Name zone, List<DNSKEYRecord> keys, DnssecResult result) {
    return ImmutableZoneKeys.builder().zone(zone).keys(keys).result(result).build();
  }

  @Value.Check
  void check() {
    if (result().isSecure() == keys().isEmpty()) {
      throw new IllegalStateException("trusted keys exist exactly when the result is secure");
    }
  }

  @Override
  public String toString() {
    return "ZoneKeys " + zone() + " " + result();
  }
}
