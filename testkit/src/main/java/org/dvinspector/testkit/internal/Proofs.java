package org.dvinspector.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Type;

/**
 * The NSEC or NSEC3 RRsets an authoritative server adds to a signed answer (RFC 4035 §3.1.3,
 * RFC 5155 §7.2): for NXDOMAIN, NODATA (plain, empty non-terminal, wildcard), wildcard answers
 * and referrals without DS.
 */
final class Proofs {
  private static final Name WILD = Name.fromConstantString("*");

  private Proofs() {}

  /** NXDOMAIN: the name and the wildcard at the closest encloser do not exist. */
  static List<RRset> nameError(ZoneData z, Name qname) {
    List<RRset> out = new ArrayList<>();
    Name ce = z.closestEncloser(qname);
    Name wild = wildcard(ce);
    if (z.hasNsec3()) {
      encloserProof(z, qname, out);
      if (wild != null) {
        add(out, z.nsec3Covering(wild));
      }
    } else {
      add(out, z.nsecCovering(qname));
      if (wild != null) {
        add(out, z.nsecCovering(wild));
      }
    }
    return out;
  }

  /** NODATA for {@code qname}/{@code qtype}; {@code wildcard} when it came from a wildcard. */
  static List<RRset> noData(ZoneData z, Name qname, boolean wildcard) {
    List<RRset> out = new ArrayList<>();
    if (z.hasNsec3()) {
      if (wildcard) {
        Name ce = encloserProof(z, qname, out);
        Name wild = ce == null ? null : wildcard(ce);
        if (wild != null) {
          add(out, z.nsec3Matching(wild));
        }
      } else {
        RRset m = z.nsec3Matching(qname);
        if (m != null) {
          add(out, m);
        } else {
          encloserProof(z, qname, out); // an opted-out delegation (RFC 5155 §7.2.4)
        }
      }
      return out;
    }
    if (wildcard) {
      add(out, z.nsecCovering(qname));
      Name wild = wildcard(z.closestEncloser(qname));
      if (wild != null) {
        add(out, z.nsecAt(wild));
      }
    } else {
      RRset at = z.nsecAt(qname);
      add(out, at != null ? at : z.nsecCovering(qname)); // covering: an empty non-terminal
    }
    return out;
  }

  /** A wildcard answer: the name asked does not exist (RFC 4035 §3.1.3.3, RFC 5155 §7.2.6). */
  static List<RRset> wildcardAnswer(ZoneData z, Name qname) {
    List<RRset> out = new ArrayList<>();
    if (z.hasNsec3()) {
      Name ce = z.closestEncloser(qname);
      if (!ce.equals(qname)) {
        add(out, z.nsec3Covering(new Name(qname, qname.labels() - ce.labels() - 1)));
      }
    } else {
      add(out, z.nsecCovering(qname));
    }
    return out;
  }

  /** A referral: the DS RRset of the cut, or the proof that there is none (RFC 4035 §3.1.4). */
  static List<RRset> referral(ZoneData z, Name cut) {
    List<RRset> out = new ArrayList<>();
    RRset ds = z.exact(cut, Type.DS);
    if (ds != null) {
      out.add(ds);
      return out;
    }
    return noData(z, cut, false);
  }

  /**
   * The closest encloser proof (RFC 5155 §7.2.1): the NSEC3 of the deepest ancestor that has
   * one, and the NSEC3 covering the next closer name. Returns that ancestor.
   */
  private static @Nullable Name encloserProof(ZoneData z, Name qname, List<RRset> out) {
    Name a = qname;
    while (a.labels() > z.origin().labels()) {
      a = new Name(a, 1);
      RRset m = z.nsec3Matching(a);
      if (m != null) {
        add(out, m);
        add(out, z.nsec3Covering(new Name(qname, qname.labels() - a.labels() - 1)));
        return a;
      }
    }
    return null;
  }

  private static void add(List<RRset> out, @Nullable RRset set) {
    if (set != null && !out.contains(set)) {
      out.add(set);
    }
  }

  private static @Nullable Name wildcard(Name ce) {
    try {
      return Name.concatenate(WILD, ce);
    } catch (NameTooLongException e) {
      return null;
    }
  }
}
