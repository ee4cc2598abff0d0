package org.dvinspector.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;
import org.dvinspector.dns.internal.resolve.Records;
import org.dvinspector.dns.internal.resolve.Replies;
import org.dvinspector.dns.internal.transport.Exchange;
import org.dvinspector.dns.internal.transport.Failure;
import org.dvinspector.dns.internal.transport.Query;
import org.dvinspector.dns.internal.transport.Transport;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.TestZone;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Fuzzing DNS answer handling: a hostile server on loopback answers every question with a
 * mutation of the right answer (random bytes, flipped bytes, cuts, inserted and deleted bytes,
 * header counts, compression pointers anywhere, repeated slices; the ID kept so the bytes reach
 * the parser), then the right answer, over UDP or TCP. The owned transport must end every
 * exchange, with the answer or a failure, never an exception and never past its deadline; and
 * whatever it accepted must be read by the reply-reading code (outcome, records, the one-line
 * description) without throwing and without a control character in the text.
 */
final class DnsAnswerFuzzTest {
  private static final Name QNAME = Name.fromConstantString("_dnsauth.example.com.");
  private static final InetSocketAddress TARGET = socket("192.0.2.53", 53);
  private static final TestZone ZONE = TestZone.fromZoneFile("example.com", """
      @ 3600 SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
      @ 3600 NS ns1.example.com.
      ns1 A 192.0.2.53
      _dnsauth TXT "token" "second string"
      _dnsauth TXT "another"
      @ CAA 0 issue "letsencrypt.org"
      alias CNAME _dnsauth
      """);

  private static volatile long seed;
  private static volatile boolean tcpOnly;
  private static @Nullable HostileDns lab;
  private static @Nullable Transport transport;
  private static @Nullable ExecutorService executor;

  private static InetSocketAddress socket(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @BeforeContainer
  static void start() {
    HostileDns l = HostileDns.start();
    HostileDns.Responder right = HostileDns.authoritative(ZONE);
    // Each question gets a mutation seeded by the try's seed; over TCP only, UDP answers are
    // truncated (TC) so that the mutation comes over TCP.
    l.serve("192.0.2.53", r -> {
      if (tcpOnly && !r.isTcp()) {
        return HostileDns.truncatedOverUdp(right).respond(r);
      }
      return HostileDns.mutating(seed, right).respond(r);
    });
    ExecutorService ex = Executors.newFixedThreadPool(2, t -> {
      Thread th = new Thread(t, "fuzz-executor");
      th.setDaemon(true);
      return th;
    });
    NetworkPolicy policy = NetworkPolicy.builder()
        .endpointMapping(l.endpointMapping())
        .queryTimeout(Duration.ofMillis(500))
        .queryAttempts(1)
        .build();
    lab = l;
    executor = ex;
    transport = new Transport(policy, ex);
  }

  @AfterContainer
  static void stop() {
    if (transport != null) {
      transport.close();
    }
    if (lab != null) {
      lab.close();
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @Property
  void anyBytesFromAServerEndTheExchangeAndReadWithoutThrowing(@ForAll long trySeed,
      @ForAll boolean overTcp, @ForAll("types") int type) throws Exception {
    seed = trySeed;
    tcpOnly = overTcp;
    Query q = new Query(TARGET, QNAME, type, false, false, 1, Duration.ofMillis(500),
        System.nanoTime() + Duration.ofSeconds(3).toNanos());

    // The transport promises to complete by the query's deadline; 5 s more is the liveness bound.
    Exchange ex = java.util.Objects.requireNonNull(transport).exchange(q)
        .get(8, TimeUnit.SECONDS);

    assertThat(ex.failure()).isNotNull();
    assertThat(ex.failure().inspectorsOwn()).as(ex.detail()).isFalse();
    if (ex.failure() != Failure.NONE) {
      assertThat(ex.response()).isEmpty();
      assertThat(ex.detail()).isNotBlank();
      assertPrintable(describe(ex));
      return;
    }
    Message m = ex.response().orElseThrow();
    ServerAnswer.Outcome outcome = Replies.outcome(m, QNAME, type, true);
    ServerAnswer a = ServerAnswer.builder()
        .perspective(Perspective.authoritative("ns1.example.com", TARGET.getAddress(),
            ex.transport()))
        .serverName("ns1.example.com")
        .address(TARGET.getAddress())
        .outcome(outcome)
        .rcode(m.getRcode())
        .authoritative(m.getHeader().getFlag(org.xbill.DNS.Flags.AA))
        .answer(Records.of(m.getSection(Section.ANSWER)))
        .authority(Records.of(m.getSection(Section.AUTHORITY)))
        .latency(ex.latency())
        .build();
    for (Record r : m.getSection(Section.ADDITIONAL)) {
      assertPrintable(Replies.record(Records.of(r)));
    }
    for (DnsRecord r : a.answer()) {
      assertPrintable(Replies.record(r));
    }
    a.negativeTtl().ifPresent(ttl -> assertThat(ttl).isBetween(0L, DnsRecord.MAX_TTL));
    assertPrintable(Replies.describe(a));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> types() {
    return net.jqwik.api.Arbitraries.of(Type.TXT, Type.CAA, Type.NS, Type.A, Type.SOA,
        Type.CNAME);
  }

  private static String describe(Exchange ex) {
    ServerAnswer a = ServerAnswer.builder()
        .perspective(Perspective.authoritative("ns1.example.com", TARGET.getAddress(),
            ex.transport()))
        .serverName("ns1.example.com")
        .address(TARGET.getAddress())
        .outcome(ServerAnswer.Outcome.OTHER_ERROR)
        .latency(ex.latency())
        .problem(ex.detail())
        .build();
    return Replies.describe(a);
  }

  /** No control, format or separator character: what reaches a message is escaped. */
  private static void assertPrintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad = c < 0x20 || (c >= 0x7f && c <= 0x9f)
          || Character.getType(c) == Character.FORMAT || c == '\u2028' || c == '\u2029';
      assertThat(bad).as("U+%04X at %d in %s", (int) c, i, Text.escape(text)).isFalse();
    }
  }
}
