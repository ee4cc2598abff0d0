package org.dvinspector;

import org.dvinspector.spi.Text;

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
  /**
   * draft-ietf-acme-dns-account-label / BR 3.2.2.4.21 "DNS Labeled with Account ID": the dns-01
   * digest at {@code _<account label>._acme-challenge.<name>}.
   */
  ACME_DNS_ACCOUNT_01("acme-dns-account-01", "3.2.2.4.21", "dns", "dns-account-01", true),
  /**
   * draft-ietf-acme-dns-persist / BR 3.2.2.4.22 "DNS TXT Record with Persistent Value": an
   * issue-value naming the CA and the account at {@code _validation-persist.<name>}.
   */
  ACME_DNS_PERSIST_01("acme-dns-persist-01", "3.2.2.4.22", "dns", "dns-persist-01", true),
  /**
   * BR 3.2.2.4.4 "Constructed Email to Domain Contact": the random value mailed to admin@,
   * administrator@, webmaster@, hostmaster@ or postmaster@ an Authorization Domain Name.
   */
  EMAIL_CONSTRUCTED("email-constructed", "3.2.2.4.4", "contact", null, true),
  /** BR 3.2.2.4.13 "Email to DNS CAA Contact": to a CAA {@code contactemail} address. */
  EMAIL_CAA_CONTACT("email-caa-contact", "3.2.2.4.13", "contact", null, true),
  /** BR 3.2.2.4.14 "Email to DNS TXT Contact": to the {@code _validation-contactemail} TXT address. */
  EMAIL_TXT_CONTACT("email-txt-contact", "3.2.2.4.14", "contact", null, true),
  /**
   * BR 3.2.2.4.15 "Phone Contact with Domain Contact": the registrant's number from WHOIS/RDAP;
   * CAs may not rely on it since 2025-07-15.
   */
  PHONE_DOMAIN_CONTACT("phone-domain-contact", "3.2.2.4.15", "contact", null, true),
  /**
   * BR 3.2.2.4.16 "Phone Contact with DNS TXT Record Phone Contact": the number in the {@code
   * _validation-contactphone} TXT record.
   */
  PHONE_TXT_CONTACT("phone-txt-contact", "3.2.2.4.16", "contact", null, true),
  /** BR 3.2.2.4.17 "Phone Contact with DNS CAA Phone Contact": a CAA {@code contactphone} number. */
  PHONE_CAA_CONTACT("phone-caa-contact", "3.2.2.4.17", "contact", null, true),
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

  /** Id of the module that performs this method's checks ({@code dns}, {@code http}, {@code contact}). */
  public String moduleId() {
    return moduleId;
  }

  /**
   * The ACME challenge type ({@code http-01}, {@code dns-01}, {@code tls-alpn-01}, {@code
   * dns-account-01}, {@code dns-persist-01}), which is also the RFC 8657 {@code validationmethods}
   * label; empty for non-ACME methods.
   */
  public Optional<String> acmeChallengeType() {
    return Optional.ofNullable(acmeName);
  }

  /**
   * Whether the BR allow this method for a wildcard name. File, http-01 and tls-alpn-01 are not
   * (BR 3.2.2.4.18, .19, .20); the DNS and contact methods validate an Authorization Domain Name,
   * which may sit above the wildcard (BR 3.2.2.6).
   */
  public boolean allowsWildcard() {
    return wildcardAllowed;
  }

  /**
   * The method of an ACME challenge type, as an ACME server names it in an authorization (RFC
   * 8555 §8, {@code "type"}) and acme4j in {@code Challenge.getType()}: {@code http-01}, {@code
   * dns-01}, {@code tls-alpn-01}, {@code dns-account-01} or {@code dns-persist-01}, in any case.
   *
   * @throws IllegalArgumentException for any other type, naming the known ones
   */
  public static Method fromAcmeChallengeType(String type) {
    for (Method m : values()) {
      if (m.acmeName != null && m.acmeName.equalsIgnoreCase(type.strip())) {
        return m;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Method m : values()) {
      if (m.acmeName != null) {
        known.append(known.length() == 0 ? "" : ", ").append(m.acmeName);
      }
    }
    throw new IllegalArgumentException("Unknown or unsupported ACME challenge type \""
        + Text.escape(type) + "\"; known: " + known);
  }

  /** The method with the given {@linkplain #label() label}. */
  public static Method fromLabel(String label) {
    for (Method m : values()) {
      if (m.label.equalsIgnoreCase(label)) {
        return m;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Method m : values()) {
      known.append(known.length() == 0 ? "" : ", ").append(m.label);
    }
    throw new IllegalArgumentException("Unknown validation method \"" + Text.escape(label)
        + "\"; known: " + known);
  }
}
