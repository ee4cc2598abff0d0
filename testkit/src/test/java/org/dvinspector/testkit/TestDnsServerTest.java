package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

final class TestDnsServerTest {
  private static final String TOKEN = "_dnsauth.example.test";
  private static DnsLab lab;
  private static Dig dig;
  private static TestDnsServer ns1;
  private static TestDnsServer ns2;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.21")
            .nameserver("ns2.example.test", "127.0.0.22")
            .records("_dnsauth 300 IN TXT \"token\"", "www 300 IN A 127.0.0.50"))
        .start();
    dig = new Dig();
    ns1 = lab.server("ns1.example.test");
    ns2 = lab.server("ns2.example.test");
  }

  @AfterEach
  void reset() {
    ns1.clearFaults();
    ns2.clearFaults();
  }

  @AfterAll
  static void stop() {
    dig.close();
    lab.close();
  }

  @Test
  void latencyBelowTheClientTimeoutStillAnswers() throws Exception {
    ns1.addFault(DnsFault.latency(Duration.ofMillis(50)));
    SimpleResolver r = new SimpleResolver(ns1.address());
    r.setTimeout(Duration.ofSeconds(3));
    Message q = Message.newQuery(Record.newRecord(Name.fromString(TOKEN + "."), Type.TXT, DClass.IN));
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Message m = r.sendAsync(q, ex).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(Dig.answers(m)).containsExactly("\"token\"");
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void latencyAboveTheClientTimeoutTimesOut() {
    ns1.addFault(DnsFault.latency(Duration.ofSeconds(3)));
    assertThatThrownBy(() -> dig.ask(ns1.address(), TOKEN, Type.TXT))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("timed out");
  }

  @Test
  void dropMakesTheClientTimeOut() {
    ns1.addFault(DnsFault.drop());
    assertThatThrownBy(() -> dig.ask(ns1.address(), TOKEN, Type.TXT))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("timed out");
  }

  @Test
  void dropScopedToOneNameLeavesOthersAnswered() throws Exception {
    ns1.addFault(DnsFault.drop().forName(TOKEN).forType(Type.TXT));
    assertThat(Dig.answers(dig.ask(ns1.address(), "www.example.test", Type.A)))
        .containsExactly("127.0.0.50");
    assertThat(Dig.answers(dig.ask(ns1.address(), TOKEN, Type.A))).isEmpty();
    assertThatThrownBy(() -> dig.ask(ns1.address(), TOKEN, Type.TXT))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void dropOverTcpOnlyLeavesUdpAnswered() throws Exception {
    ns1.addFault(DnsFault.drop().overTransport("tcp"));
    assertThat(Dig.answers(dig.ask(ns1.address(), TOKEN, Type.TXT))).containsExactly("\"token\"");
    assertThatThrownBy(() -> dig.ask(ns1.address(), TOKEN, Type.TXT, true, false))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void pausedServerRefusesConnectionsUntilResumed() throws Exception {
    ns2.pause();
    try {
      assertThat(ns2.isListening()).isFalse();
      assertThatThrownBy(() -> dig.ask(ns2.address(), TOKEN, Type.TXT, true, false))
          .isInstanceOf(ExecutionException.class);
    } finally {
      ns2.resume();
    }
    // dnsjava's NIO TCP client may hand out the channel that failed while the server was paused
    // (ClosedChannelException); that is the client's pool, not the server, so ask again.
    assertThat(Dig.answers(askOverTcpAgainOnClientError(ns2.address())))
        .containsExactly("\"token\"");
  }

  private Message askOverTcpAgainOnClientError(InetSocketAddress server) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return dig.ask(server, TOKEN, Type.TXT, true, false);
      } catch (ExecutionException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Test
  void tcpConnectionCarriesSeveralQueries() throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(ns1.address(), 2000);
      socket.setSoTimeout(2000);
      java.io.DataOutputStream out = new java.io.DataOutputStream(socket.getOutputStream());
      for (String name : new String[] {TOKEN, "www.example.test"}) {
        byte[] q = Message.newQuery(
            Record.newRecord(Name.fromString(name + "."), Type.ANY, DClass.IN)).toWire();
        out.writeShort(q.length);
        out.write(q);
      }
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        byte[] answer = new byte[in.readUnsignedShort()];
        in.readFully(answer);
        Message m = new Message(answer);
        assertThat(m.getSection(Section.ANSWER)).isNotEmpty();
        names.add(m.getQuestion().getName().toString());
      }
      assertThat(names).containsExactlyInAnyOrder(TOKEN + ".", "www.example.test.");
    }
  }

  @Test
  void servfailFault() throws Exception {
    ns1.addFault(DnsFault.servfail());
    assertThat(dig.ask(ns1.address(), TOKEN, Type.TXT).getRcode()).isEqualTo(Rcode.SERVFAIL);
  }

  @Test
  void refusedFault() throws Exception {
    ns1.addFault(DnsFault.refused());
    assertThat(dig.ask(ns1.address(), TOKEN, Type.TXT).getRcode()).isEqualTo(Rcode.REFUSED);
  }

  @Test
  void removedFaultNoLongerApplies() throws Exception {
    ns1.addFault(DnsFault.refused());
    ns1.removeFault(DnsFault.refused());
    assertThat(ns1.faults()).isEmpty();
    assertThat(dig.ask(ns1.address(), TOKEN, Type.TXT).getRcode()).isEqualTo(Rcode.NOERROR);
  }

  @Test
  void truncationSetsTcAndEmptiesTheUdpAnswer() throws Exception {
    ns1.addFault(DnsFault.truncate());
    Message m = dig.ask(ns1.address(), TOKEN, Type.TXT, false, true);
    assertThat(m.getHeader().getFlag(Flags.TC)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).isEmpty();
  }

  @Test
  void truncationMakesTheClientRetryOverTcpAndGetTheAnswer() throws Exception {
    ns1.addFault(DnsFault.truncate());
    ns1.clearQueries();
    Message m = dig.ask(ns1.address(), TOKEN, Type.TXT);
    assertThat(m.getHeader().getFlag(Flags.TC)).isFalse();
    assertThat(Dig.answers(m)).containsExactly("\"token\"");
    assertThat(ns1.queries()).extracting(DnsQuery::transport).containsExactly("udp", "tcp");
  }

  @Test
  void notAuthoritativeFaultClearsAa() throws Exception {
    ns2.addFault(DnsFault.notAuthoritative());
    Message m = dig.ask(ns2.address(), TOKEN, Type.TXT);
    assertThat(m.getHeader().getFlag(Flags.AA)).isFalse();
    assertThat(Dig.answers(m)).containsExactly("\"token\"");
  }

  @Test
  void zoneChangesReachEveryServerAndBumpTheSerial() throws Exception {
    TestZone zone = lab.zone("example.test");
    long before = zone.serial();
    zone.add("new 300 IN TXT \"added\"");
    try {
      assertThat(zone.serial()).isEqualTo(before + 1);
      for (TestDnsServer s : List.of(ns1, ns2)) {
        assertThat(Dig.answers(dig.ask(s.address(), "new.example.test", Type.TXT)))
            .containsExactly("\"added\"");
        assertThat(s.servedSerial("example.test")).isEqualTo(before + 1);
      }
    } finally {
      zone.remove("new TXT \"added\"");
    }
  }

  @Test
  void frozenServerKeepsServingTheOlderCopy() throws Exception {
    TestZone zone = lab.zone("example.test");
    long before = zone.serial();
    ns2.freeze("example.test");
    try {
      zone.replace("_dnsauth", Type.TXT, "_dnsauth 300 IN TXT \"updated\"");
      assertThat(Dig.answers(dig.ask(ns1.address(), TOKEN, Type.TXT)))
          .containsExactly("\"updated\"");
      assertThat(Dig.answers(dig.ask(ns2.address(), TOKEN, Type.TXT)))
          .containsExactly("\"token\"");
      Message soa = dig.ask(ns2.address(), "example.test", Type.SOA);
      assertThat(soa.getSection(Section.ANSWER).get(0).rdataToString()).contains(" " + before + " ");
      assertThat(ns1.servedSerial("example.test")).isEqualTo(before + 1);
      ns2.unfreeze("example.test");
      assertThat(Dig.answers(dig.ask(ns2.address(), TOKEN, Type.TXT)))
          .containsExactly("\"updated\"");
    } finally {
      ns2.unfreeze("example.test");
      zone.replace("_dnsauth", Type.TXT, "_dnsauth 300 IN TXT \"token\"");
    }
  }

  @Test
  void answersHundredsOfConcurrentQueries() throws Exception {
    ExecutorService ex = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<Message>> all = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        SimpleResolver r = new SimpleResolver(i % 2 == 0 ? ns1.address() : ns2.address());
        r.setTimeout(Duration.ofSeconds(5));
        Message q = Message.newQuery(
            Record.newRecord(Name.fromString("n" + i + ".example.test."), Type.A, DClass.IN));
        all.add(r.sendAsync(q, ex).toCompletableFuture());
      }
      CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(20, TimeUnit.SECONDS);
      assertThat(all).allSatisfy(f -> assertThat(f.join().getRcode()).isEqualTo(Rcode.NXDOMAIN));
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void standAloneServerServesAZoneFile() throws Exception {
    String text = """
        $TTL 120
        @ IN SOA ns1 hostmaster 7 3600 600 86400 60
        @ IN NS ns1
        ns1 IN A 127.0.0.1
        www IN A 127.0.0.80
        """;
    try (TestDnsServer s = TestDnsServer.start(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      s.serve(TestZone.fromZoneFile("standalone.test", text));
      Message m = dig.ask(s.address(), "www.standalone.test", Type.A);
      assertThat(Dig.section(m, Section.ANSWER)).singleElement().asString()
          .contains("120").contains("127.0.0.80");
      assertThat(s.servedSerial("standalone.test")).isEqualTo(7);
    }
  }

  @Test
  void closingFreesThePortAndStopsTheThreads() throws Exception {
    DnsLab other = DnsLab.builder()
        .zone("closing.test", z -> z.nameserver("ns1.closing.test", "127.0.0.23"))
        .start();
    int port = other.port();
    other.close();
    try (java.nio.channels.DatagramChannel udp = java.nio.channels.DatagramChannel.open();
        java.nio.channels.ServerSocketChannel tcp = java.nio.channels.ServerSocketChannel.open()) {
      udp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.23"), port));
      tcp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.23"), port));
    }
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("dvi-dns-lab-" + port) && t.isAlive());
  }
}
