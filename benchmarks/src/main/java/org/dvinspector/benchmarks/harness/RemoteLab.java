package org.dvinspector.benchmarks.harness;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dvinspector.AddressScope;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.RootServer;
import org.dvinspector.testkit.DnsLab;

/**
 * A {@link LabMain} lab in a child JVM, and the network policy that points an inspector at it
 * (the same one {@link DnsLab#networkPolicy()} gives for an in-process lab: the lab's root, its
 * resolver, port 53 mapped to the lab's port).
 */
final class RemoteLab implements AutoCloseable {
  private final LabProcess process;

  private RemoteLab(LabProcess process) {
    this.process = process;
  }

  /** Counters read from the lab process. */
  record LabStats(long queries, long cpuNanos) {}

  /**
   * Starts a lab of {@code zones} bulk zones on {@code pairs} server pairs, every answer delayed
   * by {@code latency}; waits until it listens.
   */
  static RemoteLab start(int zones, int pairs, Duration latency, Duration resolverTimeout) {
    List<String> cmd = Jvm.command(List.of("-Xmx3g", "-XX:+UseParallelGC"), LabMain.class, List.of(
        "--zones=" + zones, "--pairs=" + pairs, "--latency-ms=" + latency.toMillis(),
        "--resolver-timeout-ms=" + resolverTimeout.toMillis()));
    return new RemoteLab(LabProcess.start(cmd));
  }

  /** The lab's DNS port. */
  int port() {
    return process.port();
  }

  /**
   * A policy aimed at the lab: its root and resolver, loopback allowed, port 53 mapped, one
   * attempt per query of {@code queryTimeout}, the given deadline and concurrency bounds.
   */
  NetworkPolicy.Builder networkPolicy() {
    NetworkPolicy.Builder b = NetworkPolicy.builder();
    b.addRecursiveResolvers(new InetSocketAddress(literal(DnsLab.RESOLVER_ADDRESS), port()))
        .rootServers(List.of(RootServer.of(DnsLab.ROOT_SERVER_NAME,
            List.of(literal(DnsLab.ROOT_ADDRESS)))))
        .addAllowedAddressScopes(AddressScope.LOOPBACK)
        .endpointMapping(EndpointMapping.ports(Map.of(53, port())))
        .queryAttempts(1)
        // The lab's root is not signed: nothing to validate against.
        .withoutDnssecValidation();
    return b;
  }

  /** Empties the lab resolver's cache (so every phase pays the same recursive work). */
  void flush() {
    command("flush");
  }

  /** Forgets the lab's query logs (they are bounded; counting starts again). */
  void clear() {
    command("clear");
  }

  /** Queries received since the last {@link #clear()}, and the lab process's CPU time. */
  LabStats stats() {
    String reply = command("stats");
    String[] parts = reply.split(" ");
    if (parts.length != 3 || !parts[0].equals("STATS")) {
      throw new IllegalStateException("Unexpected reply from the lab process: " + reply);
    }
    return new LabStats(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
  }

  private String command(String command) {
    return process.command(command);
  }

  static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
