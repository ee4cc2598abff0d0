package org.dvinspector.dns.internal.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * Checks an RRset's signatures with a set of keys (RFC 4035 §5.3): an RRSIG counts when its
 * signer is the zone of the keys, its label count fits the owner, a key with its key tag and
 * algorithm exists, and dnsjava's {@link DNSSEC#verify} accepts it at {@code now}. One good
 * signature suffices (RFC 6840 §5.11: no algorithm may be required beyond one good path).
 */
final class Signatures {
  private Signatures() {}

  /**
   * Verifies {@code rrset} (with its RRSIGs attached, as {@link
   * org.xbill.DNS.Message#getSectionRRsets} returns them) with the trusted {@code keys} of
   * {@code zone}. A failure names the most telling problem: a validity date before a bad
   * signature, a bad signature before a missing key.
   */
  static DnssecResult verify(RRset rrset, Name zone, Collection<DNSKEYRecord> keys, Instant now) {
    return verify(rrset, zone, keys, SignatureCheck.uncached(now));
  }

  /** {@link #verify(RRset, Name, Collection, Instant)} with the outcomes of {@code check}. */
  static DnssecResult verify(RRset rrset, Name zone, Collection<DNSKEYRecord> keys,
      SignatureCheck check) {
    Instant now = check.now();
    Name owner = rrset.getName();
    int type = rrset.getType();
    String what = owner + "/" + Type.string(type);
    List<RRSIGRecord> sigs = rrset.sigs();
    if (sigs.isEmpty()) {
      return result(DnssecReason.SIGNATURE_MISSING, zone, rrset, now,
          what + " has no RRSIG although " + zone + " is signed").build();
    }
    if (!owner.subdomain(zone)) {
      return result(DnssecReason.MALFORMED, zone, rrset, now,
          what + " is outside the zone " + zone + " whose keys were given").build();
    }
    int ownerLabels = owner.labels() - 1 - (owner.isWild() ? 1 : 0); // RFC 4034 §3.1.3
    Failure best = null;
    int checks = 0;
    for (RRSIGRecord sig : sigs) {
      if (!sig.getSigner().equals(zone)) {
        best = Failure.worse(best, new Failure(DnssecReason.MALFORMED, sig,
            "the RRSIG's signer " + sig.getSigner() + " is not the zone " + zone));
        continue;
      }
      if (sig.getLabels() > ownerLabels) {
        best = Failure.worse(best, new Failure(DnssecReason.MALFORMED, sig,
            "the RRSIG's label count " + sig.getLabels() + " exceeds the owner's " + ownerLabels));
        continue;
      }
      List<DNSKEYRecord> candidates = new ArrayList<>();
      for (DNSKEYRecord k : keys) {
        if (k.getFootprint() == sig.getFootprint() && k.getAlgorithm() == sig.getAlgorithm()) {
          candidates.add(k);
        }
      }
      if (candidates.isEmpty()) {
        best = Failure.worse(best, new Failure(DnssecReason.SIGNING_KEY_MISSING, sig,
            "signed by key tag " + sig.getFootprint() + " (algorithm "
                + Algorithms.algorithmName(sig.getAlgorithm()) + "), which the DNSKEY RRset of "
                + zone + " does not contain"));
        continue;
      }
      for (DNSKEYRecord key : candidates) {
        if (++checks > Algorithms.MAX_SIGNATURE_CHECKS) {
          return failed(zone, rrset, now, what, Failure.worse(best, new Failure(
              DnssecReason.MALFORMED, sig, "more than " + Algorithms.MAX_SIGNATURE_CHECKS
                  + " signature checks would be needed (key tag collisions)")));
        }
        Failure f = check(rrset, sig, key, check);
        if (f == null) {
          DnssecResult.Builder ok = result(DnssecReason.VALIDATED, zone, rrset, now,
              what + " verified with key tag " + key.getFootprint())
              .addKeyTags(key.getFootprint())
              .signatureInception(sig.getTimeSigned())
              .signatureExpiration(sig.getExpire());
          if (sig.getLabels() < ownerLabels) {
            // Synthesized from a wildcard (RFC 4035 §5.3.4): the owner minus the extra labels.
            ok.wildcard(owner.wild(ownerLabels - sig.getLabels()));
          }
          return ok.build();
        }
        best = Failure.worse(best, f);
      }
    }
    return failed(zone, rrset, now, what, best);
  }

  private static @Nullable Failure check(RRset rrset, RRSIGRecord sig, DNSKEYRecord key,
      SignatureCheck check) {
    Instant now = check.now();
    try {
      check.verify(rrset, sig, key);
      return null;
    } catch (DNSSEC.SignatureExpiredException e) {
      return new Failure(DnssecReason.SIGNATURE_EXPIRED, sig, "the RRSIG by key tag "
          + sig.getFootprint() + " expired at " + sig.getExpire() + " (checked at " + now + ")");
    } catch (DNSSEC.SignatureNotYetValidException e) {
      return new Failure(DnssecReason.SIGNATURE_NOT_YET_VALID, sig, "the RRSIG by key tag "
          + sig.getFootprint() + " is valid only from " + sig.getTimeSigned() + " (checked at "
          + now + ")");
    } catch (DNSSEC.UnsupportedAlgorithmException e) {
      return new Failure(DnssecReason.SIGNATURE_INVALID, sig, "the RRSIG's algorithm "
          + Algorithms.algorithmName(sig.getAlgorithm()) + " cannot be verified here");
    } catch (DNSSEC.DNSSECException | RuntimeException e) {
      // SignatureVerificationException, a malformed key or signature: it does not verify.
      return new Failure(DnssecReason.SIGNATURE_INVALID, sig, "the RRSIG by key tag "
          + sig.getFootprint() + " does not verify with that key");
    }
  }

  private static DnssecResult failed(Name zone, RRset rrset, Instant now, String what,
      @Nullable Failure f) {
    if (f == null) {
      return result(DnssecReason.SIGNATURE_MISSING, zone, rrset, now,
          what + " has no usable RRSIG").build();
    }
    DnssecResult.Builder b = result(f.reason, zone, rrset, now, what + ": " + f.detail)
        .addKeyTags(f.sig.getFootprint());
    if (f.reason == DnssecReason.SIGNATURE_EXPIRED
        || f.reason == DnssecReason.SIGNATURE_NOT_YET_VALID) {
      b.signatureInception(f.sig.getTimeSigned()).signatureExpiration(f.sig.getExpire());
    }
    return b.build();
  }

  private static DnssecResult.Builder result(DnssecReason reason, Name zone, RRset rrset,
      Instant now, String detail) {
    return DnssecResult.start(reason, zone, detail).name(rrset.getName())
        .type(rrset.getType()).checkedAt(now);
  }

  /** One signature's problem; the ranking says which to report when all fail. */
  private static final class Failure {
    final DnssecReason reason;
    final RRSIGRecord sig;
    final String detail;

    Failure(DnssecReason reason, RRSIGRecord sig, String detail) {
      this.reason = reason;
      this.sig = sig;
      this.detail = detail;
    }

    /** Dates first (the most actionable), then a bad signature, a missing key, malformed data. */
    private int rank() {
      return switch (reason) {
        case SIGNATURE_EXPIRED, SIGNATURE_NOT_YET_VALID -> 4;
        case SIGNATURE_INVALID -> 3;
        case SIGNING_KEY_MISSING -> 2;
        default -> 1;
      };
    }

    static Failure worse(@Nullable Failure a, Failure b) {
      return a == null || b.rank() > a.rank() ? b : a;
    }
  }
}
