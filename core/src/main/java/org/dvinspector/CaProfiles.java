package org.dvinspector;

import java.time.Duration;
import java.util.EnumSet;

/**
 * Built-in {@link CaProfile}s. Vendor documents disagree in places; each profile lists its
 * {@linkplain CaProfile#sources() sources} so the data is easy to check and correct.
 */
public final class CaProfiles {
  private CaProfiles() {}

  /**
   * The CA/Browser Forum Baseline Requirements with no vendor specifics: every method, any 2xx for
   * the file method over HTTP or HTTPS, ACME-style redirects, RFC 8659 CAA, 30-day tokens, and no
   * CAA identity (give one in the {@link CaaCheck}).
   */
  public static final CaProfile BASELINE_REQUIREMENTS =
      CaProfile.builder()
          .id("baseline")
          .displayName("CA/Browser Forum Baseline Requirements")
          .offeredMethods(EnumSet.of(
              Method.DNS_TXT, Method.DNS_CNAME, Method.HTTP_FILE,
              Method.ACME_HTTP_01, Method.ACME_DNS_01, Method.ACME_TLS_ALPN_01))
          .tokenLifetime(Duration.ofDays(30))
          .addDnsTxtLabels("")
          .addSources("CA/Browser Forum Baseline Requirements 3.2.2.4 and 3.2.2.8; RFC 8659; RFC 8657")
          .build();
}
