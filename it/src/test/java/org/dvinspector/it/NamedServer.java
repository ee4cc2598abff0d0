package org.dvinspector.it;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of one named instance of the {@link BindLab}: its loopback address and the
 * zones it serves (primary from a zone file, or secondary by real zone transfer from a primary).
 */
final class NamedServer {
  /** One zone stanza. */
  record Zone(String name, boolean secondary, String text, InetAddress primary, boolean mayFail,
      boolean updatable) {}

  final String name;
  final InetAddress address;
  final List<Zone> zones = new ArrayList<>();

  private NamedServer(String name, InetAddress address) {
    this.name = name;
    this.address = address;
  }

  /** An instance listening on {@code address} only. */
  static NamedServer at(String name, InetAddress address) {
    return new NamedServer(name, address);
  }

  /**
   * A primary zone from master-file text. Dynamic updates are allowed from loopback (the lab
   * changes zones that way) and transfers to loopback secondaries.
   */
  NamedServer primary(String zone, String text) {
    zones.add(new Zone(zone, false, text, address, false, true));
    return this;
  }

  /**
   * A primary zone signed beforehand (dnssec-signzone): served exactly as in its file, with no
   * dynamic updates (named would try to re-sign an updated signed zone) and no keys of its own.
   */
  NamedServer presignedPrimary(String zone, String signedText) {
    zones.add(new Zone(zone, false, signedText, address, false, false));
    return this;
  }

  /**
   * A primary zone whose file named refuses to load: named then answers SERVFAIL for the zone,
   * as a real server does after a broken zone edit.
   */
  NamedServer unloadablePrimary(String zone, String text) {
    zones.add(new Zone(zone, false, text, address, true, true));
    return this;
  }

  /** A secondary zone, transferred (AXFR) from {@code primary} when the instance starts. */
  NamedServer secondary(String zone, InetAddress primary) {
    zones.add(new Zone(zone, true, "", primary, false, false));
    return this;
  }

  boolean hasSecondaryZones() {
    return zones.stream().anyMatch(Zone::secondary);
  }

  /** The zone files to write, by file name. */
  Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Zone z : zones) {
      if (!z.secondary()) {
        out.put(fileName(z.name()), z.text());
      }
    }
    return out;
  }

  static String fileName(String zone) {
    return zone.equals(".") ? "root.db" : zone.replaceAll("\\.$", "") + ".db";
  }

  /** The named.conf text for this instance in {@code dir}. */
  String config(Path dir, int port) {
    String d = dir.toAbsolutePath().toString();
    StringBuilder sb = new StringBuilder();
    sb.append("options {\n")
        .append("  directory \"").append(d).append("\";\n")
        .append("  pid-file \"").append(d).append("/named.pid\";\n")
        .append("  session-keyfile \"").append(d).append("/session.key\";\n")
        .append("  managed-keys-directory \"").append(d).append("\";\n")
        .append("  listen-on port ").append(port).append(" { ").append(address.getHostAddress())
        .append("; };\n")
        .append("  listen-on-v6 { none; };\n")
        // Transfers, NOTIFYs and refreshes leave from this instance's own address.
        .append("  query-source address ").append(address.getHostAddress()).append(";\n")
        .append("  transfer-source ").append(address.getHostAddress()).append(";\n")
        .append("  recursion no;\n")
        .append("  dnssec-validation no;\n")
        // No NOTIFY: a secondary keeps the serial it transferred until the test says otherwise
        // (SOA refresh is an hour), which is how "a secondary lags behind" is staged.
        .append("  notify no;\n")
        .append("  allow-transfer { 127.0.0.0/8; };\n")
        .append("  automatic-interface-scan no;\n")
        .append("};\n")
        // No rndc channel: several instances run side by side.
        .append("controls { };\n");
    for (Zone z : zones) {
      sb.append("zone \"").append(z.name()).append("\" {\n");
      if (z.secondary()) {
        sb.append("  type secondary;\n")
            .append("  primaries port ").append(port).append(" { ")
            .append(z.primary().getHostAddress()).append("; };\n")
            .append("  file \"").append(fileName(z.name())).append(".sec\";\n");
      } else {
        sb.append("  type primary;\n")
            .append("  file \"").append(fileName(z.name())).append("\";\n");
        if (z.updatable()) {
          sb.append("  allow-update { 127.0.0.0/8; };\n");
        }
      }
      sb.append("};\n");
    }
    return sb.toString();
  }
}
