package org.dvinspector.dns.internal.dnssec;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;

/**
 * Signature verification at one instant, remembering outcomes: the same RRset with the same
 * RRSIG and key comes from every authoritative server of a zone (four servers answering the same
 * TXT cost one public-key operation, not four), and ECDSA P-256 verification is the costliest
 * step of validation on the JDK (see BENCHMARKS.md). The key is the exact signed data (RFC 4034
 * §3.1.8.1 form), the signature and the key, so a server with other data or other signatures is
 * checked on its own. Thread-safe; at most {@link #MAX_ENTRIES} outcomes are kept.
 */
final class SignatureCheck {
  /** Outcomes kept at most (an inspection needs a few dozen). */
  static final int MAX_ENTRIES = 4096;

  private final Instant now;
  private final boolean caching;
  private final Map<ByteBuffer, Optional<DNSSEC.DNSSECException>> outcomes = new ConcurrentHashMap<>();

  private SignatureCheck(Instant now, boolean caching) {
    this.now = now;
    this.caching = caching;
  }

  /** Checks at {@code now}, remembering outcomes. */
  static SignatureCheck cached(Instant now) {
    return new SignatureCheck(now, true);
  }

  /** Checks at {@code now}, every time anew. */
  static SignatureCheck uncached(Instant now) {
    return new SignatureCheck(now, false);
  }

  Instant now() {
    return now;
  }

  /** {@link DNSSEC#verify(RRset, RRSIGRecord, DNSKEYRecord, Instant)}, remembered. */
  void verify(RRset rrset, RRSIGRecord sig, DNSKEYRecord key) throws DNSSEC.DNSSECException {
    if (!caching) {
      DNSSEC.verify(rrset, sig, key, now);
      return;
    }
    ByteBuffer k = key(rrset, sig, key);
    Optional<DNSSEC.DNSSECException> known = outcomes.get(k);
    if (known == null) {
      try {
        DNSSEC.verify(rrset, sig, key, now);
        known = Optional.empty();
      } catch (DNSSEC.DNSSECException e) {
        known = Optional.of(e);
      }
      if (outcomes.size() < MAX_ENTRIES) {
        outcomes.put(k, known);
      }
    }
    if (known.isPresent()) {
      throw known.get();
    }
  }

  private static ByteBuffer key(RRset rrset, RRSIGRecord sig, DNSKEYRecord key) {
    byte[] data = DNSSEC.digestRRset(sig, rrset);
    byte[] signature = sig.getSignature();
    byte[] k = key.rdataToWireCanonical();
    ByteBuffer b = ByteBuffer.allocate(12 + data.length + signature.length + k.length);
    b.putInt(data.length).put(data).putInt(signature.length).put(signature)
        .putInt(k.length).put(k);
    b.flip();
    return b;
  }

  /** How many outcomes are remembered (for tests). */
  int size() {
    return outcomes.size();
  }
}
