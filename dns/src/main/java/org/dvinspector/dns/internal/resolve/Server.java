package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Name;

/**
 * A nameserver of a delegation: its name, the glue the referral gave, and its addresses (the
 * glue at once, or the lookup of its name, started the moment the referral named it).
 */
final class Server {
  final Name name;
  final String label;
  final List<InetAddress> glue;
  final CompletableFuture<HostResult> addresses;

  Server(Name name, List<InetAddress> glue, CompletableFuture<HostResult> addresses) {
    this.name = name;
    this.label = Records.show(name);
    this.glue = List.copyOf(glue);
    this.addresses = addresses;
  }

  @Override
  public String toString() {
    return label + (glue.isEmpty() ? "" : " " + glue);
  }
}
