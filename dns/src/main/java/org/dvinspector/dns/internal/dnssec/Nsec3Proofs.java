package org.dvinspector.dns.internal.dnssec;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvinspector.dns.internal.dnssec.NsecProofs.Outcome;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Proofs of non-existence with NSEC3 records (RFC 5155 §8). The records given must already have
 * verified signatures. Records with an unknown hash algorithm or flags other than 0 and 1 are
 * ignored (§8.1), as are records not owned directly under the zone apex. Each record hashes with
 * its own salt and iterations; the caller checks {@link Algorithms#MAX_NSEC3_ITERATIONS} first.
 */
final class Nsec3Proofs {
  private static final base32 B32HEX = new base32(base32.Alphabet.BASE32HEX, false, false);
  private static final int OPT_OUT = 0x01;

  private final Name zone;
  private final List<Hashed> records = new ArrayList<>();
  private final Map<String, byte[]> hashes = new HashMap<>();

  /** An NSEC3 record with its owner hash decoded. */
  private record Hashed(NSEC3Record record, byte[] ownerHash) {}

  /** The closest encloser proof (RFC 5155 §8.3), or why there is none ({@code failure}). */
  private record Encloser(@Nullable String failure, Name closestEncloser,
      @Nullable Name nextCloser, @Nullable NSEC3Record nextCloserCover) {
    static Encloser none(String why) {
      return new Encloser(why, Name.root, null, null);
    }

    boolean optOut() {
      return nextCloserCover != null && (nextCloserCover.getFlags() & OPT_OUT) != 0;
    }
  }

  Nsec3Proofs(Name zone, List<NSEC3Record> all) {
    this.zone = zone;
    for (NSEC3Record r : all) {
      if (r.getHashAlgorithm() != Algorithms.NSEC3_SHA1 || (r.getFlags() & ~OPT_OUT) != 0) {
        continue;
      }
      Name owner = r.getName();
      if (owner.labels() != zone.labels() + 1 || !new Name(owner, 1).equals(zone)) {
        continue;
      }
      byte[] h;
      try {
        h = B32HEX.fromString(owner.getLabelString(0));
      } catch (RuntimeException e) {
        continue;
      }
      if (h != null && h.length == r.getNext().length) {
        records.add(new Hashed(r, h));
      }
    }
  }

  /** Whether any usable NSEC3 record is left. */
  boolean isEmpty() {
    return records.isEmpty();
  }

  /** Result of a proof: proved, not proved, or insecure because of opt-out. */
  record Nsec3Outcome(Outcome outcome, boolean optOut) {}

  /** NXDOMAIN (§8.4): closest encloser proof and no wildcard at the closest encloser. */
  Nsec3Outcome nameError(Name qname) {
    Encloser enc = encloser(qname);
    if (enc.failure() != null) {
      return fail(enc.failure());
    }
    if (enc.closestEncloser().equals(qname)) {
      return fail("an NSEC3 record shows that " + qname + " exists");
    }
    Name wild = NsecProofs.wildcard(enc.closestEncloser());
    if (wild != null) {
      if (matching(wild) != null) {
        return fail("an NSEC3 record shows that the wildcard " + wild + " exists, so " + qname
            + " should have been answered from it");
      }
      if (covering(wild) == null) {
        return fail("no NSEC3 record proves that the wildcard " + wild + " does not exist");
      }
    }
    if (enc.optOut()) {
      // An opt-out span may hide an unsigned delegation: the name error cannot be proved
      // securely (RFC 5155 §6; unbound answers insecure as well).
      return new Nsec3Outcome(Outcome.ok("the NSEC3 record covering the next closer name "
          + enc.nextCloser() + " has the opt-out flag"), true);
    }
    return new Nsec3Outcome(Outcome.ok("NSEC3 records prove the closest encloser "
        + enc.closestEncloser() + ", cover " + enc.nextCloser() + " and the wildcard"), false);
  }

  /**
   * NODATA (§8.5), DS NODATA at an insecure delegation (§8.6, with opt-out) and wildcard NODATA
   * (§8.7).
   */
  Nsec3Outcome noData(Name qname, int qtype) {
    NSEC3Record m = matching(qname);
    if (m != null) {
      return new Nsec3Outcome(bitmapDenies(m, qname, qtype), false);
    }
    Encloser enc = encloser(qname);
    if (enc.failure() != null) {
      return fail("no NSEC3 record matches " + qname + " and " + enc.failure());
    }
    if (qtype == Type.DS) {
      if (enc.optOut()) {
        return new Nsec3Outcome(Outcome.ok("the NSEC3 record covering " + enc.nextCloser()
            + " has the opt-out flag: an unsigned delegation may be there (RFC 5155 §8.6)"), true);
      }
      return fail("no NSEC3 record matches " + qname + " and the span covering it is not opt-out");
    }
    Name wild = NsecProofs.wildcard(enc.closestEncloser());
    NSEC3Record wm = wild == null ? null : matching(wild);
    if (wild != null && wm != null) {
      Outcome o = bitmapDenies(wm, wild, qtype);
      return new Nsec3Outcome(o.proved() ? Outcome.ok(qname + " does not exist and the wildcard "
          + wild + " has no " + Type.string(qtype)) : o, false);
    }
    return fail("no NSEC3 record matches " + qname + " or a wildcard that would explain NODATA");
  }

  /** A wildcard answer (§8.8): the next closer name below the wildcard's parent is covered. */
  Nsec3Outcome wildcardExpansion(Name qname, Name wildcardOwner) {
    Name ce = new Name(wildcardOwner, 1);
    if (!qname.subdomain(ce) || qname.equals(ce)) {
      return fail(qname + " is not below the wildcard's parent " + ce);
    }
    Name nextCloser = new Name(qname, qname.labels() - ce.labels() - 1);
    if (covering(nextCloser) == null) {
      return fail("no NSEC3 record covers the next closer name " + nextCloser
          + ", as the wildcard answer from " + wildcardOwner + " requires");
    }
    return new Nsec3Outcome(Outcome.ok("an NSEC3 record covers the next closer name "
        + nextCloser), false);
  }

  private Outcome bitmapDenies(NSEC3Record r, Name name, int qtype) {
    if (r.hasType(qtype)) {
      return Outcome.fail("the NSEC3 record of " + name + " lists " + Type.string(qtype));
    }
    if (r.hasType(Type.CNAME)) {
      return Outcome.fail("the NSEC3 record of " + name + " lists CNAME");
    }
    if (qtype == Type.DS) {
      if (r.hasType(Type.SOA) && !name.equals(Name.root)) {
        return Outcome.fail("the NSEC3 record of " + name + " is the child zone's (SOA bit), "
            + "not the parent's, so it cannot prove the absence of DS");
      }
    } else if (r.hasType(Type.NS) && !r.hasType(Type.SOA)) {
      return Outcome.fail("the NSEC3 record of " + name + " is from the parent side of a "
          + "delegation and proves nothing about " + Type.string(qtype));
    }
    return Outcome.ok("the NSEC3 record of " + name + " has no " + Type.string(qtype));
  }

  /** The closest encloser proof of {@code qname}. */
  private Encloser encloser(Name qname) {
    if (!qname.subdomain(zone)) {
      return Encloser.none(qname + " is not in the zone " + zone);
    }
    Name candidate = qname;
    while (true) {
      NSEC3Record m = matching(candidate);
      if (m != null) {
        if (candidate.equals(qname)) {
          return new Encloser(null, qname, null, null);
        }
        if (m.hasType(Type.DNAME) || m.hasType(Type.NS) && !m.hasType(Type.SOA)) {
          return Encloser.none("the closest encloser " + candidate + " is a delegation or "
              + "DNAME, which cannot deny names below it (RFC 5155 §8.3)");
        }
        Name nextCloser = new Name(qname, qname.labels() - candidate.labels() - 1);
        NSEC3Record cover = covering(nextCloser);
        if (cover == null) {
          return Encloser.none("no NSEC3 record covers the next closer name " + nextCloser);
        }
        return new Encloser(null, candidate, nextCloser, cover);
      }
      if (candidate.equals(zone)) {
        return Encloser.none("no NSEC3 record matches " + qname + " or any of its ancestors in "
            + zone);
      }
      candidate = new Name(candidate, 1);
    }
  }

  private @Nullable NSEC3Record matching(Name name) {
    for (Hashed h : records) {
      byte[] hash = hash(h.record(), name);
      if (hash != null && java.util.Arrays.equals(hash, h.ownerHash())) {
        return h.record();
      }
    }
    return null;
  }

  private @Nullable NSEC3Record covering(Name name) {
    for (Hashed h : records) {
      byte[] hash = hash(h.record(), name);
      if (hash == null) {
        continue;
      }
      byte[] owner = h.ownerHash();
      byte[] next = h.record().getNext();
      int ownerVsHash = java.util.Arrays.compareUnsigned(owner, hash);
      int hashVsNext = java.util.Arrays.compareUnsigned(hash, next);
      boolean wraps = java.util.Arrays.compareUnsigned(owner, next) >= 0;
      if (!wraps && ownerVsHash < 0 && hashVsNext < 0
          || wraps && (ownerVsHash < 0 || hashVsNext < 0)) {
        return h.record();
      }
    }
    return null;
  }

  private byte @Nullable [] hash(NSEC3Record r, Name name) {
    String key = r.getIterations() + "/" + java.util.HexFormat.of().formatHex(r.getSalt() == null
        ? new byte[0] : r.getSalt()) + "/" + name.toString().toLowerCase(java.util.Locale.ROOT);
    byte[] cached = hashes.get(key);
    if (cached != null) {
      return cached;
    }
    try {
      byte[] h = r.hashName(name);
      hashes.put(key, h);
      return h;
    } catch (NoSuchAlgorithmException e) {
      return null;
    }
  }

  private static Nsec3Outcome fail(String why) {
    return new Nsec3Outcome(Outcome.fail(why), false);
  }

  /** The highest iteration count among the usable records. */
  int maxIterations() {
    return records.stream().mapToInt(h -> h.record().getIterations()).max().orElse(0);
  }

  /** Whether a usable record is owned by {@code name}'s hash (for tests and diagnostics). */
  Optional<NSEC3Record> recordFor(Name name) {
    return Optional.ofNullable(matching(name));
  }
}
