package org.dvinspector.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real ECS-aware authoritative server: Knot DNS ({@code knotd}, Debian's {@code knot}) with its
 * {@code geoip} module ({@code knot-module-geoip}) in subnet mode, which answers a name from a
 * "view" chosen by the client's network — the query's EDNS Client Subnet (RFC 7871) when the
 * server has {@code edns-client-subnet: on}, else the address the query comes from — and echoes
 * the option with the view's prefix as scope (scope 0 for the zone's own, default records). No
 * GeoIP database is needed in subnet mode. Zones without the module are answered alike for every
 * client, with scope 0: Knot then ignores the client's network, as most servers do.
 *
 * <p>BIND 9.18 cannot do this (its {@code ecs} ACL element is refused and {@code geoip-use-ecs}
 * was removed), which is why this lab server is Knot. One {@code knotd -c knot.conf} in the
 * foreground, its own directory and configuration, on one {@code 127.83.0.x} address, port 53.
 */
final class KnotServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();
  /** Where Debian's knot-module-geoip puts the module (knotd's compiled-in module directory). */
  static final Path GEOIP_MODULE = Path.of("/usr/lib/x86_64-linux-gnu/knot/modules-3.2/geoip.so");

  private final ServerProcess process;
  private final InetAddress address;

  /** One zone: its master file text and, for zones that answer by network, the views. */
  static final class Zone {
    final String name;
    final String zoneFile;
    /** Owner name to (network to TXT value): the geoip module's views. */
    final Map<String, Map<String, String>> views = new LinkedHashMap<>();

    Zone(String name, String zoneFile) {
      this.name = name.endsWith(".") ? name : name + ".";
      this.zoneFile = zoneFile;
    }

    /** Clients in {@code network} get TXT {@code value} at {@code owner} (no spaces). */
    Zone txtFor(String owner, String network, String value) {
      if (!value.matches("[A-Za-z0-9._=-]+")) {
        throw new IllegalArgumentException("keep lab TXT values simple: " + value);
      }
      views.computeIfAbsent(owner, o -> new LinkedHashMap<>()).put(network, value);
      return this;
    }

    boolean answersByNetwork() {
      return !views.isEmpty();
    }
  }

  private KnotServer(ServerProcess process, InetAddress address) {
    this.process = process;
    this.address = address;
  }

  /**
   * Skips the calling test class unless the machine has root, the lab's servers, {@code knotd}
   * and the geoip module (fails under {@code CI=true}, where {@code .ci/run} installs them).
   */
  static void require() {
    LabEnvironment.require();
    List<String> missing = new ArrayList<>();
    if (LabEnvironment.binary("knotd").isEmpty()) {
      missing.add("knotd (apt-get install knot)");
    }
    if (!Files.isRegularFile(GEOIP_MODULE)) {
      missing.add(GEOIP_MODULE + " (apt-get install knot-module-geoip)");
    }
    if (missing.isEmpty()) {
      return;
    }
    String line = "the Knot DNS lab needs " + String.join(" and ", missing);
    if (LabEnvironment.CI) {
      fail(line + " (CI=true: .ci/run installs knot and knot-module-geoip)");
    }
    if (PRINTED.add(line)) {
      System.out.println("[it] SKIPPED " + line);
    }
    Assumptions.abort(line);
  }

  /** Writes the configuration under {@code dir} and starts knotd; returns once every zone loads. */
  static KnotServer start(Path dir, InetAddress address, List<Zone> zones) throws IOException {
    Files.createDirectories(dir);
    String d = dir.toAbsolutePath().toString();
    List<String> conf = new ArrayList<>(List.of(
        "server:",
        "    rundir: \"" + d + "\"",
        "    listen: " + address.getHostAddress() + "@" + LabEnvironment.DNS_PORT,
        // RFC 7871 in answers: the option echoed, with the scope the geoip module sets.
        "    edns-client-subnet: on",
        // The machine is shared: one worker of each kind.
        "    udp-workers: 1",
        "    tcp-workers: 1",
        "    background-workers: 1",
        "log:",
        "  - target: stderr",
        "    any: info",
        "database:",
        "    storage: \"" + d + "/db\"",
        "template:",
        "  - id: default",
        "    storage: \"" + d + "\"",
        "    semantic-checks: off"));
    List<String> zoneLines = new ArrayList<>(List.of("zone:"));
    List<String> modules = new ArrayList<>();
    for (Zone z : zones) {
      String file = z.name + "zone";
      Files.writeString(dir.resolve(file), z.zoneFile, StandardCharsets.UTF_8);
      zoneLines.add("  - domain: " + z.name);
      zoneLines.add("    file: \"" + file + "\"");
      if (z.answersByNetwork()) {
        String id = "geo-" + z.name.replace('.', '-');
        Path geo = dir.resolve(z.name + "geo.conf");
        Files.writeString(geo, geoConf(z), StandardCharsets.UTF_8);
        modules.addAll(List.of(
            "  - id: " + id,
            "    config-file: \"" + geo.toAbsolutePath() + "\"",
            "    ttl: 60",
            "    mode: subnet"));
        zoneLines.add("    module: mod-geoip/" + id);
      }
    }
    if (!modules.isEmpty()) {
      conf.add("mod-geoip:");
      conf.addAll(modules);
    }
    conf.addAll(zoneLines);
    Path confFile = dir.resolve("knot.conf");
    Files.writeString(confFile, String.join("\n", conf) + "\n", StandardCharsets.UTF_8);
    ServerProcess p = ServerProcess.start("knotd",
        List.of(LabEnvironment.path("knotd"), "-c", confFile.toString()), dir);
    KnotServer k = new KnotServer(p, address);
    try {
      p.awaitReady(START_TIMEOUT, () -> {
        for (Zone z : zones) {
          Message m = Dig.query(address, z.name, Type.SOA);
          if (m.getRcode() != Rcode.NOERROR || !Dig.authoritative(m)) {
            if (p.logTail().contains("[" + z.name + "] failed to load")) {
              throw new ServerProcess.WillNotStart("zone " + z.name + " did not load");
            }
            return false;
          }
        }
        return true;
      });
    } catch (RuntimeException e) {
      k.close();
      throw e;
    }
    return k;
  }

  /** The geoip module's configuration file: per owner name, one view per network. */
  private static String geoConf(Zone z) {
    StringBuilder sb = new StringBuilder();
    z.views.forEach((owner, byNetwork) -> {
      sb.append(owner.endsWith(".") ? owner.substring(0, owner.length() - 1) : owner)
          .append(":\n");
      byNetwork.forEach((network, value) -> sb.append("  - net: ").append(network).append('\n')
          .append("    TXT: ").append(value).append('\n'));
    });
    return sb.toString();
  }

  /**
   * A non-recursive TXT query with a client subnet option for {@code network/24}, as a resolver
   * serving clients there would send (RFC 7871), like {@code dig +subnet=network/24}.
   */
  Message askFrom(String name, String network) throws IOException {
    SimpleResolver r = new SimpleResolver(address);
    r.setPort(LabEnvironment.DNS_PORT);
    r.setTimeout(Duration.ofMillis(700));
    r.setEDNS(0, 1232, 0, List.of(new ClientSubnetOption(24, InetAddress.getByName(network))));
    Message q = Message.newQuery(Record.newRecord(Dig.name(name), Type.TXT, 1));
    q.getHeader().unsetFlag(Flags.RD);
    return r.send(q);
  }

  /** The scope prefix of the answer's client subnet option; -1 without one. */
  static int scope(Message m) {
    org.xbill.DNS.OPTRecord opt = m.getOPT();
    if (opt == null) {
      return -1;
    }
    for (org.xbill.DNS.EDNSOption o
        : opt.getOptions(org.xbill.DNS.EDNSOption.Code.CLIENT_SUBNET)) {
      return ((ClientSubnetOption) o).getScopePrefixLength();
    }
    return -1;
  }

  String log() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
