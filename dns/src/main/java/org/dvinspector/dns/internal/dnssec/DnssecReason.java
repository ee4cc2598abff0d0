package org.dvinspector.dns.internal.dnssec;

import java.util.Optional;
import org.dvinspector.FindingCode;

/** Why a {@link DnssecResult} is what it is; each reason belongs to one {@link Security}. */
public enum DnssecReason {
  // ---------------------------------------------------------------- secure
  /** Every signature on the way verified. */
  VALIDATED(Security.SECURE),

  // ---------------------------------------------------------------- insecure
  /** No trust anchor covers the name: nothing is validated (a lab without anchors). */
  NO_TRUST_ANCHOR(Security.INSECURE),
  /** The parent proved that no DS exists for the zone (RFC 4035 §5.2): an unsigned delegation. */
  UNSIGNED_DELEGATION(Security.INSECURE),
  /**
   * An NSEC3 opt-out span covers the name: an unsigned delegation may exist there, so nothing
   * can be proved (RFC 5155 §6, §8.6).
   */
  NSEC3_OPT_OUT(Security.INSECURE),
  /**
   * The DS (or trust anchor) names only algorithms this validator does not implement (RFC 4035
   * §5.2, RFC 6840 §5.2): treated like a proven absence of DS.
   */
  UNSUPPORTED_ALGORITHM(Security.INSECURE),
  /** The DS records use only digest types this validator does not implement (RFC 6840 §5.2). */
  UNSUPPORTED_DIGEST(Security.INSECURE),
  /**
   * The NSEC3 records use more iterations than validators accept (RFC 9276 §3.2; see {@link
   * Algorithms#MAX_NSEC3_ITERATIONS}): the answer is treated as insecure.
   */
  NSEC3_ITERATIONS_ABOVE_LIMIT(Security.INSECURE),

  // ---------------------------------------------------------------- bogus
  /** The parent's DS records match none of the zone's DNSKEYs (key tags named). */
  DS_WITHOUT_MATCHING_DNSKEY(Security.BOGUS),
  /** The parent has DS records but the zone serves no DNSKEY RRset while it signs its data. */
  DNSKEY_MISSING(Security.BOGUS),
  /** The parent has DS records but the zone is not signed at all (no DNSKEY, no RRSIG). */
  DS_FOR_UNSIGNED_ZONE(Security.BOGUS),
  /** The data is signed by a key (key tag named) that the zone's validated DNSKEY RRset lacks. */
  SIGNING_KEY_MISSING(Security.BOGUS),
  /** The only signatures have expired (dates given). */
  SIGNATURE_EXPIRED(Security.BOGUS),
  /** The only signatures are not valid yet (dates given). */
  SIGNATURE_NOT_YET_VALID(Security.BOGUS),
  /** A signature does not verify with the key it names. */
  SIGNATURE_INVALID(Security.BOGUS),
  /** A signed zone gave the data without any RRSIG: an answer unsigned in a signed zone. */
  SIGNATURE_MISSING(Security.BOGUS),
  /** A negative answer from a signed zone came without NSEC or NSEC3 records. */
  DENIAL_MISSING(Security.BOGUS),
  /** NSEC or NSEC3 records came but do not prove what the answer claims. */
  DENIAL_INVALID(Security.BOGUS),
  /** DNSSEC records that break the rules (signer outside the zone, label count, ...). */
  MALFORMED(Security.BOGUS),

  // ---------------------------------------------------------------- indeterminate
  /** The records needed were not obtained (server failure, not asked yet). */
  INCOMPLETE(Security.INDETERMINATE);

  private final Security security;

  DnssecReason(Security security) {
    this.security = security;
  }

  /** The outcome this reason belongs to. */
  public Security security() {
    return security;
  }

  /**
   * The finding this reason becomes in a report: each bogus reason its own code (the umbrella
   * {@link FindingCode#DNSSEC_BOGUS} for malformed records), every insecure reason {@link
   * FindingCode#DNSSEC_INSECURE_DELEGATION}, no trust anchor {@link
   * FindingCode#DNSSEC_UNVALIDATED}; none for a secure or indeterminate result (a server that
   * failed has its own DNS findings).
   */
  public Optional<FindingCode> findingCode() {
    FindingCode code = switch (this) {
      case VALIDATED, INCOMPLETE -> null;
      case NO_TRUST_ANCHOR -> FindingCode.DNSSEC_UNVALIDATED;
      case UNSIGNED_DELEGATION, NSEC3_OPT_OUT, UNSUPPORTED_ALGORITHM, UNSUPPORTED_DIGEST,
          NSEC3_ITERATIONS_ABOVE_LIMIT -> FindingCode.DNSSEC_INSECURE_DELEGATION;
      case DS_WITHOUT_MATCHING_DNSKEY -> FindingCode.DNSSEC_DS_KEY_MISMATCH;
      case DNSKEY_MISSING, SIGNING_KEY_MISSING -> FindingCode.DNSSEC_DNSKEY_MISSING;
      case DS_FOR_UNSIGNED_ZONE -> FindingCode.DNSSEC_DS_FOR_UNSIGNED_ZONE;
      case SIGNATURE_EXPIRED -> FindingCode.DNSSEC_SIGNATURE_EXPIRED;
      case SIGNATURE_NOT_YET_VALID -> FindingCode.DNSSEC_SIGNATURE_NOT_YET_VALID;
      case SIGNATURE_INVALID -> FindingCode.DNSSEC_SIGNATURE_INVALID;
      case SIGNATURE_MISSING -> FindingCode.DNSSEC_UNSIGNED_ANSWER;
      case DENIAL_MISSING, DENIAL_INVALID -> FindingCode.DNSSEC_DENIAL_PROOF_INVALID;
      case MALFORMED -> FindingCode.DNSSEC_BOGUS;
    };
    return Optional.ofNullable(code);
  }
}
