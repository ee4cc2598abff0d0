package org.dvinspector.it;

import static org.dvinspector.it.LabEnvironment.NS1;
import static org.dvinspector.it.LabEnvironment.NS2;
import static org.dvinspector.it.LabEnvironment.ROOT;
import static org.dvinspector.it.LabEnvironment.TLD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A DNSSEC-signed delegation tree for bind9, signed by bind's own tools ({@code dnssec-keygen},
 * {@code dnssec-signzone}, {@code dnssec-dsfromkey}, ECDSA P-256, NSEC): a signed root and
 * {@code com.}, and one zone per scenario under {@code com.}, each broken (or not) as its
 * {@link Kind} says. The root's DS is the trust anchor a validating resolver starts from.
 *
 * <pre>
 * .             rootns.        127.83.0.2   signed; DS for com
 * com.          ns1.nic.com.   127.83.0.3   signed; DS (or not) for each scenario zone
 * &lt;id&gt;.com.     ns1.&lt;id&gt;.com.  127.83.0.11  as the kind says
 *               ns2.&lt;id&gt;.com.  127.83.0.12  (STALE_ONE_SERVER only: expired signatures)
 * </pre>
 */
final class DnssecBindZones {
  private static final DateTimeFormatter SIGN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** How a scenario zone is signed and delegated. */
  enum Kind {
    /** Signed, DS at the parent: validates. */
    VALID,
    /** Signed, DS at the parent, every signature expired a day ago. */
    EXPIRED_RRSIG,
    /** Signed, but the parent's DS is for another key. */
    DS_MISMATCH,
    /** Not signed, and the parent still has a DS (DNSSEC turned off, DS left at the registrar). */
    DS_WITHOUT_SIGNED_ZONE,
    /** Signed, but the challenge TXT is served without its RRSIG. */
    UNSIGNED_ANSWER,
    /** Two servers: the first fine, the second serving expired signatures. */
    STALE_ONE_SERVER
  }

  private final Path dir;
  private final Instant now = Instant.now();
  private final Map<String, Kind> kinds = new LinkedHashMap<>();
  private final Map<String, List<String>> records = new LinkedHashMap<>();
  private String rootDs = "";

  DnssecBindZones(Path dir) {
    this.dir = dir;
  }

  /** A scenario zone {@code zone} (e.g. {@code valid.com}) with extra master-file lines. */
  DnssecBindZones zone(String zone, Kind kind, String... lines) {
    kinds.put(zone, kind);
    records.put(zone, List.of(lines));
    return this;
  }

  /** The root's DS record, one zone-file line: the trust anchor of the tree. */
  String rootDs() {
    return rootDs;
  }

