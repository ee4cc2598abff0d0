package org.dvinspector.dns.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.HostileDns.Reply;
import org.dvinspector.testkit.HostileDnsServer;
import org.dvinspector.testkit.TestDnsServer;
import org.dvinspector.testkit.TestZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The transport the dns module owns, against real loopback servers. */
final class TransportTest {
  private static final Name QNAME = Name.fromConstantString("_dnsauth.example.com.");
  /** The address the client "means"; the mapping sends port 53 of it to the test server. */
  private static final InetSocketAddress TARGET = new InetSocketAddress(ip("192.0.2.53"), 53);

  private final List<AutoCloseable> closeAtEnd = new ArrayList<>();
  private ExecutorService executor;

  @BeforeEach
  void start() {
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "test-executor");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeAtEnd) {
      c.close();
    }
    executor.shutdownNow();
  }

  private Transport transport(InetSocketAddress server, int maxConcurrent) {
    NetworkPolicy policy = NetworkPolicy.builder()
        .endpointMapping(EndpointMapping.builder().route(TARGET.getAddress(), 53, server).build())
        .queryTimeout(Duration.ofMillis(500))
        .queryAttempts(2)
        .maxConcurrentQueries(maxConcurrent)
        .build();
    Transport t = new Transport(policy, executor);
    closeAtEnd.add(t);
    return t;
  }

  private TestDnsServer labServer() {
    TestDnsServer server = TestDnsServer.start(new InetSocketAddress(ip("127.0.0.1"), 0));
    server.serve(TestZone.fromZoneFile("example.com", """
        @ 3600 SOA ns1.example.com. hostmaster.example.com. 1 3600 600 86400 300
        @ 3600 NS ns1.example.com.
        ns1 A 127.0.0.1
        _dnsauth TXT "token"
        """));
    closeAtEnd.add(server);
    return server;
  }

  private HostileDnsServer raw(HostileDns.Responder responder) {
    HostileDns lab = HostileDns.start();
    closeAtEnd.add(lab);
    return lab.listen(new InetSocketAddress(ip("127.0.0.1"), 0), responder, "raw server");
  }

  private static Query query(Duration deadline) {
    return new Query(TARGET, QNAME, Type.TXT, false, false, 2, Duration.ofMillis(500),
        System.nanoTime() + deadline.toNanos());
  }

  private static Exchange ask(Transport t, Duration deadline) throws Exception {
    return t.exchange(query(deadline)).get(10, TimeUnit.SECONDS);
  }

  /** The right answer to {@code q}: same ID and question, AA, one TXT record. */
  private static Message answer(Message q) {
    Message m = new Message(q.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.addRecord(q.getQuestion(), Section.QUESTION);
    m.addRecord(new TXTRecord(QNAME, DClass.IN, 300, "token"), Section.ANSWER);
    return m;
  }

  private static byte[] tcpFrame(byte[] wire) {
    return ByteBuffer.allocate(2 + wire.length).putShort((short) wire.length).put(wire).array();
  }

  @Test
  void asksTheRoutedServerWithoutRecursionDesiredAndWithEdns() throws Exception {
    TestDnsServer server = labServer();
    AtomicReference<Message> seen = new AtomicReference<>();
    Exchange ex = ask(transport(server.address(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.NONE);
    assertThat(ex.transport()).isEqualTo("udp");
    assertThat(ex.response()).hasValueSatisfying(m -> {
      assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(m.getSection(Section.ANSWER)).hasSize(1);
      // The lab echoes EDNS only to queries that carried it.
      assertThat(m.getOPT()).isNotNull();
    });
    assertThat(ex.latency()).isPositive();
    assertThat(seen.get()).isNull();
  }

  @Test
  void completesOnTheExecutorNotTheIoThread() throws Exception {
    TestDnsServer server = labServer();
    // The answer comes late enough that the stage below is attached before it completes (a
    // stage attached to a completed future runs on the attaching thread).
    server.addFault(org.dvinspector.testkit.DnsFault.latency(Duration.ofMillis(200)));
    AtomicReference<String> thread = new AtomicReference<>();

    transport(server.address(), 4).exchange(query(Duration.ofSeconds(5)))
        .thenAccept(x -> thread.set(Thread.currentThread().getName()))
        .get(5, TimeUnit.SECONDS);

    assertThat(thread.get()).isEqualTo("test-executor");
  }

  @Test
  void retriesATruncatedAnswerOverTcpAndClosesTheConnection() throws Exception {
    HostileDnsServer server = raw(r -> {
      Message q = r.query();
      Message a = answer(q);
      if (!r.isTcp()) {
        Message cut = new Message(q.getHeader().getID());
        cut.getHeader().setFlag(Flags.QR);
        cut.getHeader().setFlag(Flags.TC);
        cut.addRecord(q.getQuestion(), Section.QUESTION);
        return Reply.send(cut);
      }
      return Reply.send(a);
    });

    Exchange ex = ask(transport(server.socketAddress(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.NONE);
    assertThat(ex.retriedOverTcp()).isTrue();
    assertThat(ex.transport()).isEqualTo("tcp");
    assertThat(server.tcpConnections()).isEqualTo(1);
    waitFor(() -> server.openTcpConnections() == 0);
    assertThat(server.openTcpConnections()).isZero();
  }

  @Test
  void discardsSpoofedAndUnsolicitedRepliesAndKeepsWaitingForTheRightOne() throws Exception {
    // RFC 5452 §9.1: 20 replies with a wrong ID, one with a wrong question and one garbage
    // datagram arrive before the right answer; none of them ends the exchange.
    HostileDnsServer server = raw(r -> {
      Message q = r.query();
      Reply out = Reply.none();
      for (int i = 1; i <= 20; i++) {
        Message spoof = answer(q);
        spoof.getHeader().setID((q.getHeader().getID() + i) & 0xffff);
        out = out.then(Reply.send(spoof));
      }
      Message other = answer(q);
      other.removeAllRecords(Section.QUESTION);
      other.addRecord(org.xbill.DNS.Record.newRecord(Name.fromConstantString("x.example."),
          Type.TXT, DClass.IN), Section.QUESTION);
      return out.then(Reply.send(other))
          .then(Reply.raw(new byte[] {(byte) (q.getHeader().getID() >> 8),
              (byte) q.getHeader().getID(), (byte) 0x84, 0, 0, 1, 0, 7}))
          .then(Reply.send(answer(q)));
    });

    Exchange ex = ask(transport(server.socketAddress(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.NONE);
    assertThat(ex.discarded()).isEqualTo(22);
    assertThat(ex.response()).hasValueSatisfying(
        m -> assertThat(m.getSection(Section.ANSWER)).hasSize(1));
  }

  @Test
  void onlySpoofedRepliesEndAsATimeoutThatSaysSo() throws Exception {
    HostileDnsServer server = raw(r -> {
      Message spoof = answer(r.query());
      spoof.getHeader().setID((r.id() + 1) & 0xffff);
      return Reply.send(spoof);
    });

    Exchange ex = ask(transport(server.socketAddress(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.MALFORMED);
    assertThat(ex.detail()).contains("discarded").contains("wrong message id");
    assertThat(ex.attempts()).isEqualTo(2);
  }

  @Test
  void asksAgainWithoutEdnsAfterFormerr() throws Exception {
    // RFC 6891 §7: FORMERR without an OPT record means the server does not do EDNS.
    HostileDnsServer server = raw(r -> {
      Message q = r.query();
      if (q.getOPT() != null) {
        Message formerr = new Message(q.getHeader().getID());
        formerr.getHeader().setFlag(Flags.QR);
        formerr.getHeader().setRcode(Rcode.FORMERR);
        return Reply.send(formerr);
      }
      return Reply.send(answer(q));
    });

    Exchange ex = ask(transport(server.socketAddress(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.NONE);
    assertThat(ex.ednsDropped()).isTrue();
    assertThat(ex.response()).hasValueSatisfying(m -> assertThat(m.getRcode()).isZero());
  }

  @Test
  void anAnswerTruncatedEvenOverTcpIsNotTakenAsAnAnswer() throws Exception {
    HostileDnsServer server = raw(r -> {
      Message a = answer(r.query());
      a.getHeader().setFlag(Flags.TC);
      return Reply.send(a);
    });

    Exchange ex = ask(transport(server.socketAddress(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.MALFORMED);
    assertThat(ex.detail()).contains("truncated even over tcp");
  }

  @Test
  void aTcpServerThatClosesMidAnswerIsMalformedNotMissing() throws Exception {
    HostileDnsServer server = raw(r -> {
      Message q = r.query();
      if (!r.isTcp()) {
        Message cut = answer(q);
        cut.removeAllRecords(Section.ANSWER);
        cut.getHeader().setFlag(Flags.TC);
        return Reply.send(cut);
      }
      byte[] full = answer(q).toWire();
      // The length prefix promises the whole answer; half of it comes, then the close.
      byte[] half = java.util.Arrays.copyOf(tcpFrame(full), 2 + full.length / 2);
      return Reply.raw(half).then(Reply.close());
    });

    Exchange ex = ask(transport(server.socketAddress(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.MALFORMED);
    assertThat(ex.detail()).contains("closed the tcp connection");
  }

  @Test
  void sendsTheClientSubnetOptionWhenAsked() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>("none");
    HostileDnsServer server = raw(r -> {
      Message q = r.query();
      org.xbill.DNS.OPTRecord opt = q.getOPT();
      if (opt != null) {
        for (org.xbill.DNS.EDNSOption o : opt.getOptions(org.xbill.DNS.EDNSOption.Code.CLIENT_SUBNET)) {
          org.xbill.DNS.ClientSubnetOption c = (org.xbill.DNS.ClientSubnetOption) o;
          seen.set(c.getAddress().getHostAddress() + "/" + c.getSourcePrefixLength());
        }
      }
      return Reply.send(answer(q));
    });
    Transport t = transport(server.socketAddress(), 4);

    Exchange ex = t.exchange(new Query(TARGET, QNAME, Type.TXT, false, false, 1,
        Duration.ofMillis(500), System.nanoTime() + Duration.ofSeconds(5).toNanos(),
        new ClientSubnet(ip("198.51.100.0"), 24))).get(5, TimeUnit.SECONDS);

    assertThat(ex.failure()).isEqualTo(Failure.NONE);
    assertThat(seen.get()).isEqualTo("198.51.100.0/24");
  }

  @Test
  void timesOutAfterEveryAttempt() throws Exception {
    TestDnsServer server = labServer();
    server.addFault(DnsFault.drop());

    Exchange ex = ask(transport(server.address(), 4), Duration.ofSeconds(5));

    assertThat(ex.failure()).isEqualTo(Failure.TIMEOUT);
    assertThat(ex.detail()).isEqualTo("no answer after 2 attempts of 500 ms over udp");
    assertThat(server.queries("_dnsauth.example.com", Type.TXT)).hasSize(2);
  }

  @Test
  void stopsAtTheDeadlineAndSaysItIsTheInspectorsOwn() throws Exception {
    TestDnsServer server = labServer();
    server.addFault(DnsFault.drop());

    Exchange ex = ask(transport(server.address(), 4), Duration.ofMillis(150));

    assertThat(ex.failure()).isEqualTo(Failure.DEADLINE);
    assertThat(ex.failure().inspectorsOwn()).isTrue();
    assertThat(server.queries("_dnsauth.example.com", Type.TXT)).hasSize(1);
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    TestDnsServer server = labServer();
    NetworkPolicy policy = NetworkPolicy.builder()
        .endpointMapping(EndpointMapping.ports(Map.of(53, server.address().getPort())))
        .queryTimeout(Duration.ofMillis(500))
        .build();
    Transport t = new Transport(policy, executor);
    closeAtEnd.add(t);

    Exchange ex = t.exchange(new Query(new InetSocketAddress(ip("127.0.0.97"), 53), QNAME,
        Type.TXT, false, false, 1, Duration.ofMillis(500), System.nanoTime()
            + Duration.ofSeconds(5).toNanos())).get(5, TimeUnit.SECONDS);

    assertThat(ex.failure()).isEqualTo(Failure.UNREACHABLE);
    assertThat(ex.failure().inspectorsOwn()).isFalse();
  }

  @Test
  void holdsQueriesBeyondTheInFlightLimitWithoutSendingThem() throws Exception {
    TestDnsServer server = labServer();
    server.addFault(DnsFault.latency(Duration.ofMillis(200)));
    Transport t = transport(server.address(), 1);

    CompletableFuture<Exchange> first = t.exchange(query(Duration.ofSeconds(5)));
    CompletableFuture<Exchange> second = t.exchange(query(Duration.ofSeconds(5)));

    waitFor(() -> server.queryCount() == 1);
    assertThat(t.inFlight()).isEqualTo(1);
    assertThat(first.get(5, TimeUnit.SECONDS).failure()).isEqualTo(Failure.NONE);
    assertThat(second.get(5, TimeUnit.SECONDS).failure()).isEqualTo(Failure.NONE);
    assertThat(server.queries("_dnsauth.example.com", Type.TXT)).hasSize(2);
    waitFor(() -> t.inFlight() == 0);
    assertThat(t.inFlight()).isZero();
  }

  @Test
  void aQuestionStillQueuedAtItsDeadlineIsNotSentAndBlamesTheBacklog() throws Exception {
    TestDnsServer server = labServer();
    server.addFault(DnsFault.drop());
    Transport t = transport(server.address(), 1);

    CompletableFuture<Exchange> first = t.exchange(query(Duration.ofSeconds(3)));
    Exchange second = t.exchange(query(Duration.ofMillis(200))).get(5, TimeUnit.SECONDS);

    assertThat(second.failure()).isEqualTo(Failure.NOT_SENT);
    assertThat(second.failure().inspectorsOwn()).isTrue();
    assertThat(second.detail()).contains("limit on questions in flight");
    assertThat(first.get(5, TimeUnit.SECONDS).failure()).isEqualTo(Failure.TIMEOUT);
  }

  @Test
  void closingEndsWhatIsInFlight() throws Exception {
    TestDnsServer server = labServer();
    server.addFault(DnsFault.drop());
    Transport t = transport(server.address(), 4);

    CompletableFuture<Exchange> pending = t.exchange(query(Duration.ofSeconds(5)));
    waitFor(() -> server.queryCount() == 1);
    t.close();

    assertThat(pending.get(5, TimeUnit.SECONDS).failure()).isEqualTo(Failure.CLOSED);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
