package org.dvinspector.dns.internal.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.dns.internal.dnssec.Nsec3Proofs.Nsec3Outcome;
import org.dvinspector.dns.internal.dnssec.NsecProofs.Outcome;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Reads the NSEC or NSEC3 records of a response (authority section) as the proof a negative or
 * wildcard answer needs: each NSEC/NSEC3 RRset's signature is checked with the zone's keys first
 * (RFC 4035 §5.4: the proof is only as good as its signatures), then the proof itself.
 */
final class Denial {
  /** What is to be proved. */
  enum Claim {
    /** The name does not exist, nor a wildcard that could answer (NXDOMAIN). */
    NAME_ERROR,
    /** The name (or the wildcard answering it) exists without the type (NODATA). */
    NO_DATA,
    /** The name does not exist, so the wildcard answer is legitimate. */
    WILDCARD_EXPANSION,
    /** The parent has no DS for the child: an unsigned delegation. */
    NO_DS
  }

  private Denial() {}

  /**
   * Proves {@code claim} for {@code qname}/{@code qtype} from {@code authority} (the response's
   * authority-section RRsets, with their RRSIGs) with the zone's secure {@code keys}.
   *
   * @param wildcardOwner for {@link Claim#WILDCARD_EXPANSION}: the wildcard that answered
   */
  static DnssecResult prove(Claim claim, Name qname, int qtype, @Nullable Name wildcardOwner,
      List<RRset> authority, ZoneKeys keys, SignatureCheck check) {
    Instant now = check.now();
    Name zone = keys.zone();
    List<NSECRecord> nsec = new ArrayList<>();
    List<NSEC3Record> nsec3 = new ArrayList<>();
    for (RRset s : authority) {
      if (s.getType() != Type.NSEC && s.getType() != Type.NSEC3 || !s.getName().subdomain(zone)) {
        continue;
      }
      DnssecResult sig = Signatures.verify(s, zone, keys.keys(), check);
      if (!sig.isSecure()) {
        return new DnssecResult.Builder().from(sig).detail("the " + Type.string(s.getType())
                + " proof for " + qname + "/" + Type.string(qtype) + " does not validate: "
                + sig.detail())
            .build();
      }
      for (Record r : s.rrs(false)) {
        if (r instanceof NSECRecord n) {
          nsec.add(n);
        } else if (r instanceof NSEC3Record n3) {
          nsec3.add(n3);
        }
      }
    }
    String what = describe(claim, qname, qtype);
    if (nsec.isEmpty() && nsec3.isEmpty()) {
      return result(DnssecReason.DENIAL_MISSING, zone, qname, qtype, now,
          what + ": the signed zone " + zone + " gave no NSEC or NSEC3 record");
    }
    if (!nsec.isEmpty()) {
      NsecProofs p = new NsecProofs(zone, nsec);
      Outcome o = switch (claim) {
        case NAME_ERROR -> p.nameError(qname);
        case NO_DATA -> p.noData(qname, qtype);
        case NO_DS -> p.noData(qname, Type.DS);
        case WILDCARD_EXPANSION -> p.wildcardExpansion(qname, requireWildcard(wildcardOwner));
      };
      return outcome(claim, o, false, zone, qname, qtype, now, what);
    }
    Nsec3Proofs p = new Nsec3Proofs(zone, nsec3);
    if (p.isEmpty()) {
      return result(DnssecReason.DENIAL_INVALID, zone, qname, qtype, now, what
          + ": the NSEC3 records use an unknown hash algorithm or flags, or are not owned in "
          + zone + " (RFC 5155 §8.1)");
    }
    if (p.maxIterations() > Algorithms.MAX_NSEC3_ITERATIONS) {
      return result(DnssecReason.NSEC3_ITERATIONS_ABOVE_LIMIT, zone, qname, qtype, now, what
          + ": the NSEC3 records of " + zone + " use " + p.maxIterations()
          + " iterations, more than the " + Algorithms.MAX_NSEC3_ITERATIONS
          + " validators accept (RFC 9276 §3.2): treated as insecure");
    }
    Nsec3Outcome o = switch (claim) {
      case NAME_ERROR -> p.nameError(qname);
      case NO_DATA -> p.noData(qname, qtype);
      case NO_DS -> p.noData(qname, Type.DS);
      case WILDCARD_EXPANSION -> p.wildcardExpansion(qname, requireWildcard(wildcardOwner));
    };
    return outcome(claim, o.outcome(), o.optOut(), zone, qname, qtype, now, what);
  }

  private static DnssecResult outcome(Claim claim, Outcome o, boolean optOut, Name zone,
      Name qname, int qtype, Instant now, String what) {
    if (!o.proved()) {
      return result(DnssecReason.DENIAL_INVALID, zone, qname, qtype, now, what + ": " + o.detail());
    }
    if (optOut) {
      return result(DnssecReason.NSEC3_OPT_OUT, zone, qname, qtype, now, what + ": " + o.detail());
    }
    if (claim == Claim.NO_DS) {
      return result(DnssecReason.UNSIGNED_DELEGATION, qname, qname, Type.DS, now,
          "the parent zone " + zone + " proves there is no DS for " + qname + ": " + o.detail());
    }
    return result(DnssecReason.VALIDATED, zone, qname, qtype, now, what + ": " + o.detail());
  }

  private static Name requireWildcard(@Nullable Name wildcardOwner) {
    if (wildcardOwner == null) {
      throw new IllegalArgumentException("a wildcard expansion proof needs the wildcard");
    }
    return wildcardOwner;
  }

  private static String describe(Claim claim, Name qname, int qtype) {
    return switch (claim) {
      case NAME_ERROR -> "NXDOMAIN for " + qname;
      case NO_DATA -> "no " + Type.string(qtype) + " at " + qname;
      case WILDCARD_EXPANSION -> "wildcard answer for " + qname;
      case NO_DS -> "no DS for " + qname;
    };
  }

  private static DnssecResult result(DnssecReason reason, Name zone, Name qname, int qtype,
      Instant now, String detail) {
    return DnssecResult.start(reason, zone, detail).name(qname).type(qtype).checkedAt(now)
        .build();
  }
}
