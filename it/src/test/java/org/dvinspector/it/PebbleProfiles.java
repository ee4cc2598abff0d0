package org.dvinspector.it;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.RedirectPolicy;

/**
 * Pebble, Let's Encrypt's test CA, as a {@link CaProfile}: Let's Encrypt's profile with the rules
 * the installed Pebble 2.4 (Debian 2.4.0+ds1) was observed to apply instead. Each difference is
 * shown by a scenario of {@link PebbleScenarios} that Pebble decides one way and Let's Encrypt's
 * production validator the other; {@code PebbleAgreementTest} checks both on every run.
 *
 * <p>Differences from {@link CaProfiles#LETS_ENCRYPT}:
 *
 * <ul>
 *   <li>http-01 body: Pebble reads the whole body (no 128-byte cap).
 *   <li>Redirects: Pebble follows 303 as well, to any port, and (Go's HTTP client) stops at the
 *       10th redirect, so at most 9 are followed.
 *   <li>IPv6: Pebble connects only to the first address it resolved (AAAA before A) and does not
 *       fall back to IPv4 when that connection fails.
 *   <li>CAA: Pebble does not check CAA at all.
 * </ul>
 *
 * Three more differences cannot be expressed by a {@link CaProfile} today and are known gaps
 * (listed in it/README.md): Pebble trims only {@code \n \r \t} from the end of the http-01 body
 * (not spaces), follows redirects to IP addresses, and compares the strings of a TXT record one by
 * one instead of joining them.
 */
final class PebbleProfiles {
  private PebbleProfiles() {}

  /** Every TCP port: Pebble's HTTP client follows redirects to any port. */
  private static final List<Integer> ANY_PORT =
      IntStream.rangeClosed(1, 65535).boxed().collect(Collectors.toUnmodifiableList());

  /** Pebble 2.4's validation behaviour. */
  static final CaProfile PEBBLE = CaProfiles.LETS_ENCRYPT.toBuilder()
      .id("pebble")
      .displayName("Pebble")
      // Pebble checks no CAA: no identity, and agreement requests carry no CaaCheck.
      .caaIdentities(List.of())
      .httpRules(CaProfiles.LETS_ENCRYPT.httpRules().toBuilder()
          // io.ReadAll of the whole body; 1 MiB bounds what the inspector reads.
          .bodyCapBytes(1 << 20)
          .acmeRedirects(RedirectPolicy.builder()
              .follow(true)
              .addStatuses(301, 302, 303, 307, 308)
              .addSchemes("http", "https")
              .addAllPorts(ANY_PORT)
              .maxRedirects(9)
              .build())
          .ipv6First(true)
          .ipv4Fallback(false)
          .build())
      .sources(List.of(
          "Observed on Pebble 2.4.0 (Debian package 2.4.0+ds1) by it/ PebbleAgreementTest:"
              + " trailing \\n, \\r\\n and \\t are trimmed from the http-01 body, a trailing space"
              + " is not; a body over 128 bytes passes; 303 and redirects to port 8080 and to an IP"
              + " address are followed; the 10th redirect fails (\"stopped after 10 redirects\");"
              + " an AAAA address that refuses the connection fails validation although the A"
              + " address serves the file; a TXT record whose digest is split in two strings fails",
          "Pebble's VA (va/va.go): one DNS server (-dnsserver) for TXT and for AAAA then A"
              + " lookups; http-01 dials the first resolved address on httpPort; Go's"
              + " http.Client with its default redirect policy; no CAA check"))
      .build();
}
