package org.dvinspector.it;

import static org.dvinspector.it.LabEnvironment.NS1;
import static org.dvinspector.it.LabEnvironment.NS2;
import static org.dvinspector.it.LabEnvironment.NS4;
import static org.dvinspector.it.LabEnvironment.NS_LAME;
import static org.dvinspector.it.LabEnvironment.ROOT;
import static org.dvinspector.it.LabEnvironment.TLD;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's delegation tree, served by real bind9 instances:
 *
 * <pre>
 * .                    root      rootns.            127.83.0.2
 * com. net. org.       TLD       ns1.nic.com.       127.83.0.3
 * example.com.         primary   ns1.example.com.   127.83.0.11
 *                      secondary ns2.example.com.   127.83.0.12  (AXFR from ns1, then left behind)
 * example.net.         primary   ns1.example.net.   127.83.0.11
 * example.org.         primary   ns1.example.org.   127.83.0.11
 * lame.example.com.    ns1.example.com. 127.83.0.11 (the parent's server: answers with a
 *                                         referral, not authoritatively: a lame delegation)
 *                      ns2.lame  127.83.0.14 (serves the zone)
 * onlylame.example.com. ns1.example.com. only (every nameserver lame)
 * refused.example.com. ns1.refused 127.83.0.13 (runs, authoritative for nothing: REFUSED)
 *                      ns2.refused 127.83.0.14 (serves the zone)
 * broken.example.com.  ns.broken 127.83.0.14 (the zone file does not load: SERVFAIL)
 * rootserved.org.      a.rootserved.org. 127.83.0.2: the root server also serves this zone, as
 *                      real root servers serve root-servers.net
 * hosted.net.          ns.rootserved.org. (no glue: its address is in rootserved.org, which the
 *                      root server answers itself) = 127.83.0.11
 * </pre>
 *
 * Tests add their own records to the leaf zones; TTLs are short and SOA refresh is an hour, so the
 * secondary never refreshes during a test on its own.
 */
final class LabZones {
  private final Map<String, List<String>> extra = new LinkedHashMap<>();

  private LabZones() {
    for (String z : List.of("example.com", "example.net", "example.org", "lame.example.com",
        "refused.example.com", "hosted.net")) {
      extra.put(z, new ArrayList<>());
    }
  }

  static LabZones builder() {
    return new LabZones();
  }

  /** Adds master-file lines (relative names are relative to the zone) to a leaf zone. */
  LabZones add(String zone, String... lines) {
    List<String> l = extra.get(zone);
    if (l == null) {
      throw new IllegalArgumentException("no such lab zone: " + zone);
    }
    l.addAll(List.of(lines));
    return this;
  }

