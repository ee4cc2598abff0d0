package org.dvinspector.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private RemoteLab(Process process, BufferedReader out, Writer in, int port) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.port = port;
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
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the lab process " + cmd, e);
    }
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
    try {
      String line = out.readLine();
      if (line == null || !line.startsWith("READY ")) {
        p.destroyForcibly();
        throw new IllegalStateException("The lab process did not start (said " + line + ")");
      }
      return new RemoteLab(p, out, in, Integer.parseInt(line.substring(6).trim()));
    } catch (IOException e) {
      p.destroyForcibly();
      throw new UncheckedIOException("Cannot read from the lab process", e);
    }
  }

  /** The lab's DNS port. */
  int port() {
    return port;
  }

  /**
   * A policy aimed at the lab: its root and resolver, loopback allowed, port 53 mapped, one
   * attempt per query of {@code queryTimeout}, the given deadline and concurrency bounds.
   */
  NetworkPolicy.Builder networkPolicy() {
    NetworkPolicy.Builder b = NetworkPolicy.builder();
    b.addRecursiveResolvers(new InetSocketAddress(literal(DnsLab.RESOLVER_ADDRESS), port))
        .rootServers(List.of(RootServer.of(DnsLab.ROOT_SERVER_NAME,
            List.of(literal(DnsLab.ROOT_ADDRESS)))))
        .addAllowedAddressScopes(AddressScope.LOOPBACK)
        .endpointMapping(EndpointMapping.ports(Map.of(53, port)))
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

  private synchronized String command(String command) {
    try {
      in.write(command + "\n");
      in.flush();
      String reply = out.readLine();
      if (reply == null) {
        throw new IllegalStateException("The lab process ended");
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot talk to the lab process", e);
    }
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
    try {
      in.write("quit\n");
      in.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
