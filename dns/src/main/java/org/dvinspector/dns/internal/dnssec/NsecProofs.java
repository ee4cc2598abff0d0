package org.dvinspector.dns.internal.dnssec;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.Type;

/**
 * Proofs of non-existence with NSEC records (RFC 4035 §3.1.3, §5.4; RFC 6840 §4.1, §4.4). The
 * records given must already have verified signatures; this class only reads what they claim.
 * Names are compared in canonical order (RFC 4034 §6.1), which is {@link Name#compareTo}.
 */
final class NsecProofs {
  static final Name WILDCARD_LABEL = Name.fromConstantString("*");

  private final Name zone;
  private final List<NSECRecord> records;

  NsecProofs(Name zone, List<NSECRecord> records) {
    this.zone = zone;
    this.records = List.copyOf(records);
  }

  /** Outcome of one proof: whether it holds, and what was found, for people. */
  record Outcome(boolean proved, String detail) {
    static Outcome ok(String detail) {
      return new Outcome(true, detail);
    }

    static Outcome fail(String detail) {
      return new Outcome(false, detail);
    }
  }

  /** NXDOMAIN: no {@code qname} and no wildcard that could have answered (RFC 4035 §5.4). */
  Outcome nameError(Name qname) {
    if (exact(qname).isPresent()) {
      return Outcome.fail("an NSEC record shows that " + qname + " exists");
    }
    NSECRecord cover = covering(qname).orElse(null);
    if (cover == null) {
      return Outcome.fail("no NSEC record covers " + qname);
    }
    Name ce = closestEncloser(qname, cover);
    Name wild = wildcard(ce);
    if (wild == null) {
      return Outcome.ok("an NSEC record covers " + qname);
    }
    if (exact(wild).isPresent()) {
      return Outcome.fail("an NSEC record shows that the wildcard " + wild
          + " exists, so " + qname + " should have been answered from it");
    }
    if (covering(wild).isEmpty()) {
      return Outcome.fail("no NSEC record proves that the wildcard " + wild + " does not exist");
    }
    return Outcome.ok("NSEC records cover " + qname + " and the wildcard " + wild);
  }

  /**
   * NODATA: {@code qname} exists without {@code qtype} (RFC 4035 §5.4), as an empty
   * non-terminal (§3.1.3.2), or only through a wildcard without {@code qtype} (§3.1.3.4).
   */
  Outcome noData(Name qname, int qtype) {
    Optional<NSECRecord> exact = exact(qname);
    if (exact.isPresent()) {
      return bitmapDenies(exact.get(), qname, qtype);
    }
    NSECRecord cover = covering(qname).orElse(null);
    if (cover == null) {
      return Outcome.fail("no NSEC record matches or covers " + qname);
    }
    if (cover.getNext().subdomain(qname) && !cover.getNext().equals(qname)) {
      return Outcome.ok(qname + " is an empty non-terminal (the next name "
          + cover.getNext() + " is below it)");
    }
    Name wild = wildcard(closestEncloser(qname, cover));
    Optional<NSECRecord> wildNsec = wild == null ? Optional.empty() : exact(wild);
    if (wild != null && wildNsec.isPresent()) {
      Outcome o = bitmapDenies(wildNsec.get(), wild, qtype);
      return o.proved() ? Outcome.ok(qname + " does not exist and the wildcard " + wild
          + " has no " + Type.string(qtype)) : o;
    }
    return Outcome.fail("an NSEC record covers " + qname
        + " (it does not exist) but the answer is not NXDOMAIN and no wildcard NSEC explains it");
  }

