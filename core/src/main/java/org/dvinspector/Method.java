package org.dvinspector;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A domain-control validation method: how the CA checks that the applicant controls the domain.
 * Each names the Baseline Requirements section that defines it.
 */
public enum Method {
  /** BR 3.2.2.4.7 "DNS Change" with a TXT record at the name or an underscore label above it. */
  DNS_TXT("dns-txt", "3.2.2.4.7", "dns", null, true),
  /** BR 3.2.2.4.7 with a CNAME record (e.g. DigiCert's {@code _dnsauth} to {@code dcv.digicert.com}). */
  DNS_CNAME("dns-cname", "3.2.2.4.7", "dns", null, true),
  /** BR 3.2.2.4.18 "Agreed-Upon Change to Website v2": a file under {@code /.well-known/pki-validation/}. */
  HTTP_FILE("http-file", "3.2.2.4.18", "http", null, false),
  /** RFC 8555 §8.3 / BR 3.2.2.4.19: {@code /.well-known/acme-challenge/<token>} over HTTP port 80. */
  ACME_HTTP_01("acme-http-01", "3.2.2.4.19", "http", "http-01", false),
  /** RFC 8555 §8.4 / BR 3.2.2.4.7: TXT at {@code _acme-challenge.<name>} holding the digest. */
  ACME_DNS_01("acme-dns-01", "3.2.2.4.7", "dns", "dns-01", true),
  /** RFC 8737 / BR 3.2.2.4.20: TLS with ALPN {@code acme-tls/1} on port 443. */
  ACME_TLS_ALPN_01("acme-tls-alpn-01", "3.2.2.4.20", "http", "tls-alpn-01", false),
  /** BR 3.2.2.4.8 "IP Address" method for domain names; retired for new validations on 2026-03-15. */
  IP_ADDRESS("ip-address", "3.2.2.4.8", "http", null, false);

  private final String label;
  private final String brSection;
  private final String moduleId;
  private final @Nullable String acmeName;
  private final boolean wildcardAllowed;

  Method(String label, String brSection, String moduleId, @Nullable String acmeName, boolean wildcardAllowed) {
    this.label = label;
    this.brSection = brSection;
    this.moduleId = moduleId;
    this.acmeName = acmeName;
    this.wildcardAllowed = wildcardAllowed;
  }

  /** The stable label used in reports and on the command line, e.g. {@code dns-txt}. */
  public String label() {
    return label;
  }

  /** The Baseline Requirements section, e.g. {@code 3.2.2.4.7}. */
  public String brSection() {
    return brSection;
  }

  /** Id of the module that performs this method's checks ({@code dns} or {@code http}). */
  public String moduleId() {
    return moduleId;
  }

  /**
   * The ACME challenge type ({@code http-01}, {@code dns-01}, {@code tls-alpn-01}), which is also
   * the RFC 8657 {@code validationmethods} label; empty for non-ACME methods.
   */
  public Optional<String> acmeChallengeType() {
    return Optional.ofNullable(acmeName);
  }

  /**
   * Whether the BR allow this method for a wildcard name. File, http-01 and tls-alpn-01 are not
   * (BR 3.2.2.4.18, .19, .20).
   */
  public boolean allowsWildcard() {
    return wildcardAllowed;
  }

  /**
   * The method of an ACME challenge type, as an ACME server names it in an authorization (RFC
   * 8555 §8, {@code "type"}) and acme4j in {@code Challenge.getType()}: {@code http-01}, {@code
   * dns-01} or {@code tls-alpn-01}, in any case.
   *
   * @throws IllegalArgumentException for any other type (e.g. {@code dns-account-01}), naming the
   *     known ones
   */
  public static Method fromAcmeChallengeType(String type) {
    for (Method m : values()) {
      if (m.acmeName != null && m.acmeName.equalsIgnoreCase(type.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown or unsupported ACME challenge type \""
        + Text.escape(type) + "\"; known: http-01, dns-01, tls-alpn-01");
  }

  /** The method with the given {@linkplain #label() label}. */
  public static Method fromLabel(String label) {
    for (Method m : values()) {
      if (m.label.equalsIgnoreCase(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException("Unknown validation method \"" + Text.escape(label)
        + "\"; known: dns-txt, dns-cname, http-file, acme-http-01, acme-dns-01, acme-tls-alpn-01");
  }
}
