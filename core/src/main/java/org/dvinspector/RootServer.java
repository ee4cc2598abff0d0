package org.dvinspector;

import java.net.InetAddress;
import java.util.List;
import org.immutables.value.Value;

/** A root nameserver (or, in a lab, a fake root) that iterative resolution starts from. */
@Value.Immutable
public abstract class RootServer {
  /** The server's name, e.g. {@code a.root-servers.net}. */
  @Value.Parameter
  public abstract String name();

  /** Its addresses. */
  @Value.Parameter
  public abstract List<InetAddress> addresses();

  /** A root server with the given addresses. */
  public static RootServer of(String name, List<InetAddress> addresses) {
    return ImmutableRootServer.of(name, addresses);
  }

  @Value.Check
  void check() {
    if (addresses().isEmpty()) {
      throw new IllegalArgumentException("Root server " + name() + " needs at least one address");
    }
  }
}
