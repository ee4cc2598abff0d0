package org.dvinspector.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;

/**
 * What the suite needs from the machine, and the lab's fixed loopback addresses.
 *
 * <p>Every server runs on an address of its own in {@code 127.83.0.0/24} (loopback only: nothing
 * here ever talks to another network). Missing servers or a non-root user skip the suite with one
 * clear line, except when {@code CI=true}: there the suite must run, so they fail it.
 */
final class LabEnvironment {
  private LabEnvironment() {}

  /** Whether this is the CI run ({@code CI=true}), where missing servers are a failure. */
  static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

  /**
   * Where the DNS lab's servers listen. Always 53: referrals carry addresses, not ports, so a
   * recursive resolver (unbound, Pebble's) can only follow the delegation tree on port 53.
   */
  static final int DNS_PORT = 53;
  /** Where the web lab's plain HTTP listens (80 unless {@code -Dit.httpPort=...}). */
  static final int HTTP_PORT = Integer.getInteger("it.httpPort", 80);
  /** Where the web lab's HTTPS listens (443 unless {@code -Dit.httpsPort=...}). */
  static final int HTTPS_PORT = Integer.getInteger("it.httpsPort", 443);

  // ------------------------------------------------------------------ the lab's addresses
  /** The fake root ({@code rootns.}). */
  static final InetAddress ROOT = lab(2);
  /** The TLD server ({@code ns1.nic.com.}) for com, net and org. */
  static final InetAddress TLD = lab(3);
  /** Primary of example.com, example.net and example.org ({@code ns1.example.com.}). */
  static final InetAddress NS1 = lab(11);
  /** Secondary of example.com by zone transfer ({@code ns2.example.com.}). */
  static final InetAddress NS2 = lab(12);
  /** A server that runs but is authoritative for nothing: REFUSED for refused.example.com. */
  static final InetAddress NS_LAME = lab(13);
  /** Serves lame.example.com, refused.example.com and the unloadable zone broken.example.com. */
  static final InetAddress NS4 = lab(14);
  /** unbound, the recursive resolver Pebble (and the inspector's recursive view) use. */
  static final InetAddress RESOLVER = lab(53);
  /** Web servers. */
  static final InetAddress WEB1 = lab(80);
  static final InetAddress WEB2 = lab(81);
  static final InetAddress WEB3 = lab(82);
  /** The tls-alpn-01 responder (the testkit's TlsAlpnServer on port 443). */
  static final InetAddress ALPN = lab(90);
  /** Pebble's ACME API. */
  static final InetAddress PEBBLE = lab(100);
  /** Knot DNS with the geoip module: zones that answer by client network (EDNS Client Subnet). */
  static final InetAddress KNOT = lab(120);

  private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

  /** {@code 127.83.0.<last>}. */
  static InetAddress lab(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 83, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** What the suite runs: named (bind9), unbound, nginx, pebble, and ip (iproute2). */
  static final List<String> SERVERS = List.of("named", "unbound", "nginx", "pebble", "ip");

  /**
   * Skips the calling test class (or fails it under {@code CI=true}) unless this process runs as
   * root and every server of the suite is installed; prints the reason once per run.
   */
  static void require() {
    List<String> binaries = SERVERS;
    List<String> problems = new ArrayList<>();
    Set<String> missing = new LinkedHashSet<>();
    for (String b : binaries) {
      if (binary(b).isEmpty()) {
        missing.add(b);
      }
    }
    if (!missing.isEmpty()) {
      problems.add("missing " + String.join(", ", missing));
    }
    if (!isRoot()) {
      problems.add("not root (the lab binds ports 53/80/443 and adds loopback addresses)");
    }
    if (problems.isEmpty()) {
      return;
    }
    String line = "it/ integration tests need root and " + String.join(", ", binaries) + ": "
        + String.join("; ", problems);
    if (CI) {
      fail(line + " (CI=true: the servers must be installed; .ci/run installs them)");
    }
    if (PRINTED.add(line)) {
      System.out.println("[it] SKIPPED " + line
          + " - install bind9 bind9-dnsutils nginx pebble unbound and run as root to run them");
    }
    Assumptions.abort(line);
  }

  /** The path of an installed binary, looked up on PATH and the sbin directories. */
  static Optional<Path> binary(String name) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/local/bin"));
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The path of an installed binary; fails if it is missing (call {@link #require} first). */
  static String path(String name) {
    return binary(name).orElseThrow(() -> new AssertionError(name + " is not installed")).toString();
  }

  /** Whether this process runs as root: /proc/self belongs to the process's effective user. */
  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name", "").toLowerCase(Locale.ROOT));
    }
  }

  /** Whether the web lab uses the standard ports (Pebble follows redirects to 80 and 443). */
  static boolean standardPorts() {
    return HTTP_PORT == 80 && HTTPS_PORT == 443;
  }
}
