package org.dvinspector.dns.internal.dnssec;

/** The four outcomes of DNSSEC validation (RFC 4033 §5, RFC 4035 §4.3). */
public enum Security {
  /** A chain of signed keys and records leads from a trust anchor to the data. */
  SECURE,
  /**
   * The parent proved that the zone is not signed (no DS), or the zone uses only algorithms or
   * digests validators do not support: the data is accepted without protection.
   */
  INSECURE,
  /**
   * The chain should be there and is broken (a signature expired or does not verify, a DS matches
   * no key, a proof is missing): a validating resolver answers SERVFAIL.
   */
  BOGUS,
  /** The records needed were not obtained (the server failed or was not asked): no verdict. */
  INDETERMINATE
}
