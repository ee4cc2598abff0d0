package org.dvinspector.testkit;

/**
 * How one server of a signed zone serves stale DNSSEC data while the others are fine ({@link
 * TestDnsServer#serveStaleSignatures(String, StaleSignatures)}): the "one nameserver lags
 * behind" situation, where a validating resolver drops that server and asks another.
 */
public enum StaleSignatures {
  /** Its signatures expired before the lab started (a secondary that stopped transferring). */
  EXPIRED,
  /**
   * Its data is signed with an old zone-signing key that the zone's DNSKEY RRset no longer
   * holds (a server left behind after a key rollover).
   */
  OLD_KEY
}