  /**
   * A wildcard answer is legitimate: {@code qname} itself does not exist (RFC 4035 §5.3.4), the
   * closest encloser being the wildcard's parent.
   */
  Outcome wildcardExpansion(Name qname, Name wildcardOwner) {
    Name ce = new Name(wildcardOwner, 1);
    if (exact(qname).isPresent()) {
      return Outcome.fail(qname + " exists, so it should not have been answered from " + wildcardOwner);
    }
    NSECRecord cover = covering(qname).orElse(null);
    if (cover == null) {
      return Outcome.fail("no NSEC record proves that " + qname + " does not exist, as the "
          + "wildcard answer from " + wildcardOwner + " requires");
    }
    if (!closestEncloser(qname, cover).equals(ce)) {
      return Outcome.fail("the NSEC record covering " + qname + " does not show " + ce
          + " as its closest encloser");
    }
    return Outcome.ok("an NSEC record proves " + qname + " does not exist");
  }

  private Outcome bitmapDenies(NSECRecord nsec, Name name, int qtype) {
    if (nsec.hasType(qtype)) {
      return Outcome.fail("the NSEC record at " + name + " lists " + Type.string(qtype));
    }
    if (nsec.hasType(Type.CNAME)) {
      return Outcome.fail("the NSEC record at " + name + " lists CNAME: the answer should be the alias");
    }
    boolean cut = nsec.hasType(Type.NS) && !nsec.hasType(Type.SOA);
    if (qtype == Type.DS) {
      if (nsec.hasType(Type.SOA) && !name.equals(Name.root)) {
        // The child's apex NSEC cannot speak for the parent side (RFC 6840 §4.4).
        return Outcome.fail("the NSEC record at " + name + " is the child zone's (SOA bit), "
            + "not the parent's, so it cannot prove the absence of DS");
      }
    } else if (cut) {
      return Outcome.fail("the NSEC record at " + name + " is from the parent side of a "
          + "delegation and proves nothing about " + Type.string(qtype) + " (RFC 6840 §4.4)");
    }
    return Outcome.ok("the NSEC record at " + name + " has no " + Type.string(qtype));
  }

  /** The NSEC record owned by {@code name}. */
  Optional<NSECRecord> exact(Name name) {
    return records.stream().filter(r -> r.getName().equals(name)).findFirst();
  }

  /** An NSEC record whose span covers {@code name} (owner < name < next, or the last span). */
  Optional<NSECRecord> covering(Name name) {
    return records.stream().filter(r -> covers(r, name)).findFirst();
  }

  boolean covers(NSECRecord nsec, Name name) {
    Name owner = nsec.getName();
    Name next = nsec.getNext();
    if (!name.subdomain(zone) || owner.compareTo(name) >= 0) {
      return false;
    }
    if (name.subdomain(owner)) {
      // RFC 6840 §4.1: an NSEC at a delegation point or a DNAME denies nothing below it.
      if (nsec.hasType(Type.DNAME) || nsec.hasType(Type.NS) && !nsec.hasType(Type.SOA)) {
        return false;
      }
    }
    if (owner.compareTo(next) < 0) {
      return name.compareTo(next) < 0;
    }
    return true; // the last NSEC of the zone: its next name is the apex
  }

  /**
   * The closest encloser of a name an NSEC record covers: the longer of the name's common
   * ancestors with the record's owner and next name (RFC 4035 §5.4).
   */
  Name closestEncloser(Name qname, NSECRecord cover) {
    Name a = commonAncestor(qname, cover.getName());
    Name b = commonAncestor(qname, cover.getNext());
    Name ce = a.labels() >= b.labels() ? a : b;
    return ce.subdomain(zone) ? ce : zone;
  }

  static Name commonAncestor(Name a, Name b) {
    int max = Math.min(a.labels(), b.labels());
    Name common = Name.root;
    for (int k = 2; k <= max; k++) {
      Name sa = new Name(a, a.labels() - k);
      Name sb = new Name(b, b.labels() - k);
      if (!sa.equals(sb)) {
        break;
      }
      common = sa;
    }
    return common;
  }

  /** {@code *.<name>}, or null when that name would be too long (then no wildcard can exist). */
  static @Nullable Name wildcard(Name name) {
    try {
      return Name.concatenate(WILDCARD_LABEL, name);
    } catch (NameTooLongException e) {
      return null;
    }
  }
}
