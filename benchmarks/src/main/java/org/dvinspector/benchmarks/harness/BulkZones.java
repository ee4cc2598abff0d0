package org.dvinspector.benchmarks.harness;

import java.time.Duration;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.TestDnsServer;

/**
 * The zones of the bulk and memory scenarios, generated from two numbers so that the lab process
 * and the harness agree on them without exchanging data: {@code zones} zones {@code
 * bulk-<i>.test}, each with two in-zone nameservers ({@code ns1}/{@code ns2}, with glue in the
 * parent), a {@code _dnsauth} TXT record and a CAA record at the apex.
 *
 * <p>The nameservers' addresses come from {@code pairs} address pairs shared by many zones, the
 * way a DNS hosting provider serves many customers from a few servers: every zone still has its
 * own nameserver names, and each server serves {@code zones / pairs} zones.
 */
public final class BulkZones {
  /** The CA the CAA records authorise and the CAA checks ask about. */
  public static final String ISSUER = "digicert.com";

  private BulkZones() {}

  /** The name of zone {@code i}, which is also the domain inspected. */
  public static String zone(int i) {
    return "bulk-" + i + ".test";
  }

  /** The token of zone {@code i}'s {@code _dnsauth} TXT record. */
  public static String token(int i) {
    return "bulk-token-" + i;
  }

  /** Loopback address number {@code k} of the nameserver pool (127.0.1.1 and up). */
  static String address(int k) {
    return "127.0." + (1 + k / 250) + "." + (1 + k % 250);
  }

  /** Declares the zones on {@code lab}. */
  public static DnsLab.Builder declare(DnsLab.Builder lab, int zones, int pairs) {
    if (zones < 1 || pairs < 1 || pairs * 2 > 250 * 200) {
      throw new IllegalArgumentException("zones and pairs must be positive (pairs at most 25,000)");
    }
    for (int i = 0; i < zones; i++) {
      int pair = i % pairs;
      String name = zone(i);
      String ns1 = address(2 * pair);
      String ns2 = address(2 * pair + 1);
      String token = token(i);
      lab.zone(name, z -> z
          .nameserver("ns1." + name, ns1)
          .nameserver("ns2." + name, ns2)
          .records("_dnsauth 300 IN TXT \"" + token + "\"",
              "@ 300 IN CAA 0 issue \"" + ISSUER + "\""));
    }
    return lab;
  }

  /** Delays every answer of every server of {@code lab} (the resolver too) by {@code latency}. */
  public static void delayEverything(DnsLab lab, Duration latency) {
    if (latency.isZero()) {
      return;
    }
    DnsFault fault = DnsFault.latency(latency);
    for (TestDnsServer s : lab.authoritativeServers()) {
      s.addFault(fault);
    }
    lab.resolverServer().addFault(fault);
  }
}
