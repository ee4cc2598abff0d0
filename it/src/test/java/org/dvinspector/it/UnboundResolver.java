package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * A real recursive resolver (unbound) whose root hints are the lab's fake root: it resolves
 * through the same delegations the inspector walks. Pebble's {@code -dnsserver} points here.
 * No DNSSEC validation for the unsigned lab; {@link #startValidating} validates from a signed
 * lab's root anchor, as Let's Encrypt's unbound validates from the real root's. No cache worth
 * speaking of (TTLs are capped at a second), so it sees changes as soon as the authoritative
 * servers do.
 */
final class UnboundResolver implements AutoCloseable {
  private final ServerProcess process;
  private final InetAddress address;

  private UnboundResolver(ServerProcess process, InetAddress address) {
    this.process = process;
    this.address = address;
  }

  /** Starts unbound on {@code address:53}; returns once it resolves the root's own name. */
  static UnboundResolver start(Path dir, InetAddress address, InetAddress root) throws IOException {
    return start(dir, address, root, List.of());
  }

  /**
   * Starts a validating unbound (validator before iterator) whose only trust anchor is {@code
   * rootDs} (a DS line for ".", from the signed lab); bogus answers become SERVFAIL, and a bogus
   * answer from one server makes it ask another, as unbound does by default.
   */
  static UnboundResolver startValidating(Path dir, InetAddress address, InetAddress root,
      String rootDs) throws IOException {
    return start(dir, address, root, List.of(
        "  module-config: \"validator iterator\"",
        "  trust-anchor: \"" + rootDs.replaceAll("\\s+", " ").strip() + "\"",
        "  val-log-level: 2"));
  }

  private static UnboundResolver start(Path dir, InetAddress address, InetAddress root,
      List<String> validation) throws IOException {
    Files.createDirectories(dir);
    String d = dir.toAbsolutePath().toString();
    Files.writeString(dir.resolve("root.hints"),
        ". 3600000 NS rootns.\nrootns. 3600000 A " + root.getHostAddress() + "\n",
        StandardCharsets.UTF_8);
    String conf = String.join("\n",
        "server:",
        "  interface: " + address.getHostAddress(),
        "  port: 53",
        "  do-ip6: no",
        "  do-daemonize: no",
        "  use-syslog: no",
        "  logfile: \"\"",
        "  chroot: \"\"",
        "  username: \"\"",
        "  directory: \"" + d + "\"",
        "  pidfile: \"" + d + "/unbound.pid\"",
        "  root-hints: \"" + d + "/root.hints\"",
        validation.isEmpty() ? "  module-config: \"iterator\"" : String.join("\n", validation),
        // The lab's servers are on loopback, which unbound skips by default.
        "  do-not-query-localhost: no",
        "  access-control: 127.0.0.0/8 allow",
        "  num-threads: 1",
        "  verbosity: 1",
        "  cache-max-ttl: 1",
        "  cache-max-negative-ttl: 1",
        "  infra-host-ttl: 1",
        "  qname-minimisation: no",
        "remote-control:",
        "  control-enable: no",
        "");
    Path confFile = dir.resolve("unbound.conf");
    Files.writeString(confFile, conf, StandardCharsets.UTF_8);
    ServerProcess p = ServerProcess.start("unbound",
        List.of(LabEnvironment.path("unbound"), "-d", "-c", confFile.toString()), dir);
    UnboundResolver r = new UnboundResolver(p, address);
    try {
      p.awaitReady(Duration.ofSeconds(15), () ->
          Dig.query(address, 53, "rootns.", Type.A, true).getRcode() == Rcode.NOERROR);
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    return r;
  }

  /** Where it listens. */
  InetSocketAddress endpoint() {
    return new InetSocketAddress(address, 53);
  }

  String log() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
