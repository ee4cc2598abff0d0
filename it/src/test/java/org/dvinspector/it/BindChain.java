package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dvinspector.TrustAnchor;
import org.dvinspector.dns.internal.dnssec.Delegation;
import org.dvinspector.dns.internal.dnssec.DnssecResult;
import org.dvinspector.dns.internal.dnssec.DnssecValidator;
import org.dvinspector.dns.internal.dnssec.TrustAnchors;
import org.dvinspector.dns.internal.dnssec.ZoneKeys;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The dns module's DNSSEC validator walking the bind9 tree from its root anchor with plain
 * dnsjava queries (EDNS0, DO bit, no recursion) to one chosen server per zone, the way the
 * resolution core is to call it. Until the inspector validates, this is what compares the
 * validator with Pebble behind a validating unbound.
 */
final class BindChain {
  private final DnssecValidator validator = new DnssecValidator(Instant.now());
  private final TrustAnchors anchors;
  private final Map<String, InetAddress> preferred;

  BindChain(String rootDs, Map<String, InetAddress> preferredServers) {
    this.anchors = TrustAnchors.of(TrustAnchor.parse(rootDs));
    this.preferred = preferredServers;
  }

  /** The verdict on {@code qname}/{@code qtype} from the root. */
  DnssecResult validate(String qname, int qtype) throws IOException {
    Name q = Dig.name(qname);
    InetAddress server = LabEnvironment.ROOT;
    Name zone = Name.root;
    ZoneKeys keys = validator.anchoredKeys(anchors, zone, query(server, zone, Type.DNSKEY));
    for (int depth = 0; depth < 10; depth++) {
      Message m = query(server, q, qtype);
      Name cut = referral(m, zone);
      if (cut == null) {
        return validator.response(m, q, qtype, keys).withServer(server.getHostAddress());
      }
      Delegation d = validator.delegation(cut, m, keys);
      server = next(cut, m);
      keys = validator.zoneKeys(d, query(server, cut, Type.DNSKEY));
      zone = cut;
    }
    throw new IOException("too many referrals for " + qname);
  }

  private static @Nullable Name referral(Message m, Name zone) {
    if (m.getHeader().getFlag(Flags.AA)) {
      return null;
    }
    for (RRset s : m.getSectionRRsets(Section.AUTHORITY)) {
      if (s.getType() == Type.NS && s.getName().subdomain(zone) && !s.getName().equals(zone)) {
        return s.getName();
      }
    }
    return null;
  }

  private InetAddress next(Name cut, Message referral) throws IOException {
    InetAddress p = preferred.get(cut.toString(true));
    if (p != null) {
      return p;
    }
    for (Record r : referral.getSection(Section.ADDITIONAL)) {
      if (r instanceof ARecord a) {
        return a.getAddress();
      }
    }
    throw new IOException("no glue for " + cut);
  }

  private static Message query(InetAddress server, Name name, int type) throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setPort(LabEnvironment.DNS_PORT);
    r.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    r.setTimeout(Duration.ofSeconds(2));
    Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    return r.send(q);
  }
}
