package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.WireParseException;

/** The hostile DNS servers send exactly what their responders say, over real loopback sockets. */
final class HostileDnsTest {
  private static final TestZone ZONE = TestZone.fromZoneFile("example.test", """
      @ 3600 SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300
      @ 3600 NS ns1.example.test.
      ns1 A 127.0.0.1
      _dnsauth TXT "token"
      """);

  private final HostileDns lab = HostileDns.start();

  @AfterEach
  void close() {
    lab.close();
  }

  private static byte[] query(int id, String name, int type, boolean edns) throws IOException {
    Message q = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    q.getHeader().setID(id);
    if (edns) {
      q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    }
    return q.toWire();
  }

  /** Sends one datagram and collects every datagram that arrives within {@code window}. */
  private static List<byte[]> udp(InetSocketAddress server, byte[] query, Duration window)
      throws IOException {
    List<byte[]> got = new ArrayList<>();
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(
        "127.0.0.1"), 0))) {
      s.send(new DatagramPacket(query, query.length, server));
      long end = System.nanoTime() + window.toNanos();
      byte[] buf = new byte[65_535];
      while (System.nanoTime() < end) {
        s.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          s.receive(p);
        } catch (SocketTimeoutException e) {
          break;
        }
        got.add(Arrays.copyOf(p.getData(), p.getLength()));
      }
    }
    return got;
  }

  private static byte[] frame(byte[] wire) {
    return ByteBuffer.allocate(2 + wire.length).putShort((short) wire.length).put(wire).array();
  }

  private static int id(byte[] wire) {
    return ((wire[0] & 0xff) << 8) | (wire[1] & 0xff);
  }

  @Test
  void answersFromTheZoneLikeAnAuthoritativeServer() throws Exception {
    HostileDnsServer s = lab.serve("192.0.2.1", HostileDns.authoritative(ZONE));

    List<byte[]> got = udp(s.socketAddress(), query(7, "_dnsauth.example.test.", Type.TXT, true),
        Duration.ofMillis(300));

    assertThat(got).hasSize(1);
    Message m = new Message(got.get(0));
    assertThat(m.getHeader().getID()).isEqualTo(7);
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
    assertThat(m.getOPT()).isNotNull();
    assertThat(s.udpQueries()).isEqualTo(1);
  }

  @Test
  void sendsSpoofedRepliesBeforeTheRightOne() throws Exception {
    HostileDnsServer s = lab.serve("192.0.2.1",
        HostileDns.wrongIdsFirst(5, HostileDns.wrongQuestionFirst(2,
            HostileDns.authoritative(ZONE))));

    List<byte[]> got = udp(s.socketAddress(), query(100, "_dnsauth.example.test.", Type.TXT,
        false), Duration.ofMillis(300));

    assertThat(got).hasSize(8);
    for (int i = 0; i < 5; i++) {
      assertThat(id(got.get(i))).isEqualTo(101 + i);
    }
    assertThat(new Message(got.get(5)).getQuestion().getName().toString())
        .isEqualTo("xdnsauth.example.test.");
    Message right = new Message(got.get(7));
    assertThat(right.getHeader().getID()).isEqualTo(100);
    assertThat(right.getQuestion().getName().toString()).isEqualTo("_dnsauth.example.test.");
  }

  @Test
  void floodsComeFromAnotherPort() throws Exception {
    HostileDnsServer s = lab.serve("192.0.2.1",
        HostileDns.floodFromOtherPort(3, HostileDns.refused(), HostileDns.authoritative(ZONE)));
    byte[] q = query(9, "_dnsauth.example.test.", Type.TXT, false);

    try (DatagramSocket c = new DatagramSocket(new InetSocketAddress(
        InetAddress.getByName("127.0.0.1"), 0))) {
      c.send(new DatagramPacket(q, q.length, s.socketAddress()));
      c.setSoTimeout(1000);
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        c.receive(p);
        ports.add(p.getPort());
      }
      assertThat(ports.subList(0, 3)).allMatch(p -> p != s.socketAddress().getPort());
      assertThat(ports.get(3)).isEqualTo(s.socketAddress().getPort());
    }
  }

  @Test
  void truncatesOverUdpAndLiesAboutTheLengthOverTcp() throws Exception {
    HostileDnsServer s = lab.serve("192.0.2.1", HostileDns.truncatedOverUdp(
        HostileDns.tcpLengthLie(100, HostileDns.authoritative(ZONE), HostileDns.Reply.close())));
    byte[] q = query(11, "_dnsauth.example.test.", Type.TXT, false);

    Message tc = new Message(udp(s.socketAddress(), q, Duration.ofMillis(300)).get(0));
    assertThat(tc.getHeader().getFlag(Flags.TC)).isTrue();
    try (Socket c = new Socket()) {
      c.connect(s.socketAddress(), 1000);
      c.setSoTimeout(2000);
      c.getOutputStream().write(frame(q));
      DataInputStream in = new DataInputStream(c.getInputStream());
      int claimed = in.readUnsignedShort();
      byte[] rest = in.readAllBytes();
      assertThat(claimed).isEqualTo(rest.length + 100);
      assertThat(new Message(rest).getSection(Section.ANSWER)).hasSize(1);
    }
    assertThat(s.tcpConnections()).isEqualTo(1);
  }

  @Test
  void resetsAndHoldsTcpConnectionsAndCountsTheOpenOnes() throws Exception {
    HostileDnsServer reset = lab.serve("192.0.2.1", HostileDns.tcpReset());
    HostileDnsServer hang = lab.serve("192.0.2.2", HostileDns.tcpHang());
    byte[] q = query(12, "_dnsauth.example.test.", Type.TXT, false);

    try (Socket c = new Socket()) {
      c.connect(reset.socketAddress(), 1000);
      c.setSoTimeout(2000);
      c.getOutputStream().write(frame(q));
      assertThatThrownBy(() -> c.getInputStream().read()).isInstanceOf(SocketException.class);
    }
    try (Socket c = new Socket()) {
      c.connect(hang.socketAddress(), 1000);
      c.setSoTimeout(300);
      OutputStream out = c.getOutputStream();
      out.write(frame(q));
      InputStream in = c.getInputStream();
      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
      waitFor(() -> hang.openTcpConnections() == 1);
      assertThat(hang.openTcpConnections()).isEqualTo(1);
    }
    waitFor(() -> hang.openTcpConnections() == 0);
    assertThat(hang.openTcpConnections()).isZero();
    assertThat(hang.maxOpenTcpConnections()).isEqualTo(1);
  }

  @Test
  void forgesMessagesThatDoNotParse() throws Exception {
    byte[] q = query(13, "_dnsauth.example.test.", Type.TXT, false);
    for (HostileDns.Responder r : List.of(HostileDns.compressionLoop(),
        HostileDns.pointerPastEnd(),
        HostileDns.countsBeyondRecords(3, HostileDns.authoritative(ZONE)),
        HostileDns.cutShort(40, HostileDns.authoritative(ZONE)))) {
      byte[] wire = r.respond(HostileDns.Request.of(q, false)).firstMessage().orElseThrow();
      assertThat(id(wire)).isEqualTo(13);
      assertThatThrownBy(() -> new Message(wire)).isInstanceOf(WireParseException.class);
    }
  }

  @Test
  void mutationsAreDeterministicKeepTheIdAndAreFollowedByTheRightAnswer() throws Exception {
    byte[] q = query(77, "_dnsauth.example.test.", Type.TXT, false);
    byte[] right = HostileDns.authoritative(ZONE).respond(HostileDns.Request.of(q, false))
        .firstMessage().orElseThrow();
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      byte[] m = HostileDns.mutate(right, seed);
      assertThat(HostileDns.mutate(right, seed)).isEqualTo(m);
      if (m.length >= 2) {
        assertThat(id(m)).isEqualTo(77);
      }
      distinct.add(java.util.HexFormat.of().formatHex(m));
    }
    assertThat(distinct).hasSizeGreaterThan(150);

    HostileDns.Reply reply = HostileDns.mutating(5, HostileDns.authoritative(ZONE))
        .respond(HostileDns.Request.of(q, false));
    assertThat(reply.steps()).hasSize(2);
    assertThat(reply.steps().get(1).bytes()).isEqualTo(right);
  }

  @Test
  void answersFormerrToEdnsOnlyAndAnyRcode() throws Exception {
    HostileDns.Responder r = HostileDns.formerrToEdns(HostileDns.authoritative(ZONE));
    Message withEdns = new Message(r.respond(HostileDns.Request.of(
        query(1, "_dnsauth.example.test.", Type.TXT, true), false)).firstMessage().orElseThrow());
    Message without = new Message(r.respond(HostileDns.Request.of(
        query(1, "_dnsauth.example.test.", Type.TXT, false), false)).firstMessage().orElseThrow());
    assertThat(withEdns.getRcode()).isEqualTo(Rcode.FORMERR);
    assertThat(withEdns.getOPT()).isNull();
    assertThat(without.getRcode()).isEqualTo(Rcode.NOERROR);

    Message badvers = new Message(HostileDns.rcode(Rcode.BADVERS).respond(HostileDns.Request.of(
        query(1, "x.example.test.", Type.TXT, true), false)).firstMessage().orElseThrow());
    assertThat(badvers.getRcode()).isEqualTo(Rcode.BADVERS);
  }

  @Test
  void trapsCountQueriesAndTheSealedMappingSendsTheRestToAClosedPort() throws Exception {
    HostileDnsServer trap = lab.trap("10.0.0.53");
    InetSocketAddress trapTarget = new InetSocketAddress(InetAddress.getByName("10.0.0.53"), 53);
    InetSocketAddress other = new InetSocketAddress(InetAddress.getByName("10.9.9.9"), 53);

    assertThat(lab.endpointMapping().map(trapTarget)).isEqualTo(trap.socketAddress());
    InetSocketAddress closed = lab.endpointMapping().map(other);
    assertThat(closed.getAddress().isLoopbackAddress()).isTrue();
    assertThat(lab.trappedQueries()).isZero();

    udp(lab.endpointMapping().map(trapTarget), query(1, "x.example.test.", Type.A, false),
        Duration.ofMillis(200));
    assertThat(lab.trappedQueries()).isEqualTo(1);
  }

  @Test
  void besideALabOnlyPort53OfLoopbackAddressesGoesToTheLab() throws Exception {
    try (DnsLab dns = DnsLab.builder()
        .zone("example.test", z -> z.nameserver("ns1.example.test", "127.0.0.11"))
        .start()) {
      HostileDnsServer s = lab.serve("127.0.0.12", HostileDns.drop());
      org.dvinspector.EndpointMapping m = lab.endpointMapping(dns);
      InetAddress ns1 = InetAddress.getByName("127.0.0.11");

      assertThat(m.map(new InetSocketAddress(ns1, 53)))
          .isEqualTo(new InetSocketAddress(ns1, dns.port()));
      assertThat(m.map(new InetSocketAddress(InetAddress.getByName("127.0.0.12"), 53)))
          .isEqualTo(s.socketAddress());
      InetSocketAddress web = m.map(new InetSocketAddress(ns1, 80));
      InetSocketAddress outside = m.map(new InetSocketAddress(
          InetAddress.getByName("192.0.2.1"), 53));
      assertThat(web).isEqualTo(outside);
      assertThat(web.getAddress().isLoopbackAddress()).isTrue();
      assertThat(web.getPort()).isNotIn(80, 53, dns.port());
    }
  }

  @Test
  void aResponderThatThrowsSendsNothingAndIsCounted() throws Exception {
    HostileDnsServer s = lab.serve("192.0.2.1", r -> {
      throw new IllegalStateException("test bug");
    });

    assertThat(udp(s.socketAddress(), query(1, "x.example.test.", Type.A, false),
        Duration.ofMillis(200))).isEmpty();
    assertThat(s.responderErrors()).isEqualTo(1);
    assertThat(lab.responderErrors()).isEqualTo(1);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }
}
