package org.dvinspector.dns.internal.dnssec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.TestDnsServer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A minimal iterative resolution over a {@link DnsLab} with plain dnsjava queries (EDNS0, DO
 * bit, no recursion), feeding each step to {@link DnssecValidator} the way the resolution core is
 * meant to: root keys from the anchor, then for each referral the DS (from the referral itself)
 * and the child's DNSKEY, then the final answer. Test support only: it shows the integration,
 * it is not the inspector's resolution.
 */
final class LabChain {
  private final DnsLab lab;
  private final DnssecValidator validator;
  private final TrustAnchors anchors;
  /** Which server to ask for a zone, when a test wants a particular one. */
  private final Map<Name, InetAddress> preferred;
  final List<String> trace = new ArrayList<>();

  LabChain(DnsLab lab, Map<String, String> preferredServers) {
    this.lab = lab;
    this.validator = new DnssecValidator(lab.clock().instant());
    this.anchors = TrustAnchors.of(lab.trustAnchors());
    this.preferred = new java.util.HashMap<>();
    preferredServers.forEach((zone, address) -> preferred.put(TestSigner.name(zone),
        lab.serverAt(address).address().getAddress()));
  }

  LabChain(DnsLab lab) {
    this(lab, Map.of());
  }

  /** The DNSSEC verdict on {@code qname}/{@code qtype}, walking from the root. */
  DnssecResult validate(String qname, int qtype) {
    Name q = TestSigner.name(qname);
    InetAddress server = lab.rootServer().address().getAddress();
    Name zone = Name.root;
    ZoneKeys keys = validator.anchoredKeys(anchors, zone, query(server, zone, Type.DNSKEY));
    trace.add(keys.toString());
    for (int depth = 0; depth < 10; depth++) {
      Message m = query(server, q, qtype);
      Name cut = referral(m, zone);
      if (cut == null) {
        DnssecResult r = validator.response(m, q, qtype, keys);
        trace.add(r.toString());
        return r.withServer(server.getHostAddress());
      }
      Delegation d = validator.delegation(cut, m, keys);
      trace.add(d.toString());
      server = serverFor(cut, m);
      keys = validator.zoneKeys(d, query(server, cut, Type.DNSKEY));
      trace.add(keys.toString());
      zone = cut;
    }
    throw new IllegalStateException("too many referrals for " + qname);
  }

  private @Nullable Name referral(Message m, Name zone) {
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

  private InetAddress serverFor(Name cut, Message referral) {
    InetAddress p = preferred.get(cut);
    if (p != null) {
      return p;
    }
    for (Record r : referral.getSection(Section.ADDITIONAL)) {
      if (r instanceof ARecord a) {
        return a.getAddress();
      }
    }
    for (Record r : referral.getSection(Section.AUTHORITY)) {
      if (r instanceof NSRecord ns) {
        for (TestDnsServer s : lab.servers(ns.getTarget().toString())) {
          return s.address().getAddress();
        }
      }
    }
    throw new IllegalStateException("no server for " + cut);
  }

  Message query(InetAddress server, Name name, int type) {
    try {
      SimpleResolver r = new SimpleResolver(new InetSocketAddress(server, lab.port()));
      r.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
      r.setTimeout(Duration.ofSeconds(2));
      Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
      q.getHeader().unsetFlag(Flags.RD);
      return r.send(q);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
