package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.HostileDnsServer;
import org.dvinspector.testkit.TestZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (issue 14): TCP connections to nameservers were never closed (dnsjava kept one
 * channel per server for the life of the process), so after a 100-zone batch whose servers answer
 * over TCP, 100 connections stayed open, and with a 64-descriptor limit correct zones came back
 * NOT_READY. Now each TCP connection is closed once its answer is read: the server sees every one
 * of them closed when the batch ends.
 */
final class DnsTcpConnectionsTest {
  private static final int ZONES = 100;
  private static final String TCP_SERVER = "127.0.0.51";

  @TempDir Path dir;

  @Test
  void noTcpConnectionStaysOpenAfterAHundredZoneBatchAnsweredOverTcp() throws Exception {
    DnsLab.Builder b = DnsLab.builder()
        .zone("tcp-host.net", z -> z
            .nameserver("ns1.tcp-host.net", "127.0.0.50")
            .records("ns A " + TCP_SERVER));
    for (int i = 0; i < ZONES; i++) {
      int n = i;
      // The zones' one nameserver is the hostile server (the lab does not bind its address).
      b.zone("z" + n + ".com", z -> z.nameserver("ns.tcp-host.net")
          .records("_dnsauth TXT \"tok-" + n + "\""));
    }
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < ZONES; i++) {
      jsonl.append("{\"domain\":\"z").append(i).append(".com\",\"dns-txt\":\"tok-").append(i)
          .append("\"}\n");
    }
    Path input = dir.resolve("requests.jsonl");
    Files.writeString(input, jsonl);

    try (DnsLab lab = b.start(); HostileDns hostile = HostileDns.start()) {
      List<TestZone> zones = new ArrayList<>();
      for (int i = 0; i < ZONES; i++) {
        zones.add(lab.zone("z" + i + ".com"));
      }
      // Every UDP answer is truncated: every answer the inspector uses comes over TCP.
      HostileDnsServer server = hostile.listen(
          new InetSocketAddress(RemoteAddress.of(TCP_SERVER), lab.port()),
          HostileDns.truncatedOverUdp(HostileDns.authoritative(zones.toArray(new TestZone[0]))),
          "ns.tcp-host.net, TCP only");

      List<String> args = new ArrayList<>(List.of("check", "--input", input.toString(),
          "--txt-label", "_dnsauth", "--concurrency", "16"));
      List<String> network = new ArrayList<>(LabNetwork.options(lab, dir));
      // Generous time: on a busy machine a batch of 100 must not be cut short.
      network.set(network.indexOf("--timeout") + 1, "2s");
      network.set(network.indexOf("--deadline") + 1, "30s");
      args.addAll(network);
      CliRun r = CliRun.run(args.toArray(new String[0]));

      assertThat(r.exitCode).as(r.err).isZero();
      String[] lines = r.out.split("\n");
      assertThat(lines).hasSize(ZONES);
      for (String line : lines) {
        JsonNode json = ReportJson.mapper().readTree(line);
        assertThat(json.get("verdict").asText()).as(line).isEqualTo("READY");
      }
      assertThat(server.tcpConnections()).isGreaterThanOrEqualTo(ZONES);
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!inspectorsOwn(server.openTcpClients()).isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(inspectorsOwn(server.openTcpClients())).as("TCP connections still open")
          .isEmpty();
      assertThat(server.responderErrors()).isZero();
    }
  }

  /** The connections not from the lab's own recursive resolver (which asks from its address). */
  private static List<InetSocketAddress> inspectorsOwn(List<InetSocketAddress> clients) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetSocketAddress c : clients) {
      if (!c.getAddress().getHostAddress().equals(DnsLab.RESOLVER_ADDRESS)) {
        out.add(c);
      }
    }
    return out;
  }

  /** IP literals, never looked up. */
  private static final class RemoteAddress {
    static java.net.InetAddress of(String literal) throws java.net.UnknownHostException {
      return java.net.InetAddress.getByName(literal);
    }
  }
}
