package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Loopback addresses added to {@code lo} for the duration of a lab.
 *
 * <p>named listens only on addresses configured on an interface (it scans them), unlike nginx,
 * unbound and Pebble, which bind any {@code 127.0.0.0/8} address. So each named instance's
 * {@code 127.83.0.x} is added as a {@code /32} on {@code lo} and removed again afterwards; only
 * loopback addresses are ever touched.
 */
final class LoopbackAliases implements AutoCloseable {
  private static final Set<InetAddress> ADDED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (InetAddress a : List.copyOf(ADDED)) {
        ip("del", a);
      }
    }, "it-loopback-cleanup"));
  }

  private final List<InetAddress> mine = new ArrayList<>();

  private LoopbackAliases() {}

  /** Adds {@code addresses} to {@code lo} (those it does not have yet). */
  static LoopbackAliases add(Collection<InetAddress> addresses) throws IOException {
    LoopbackAliases aliases = new LoopbackAliases();
    try {
      for (InetAddress a : addresses) {
        byte[] b = a.getAddress();
        if (b.length != 4 || b[0] != 127 || b[1] != 83 || b[2] != 0) {
          throw new IllegalArgumentException(a + " is not in the lab's loopback range 127.83.0.0/24");
        }
        if (!isLocal(a)) {
          String out = ip("add", a);
          if (!isLocal(a)) {
            throw new IOException("could not add " + a.getHostAddress() + "/32 to lo: " + out);
          }
        }
        // An address already there is one a killed earlier run left behind (the 127.83.0.0/24
        // range is the lab's own): adopt it, so it is removed this time.
        aliases.mine.add(a);
        ADDED.add(a);
      }
    } catch (IOException | RuntimeException e) {
      aliases.close();
      throw e;
    }
    return aliases;
  }

  private static boolean isLocal(InetAddress a) throws SocketException {
    return NetworkInterface.getByInetAddress(a) != null;
  }

  private static String ip(String verb, InetAddress a) {
    try {
      Process p = new ProcessBuilder(LabEnvironment.path("ip"), "addr", verb,
          a.getHostAddress() + "/32", "dev", "lo")
          .redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "ip addr " + verb + " timed out";
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  /** Removes the addresses this instance added. */
  @Override
  public void close() {
    for (InetAddress a : mine) {
      ip("del", a);
      ADDED.remove(a);
    }
    mine.clear();
  }
}