  /** The servers: root, TLD, ns1 (primary), ns2 (secondary), the refusing one and ns4. */
  List<NamedServer> servers() {
    String root = zone(".", "rootns.", 1,
        "rootns. A " + ip(ROOT),
        "com. NS ns1.nic.com.",
        "net. NS ns1.nic.com.",
        "org. NS ns1.nic.com.",
        "ns1.nic.com. A " + ip(TLD));
    String com = zone("com.", "ns1.nic.com.", 1,
        "ns1.nic A " + ip(TLD),
        "example NS ns1.example.com.",
        "example NS ns2.example.com.",
        "ns1.example A " + ip(NS1),
        "ns2.example A " + ip(NS2));
    String net = zone("net.", "ns1.nic.com.", 1,
        "example NS ns1.example.net.",
        "ns1.example A " + ip(NS1),
        // hosted.net: its nameserver's name lies in a zone the root server serves itself.
        "hosted NS ns.rootserved.org.");
    String org = zone("org.", "ns1.nic.com.", 1,
        "example NS ns1.example.org.",
        "ns1.example A " + ip(NS1),
        "rootserved NS a.rootserved.org.",
        "a.rootserved A " + ip(ROOT));
    String rootServed = zone("rootserved.org.", "a.rootserved.org.", 1,
        "a A " + ip(ROOT),
        "ns A " + ip(NS1));
    List<String> hostedLines = new ArrayList<>(List.of("@ NS ns.rootserved.org."));
    hostedLines.addAll(extra.get("hosted.net"));
    String hosted = zone("hosted.net.", "ns.rootserved.org.", 1, hostedLines);
    List<String> comLines = new ArrayList<>(List.of(
        "@ NS ns2.example.com.",
        "ns1 A " + ip(NS1),
        "ns2 A " + ip(NS2),
        // lame.example.com: delegated to this zone's own server too, which only has the
        // delegation and so answers with a referral (the classic lame delegation).
        "lame NS ns1.example.com.",
        "lame NS ns2.lame",
        "ns2.lame A " + ip(NS4),
        // onlylame.example.com: delegated only to this zone's own server, which has nothing
        // but the delegation: every nameserver of the zone is lame.
        "onlylame NS ns1.example.com.",
        // refused.example.com: one nameserver runs but refuses the zone.
        "refused NS ns1.refused",
        "refused NS ns2.refused",
        "ns1.refused A " + ip(NS_LAME),
        "ns2.refused A " + ip(NS4),
        // broken.example.com: its only server fails to load the zone.
        "broken NS ns.broken",
        "ns.broken A " + ip(NS4)));
    comLines.addAll(extra.get("example.com"));
    String exampleCom = zone("example.com.", "ns1.example.com.", 1, comLines);
    List<String> netLines = new ArrayList<>(List.of("ns1 A " + ip(NS1)));
    netLines.addAll(extra.get("example.net"));
    String exampleNet = zone("example.net.", "ns1.example.net.", 1, netLines);
    List<String> orgLines = new ArrayList<>(List.of("ns1 A " + ip(NS1)));
    orgLines.addAll(extra.get("example.org"));
    String exampleOrg = zone("example.org.", "ns1.example.org.", 1, orgLines);
    List<String> lameLines = new ArrayList<>(List.of(
        "@ NS ns1.example.com.",
        "ns2 A " + ip(NS4)));
    lameLines.addAll(extra.get("lame.example.com"));
    String lame = zone("lame.example.com.", "ns2.lame.example.com.", 1, lameLines);
    List<String> refusedLines = new ArrayList<>(List.of(
        "@ NS ns1.refused.example.com.",
        "ns1 A " + ip(NS_LAME),
        "ns2 A " + ip(NS4)));
    refusedLines.addAll(extra.get("refused.example.com"));
    String refused = zone("refused.example.com.", "ns2.refused.example.com.", 1, refusedLines);
    // A CNAME at the apex beside the SOA and NS: named refuses to load the zone ("CNAME and
    // other data") and answers SERVFAIL for it, as after a broken edit on a real server.
    String broken = zone("broken.example.com.", "ns.broken.example.com.", 1,
        "@ CNAME example.net.",
        "www A " + ip(LabEnvironment.WEB1));
    return List.of(
        NamedServer.at("root", ROOT).primary(".", root).primary("rootserved.org", rootServed),
        NamedServer.at("tld", TLD).primary("com", com).primary("net", net).primary("org", org),
        NamedServer.at("ns1", NS1).primary("example.com", exampleCom)
            .primary("example.net", exampleNet).primary("example.org", exampleOrg)
            .primary("hosted.net", hosted),
        NamedServer.at("ns2", NS2).secondary("example.com", NS1),
        NamedServer.at("lame", NS_LAME),
        NamedServer.at("ns4", NS4).primary("lame.example.com", lame)
            .primary("refused.example.com", refused)
            .unloadablePrimary("broken.example.com", broken));
  }

  /** A zone's master file: $ORIGIN, $TTL 60, SOA (refresh one hour) and an NS at {@code mname}. */
  static String zone(String origin, String mname, long serial, String... lines) {
    return zone(origin, mname, serial, List.of(lines));
  }

  static String zone(String origin, String mname, long serial, List<String> lines) {
    StringBuilder sb = new StringBuilder()
        .append("$ORIGIN ").append(origin).append('\n')
        .append("$TTL 60\n")
        .append("@ SOA ").append(mname).append(" hostmaster.").append(origin.equals(".") ? "" : origin)
        .append(' ').append(serial).append(" 3600 600 86400 30\n")
        .append("@ NS ").append(mname).append('\n');
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  static String ip(java.net.InetAddress a) {
    return a.getHostAddress();
  }
}
