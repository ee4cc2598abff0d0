package org.dvinspector.cli;

import java.util.function.Consumer;
import org.dvinspector.testkit.DnsLab;

/**
 * Declares the demo zones on a {@link DnsLab} builder, giving each zone two nameservers of its
 * own ({@code ns1.<zone>} and {@code ns2.<zone>}) on fresh loopback addresses from 127.0.0.11 up
 * (below that the lab keeps its root, TLD and resolver servers), and handing out web server
 * addresses from 127.0.1.1 up.
 */
final class DemoPlan {
  private static final int FIRST = 11;
  private static final int LAST = 250;

  private final DnsLab.Builder builder;
  private int next = FIRST;
  private int nextWeb = 1;

  DemoPlan(DnsLab.Builder builder) {
    this.builder = builder;
  }

  /** A zone with {@code ns1} and {@code ns2} of its own, configured further by {@code spec}. */
  void zone(String zone, Consumer<DnsLab.ZoneSpec> spec) {
    String ns1 = address();
    String ns2 = address();
    builder.zone(zone, z -> {
      z.nameserver("ns1." + zone, ns1);
      z.nameserver("ns2." + zone, ns2);
      spec.accept(z);
    });
  }

  /** A zone whose nameservers the spec declares itself. */
  void bareZone(String zone, Consumer<DnsLab.ZoneSpec> spec) {
    builder.zone(zone, spec);
  }

  /** A fresh loopback address for a nameserver. */
  String address() {
    if (next > LAST) {
      throw new IllegalStateException("The demo lab ran out of nameserver addresses");
    }
    return "127.0.0." + next++;
  }

  /** A fresh loopback address for a web server: 127.0.1.1, 127.0.1.2, ... (up to .200). */
  String webAddress() {
    if (nextWeb > 200) {
      throw new IllegalStateException("The demo lab ran out of web server addresses");
    }
    return "127.0.1." + nextWeb++;
  }
}
