package org.dvinspector.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.TestDnsServer;

/**
 * The DNS lab of the bulk and memory scenarios, in its own process: its CPU time, heap and
 * sockets then do not count as the inspector's. Started by {@link RemoteLab}; prints {@code READY
 * <port>} once every server listens, then obeys one command per line on standard input:
 * {@code flush} (empty the resolver's cache), {@code stats} (print {@code STATS <queries>
 * <cpuNanos>}), {@code clear} (forget the query logs) and {@code quit}. It exits when its
 * standard input closes, so it never outlives the harness.
 */
public final class LabMain {
  private LabMain() {}

  /**
   * Starts the lab.
   *
   * @param args {@code --zones=N --pairs=P --latency-ms=L --resolver-timeout-ms=T}
   */
  public static void main(String[] args) throws IOException {
    Options o = Options.parse(Set.of("zones", "pairs", "latency-ms", "resolver-timeout-ms"), args);
    int zones = o.positive("zones", 100);
    int pairs = Math.min(o.positive("pairs", 50), zones);
    Duration latency = o.millis("latency-ms", 0);
    Duration resolverTimeout = o.millis("resolver-timeout-ms", 2000);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (DnsLab lab = BulkZones.declare(DnsLab.builder(), zones, pairs)
        .resolverTimeout(resolverTimeout)
        .start()) {
      BulkZones.delayEverything(lab, latency);
      out.println("READY " + lab.port());
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        switch (line.trim()) {
          case "flush" -> {
            lab.flushCache();
            out.println("OK");
          }
          case "clear" -> {
            lab.authoritativeServers().forEach(TestDnsServer::clearQueries);
            lab.resolverServer().clearQueries();
            out.println("OK");
          }
          case "stats" -> {
            long queries = lab.resolverServer().queryCount();
            for (TestDnsServer s : lab.authoritativeServers()) {
              queries += s.queryCount();
            }
            out.println("STATS " + queries + " " + processCpuNanos());
          }
          case "quit" -> {
            return;
          }
          default -> out.println("ERROR unknown command " + line);
        }
      }
    }
  }

  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}
