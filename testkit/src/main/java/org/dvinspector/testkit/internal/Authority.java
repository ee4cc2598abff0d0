package org.dvinspector.testkit.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Builds the answer of an authoritative server from the zones it serves. */
public final class Authority {
  /** Longest CNAME chain followed inside the served zones before giving up (loops end here too). */
  private static final int MAX_CNAME_CHAIN = 16;
  /** The EDNS UDP payload size the lab advertises and accepts (DNS flag day 2020). */
  public static final int EDNS_PAYLOAD = 1232;

  private Authority() {}

  /** The answer header for {@code query}: same ID and opcode, QR set, RD copied (RFC 1035 §4.1.1). */
  public static Message reply(Message query) {
    Message r = new Message(query.getHeader().getID());
    Header h = r.getHeader();
    h.setFlag(Flags.QR);
    h.setOpcode(query.getHeader().getOpcode());
    if (query.getHeader().getFlag(Flags.RD)) {
      h.setFlag(Flags.RD);
    }
    Record q = query.getQuestion();
    if (q != null) {
      r.addRecord(q, Section.QUESTION);
    }
    return r;
  }

  /** An answer with only {@code rcode} set. */
  public static Message error(Message query, int rcode) {
    Message r = reply(query);
    r.getHeader().setRcode(rcode);
    return r;
  }

  /**
   * The authoritative answer to {@code query} from {@code zones} (origin to snapshot), or
   * REFUSED if none of them contains the name: a server is only authoritative for what it serves.
   */
  public static Message answer(Message query, Map<Name, ZoneData> zones) {
    return answer(query, zones, null);
  }

