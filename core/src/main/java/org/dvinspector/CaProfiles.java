package org.dvinspector;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Built-in {@link CaProfile}s, as data. Vendor documents disagree in places; each profile lists
 * its {@linkplain CaProfile#sources() sources} and says where they disagree and which reading it
 * takes, so the data is easy to check and correct. A host derives a variant with {@link
 * CaProfile#toBuilder()}, e.g. {@code CaProfiles.DIGICERT.toBuilder().tokenLifetime(Duration.ofDays(30)).build()}.
 *
 * <p>"The seed's console" below is the certificate console whose FAQ this project starts from (it
 * sells DigiCert and GlobalSign certificates, among others); it is stricter than those CAs' own
 * documents in places, and what it says is what its customers meet.
 */
public final class CaProfiles {
  private CaProfiles() {}

  /** Keywords the seed's console names as triggering manual review or refusal. */
  private static final List<String> SEED_CONSOLE_KEYWORDS =
      List.of("edu", "gov", "org", "jp", "pay", "bank", "live", "nuclear");

  private static final String SEED_CONSOLE =
      "The seed's CA console FAQ (domain ownership verification, Feb 2025): ";

  /** Where the BR define the methods the generic profile lists. */
  private static final String METHODS_SOURCE = "BR 3.2.2.4.4, .13, .14, .16, .17 (e-mail and phone"
      + " contacts; Appendix A for the DNS contact records; retired on the dates of BR 1.2.2),"
      + " 3.2.2.4.20 (tls-alpn-01), 3.2.2.4.21 (DNS labeled with account ID, ballot SC-084:"
      + " dns-account-01), 3.2.2.4.22 (persistent TXT, ballot SC-088: dns-persist-01)";

  /** Sectigo's issuer domain names (Sectigo CPS; ZeroSSL issues from Sectigo's CAs). */
  private static final List<String> SECTIGO_CAA =
      List.of("sectigo.com", "comodoca.com", "comodo.com", "usertrust.com", "trust-provider.com");

  /**
   * The CA/Browser Forum Baseline Requirements with no vendor specifics: every method, any 2xx for
   * the file method over HTTP or HTTPS, the BR's redirect rules, RFC 8659 CAA, 30-day tokens, and no
   * CAA identity (give one in the {@link CaaCheck}).
   */
  public static final CaProfile BASELINE_REQUIREMENTS =
      CaProfile.builder()
          .id("baseline")
          .displayName("CA/Browser Forum Baseline Requirements")
          .offeredMethods(EnumSet.of(
              Method.DNS_TXT, Method.DNS_CNAME, Method.HTTP_FILE,
              Method.ACME_HTTP_01, Method.ACME_DNS_01, Method.ACME_TLS_ALPN_01,
              Method.ACME_DNS_ACCOUNT_01, Method.ACME_DNS_PERSIST_01, Method.EMAIL_CONSTRUCTED,
              Method.EMAIL_CAA_CONTACT, Method.EMAIL_TXT_CONTACT, Method.PHONE_TXT_CONTACT,
              Method.PHONE_CAA_CONTACT))
          .httpRules(HttpRules.builder()
              .fileRedirects(RedirectPolicy.baselineRequirements())
              .acmeRedirects(RedirectPolicy.baselineRequirements())
              .build())
          .tokenLifetime(Duration.ofDays(30))
          .addDnsTxtLabels("")
          .addSources(
              "CA/Browser Forum Baseline Requirements 2.x: 3.2.2.4 (methods; random values at most"
                  + " 30 days; .18/.19 redirects 301/302/307/308 to http(s) on Authorized Ports 80,"
                  + " 443, 25, 22; .18 any 2xx), 3.2.2.6 (wildcards), 3.2.2.9 (multi-perspective"
                  + " corroboration), 4.2.2 (internal names, IP reverse zones), 4.2.2.1 (CAA)",
              "RFC 8659 (CAA); RFC 8657 (accounturi, validationmethods)",
              METHODS_SOURCE)
          .build();

  /**
   * Let's Encrypt (ISRG), ACME only: http-01, dns-01 and tls-alpn-01; only status 200; the first
   * 128 bytes of the body, trailing whitespace trimmed; redirects 301/302/307/308 to http or https
   * on ports 80 and 443, at most 10; IPv6 first, IPv4 if the IPv6 connection fails; CAA identity
   * {@code letsencrypt.org} with a strict parser.
   */
  public static final CaProfile LETS_ENCRYPT =
      CaProfile.builder()
          .id("letsencrypt")
          .displayName("Let's Encrypt")
          .offeredMethods(EnumSet.of(
              Method.ACME_HTTP_01, Method.ACME_DNS_01, Method.ACME_TLS_ALPN_01,
              Method.ACME_DNS_PERSIST_01))
          .addCaaIdentities("letsencrypt.org")
          .caaRules(CaaRules.builder()
              .anyFlagIsCritical(true)
              .rejectHyphenInParameterTags(true)
              .exactIssuerMatch(true)
              .supportsRfc8657(true)
              .build())
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http"))
              .fileAcceptsAny2xx(false)
              .bodyCapBytes(128)
              .trimTrailingWhitespace(true)
              .fileRedirects(RedirectPolicy.acme())
              .acmeRedirects(RedirectPolicy.acme())
              .ipv6First(true)
              .ipv4Fallback(true)
              .httpsCertificateMustBeValid(false)
              .build())
          // Pending authorizations (and so their tokens) expire after 7 days at Let's Encrypt;
          // the BR's 30 days is the outer bound.
          .tokenLifetime(Duration.ofDays(7))
          .addDnsTxtLabels(AcmeDns01Check.LABEL)
          .addSources(
              "RFC 8555 §8.3 (http-01), §8.4 (dns-01); RFC 8737 (tls-alpn-01)",
              "Let's Encrypt documentation, Challenge Types: http-01 on port 80 only; redirects"
                  + " followed up to 10 deep, only to http: or https: on ports 80 or 443; IPv6"
                  + " preferred when AAAA records exist; dns-01 follows CNAMEs",
              "Let's Encrypt's validator (boulder VA): only 200 passes; reads 128 bytes of the"
                  + " body and trims trailing whitespace; CAA flag value 1 treated as critical,"
                  + " hyphens in parameter tags and issuer names not exactly matching are rejected",
              "Let's Encrypt community announcements (pending authorization recycling, 2017;"
                  + " authorization lifetimes, 2023): pending authorizations expire 7 days after"
                  + " creation (BR 3.2.2.4.19 allows 30)",
              "ISRG CP/CPS 4.2.1 and 3.2.2.4: issuer domain name letsencrypt.org; wildcards only"
                  + " through DNS; corroborated from remote perspectives in at least two RIRs",
              "Let's Encrypt, \"DNS-PERSIST-01: A New Model for DNS-based Challenge Validation\""
                  + " (2026-02-18): dns-persist-01 in staging, then production (planned Q2 2026);"
                  + " boulder features/features.go at 2d00c8e27919 gates it (DNSPersist01Enabled)"
                  + " and dns-account-01 (DNSAccount01Enabled, not announced for production, so"
                  + " not listed); boulder va/tlsalpn.go: tls-alpn-01 with TLS 1.2+, IPv6 first")
          .build();

  /**
   * Google Trust Services (Google Public CA), ACME: http-01, dns-01, tls-alpn-01; CAA identity
   * {@code pki.goog}. HTTP details not published beyond RFC 8555 and the BR: generic rules.
   */
  public static final CaProfile GOOGLE =
      CaProfile.builder()
          .id("google")
          .displayName("Google Trust Services")
          .offeredMethods(EnumSet.of(
              Method.ACME_HTTP_01, Method.ACME_DNS_01, Method.ACME_TLS_ALPN_01))
          .addCaaIdentities("pki.goog")
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http"))
              .fileAcceptsAny2xx(false)
              .acmeRedirects(RedirectPolicy.acme())
              .build())
          .tokenLifetime(Duration.ofDays(30))
          .addDnsTxtLabels(AcmeDns01Check.LABEL)
          .addSources(
              "Google Trust Services documentation (Public CA, ACME best practices, DNS debugging):"
                  + " ACME with external account binding; http-01, dns-01, tls-alpn-01; CAA must"
                  + " permit pki.goog; validation from multiple locations (MPIC); records must be"
                  + " consistent on every authoritative nameserver",
              "Body cap, redirect limits and token lifetime are not published: RFC 8555 and the BR"
                  + " (30 days) are assumed")
          .build();

  /**
   * ZeroSSL, ACME: http-01 and dns-01; issues from Sectigo's CAs, so CAA must name {@code
   * sectigo.com} (or another Sectigo issuer domain).
   */
  public static final CaProfile ZEROSSL =
      CaProfile.builder()
          .id("zerossl")
          .displayName("ZeroSSL")
          .offeredMethods(EnumSet.of(Method.ACME_HTTP_01, Method.ACME_DNS_01))
          .caaIdentities(SECTIGO_CAA)
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http"))
              .fileAcceptsAny2xx(false)
              .acmeRedirects(RedirectPolicy.acme())
              .build())
          .tokenLifetime(Duration.ofDays(30))
          .addDnsTxtLabels(AcmeDns01Check.LABEL)
          .addSources(
              "ZeroSSL help center, Invalid CAA Records: CAA must allow sectigo.com",
              "ZeroSSL's ACME server (error quoted in acme.sh issue 3636): \"The supported"
                  + " validation types are: http-01 dns-01\"; external account binding required",
              "Sectigo CPS (CAA section) and SPEC §6: issuer domain names sectigo.com,"
                  + " comodoca.com, comodo.com, usertrust.com, trust-provider.com (ZeroSSL's help"
                  + " names only sectigo.com)")
          .build();

  /**
   * DigiCert (and its brands GeoTrust, Thawte, RapidSSL) as ordered through the seed's console:
   * TXT at {@code _dnsauth.<name>} or at the name; CNAME {@code _dnsauth} to {@code
   * <random>.dcv.digicert.com}; file {@code /.well-known/pki-validation/fileauth.txt} reachable over
   * both HTTP and HTTPS with no redirect; DV random values live 24 hours; keywords trigger review.
   */
  public static final CaProfile DIGICERT =
      CaProfile.builder()
          .id("digicert")
          .displayName("DigiCert")
          .offeredMethods(EnumSet.of(Method.DNS_TXT, Method.DNS_CNAME, Method.HTTP_FILE,
              Method.EMAIL_CONSTRUCTED, Method.EMAIL_CAA_CONTACT, Method.EMAIL_TXT_CONTACT))
          .addCaaIdentities("digicert.com", "symantec.com", "geotrust.com", "thawte.com",
              "rapidssl.com")
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http", "https"))
              .fileRequiresAllSchemes(true)
              .fileAcceptsAny2xx(true)
              .fileRedirects(RedirectPolicy.none())
              .acmeRedirects(RedirectPolicy.acme())
              .build())
          .tokenLifetime(Duration.ofHours(24))
          .addDnsTxtLabels("_dnsauth", "")
          .dnsCnameLabel("_dnsauth")
          .dnsCnameTargetSuffix("dcv.digicert.com")
          .httpFilePath(HttpFileCheck.PATH_PREFIX + "fileauth.txt")
          .sensitiveKeywords(SEED_CONSOLE_KEYWORDS)
          .addSources(
              SEED_CONSOLE + "DigiCert DV record values are valid for 24 hours (DigiCert's own"
                  + " documents say 30 days: the console's shorter window is used; derive a"
                  + " profile with tokenLifetime(30 days) for orders placed directly)",
              SEED_CONSOLE + "fileauth.txt must be reachable over both HTTP and HTTPS; a 301 or"
                  + " 302 on the file URL fails (DigiCert's own documents tolerate one redirect:"
                  + " the console's stricter rule is used)",
              SEED_CONSOLE + "names containing edu, gov, org, jp, pay, bank, live or nuclear may be"
                  + " refused for test certificates, and bank, pay, live trigger manual review",
              "DigiCert CertCentral documentation: DNS TXT at the domain or at _dnsauth.<domain>;"
                  + " DNS CNAME _dnsauth.<domain> to <random>.dcv.digicert.com; HTTP practical"
                  + " demonstration at /.well-known/pki-validation/fileauth.txt on the exact FQDN",
              "DigiCert CPS (CAA section) and SPEC §6: CAA issuer domain names digicert.com,"
                  + " symantec.com, geotrust.com, thawte.com, rapidssl.com",
              "digicert/domain-control-validation (library DcvMethod.java at df7d5999d41a):"
                  + " e-mail to constructed addresses (3.2.2.4.4), to the CAA contactemail"
                  + " (3.2.2.4.13) and to the _validation-contactemail TXT address (3.2.2.4.14);"
                  + " it also implements 3.2.2.4.22 (persistent TXT), not listed while CertCentral"
                  + " does not offer it")
          .build();

  /**
   * GlobalSign as ordered through the seed's console: TXT at the name holding {@code
   * globalsign-domain-verification=<code>}; file {@code /.well-known/pki-validation/gsdv.txt}
   * reachable over both HTTP and HTTPS with no redirect; keywords trigger review.
   */
  public static final CaProfile GLOBALSIGN =
      CaProfile.builder()
          .id("globalsign")
          .displayName("GlobalSign")
          .offeredMethods(EnumSet.of(Method.DNS_TXT, Method.HTTP_FILE, Method.EMAIL_CONSTRUCTED,
              Method.EMAIL_TXT_CONTACT))
          .addCaaIdentities("globalsign.com")
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http", "https"))
              .fileRequiresAllSchemes(true)
              .fileAcceptsAny2xx(true)
              .fileRedirects(RedirectPolicy.none())
              .acmeRedirects(RedirectPolicy.acme())
              .build())
          .tokenLifetime(Duration.ofDays(30))
          .addDnsTxtLabels("")
          .dnsTxtValueTemplate("globalsign-domain-verification=" + CaProfile.VALUE_PLACEHOLDER)
          .httpFilePath(HttpFileCheck.PATH_PREFIX + "gsdv.txt")
          .sensitiveKeywords(SEED_CONSOLE_KEYWORDS)
          .addSources(
              "GlobalSign support, Domain Verification (DNS TXT): TXT record at the domain with"
                  + " the value globalsign-domain-verification=<code>",
              "GlobalSign support, HTTP Verification: the Domain Validation Code in"
                  + " http(s)://<domain>/.well-known/pki-validation/gsdv.txt; the code is valid 30"
                  + " days; not for wildcards or other subdomains since 2021-11-28",
              SEED_CONSOLE + "the file must be reachable over both HTTP and HTTPS and a 301 or 302"
                  + " on its URL fails (GlobalSign's own page lets the customer pick http or https:"
                  + " the console's stricter rule is used)",
              SEED_CONSOLE + "keyword list as for DigiCert",
              "GlobalSign CPS (CAA section) and SPEC §6: CAA issuer domain name globalsign.com",
              "GlobalSign support, Performing Domain Verification - Approver Email (2026-03-03):"
                  + " predefined mailboxes such as admin@ and hostmaster@, and an approver address"
                  + " published in a DNS TXT record")
          .build();

  /**
   * Sectigo: CSR-hash validation (see {@link SectigoDcv}): file {@code
   * /.well-known/pki-validation/<MD5>.txt} holding the SHA-256, {@code sectigo.com} and an optional
   * unique value; CNAME {@code _<MD5>} to {@code <SHA-256 halves>.sectigo.com}; no redirects.
   */
  public static final CaProfile SECTIGO =
      CaProfile.builder()
          .id("sectigo")
          .displayName("Sectigo")
          .offeredMethods(EnumSet.of(Method.DNS_CNAME, Method.HTTP_FILE, Method.EMAIL_CONSTRUCTED,
              Method.EMAIL_TXT_CONTACT))
          .caaIdentities(SECTIGO_CAA)
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http", "https"))
              .fileRequiresAllSchemes(false)
              .fileAcceptsAny2xx(true)
              .fileRedirects(RedirectPolicy.none())
              .acmeRedirects(RedirectPolicy.acme())
              .build())
          .tokenLifetime(Duration.ofDays(30))
          .dnsCnameTargetSuffix(SectigoDcv.CA_DOMAIN)
          .addSources(
              "Sectigo knowledge base, DCV using the CNAME method: _<MD5 of CSR>.<domain> CNAME"
                  + " <SHA-256 first 32>.<SHA-256 last 32>.[<unique value>.]sectigo.com; hashes of"
                  + " the DER CSR; Sectigo looks at every level of the FQDN",
              "Sectigo knowledge base, DCV using HTTP/HTTPS: /.well-known/pki-validation/<MD5,"
                  + " upper case>.txt holding the SHA-256, sectigo.com and the optional unique value"
                  + " on separate lines; port 80 or 443; not for wildcards (older reseller documents"
                  + " show comodoca.com as the second line)",
              "Reseller documents (Sectigo FILE validation): validation fails if any redirect is"
                  + " used; the order checks http or https, not both",
              "Sectigo CPS (CAA section) and SPEC §6: CAA issuer domain names sectigo.com,"
                  + " comodoca.com, comodo.com, usertrust.com, trust-provider.com; the seed's"
                  + " console also suggests trust-provider.com and sectigo.com",
              "Sectigo's manual-review keyword list is not published: none configured",
              "Sectigo API, GetDCVEmailAddressList: the five constructed addresses and the"
                  + " address from a real-time DNS TXT lookup (_validation-contactemail)")
          .build();

  /**
   * A CA's console profile as reached through its ACME server: the same CA identity, CAA and file
   * rules, plus the ACME methods its server offers (http-01 and dns-01, BR 3.2.2.4.19 and
   * 3.2.2.4.7), validated by RFC 8555 and the BR since the CA publishes no stricter ACME rules.
   */
  private static CaProfile viaAcme(CaProfile base, String directory) {
    return base.toBuilder()
        .id(base.id() + "-acme")
        .displayName(base.displayName() + " (ACME)")
        .addOfferedMethods(Method.ACME_HTTP_01, Method.ACME_DNS_01)
        .addDnsTxtLabels(AcmeDns01Check.LABEL)
        .addSources(base.displayName() + " ACME directory " + directory + ": http-01 and dns-01"
            + " (RFC 8555 §8.3, §8.4); no ACME-specific HTTP rules published beyond the BR's")
        .build();
  }

  private static final CaProfile DIGICERT_ACME =
      viaAcme(DIGICERT, "https://acme.digicert.com/v2/acme/directory/");
  private static final CaProfile GLOBALSIGN_ACME =
      viaAcme(GLOBALSIGN, "https://emea.acme.atlas.globalsign.com/directory");
  private static final CaProfile SECTIGO_ACME =
      viaAcme(SECTIGO, "https://acme.sectigo.com/v2/DV");

  /**
   * The profile of the CA whose ACME server has this directory URL, for ACME clients that know
   * the URL rather than the CA (acme4j's {@code Session}, certbot's {@code --server}). Recognised,
   * by host name (the path may differ, e.g. per account or product):
   *
   * <ul>
   *   <li>Let's Encrypt: {@code https://acme-v02.api.letsencrypt.org/directory}, staging {@code
   *       https://acme-staging-v02.api.letsencrypt.org/directory}, acme4j's {@code
   *       acme://letsencrypt.org} and {@code acme://letsencrypt.org/staging};
   *   <li>Google Trust Services: {@code https://dv.acme-v02.api.pki.goog/directory}, staging
   *       {@code https://dv.acme-v02.test-api.pki.goog/directory}, {@code acme://pki.goog};
   *   <li>ZeroSSL: {@code https://acme.zerossl.com/v2/DV90}, {@code acme://zerossl.com};
   *   <li>DigiCert ({@code https://acme.digicert.com/v2/acme/directory/}), GlobalSign Atlas
   *       ({@code https://emea.acme.atlas.globalsign.com/directory}) and Sectigo ({@code
   *       https://acme.sectigo.com/v2/DV}, {@code /v2/OV}, {@code /v2/EV}): their console profiles
   *       ({@link #DIGICERT}, {@link #GLOBALSIGN}, {@link #SECTIGO}) with http-01 and dns-01
   *       added, under the ids {@code digicert-acme}, {@code globalsign-acme}, {@code
   *       sectigo-acme}.
   * </ul>
   *
   * @return the profile, or empty for another ACME server (use {@link #BASELINE_REQUIREMENTS} with
   *     the CA's CAA identity, or a profile of your own)
   */
  public static Optional<CaProfile> byAcmeDirectory(URI directory) {
    String host = directory.getHost();
    if (host == null) {
      return Optional.empty();
    }
    host = host.toLowerCase(Locale.ROOT);
    String scheme = directory.getScheme() == null ? "" : directory.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("acme")) {
      // acme4j's provider URIs (org.shredzone.acme4j.provider.*).
      switch (host) {
        case "letsencrypt.org":
          return Optional.of(LETS_ENCRYPT);
        case "pki.goog":
          return Optional.of(GOOGLE);
        case "zerossl.com":
          return Optional.of(ZEROSSL);
        default:
          return Optional.empty();
      }
    }
    if (!scheme.equals("https")) {
      return Optional.empty();
    }
    switch (host) {
      case "acme-v02.api.letsencrypt.org":
      case "acme-staging-v02.api.letsencrypt.org":
        return Optional.of(LETS_ENCRYPT);
      case "dv.acme-v02.api.pki.goog":
      case "dv.acme-v02.test-api.pki.goog":
        return Optional.of(GOOGLE);
      case "acme.zerossl.com":
        return Optional.of(ZEROSSL);
      case "acme.digicert.com":
        return Optional.of(DIGICERT_ACME);
      case "acme.sectigo.com":
        return Optional.of(SECTIGO_ACME);
      default:
        return host.endsWith(".acme.atlas.globalsign.com")
            ? Optional.of(GLOBALSIGN_ACME) : Optional.empty();
    }
  }

  /**
   * Like {@link #byAcmeDirectory(URI)}, from text.
   *
   * @throws IllegalArgumentException if {@code directory} is not a URI
   */
  public static Optional<CaProfile> byAcmeDirectory(String directory) {
    try {
      return byAcmeDirectory(new URI(directory.strip()));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("Not an ACME directory URL: \"" + Text.escape(directory)
          + "\"", e);
    }
  }

  private static final List<CaProfile> ALL = List.of(
      BASELINE_REQUIREMENTS, LETS_ENCRYPT, GOOGLE, ZEROSSL, DIGICERT, GLOBALSIGN, SECTIGO);

  /** Every built-in profile, the generic Baseline Requirements one first. */
  public static List<CaProfile> all() {
    return ALL;
  }

  /** The built-in profile with this id (case-insensitive), e.g. {@code letsencrypt}. */
  public static Optional<CaProfile> byId(String id) {
    String key = id.strip().toLowerCase(Locale.ROOT);
    for (CaProfile p : ALL) {
      if (p.id().equals(key)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
