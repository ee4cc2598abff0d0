package org.dvinspector.dns;

import java.util.Optional;

/** The record types the inspector asks for, with their codes (IANA DNS parameters). */
public enum RecordType {
  /** An IPv4 address (RFC 1035). */
  A(1),
  /** A nameserver (RFC 1035). */
  NS(2),
  /** An alias (RFC 1035). */
  CNAME(5),
  /** Start of authority (RFC 1035). */
  SOA(6),
  /** Mail exchange (RFC 1035). */
  MX(15),
  /** Text strings (RFC 1035). */
  TXT(16),
  /** An IPv6 address (RFC 3596). */
  AAAA(28),
  /** A subtree alias (RFC 6672). */
  DNAME(39),
  /** Delegation signer (RFC 4034). */
  DS(43),
  /** A DNSSEC signature (RFC 4034). */
  RRSIG(46),
  /** DNSSEC authenticated denial (RFC 4034). */
  NSEC(47),
  /** A DNSSEC zone key (RFC 4034). */
  DNSKEY(48),
  /** Hashed authenticated denial (RFC 5155). */
  NSEC3(50),
  /** Certification authority authorization (RFC 8659). */
  CAA(257);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The type's code, e.g. 16 for TXT. */
  public int code() {
    return code;
  }

  /** The type with {@code code}, when it is one of these. */
  public static Optional<RecordType> of(int code) {
    for (RecordType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
