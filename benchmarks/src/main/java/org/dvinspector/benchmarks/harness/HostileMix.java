package org.dvinspector.benchmarks.harness;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.HostileDns.Reply;
import org.dvinspector.testkit.HostileDns.Responder;
import org.dvinspector.testkit.TestZone;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The hostile scenario's cases, taken from the hostile DNS battery (cli tests,
 * {@code HostileDnsCases}): zone {@code h<k>.com} is served by one hostile server with behaviour
 * {@code k}, so the lab process and the harness agree on everything from the case list alone.
 * Each zone's nameserver {@code ns<k>.hostile-host.net} lives at {@link #address(int)}, an
 * address the lab itself does not bind; the hostile server listens there on the lab's port.
 */
final class HostileMix {
  /** The key authorization of every zone's dns-01 record. */
  static final String KEY_AUTHORIZATION =
      "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  static final String DIGEST = AcmeChallenges.dns01TxtValue(KEY_AUTHORIZATION);

  /**
   * One case: its name, the verdict the battery expects (none for mutated answers, whose verdict
   * depends on the mutation), and the server's behaviour.
   */
  record Case(String name, @Nullable Verdict expected,
      Function<TestZone, Responder> behaviour) {}

  /** The cases, in the order of their zones. */
  static final List<Case> CASES = List.of(
      new Case("well-behaved", Verdict.READY, HostileDns::authoritative),
      new Case("wrong-ids-before-answer", Verdict.READY, z -> HostileDns.wrongIdsFirst(20,
          HostileDns.rcode(Rcode.NXDOMAIN), HostileDns.authoritative(z))),
      new Case("flood-on-client-port", Verdict.READY, z -> HostileDns.floodFromOtherPort(50,
          HostileDns.rcode(Rcode.NXDOMAIN), HostileDns.authoritative(z))),
      new Case("garbage-before-answer", Verdict.READY,
          z -> HostileDns.garbageFirst(10, HostileDns.authoritative(z))),
      new Case("edns-formerr", Verdict.READY,
          z -> HostileDns.formerrToEdns(HostileDns.authoritative(z))),
      new Case("truncated-then-tcp-answers", Verdict.READY,
          z -> HostileDns.truncatedOverUdp(HostileDns.authoritative(z))),
      new Case("sixty-four-kib-answer", Verdict.READY, HostileMix::large),
      new Case("truncated-then-tcp-reset", Verdict.NOT_READY,
          z -> forRecord(z, HostileDns.truncatedOverUdp(HostileDns.tcpReset()))),
      new Case("truncated-then-tcp-hangs", Verdict.NOT_READY,
          z -> forRecord(z, HostileDns.truncatedOverUdp(HostileDns.tcpHang()))),
      new Case("tcp-length-longer-then-close", Verdict.NOT_READY, z -> forRecord(z,
          HostileDns.truncatedOverUdp(HostileDns.tcpLengthLie(100, HostileDns.authoritative(z),
              Reply.close())))),
      new Case("truncated-even-over-tcp", Verdict.NOT_READY,
          z -> forRecord(z, HostileDns.truncatedEvenOverTcp(HostileDns.authoritative(z)))),
      new Case("compression-loop", Verdict.NOT_READY,
          z -> forRecord(z, HostileDns.compressionLoop())),
      new Case("rcode-servfail", Verdict.NOT_READY,
          z -> forRecord(z, HostileDns.rcode(Rcode.SERVFAIL))),
      new Case("silent-server", Verdict.NOT_READY, z -> forRecord(z, HostileDns.drop())),
      new Case("mutated-answers", null, z -> HostileDns.mutating(z.name().hashCode(),
          HostileDns.authoritative(z))));

  private HostileMix() {}

  /** The zone of case {@code k}. */
  static String zone(int k) {
    return "h" + k + ".com";
  }

  /** The domain inspected for case {@code k}. */
  static String domain(int k) {
    return "www." + zone(k);
  }

  /** The hostile server's loopback address for case {@code k} (127.0.4.1 and up). */
  static String address(int k) {
    return "127.0.4." + (k + 1);
  }

  /** The request of case {@code k}: ACME dns-01 and CAA, Let's Encrypt profile. */
  static InspectionRequest request(int k) {
    return InspectionRequest.builder()
        .domain(domain(k))
        .profile(CaProfiles.LETS_ENCRYPT)
        .addChecks(AcmeDns01Check.of(KEY_AUTHORIZATION), CaaCheck.forProfile())
        .build();
  }

  /** Declares the lab: every case's zone, and the zone holding the hostile servers' names. */
  static DnsLab.Builder declare(DnsLab.Builder lab) {
    StringBuilder hosts = new StringBuilder();
    for (int k = 0; k < CASES.size(); k++) {
      hosts.append("ns").append(k).append(" A ").append(address(k)).append('\n');
    }
    lab.zone("hostile-host.net", z -> z
        .nameserver("ns1.hostile-host.net", "127.0.0.60")
        .zoneFile(hosts.toString()));
    for (int k = 0; k < CASES.size(); k++) {
      int n = k;
      lab.zone(zone(k), z -> z
          .nameserver("ns" + n + ".hostile-host.net")
          .records("_acme-challenge.www TXT \"" + DIGEST + "\"",
              "www A 203.0.114.10", "@ CAA 0 issue \"letsencrypt.org\""));
    }
    return lab;
  }

  /** Starts every case's hostile server on {@code hostile}, at its address and the lab's port. */
  static void serve(DnsLab lab, HostileDns hostile) {
    for (int k = 0; k < CASES.size(); k++) {
      TestZone z = lab.zone(zone(k));
      hostile.listen(new java.net.InetSocketAddress(RemoteLab.literal(address(k)), lab.port()),
          CASES.get(k).behaviour().apply(z), CASES.get(k).name());
    }
  }

  /** {@code fault} for the validation record's TXT question, the zone's answers otherwise. */
  private static Responder forRecord(TestZone z, Responder fault) {
    return HostileDns.when(HostileDns.asking("_acme-challenge.www." + z.name(), Type.TXT), fault,
        HostileDns.authoritative(z));
  }

  /** The right TXT among 235 records of 255 bytes: about 63 KiB, over TCP after a TC. */
  private static Responder large(TestZone z) {
    Name record = Name.fromConstantString("_acme-challenge.www." + z.name());
    return forRecord(z, HostileDns.answering(q -> {
      Message m = HostileDns.replyTo(q);
      m.getHeader().setFlag(org.xbill.DNS.Flags.AA);
      for (int i = 0; i < 235; i++) {
        m.addRecord(new TXTRecord(record, DClass.IN, 300,
            String.format(java.util.Locale.ROOT, "%03d", i) + "y".repeat(252)), Section.ANSWER);
      }
      m.addRecord(new TXTRecord(record, DClass.IN, 300, DIGEST), Section.ANSWER);
      return m;
    }));
  }

  /** How long a silent or hanging server costs at most: the policy's timeouts. */
  static final Duration QUERY_TIMEOUT = Duration.ofMillis(500);
}
