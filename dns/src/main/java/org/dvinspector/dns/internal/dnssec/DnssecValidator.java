package org.dvinspector.dns.internal.dnssec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dvinspector.dns.internal.dnssec.Denial.Claim;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NameTooLongException;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The entry point of DNSSEC validation: each method judges one step of the chain from the
 * records the resolution collected, at one instant {@link #now()}. It sends nothing; its only
 * state is the outcomes of signature checks it already made, so one instance serves a whole
 * inspection (from any thread).
 *
 * <p>The chain for a name, top down (RFC 4035 §5):
 *
 * <ol>
 *   <li>{@link #anchoredKeys}: the keys of the zone with a trust anchor (the root), from its
 *       DNSKEY response;
 *   <li>{@link #delegation}: at each zone cut, the parent's DS RRset (from the referral or a DS
 *       query to a parent server) validated with the parent's keys, or the parent's proof that
 *       there is none (then everything below is insecure);
 *   <li>{@link #zoneKeys}: the child's DNSKEY response checked against that DS;
 *   <li>{@link #response}: the final answer (data, CNAME chain, wildcard, NXDOMAIN, NODATA) with
 *       the keys of the zone that answered.
 * </ol>
 *
 * <p>Every query whose answer is validated must be sent with EDNS0 and the DO bit (RFC 3225), or
 * the server leaves the RRSIGs and NSEC records out and the answer looks unsigned.
 */
public final class DnssecValidator {
  /** Longest CNAME/DNAME chain followed inside one response. */
  private static final int MAX_CHAIN = 16;

  private final Instant now;
  private final SignatureCheck check;

  /**
   * A validator checking signature validity at {@code now} (the inspection's clock). It
   * remembers each signature check, so identical answers from several servers cost one check:
   * make one per inspection.
   */
  public DnssecValidator(Instant now) {
    this.now = now;
    this.check = SignatureCheck.cached(now);
  }

  /** The instant signatures are checked at. */
  public Instant now() {
    return now;
  }

  // ------------------------------------------------------------------ keys

  /**
   * The keys of {@code zone}, which has trust anchors, from its DNSKEY RRset (with RRSIGs). A
   * zone without an anchor valid now is {@link DnssecReason#NO_TRUST_ANCHOR} (insecure).
   */
  public ZoneKeys anchoredKeys(TrustAnchors anchors, Name zone, RRset dnskeys) {
    return Keys.fromAnchors(zone, anchors.ds(zone, now), anchors.dnskeys(zone, now), dnskeys,
        check);
  }

  /**
   * {@link #anchoredKeys(TrustAnchors, Name, RRset)} from the response to {@code zone DNSKEY}
   * (sent with the DO bit to a server of the zone).
   */
  public ZoneKeys anchoredKeys(TrustAnchors anchors, Name zone, Message dnskeyResponse) {
    DnssecResult failed = serverFailure(dnskeyResponse, zone, Type.DNSKEY, zone);
    if (failed != null) {
      return ZoneKeys.untrusted(failed);
    }
    return anchoredKeys(anchors, zone, rrset(dnskeyResponse, Section.ANSWER, zone, Type.DNSKEY));
  }

  /**
   * The keys of the child of {@code delegation} from its DNSKEY RRset (with RRSIGs): trusted when
   * a key the DS names signed the RRset. An insecure or bogus delegation passes its result on.
   *
   * @param zoneSigned whether the child's answers carry any RRSIG, NSEC or NSEC3 (tells a zone
   *     that lost its DNSKEYs from one that was never signed, when it serves no DNSKEY)
   */
  public ZoneKeys zoneKeys(Delegation delegation, RRset dnskeys, boolean zoneSigned) {
    if (!delegation.isSecure()) {
      return fromDelegation(delegation);
    }
    return Keys.fromDs(delegation.child(), delegation.ds(), dnskeys, zoneSigned, check);
  }

  /**
   * {@link #zoneKeys(Delegation, RRset, boolean)} from the response to {@code child DNSKEY}
   * (sent with the DO bit to a server of the child zone).
   */
  public ZoneKeys zoneKeys(Delegation delegation, Message dnskeyResponse) {
    if (!delegation.isSecure()) {
      return fromDelegation(delegation);
    }
    Name zone = delegation.child();
    DnssecResult failed = serverFailure(dnskeyResponse, zone, Type.DNSKEY, zone);
    if (failed != null) {
      return ZoneKeys.untrusted(failed);
    }
    return zoneKeys(delegation, rrset(dnskeyResponse, Section.ANSWER, zone, Type.DNSKEY),
        showsSigning(dnskeyResponse));
  }

  /** The keys below a zone without any trust anchor: insecure, nothing validated. */
  public static ZoneKeys withoutAnchor(Name zone) {
    return ZoneKeys.insecure(zone, DnssecReason.NO_TRUST_ANCHOR,
        "no trust anchor covers " + zone + ": DNSSEC is not validated");
  }

  /**
   * Below a delegation that is not secure the child's keys carry the delegation's result as is:
   * its zone stays the link where the chain broke (bogus) or where it stopped (insecure).
   */
  private static ZoneKeys fromDelegation(Delegation d) {
    return ZoneKeys.untrusted(d.result());
  }

  // ------------------------------------------------------------------ delegations

  /**
   * What the parent says about {@code child}'s DS, from a parent server's response: a referral
   * (DS or NSEC/NSEC3 in the authority section, RFC 4035 §3.1.4) or the answer to {@code child
   * DS} (DS in the answer section, or NODATA with NSEC/NSEC3). {@code parentKeys} are the keys of
   * the zone that answered.
   *
   * <p>A signed parent's referral without DS and without a proof is bogus ({@link
   * DnssecReason#DENIAL_MISSING}); a resolver that wants to be lenient asks {@code child DS}
   * explicitly before concluding.
   */
  public Delegation delegation(Name child, Message parentResponse, ZoneKeys parentKeys) {
    if (!parentKeys.isSecure()) {
      // Insecure or bogus above: the same verdict below, naming the zone where it started.
      return Delegation.of(child, List.of(), parentKeys.result());
    }
    DnssecResult failed = serverFailure(parentResponse, parentKeys.zone(), Type.DS, child);
    if (failed != null) {
      return Delegation.of(child, List.of(), failed);
    }
    RRset ds = rrset(parentResponse, Section.ANSWER, child, Type.DS);
    if (ds.size() == 0) {
      ds = rrset(parentResponse, Section.AUTHORITY, child, Type.DS);
    }
    if (ds.size() > 0) {
      DnssecResult r = Signatures.verify(ds, parentKeys.zone(), parentKeys.keys(), check);
      if (!r.isSecure()) {
        return Delegation.of(child, List.of(), r);
      }
      List<DSRecord> records = new ArrayList<>();
      for (Record rec : ds.rrs(false)) {
        records.add((DSRecord) rec);
      }
      return Delegation.of(child, records, r);
    }
    if (parentResponse.getRcode() == Rcode.NXDOMAIN) {
      return Delegation.of(child, List.of(), DnssecResult.start(DnssecReason.INCOMPLETE,
              child, "the parent " + parentKeys.zone() + " answered NXDOMAIN for " + child
                  + ": there is no delegation to validate")
          .name(child).type(Type.DS).checkedAt(now).build());
    }
    DnssecResult proof = Denial.prove(Claim.NO_DS, child, Type.DS, null,
        parentResponse.getSectionRRsets(Section.AUTHORITY), parentKeys, check);
    return Delegation.of(child, List.of(), proof.isSecure()
        ? new DnssecResult.Builder().from(proof).reason(DnssecReason.UNSIGNED_DELEGATION).build()
        : proof);
  }

  // ------------------------------------------------------------------ data

  /** One RRset (with its RRSIGs) checked with the keys of the zone that signed it. */
  public DnssecResult rrset(RRset rrset, ZoneKeys keys) {
    if (!keys.isSecure()) {
      return passOn(keys, rrset.getName(), rrset.getType());
    }
    return Signatures.verify(rrset, keys.zone(), keys.keys(), check);
  }

  /**
   * A whole response to {@code qname}/{@code qtype} from a server of the zone whose keys are
   * {@code keys} (RFC 4035 §5.3, §5.4): the answer RRsets along the CNAME chain while it stays in
   * the zone (each wildcard expansion with its proof that the name itself does not exist, §5.3.4),
   * then, where the chain ends without data, the NSEC/NSEC3 proof of NXDOMAIN or NODATA
   * (including wildcard NODATA). RRsets of other zones are not judged here: a CNAME leaving the
   * zone is secure up to the alias, and its target is validated with its own zone's keys.
   *
   * <p>A referral is not an answer: the result is {@link Security#INDETERMINATE}; use {@link
   * #delegation}. A server error (SERVFAIL, REFUSED, ...) is indeterminate too: it is a server
   * problem, not a DNSSEC verdict.
   */
  public DnssecResult response(Message response, Name qname, int qtype, ZoneKeys keys) {
    if (!keys.isSecure()) {
      return passOn(keys, qname, qtype);
    }
    Name zone = keys.zone();
    DnssecResult failed = serverFailure(response, zone, qtype, qname);
    if (failed != null) {
      return failed;
    }
    List<RRset> answer = response.getSectionRRsets(Section.ANSWER);
    List<RRset> authority = response.getSectionRRsets(Section.AUTHORITY);
    if (answer.isEmpty() && response.getRcode() == Rcode.NOERROR) {
      for (RRset s : authority) {
        if (s.getType() == Type.NS && !s.getName().equals(zone) && qname.subdomain(s.getName())
            && s.getName().subdomain(zone)) {
          return DnssecResult.start(DnssecReason.INCOMPLETE, zone, "the answer for " + qname
                  + " is a referral to " + s.getName() + ": validate it as a delegation")
              .name(qname).type(qtype).checkedAt(now).build();
        }
      }
    }
    Name name = qname;
    Set<Name> seen = new HashSet<>();
    List<String> steps = new ArrayList<>();
    for (int step = 0; step < MAX_CHAIN && seen.add(name); step++) {
      if (!name.subdomain(zone)) {
        return secure(zone, qname, qtype, String.join("; ", steps) + "; the chain continues at "
            + name + ", outside " + zone + ", to be validated with that zone's keys");
      }
      RRset data = find(answer, name, qtype);
      if (data != null) {
        DnssecResult r = answerRRset(data, name, authority, keys);
        if (!r.isSecure()) {
          return r;
        }
        steps.add(r.detail());
        return secure(zone, qname, qtype, String.join("; ", steps));
      }
      RRset cname = qtype == Type.CNAME ? null : find(answer, name, Type.CNAME);
      if (cname != null) {
        DnssecResult r = answerRRset(cname, name, authority, keys);
        if (!r.isSecure()) {
          return r;
        }
        steps.add(r.detail());
        name = ((CNAMERecord) cname.first()).getTarget();
        continue;
      }
      RRset dname = dnameFor(answer, name);
      if (dname != null) {
        DnssecResult r = answerRRset(dname, dname.getName(), authority, keys);
        if (!r.isSecure()) {
          return r;
        }
        steps.add(r.detail());
        try {
          // The CNAME a server synthesizes from a DNAME is unsigned (RFC 6672 §5.3.1).
          name = name.fromDNAME((DNAMERecord) dname.first());
        } catch (NameTooLongException e) {
          return DnssecResult.start(DnssecReason.MALFORMED, zone, "the DNAME at "
                  + dname.getName() + " makes " + name + " too long").name(qname).type(qtype)
              .checkedAt(now).build();
        }
        continue;
      }
      Claim claim = response.getRcode() == Rcode.NXDOMAIN ? Claim.NAME_ERROR : Claim.NO_DATA;
      DnssecResult proof = Denial.prove(claim, name, qtype, null, authority, keys, check);
      if (!proof.isSecure()) {
        return proof;
      }
      steps.add(proof.detail());
      return secure(zone, qname, qtype, String.join("; ", steps));
    }
    return DnssecResult.start(DnssecReason.MALFORMED, zone, "the alias chain from " + qname
            + " loops or is longer than " + MAX_CHAIN).name(qname).type(qtype).checkedAt(now)
        .build();
  }

  /** An answer RRset: its signature, and for a wildcard expansion the proof (RFC 4035 §5.3.4). */
  private DnssecResult answerRRset(RRset set, Name name, List<RRset> authority, ZoneKeys keys) {
    DnssecResult r = Signatures.verify(set, keys.zone(), keys.keys(), check);
    if (!r.isSecure() || r.wildcard().isEmpty()) {
      return r;
    }
    DnssecResult proof = Denial.prove(Claim.WILDCARD_EXPANSION, name, set.getType(),
        r.wildcard().get(), authority, keys, check);
    if (!proof.isSecure()) {
      return proof;
    }
    return new DnssecResult.Builder().from(r)
        .detail(r.detail() + " (expanded from " + r.wildcard().get() + "; " + proof.detail() + ")")
        .build();
  }

  private DnssecResult secure(Name zone, Name qname, int qtype, String detail) {
    return DnssecResult.start(DnssecReason.VALIDATED, zone, detail).name(qname).type(qtype)
        .checkedAt(now).build();
  }

  /** The result for data under keys that are not trusted: the keys' own verdict, for this name. */
  private DnssecResult passOn(ZoneKeys keys, Name name, int type) {
    DnssecResult r = keys.result();
    if (r.isInsecure()) {
      return new DnssecResult.Builder().from(r).name(name).type(type).build();
    }
    return r;
  }

  /** Indeterminate when the server did not answer the question (not a DNSSEC verdict). */
  private @Nullable DnssecResult serverFailure(Message m, Name zone, int qtype, Name qname) {
    int rcode = m.getRcode();
    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
      return null;
    }
    return DnssecResult.start(DnssecReason.INCOMPLETE, zone, "the server answered "
            + Rcode.string(rcode) + " for " + qname + "/" + Type.string(qtype))
        .name(qname).type(qtype).checkedAt(now).build();
  }

  private static @Nullable RRset find(List<RRset> sets, Name name, int type) {
    for (RRset s : sets) {
      if (s.getName().equals(name) && s.getType() == type) {
        return s;
      }
    }
    return null;
  }

  private static @Nullable RRset dnameFor(List<RRset> sets, Name name) {
    for (RRset s : sets) {
      if (s.getType() == Type.DNAME && name.subdomain(s.getName()) && !name.equals(s.getName())) {
        return s;
      }
    }
    return null;
  }

  /** The RRset of {@code name}/{@code type} in {@code section} with its RRSIGs (empty if none). */
  static RRset rrset(Message m, int section, Name name, int type) {
    RRset found = find(m.getSectionRRsets(section), name, type);
    return found != null ? found : new RRset();
  }

  /** Whether a response shows DNSSEC records at all (RRSIG, NSEC, NSEC3 in any section). */
  static boolean showsSigning(Message m) {
    for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
      for (Record r : m.getSection(section)) {
        int t = r.getType();
        if (t == Type.RRSIG || t == Type.NSEC || t == Type.NSEC3) {
          return true;
        }
      }
    }
    return false;
  }
}