  /**
   * The authoritative answer to {@code query} from {@code source}: a zone that answers by client
   * network ({@link ZoneData#lines()}) chooses its view from the query's client subnet option, else
   * from {@code source}, and echoes the option with its scope (RFC 7871 §7.2.1).
   */
  public static Message answer(Message query, Map<Name, ZoneData> zones,
      java.net.@Nullable InetAddress source) {
    Record question = query.getQuestion();
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      return error(query, Rcode.NOTIMP);
    }
    if (question == null || query.getHeader().getCount(Section.QUESTION) != 1) {
      return error(query, Rcode.FORMERR);
    }
    Name qname = question.getName();
    int qtype = question.getType();
    ZoneData zone = zoneFor(zones, qname, qtype);
    if (zone == null) {
      return error(query, Rcode.REFUSED);
    }
    ClientSubnets.Selection selection = ClientSubnets.select(zone, qname, query,
        source != null ? source : java.net.InetAddress.getLoopbackAddress());
    zone = selection.view();
    Message r = reply(query);
    r.getHeader().setFlag(Flags.AA);
    if (selection.echo() != null) {
      // Carried to toWire, which writes the answer's OPT record.
      r.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, 0, selection.echo()), Section.ADDITIONAL);
    }
    // RRSIGs and NSEC/NSEC3 only for a client that sets the DO bit (RFC 3225, RFC 4035 §3.1).
    boolean dnssec = wantsDnssec(query) && zone.isSigned();
    Set<Name> visited = new HashSet<>();
    Name name = qname;
    for (int step = 0; step < MAX_CNAME_CHAIN; step++) {
      visited.add(name);
      ZoneData.Lookup l = zone.lookup(name, qtype);
      switch (l.kind()) {
        case ANSWER -> {
          addAll(r, l.rrsets(), Section.ANSWER, dnssec);
          if (dnssec && l.wildcard()) {
            addAll(r, Proofs.wildcardAnswer(zone, name), Section.AUTHORITY, true);
          }
        }
        case NODATA -> {
          addSoa(r, zone, dnssec);
          if (dnssec) {
            addAll(r, Proofs.noData(zone, name, l.wildcard()), Section.AUTHORITY, true);
          }
        }
        case NXDOMAIN -> {
          // RFC 6604 §2.1: after a CNAME, the rcode describes the last name of the chain.
          r.getHeader().setRcode(Rcode.NXDOMAIN);
          addSoa(r, zone, dnssec);
          if (dnssec) {
            addAll(r, Proofs.nameError(zone, name), Section.AUTHORITY, true);
          }
        }
        case DELEGATION -> {
          if (step == 0) {
            r.getHeader().unsetFlag(Flags.AA); // a referral is not authoritative (RFC 1034 §4.3.2 3b)
          }
          addAll(r, l.rrsets(), Section.AUTHORITY, false);
          if (dnssec) {
            addAll(r, Proofs.referral(zone, l.rrsets().get(0).getName()), Section.AUTHORITY, true);
          }
          addAll(r, l.glue(), Section.ADDITIONAL, false);
        }
        case CNAME -> {
          RRset cname = l.rrsets().get(0);
          addAll(r, List.of(cname), Section.ANSWER, dnssec);
          if (dnssec && l.wildcard()) {
            addAll(r, Proofs.wildcardAnswer(zone, name), Section.AUTHORITY, true);
          }
          Name target = ZoneData.cnameTarget(cname);
          // Follow the alias only while it stays in this zone and does not loop (RFC 1034 §4.3.2 3a).
          if (target.subdomain(zone.origin()) && !visited.contains(target)) {
            name = target;
            continue;
          }
        }
      }
      return r;
    }
    return r;
  }

  /** Whether the query asks for DNSSEC records: EDNS0 with the DO bit (RFC 3225 §3). */
  public static boolean wantsDnssec(Message query) {
    OPTRecord opt = query.getOPT();
    return opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
  }

  private static void addSoa(Message r, ZoneData zone, boolean dnssec) {
    r.addRecord(zone.negativeSoa(), Section.AUTHORITY);
    RRset soa = zone.exact(zone.origin(), Type.SOA);
    if (dnssec && soa != null) {
      for (Record sig : soa.sigs()) {
        r.addRecord(sig, Section.AUTHORITY);
      }
    }
  }

  /** The deepest served zone containing {@code qname}; DS at a cut comes from the parent side. */
  private static @Nullable ZoneData zoneFor(Map<Name, ZoneData> zones, Name qname, int qtype) {
    int labels = qname.labels();
    for (int drop = 0; drop < labels; drop++) {
      Name candidate = new Name(qname, drop);
      ZoneData z = zones.get(candidate);
      if (z != null && !(drop == 0 && qtype == Type.DS && labels > 1 && parentServed(zones, qname))) {
        return z;
      }
    }
    return null;
  }

  private static boolean parentServed(Map<Name, ZoneData> zones, Name apex) {
    for (int drop = 1; drop < apex.labels(); drop++) {
      if (zones.containsKey(new Name(apex, drop))) {
        return true;
      }
    }
    return false;
  }

  private static void addAll(Message m, List<RRset> sets, int section, boolean withSigs) {
    for (RRset s : sets) {
      for (Record r : s.rrs(false)) {
        if (!m.findRecord(r, section)) {
          m.addRecord(r, section);
        }
      }
      if (withSigs) {
        for (Record sig : s.sigs()) {
          if (!m.findRecord(sig, section)) {
            m.addRecord(sig, section);
          }
        }
      }
    }
  }

  /**
   * The wire form of {@code answer} to {@code query}: EDNS echoed when the query had it, and over
   * UDP cut to the client's size (512 bytes without EDNS, RFC 1035 §4.2.1) with TC set when cut.
   */
  public static byte[] toWire(Message query, Message answer, boolean udp) {
    OPTRecord qopt = query.getOPT();
    int max = 65_535;
    OPTRecord prior = answer.getOPT();
    List<EDNSOption> options = new java.util.ArrayList<>();
    if (prior != null) {
      // Options the answer carries (a client subnet echo) go into the one OPT record.
      answer.removeRecord(prior, Section.ADDITIONAL);
      options.addAll(prior.getOptions());
    }
    if (qopt != null) {
      // The DO bit is echoed (RFC 3225 §3).
      answer.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, qopt.getFlags() & ExtendedFlags.DO,
          options), Section.ADDITIONAL);
      if (udp) {
        max = Math.max(512, Math.min(qopt.getPayloadSize(), EDNS_PAYLOAD));
      }
    } else if (udp) {
      max = 512;
    }
    return answer.toWire(max);
  }
}
