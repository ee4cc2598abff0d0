package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * Real bind9 servers on loopback: one {@code named -g} per {@link NamedServer}, each with its own
 * generated named.conf in its own directory and its own {@code 127.83.0.x} address. Primaries
 * start first; a secondary is ready only once its zone transfer has completed.
 */
final class BindLab implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Map<String, ServerProcess> processes = new LinkedHashMap<>();
  private final Map<String, NamedServer> servers = new LinkedHashMap<>();
  private final LoopbackAliases aliases;
  private final int port;

  private BindLab(LoopbackAliases aliases, int port) {
    this.aliases = aliases;
    this.port = port;
  }

  /** Writes every instance's configuration under {@code dir} and starts them; returns when all answer. */
  static BindLab start(Path dir, List<NamedServer> servers) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NamedServer s : servers) {
      addresses.add(s.address);
    }
    BindLab lab = new BindLab(LoopbackAliases.add(addresses), LabEnvironment.DNS_PORT);
    try {
      List<NamedServer> primariesFirst = new ArrayList<>();
      servers.stream().filter(s -> !s.hasSecondaryZones()).forEach(primariesFirst::add);
      servers.stream().filter(NamedServer::hasSecondaryZones).forEach(primariesFirst::add);
      List<NamedServer> started = new ArrayList<>();
      for (NamedServer s : primariesFirst) {
        if (s.hasSecondaryZones()) {
          // A secondary's first transfer needs its primary up: wait for those started so far.
          lab.awaitAll(started);
          started.clear();
        }
        lab.launch(dir.resolve(s.name), s);
        started.add(s);
      }
      lab.awaitAll(started);
      return lab;
    } catch (IOException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private void launch(Path dir, NamedServer s) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : s.files().entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    Path conf = dir.resolve("named.conf");
    Files.writeString(conf, s.config(dir, port), StandardCharsets.UTF_8);
    // -g: foreground, log to stderr; -n 1: one worker thread (the machine is shared); -4: IPv4.
    ServerProcess p = ServerProcess.start("named-" + s.name,
        List.of(LabEnvironment.path("named"), "-g", "-4", "-n", "1", "-c", conf.toString()), dir);
    processes.put(s.name, p);
    servers.put(s.name, s);
  }

  private void awaitAll(List<NamedServer> list) {
    for (NamedServer s : list) {
      ServerProcess p = processes.get(s.name);
      if (p == null) {
        throw new IllegalStateException(s.name + " was not started");
      }
      p.awaitReady(START_TIMEOUT, () -> serves(s, p));
    }
  }

  /** Whether every zone of {@code s} answers as configured (SERVFAIL for unloadable ones). */
  private boolean serves(NamedServer s, ServerProcess p) throws IOException {
    if (s.zones.isEmpty()) {
      // Authoritative for nothing: any answer (REFUSED) means it is up.
      Dig.query(s.address, port, ".", Type.SOA, false);
      return true;
    }
    for (NamedServer.Zone z : s.zones) {
      Message m = Dig.query(s.address, port, z.name(), Type.SOA, false);
      boolean ok = z.mayFail()
          ? m.getRcode() == Rcode.SERVFAIL
          : m.getRcode() == Rcode.NOERROR && Dig.authoritative(m) && Dig.soaSerial(m) >= 0;
      if (!ok) {
        if (!z.mayFail() && p.logTail().contains("zone " + z.name().replaceAll("\\.$", "")
            + "/IN: not loaded due to errors")) {
          throw new ServerProcess.WillNotStart("zone " + z.name() + " did not load");
        }
        return false;
      }
    }
    return true;
  }

  /** Where {@code server} listens. */
  InetSocketAddress endpoint(InetAddress server) {
    return new InetSocketAddress(server, port);
  }

  /** A non-recursive query to a lab server. */
  Message query(InetAddress server, String name, int type) throws IOException {
    return Dig.query(server, port, name, type, false);
  }

  /**
   * Adds records to a primary zone with an RFC 2136 dynamic update; the primary bumps the serial.
   * Secondaries do not hear of it (no NOTIFY, refresh an hour away), so they keep the old serial.
   */
  void add(InetAddress primary, String zone, String... records) throws IOException {
    Update update = new Update(Dig.name(zone));
    for (String r : records) {
      update.add(Record.fromString(Dig.name(nameOf(r, zone)), typeOf(r), DClass.IN, ttlOf(r),
          dataOf(r), Dig.name(zone)));
    }
    SimpleResolver res = new SimpleResolver(primary);
    res.setPort(port);
    res.setTimeout(Duration.ofSeconds(2));
    Message answer = res.send(update);
    if (answer.getRcode() != Rcode.NOERROR) {
      throw new IOException("update of " + zone + " at " + primary.getHostAddress() + " failed: "
          + Rcode.string(answer.getRcode()));
    }
  }

  // Records for add() are written "name ttl type data", e.g. "_acme-challenge.www 60 TXT \"v\"".
  private static String[] fields(String r) {
    String[] f = r.trim().split("\\s+", 4);
    if (f.length != 4) {
      throw new IllegalArgumentException("want \"name ttl type data\": " + r);
    }
    return f;
  }

  private static String nameOf(String r, String zone) {
    String n = fields(r)[0];
    return n.endsWith(".") ? n : n + "." + (zone.endsWith(".") ? zone : zone + ".");
  }

  private static long ttlOf(String r) {
    return Long.parseLong(fields(r)[1]);
  }

  private static int typeOf(String r) {
    int t = Type.value(fields(r)[2]);
    if (t < 0) {
      throw new IllegalArgumentException("unknown type in " + r);
    }
    return t;
  }

  private static String dataOf(String r) {
    return fields(r)[3];
  }

  /** The server's log so far. */
  String log(String server) {
    ServerProcess p = processes.get(server);
    return p == null ? "" : p.logTail();
  }

  /** Stops every instance and removes the loopback addresses. */
  @Override
  public void close() {
    List<ServerProcess> all = new ArrayList<>(processes.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      all.get(i).close();
    }
    processes.clear();
    aliases.close();
  }
}
