package org.dvinspector.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HostileDns;
import org.dvinspector.testkit.HostileDnsServer;

/**
 * The lab of the hostile scenario, in its own process (so its threads, sockets and heap do not
 * count as the inspector's): a DNS lab with one zone per {@link HostileMix} case, each served by
 * a {@link HostileDns} server with that case's behaviour. Prints {@code READY <port>} once every
 * server listens, then obeys one command per line: {@code stats} (prints {@code STATS <queries>
 * <tcpConnections> <openTcpConnections> <openFromTheLabResolver> <responderErrors>} over the
 * hostile servers; the lab's own recursive resolver asks them too, from its own address) and
 * {@code quit}. It exits when its standard input closes.
 */
public final class HostileLabMain {
  private HostileLabMain() {}

  /** Starts the lab; no arguments. */
  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (DnsLab lab = HostileMix.declare(DnsLab.builder()).start();
        HostileDns hostile = HostileDns.start()) {
      HostileMix.serve(lab, hostile);
      out.println("READY " + lab.port());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "stats" -> {
            long queries = 0;
            long connections = 0;
            long open = 0;
            long resolver = 0;
            for (HostileDnsServer s : hostile.servers()) {
              queries += s.queryCount();
              connections += s.tcpConnections();
              for (java.net.InetSocketAddress c : s.openTcpClients()) {
                open++;
                if (c.getAddress().getHostAddress().equals(DnsLab.RESOLVER_ADDRESS)) {
                  resolver++;
                }
              }
            }
            out.println("STATS " + queries + " " + connections + " " + open + " " + resolver
                + " " + hostile.responderErrors());
          }
          case "quit" -> {
            return;
          }
          default -> out.println("ERROR unknown command " + line);
        }
      }
    }
  }
}