  /** Generates keys, signs every zone and returns the servers to start. */
  List<NamedServer> servers() throws IOException {
    Files.createDirectories(dir);
    NamedServer ns1 = NamedServer.at("ns1", NS1);
    NamedServer ns2 = NamedServer.at("ns2", NS2);
    List<String> com = new ArrayList<>(List.of("ns1.nic A " + ip(TLD)));
    for (Map.Entry<String, Kind> e : kinds.entrySet()) {
      String zone = e.getKey();
      Kind kind = e.getValue();
      List<String> lines = new ArrayList<>(List.of("ns1 A " + ip(NS1)));
      com.add(zone.replaceAll("\\.com$", "") + " NS ns1." + zone + ".");
      com.add("ns1." + zone.replaceAll("\\.com$", "") + " A " + ip(NS1));
      if (kind == Kind.STALE_ONE_SERVER) {
        lines.add("@ NS ns2." + zone + ".");
        lines.add("ns2 A " + ip(NS2));
        com.add(zone.replaceAll("\\.com$", "") + " NS ns2." + zone + ".");
        com.add("ns2." + zone.replaceAll("\\.com$", "") + " A " + ip(NS2));
      }
      lines.addAll(records.get(zone));
      String text = LabZones.zone(zone + ".", "ns1." + zone + ".", 1, lines);
      Path keys = keys(zone);
      switch (kind) {
        case DS_WITHOUT_SIGNED_ZONE -> {
          ns1.primary(zone, text);
          com.add(ds(keys));
        }
        case DS_MISMATCH -> {
          ns1.presignedPrimary(zone, sign(zone, text, keys, false));
          com.add(ds(keys(zone + "-other")));
        }
        case EXPIRED_RRSIG -> {
          ns1.presignedPrimary(zone, sign(zone, text, keys, true));
          com.add(ds(keys));
        }
        case UNSIGNED_ANSWER -> {
          Pattern txtSig = Pattern.compile("^_acme-challenge\\." + Pattern.quote(zone)
              + "\\.\\s+\\d+\\s+IN\\s+RRSIG\\s+TXT\\s.*$");
          String signed = sign(zone, text, keys, false);
          String stripped = signed.lines().filter(l -> !txtSig.matcher(l).matches())
              .collect(Collectors.joining("\n", "", "\n"));
          if (stripped.equals(signed)) {
            throw new IOException("no RRSIG over the TXT of " + zone + " to remove");
          }
          ns1.presignedPrimary(zone, stripped);
          com.add(ds(keys));
        }
        case STALE_ONE_SERVER -> {
          ns1.presignedPrimary(zone, sign(zone, text, keys, false));
          ns2.presignedPrimary(zone, sign(zone, text, keys, true));
          com.add(ds(keys));
        }
        default -> {
          ns1.presignedPrimary(zone, sign(zone, text, keys, false));
          com.add(ds(keys));
        }
      }
    }
    Path comKeys = keys("com");
    String comSigned = sign("com", LabZones.zone("com.", "ns1.nic.com.", 1, com), comKeys, false);
    Path rootKeys = keys(".");
    String root = LabZones.zone(".", "rootns.", 1,
        "rootns. A " + ip(ROOT),
        "com. NS ns1.nic.com.",
        "ns1.nic.com. A " + ip(TLD),
        ds(comKeys));
    String rootSigned = sign(".", root, rootKeys, false);
    rootDs = ds(rootKeys);
    List<NamedServer> out = new ArrayList<>(List.of(
        NamedServer.at("root", ROOT).presignedPrimary(".", rootSigned),
        NamedServer.at("tld", TLD).presignedPrimary("com", comSigned),
        ns1));
    if (!ns2.zones.isEmpty()) {
      out.add(ns2);
    }
    return out;
  }

  /** A KSK and a ZSK for {@code zone} in their own key directory. */
  private Path keys(String zone) throws IOException {
    Path keys = dir.resolve("keys").resolve(zone.equals(".") ? "root" : zone);
    Files.createDirectories(keys);
    String name = zone.replaceAll("-other$", "");
    BindTools.check(keys, "dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", "-f", "KSK", "-K",
        keys.toString(), name);
    BindTools.check(keys, "dnssec-keygen", "-q", "-a", "ECDSAP256SHA256", "-K", keys.toString(),
        name);
    return keys;
  }

  /** The DS (SHA-256) of the KSK in {@code keys}, as one master-file line. */
  private static String ds(Path keys) throws IOException {
    try (var files = Files.list(keys)) {
      for (Path key : files.filter(p -> p.toString().endsWith(".key")).collect(Collectors.toList())) {
        if (Files.readString(key).contains("DNSKEY 257 ")) {
          return BindTools.check(keys, "dnssec-dsfromkey", "-2", key.toString()).strip();
        }
      }
    }
    throw new IOException("no KSK in " + keys);
  }

  /**
   * {@code text} signed with the keys in {@code keys} (smart signing, one record per line);
   * with {@code expired}, every signature ran from 30 days to 1 day ago.
   */
  private String sign(String zone, String text, Path keys, boolean expired) throws IOException {
    String origin = zone.equals(".") ? "." : zone + ".";
    String base = zone.equals(".") ? "root" : zone;
    Path in = dir.resolve(base + ".db");
    Path out = dir.resolve(base + (expired ? ".expired" : "") + ".signed");
    Files.writeString(in, text, StandardCharsets.UTF_8);
    Instant start = expired ? now.minus(Duration.ofDays(30)) : now.minus(Duration.ofHours(1));
    Instant end = expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(30));
    List<String> args = new ArrayList<>(List.of("-S", "-K", keys.toString(), "-o", origin,
        "-O", "full", "-f", out.toString(), "-s", SIGN_TIME.format(start),
        "-e", SIGN_TIME.format(end)));
    if (expired) {
      args.add("-P"); // no post-signing verification: the signatures are expired on purpose
    }
    args.add(in.toString());
    BindTools.check(dir, "dnssec-signzone", args.toArray(new String[0]));
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String ip(java.net.InetAddress a) {
    return a.getHostAddress();
  }
}
