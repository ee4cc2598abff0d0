package org.dvinspector;

import org.dvinspector.spi.Text;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

  /** The Boulder snapshot the Let's Encrypt profile was read from. */
  private static final String BOULDER =
      "letsencrypt/boulder at 2d00c8e27919fe945e53b2cf857838e68a1da111 (2026-08-07),";

  /** The snapshot of DigiCert's library the DigiCert profile was read from. */
  private static final String DIGICERT_LIBRARY = "digicert/domain-control-validation at"
      + " df7d5999d41a27d9b60701df7281b6e00d265ea0 (2026-06-26), library/src/main/java/com/"
      + "digicert/validation/";

  /** The Pebble release the Pebble profile was read from and observed on. */
  private static final String PEBBLE_RELEASE =
      "letsencrypt/pebble v2.4.0 (4752651a6d4bae669ebcefec00236d4379ca6ecb) va/va.go:";

  /**
   * Let's Encrypt's redirect rules (Boulder va/http.go processRedirect): 301, 302, 307, 308 to
   * http or https on ports 80 and 443; eleven followed, the twelfth fails.
   */
  private static final RedirectPolicy LETS_ENCRYPT_REDIRECTS = RedirectPolicy.acme().toBuilder()
      .maxRedirects(11)
      .build();

  /** DigiCert's issuer domain names (DigiCert CPS; SPEC §6). */
  private static final List<String> DIGICERT_CAA = List.of(
      "digicert.com", "symantec.com", "geotrust.com", "thawte.com", "rapidssl.com");

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
   * Let's Encrypt (ISRG), ACME only: http-01, dns-01 and tls-alpn-01, as its validator (Boulder's
   * VA) decides: only status 200; at most 127 bytes of body, trailing whitespace trimmed; redirects
   * 301/302/307/308 to http or https on ports 80 and 443, eleven at most; the first IPv6 address,
   * the first IPv4 one only when the IPv6 connection fails; dns-01 joins each TXT record's strings;
   * CAA identity {@code letsencrypt.org} with flags 128 and 1 critical. {@code core/PROFILES.md}
   * links each rule to the Boulder code it comes from.
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
              .criticalFlagMask(128 | 1)
              .addRecognizedTags("issuemail", "issuevmc")
              .rejectHyphenInParameterTags(true)
              .exactIssuerMatch(true)
              .supportsRfc8657(true)
              .build())
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http"))
              .fileAcceptsAny2xx(false)
              // Boulder reads 128 bytes and refuses a body that fills them (len(body) >= 128).
              .bodyCapBytes(127)
              .trimTrailingWhitespace(true)
              .fileRedirects(LETS_ENCRYPT_REDIRECTS)
              .acmeRedirects(LETS_ENCRYPT_REDIRECTS)
              .ipv6First(true)
              .ipv4Fallback(true)
              .httpsCertificateMustBeValid(false)
              .userAgent("Mozilla/5.0 (compatible; Let's Encrypt validation server;"
                  + " +https://www.letsencrypt.org)")
              .putRequestHeaders("Accept", "*/*")
              .build())
          .dnsRules(DnsRules.defaults())
          // Pending authorizations (and so their tokens) expire after 7 days at Let's Encrypt;
          // the BR's 30 days is the outer bound.
          .tokenLifetime(Duration.ofDays(7))
          .addDnsTxtLabels(AcmeDns01Check.LABEL)
          .addSources(
              "RFC 8555 §8.3 (http-01), §8.4 (dns-01); RFC 8737 (tls-alpn-01)",
              BOULDER + " va/http.go: only status 200 (processHTTPValidation); reads"
                  + " maxResponseSize = 128 bytes and fails when the body fills them; trailing"
                  + " whitespace trimmed with strings.TrimRightFunc(unicode.IsSpace); redirects"
                  + " 301/302/307/308 only, to http/https on ports 80/443, a host under an IANA TLD"
                  + " or a public IP address (extractRequestTarget), loops refused; the redirect"
                  + " hook counts 'numRedirects > maxRedirect' with maxRedirect = 10, so an 11th"
                  + " redirect is followed and the 12th fails (va/http_test.go 'Too many"
                  + " redirects' ends at /max-redirect/12); the first IPv6 and the first IPv4"
                  + " address, IPv4 only after an IPv6 dial error (newHTTPValidationTarget,"
                  + " fallbackErr); TLS certificates not checked (InsecureSkipVerify); headers"
                  + " User-Agent (configured) and Accept: */*",
              BOULDER + " va/dns.go: dns-01 compares strings.Join(rr.Txt, \"\") of each TXT record"
                  + " with the digest; getAddrs drops reserved addresses; bdns/dns.go: the VA asks"
                  + " its own recursive resolvers (DoH) with the AD bit, retrying timeouts"
                  + " (DNSTries), and the answer's CNAMEs are followed by the resolver",
              BOULDER + " va/caa.go: flags 128 and 1 critical for unknown tags (filterCAA);"
                  + " issue, issuewild, iodef, issuemail and issuevmc recognized; every name up to"
                  + " the TLD asked (parallelCAALookup), a lookup error before a set is found fails"
                  + " (selectCAA); issuer domain compared exactly; parameter tags without hyphen",
              "User-Agent of Let's Encrypt's production validator as web servers log it"
                  + " (schubergphilis/chef-acme pull request 77, 2017): \"Mozilla/5.0 (compatible;"
                  + " Let's Encrypt validation server; +https://www.letsencrypt.org)\" (Boulder's"
                  + " va/config/config.go leaves it to the deployment)",
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
          // Let's Encrypt does not publish where it validates from: one network per registry.
          .perspectiveNetworks(PerspectiveNetworks.representative())
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
          // No published validation addresses found for Google: one network per registry.
          .perspectiveNetworks(PerspectiveNetworks.representative())
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
          // Sectigo, ZeroSSL's CA, publishes no MPIC addresses: one network per registry.
          .perspectiveNetworks(PerspectiveNetworks.representative())
          .build();

  /**
   * DigiCert (and its brands GeoTrust, Thawte, RapidSSL) as DigiCert's own validation code
   * decides (its {@code domain-control-validation} library, which DigiCert says represents its
   * process): the random value anywhere in a TXT record at {@code _dnsauth.<name>} or at the name,
   * case-sensitively, aliases in the answer searched too, 2 s per lookup; the file {@code
   * /.well-known/pki-validation/fileauth.txt} fetched over https, then http, from IPv4 addresses
   * only, any status below 400 searched in its first 5,000 characters, relative redirects only;
   * values of 22+ characters, 29 days. For what the seed's console reports (stricter), see {@link
   * #DIGICERT_CONSOLE}.
   */
  public static final CaProfile DIGICERT =
      CaProfile.builder()
          .id("digicert")
          .displayName("DigiCert")
          .offeredMethods(EnumSet.of(Method.DNS_TXT, Method.DNS_CNAME, Method.HTTP_FILE,
              Method.EMAIL_CONSTRUCTED, Method.EMAIL_CAA_CONTACT, Method.EMAIL_TXT_CONTACT))
          .caaIdentities(DIGICERT_CAA)
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("https", "http"))
              .fileRequiresAllSchemes(false)
              .fileAcceptsAny2xx(true)
              .fileAcceptsAnyStatusBelow400(true)
              .bodyCapBytes(5000)
              .fileRedirects(RedirectPolicy.builder()
                  .follow(true)
                  .addStatuses(301, 302, 307, 308)
                  .addSchemes("http", "https")
                  .addPorts(80, 443)
                  .maxRedirects(5)
                  .followsAbsoluteTargets(false)
                  .build())
              .acmeRedirects(RedirectPolicy.acme())
              .usesIpv6(false)
              .ipv6First(false)
              .httpsCertificateMustBeValid(false)
              .httpsHostnameMustMatch(true)
              .userAgent("DCV-Library/1.0")
              .build())
          .dnsRules(DnsRules.builder()
              .txtMatching(DnsRules.TxtMatching.RECORD_TEXT_CONTAINS)
              .txtAlsoAtDomain(true)
              .searchesAliasTargets(true)
              .lookupBudget(Duration.ofSeconds(2))
              .build())
          .tokenLifetime(Duration.ofDays(29))
          .minRandomValueLength(22)
          .addDnsTxtLabels("_dnsauth", "")
          .dnsCnameLabel("_dnsauth")
          .dnsCnameTargetSuffix("dcv.digicert.com")
          .httpFilePath(HttpFileCheck.PATH_PREFIX + "fileauth.txt")
          .sensitiveKeywords(SEED_CONSOLE_KEYWORDS)
          .addSources(
              DIGICERT_LIBRARY + "methods/dns/validate/handlers/RandomValueHandler.java: DNS"
                  + " Change looks at _dnsauth.<domain> (DcvConfiguration dnsDomainLabel), then at"
                  + " <domain>; challenges/BasicRandomValueValidator.java: textBody.contains("
                  + "randomValue) on each record's value",
              DIGICERT_LIBRARY + "client/dns/DnsClient.java: each answer record's text is"
                  + " searched: TXTRecord.rdataToString() (each string quoted, separated by"
                  + " spaces) and the CNAME's target; one ExtendedResolver per configured resolver"
                  + " with setTimeout(2000 ms) and setRetries(3), whose send() waits 2 s in all"
                  + " (dnsjava 3.6.3 Resolver.send: result.get(getTimeout()))",
              DIGICERT_LIBRARY + "methods/file/validate/FileValidationHandler.java: fileauth.txt"
                  + " over https, then http (fileValidationCheckHttpsFirst = true);"
                  + " mpic/MpicFileService.java: the next URL only when one fails;"
                  + " client/file/FileClient.java: an error only for status >= 400, the first"
                  + " 5,000 characters (EntityUtils.toString, UTF-8 by default in httpcore5 5.3),"
                  + " User-Agent DCV-Library/1.0 (the library's default), any certificate"
                  + " (TrustAllStrategy) but the host name checked (DefaultClientTlsStrategy);"
                  + " client/file/CustomDnsResolver.java: A records only",
              DIGICERT_LIBRARY + "client/file/CustomRedirectStrategy.java: 301/302/307/308 only;"
                  + " a relative Location is followed; an absolute one is compared by registered"
                  + " domain with request.getRequestUri(), which httpcore5 gives without a host,"
                  + " so it is refused and the 3xx itself is searched; at most 5"
                  + " (fileValidationMaxRedirects), loops refused",
              DIGICERT_LIBRARY + "random/RandomValueVerifier.java: at least 128 bits with the"
                  + " 62-character alphabet of BasicRandomValueGenerator (22 characters; DigiCert"
                  + " issues 32); valid 29 days (DcvConfiguration randomValueValidityPeriod; the"
                  + " seed's console shows 24 hours for DigiCert DV: see the digicert-console"
                  + " profile, or derive one with tokenLifetime)",
              "DigiCert's library leaves the DNS and file fetches to the CA's own multi-perspective"
                  + " client (MpicClientInterface); its DnsClient and FileClient above are the"
                  + " library's, used by its example application; DNSSEC is reported by that"
                  + " client and required by BR 3.2.2.4 since 2026-03-15 (ballot SC-085)",
              SEED_CONSOLE + "names containing edu, gov, org, jp, pay, bank, live or nuclear may be"
                  + " refused for test certificates, and bank, pay, live trigger manual review",
              "DigiCert CPS (CAA section) and SPEC §6: CAA issuer domain names digicert.com,"
                  + " symantec.com, geotrust.com, thawte.com, rapidssl.com (no CAA code in the"
                  + " library: RFC 8659 rules)",
              DIGICERT_LIBRARY + "enums/DcvMethod.java: e-mail to constructed addresses (3.2.2.4.4),"
                  + " to the CAA contactemail (3.2.2.4.13) and to the _validation-contactemail TXT"
                  + " address (3.2.2.4.14); it also implements 3.2.2.4.22 (persistent TXT), not"
                  + " listed while CertCentral does not offer it")
          .perspectiveNetworks(PerspectiveNetworks.digiCert())
          .build();

  /**
   * DigiCert as the seed's console reports it, stricter than DigiCert's code ({@link #DIGICERT}):
   * the TXT value exactly as given, at {@code _dnsauth.<name>}; the file {@code fileauth.txt}
   * reachable over both http and https with no redirect (a 301 or 302 fails); DV values valid 24
   * hours. Both answers exist: what the console will say, and what DigiCert will do.
   */
  public static final CaProfile DIGICERT_CONSOLE =
      DIGICERT.toBuilder()
          .id("digicert-console")
          .displayName("DigiCert (the seed's console)")
          .httpRules(HttpRules.builder()
              .fileSchemes(List.of("http", "https"))
              .fileRequiresAllSchemes(true)
              .fileAcceptsAny2xx(true)
              .fileRedirects(RedirectPolicy.none())
              .acmeRedirects(RedirectPolicy.acme())
              .build())
          .dnsRules(DnsRules.defaults())
          .tokenLifetime(Duration.ofHours(24))
          .sources(List.of(
              SEED_CONSOLE + "DigiCert DV record values are valid for 24 hours (DigiCert's library"
                  + " accepts 29 days: see the digicert profile)",
              SEED_CONSOLE + "the file must be reachable over both HTTP and HTTPS URLs, and a 301 or"
                  + " 302 redirect on either file URL is a failure (\"File content is invalid\";"
                  + " DigiCert's code fetches https first and follows relative redirects)",
              SEED_CONSOLE + "\"Mismatch found in the DNS record\" when the record value differs;"
                  + " the FAQ does not say how the console compares, so the exact reading is kept"
                  + " (DigiCert's code searches for the value inside the record)",
              SEED_CONSOLE + "names containing edu, gov, org, jp, pay, bank, live or nuclear may be"
                  + " refused for test certificates, and bank, pay, live trigger manual review",
              "DigiCert CPS (CAA section) and SPEC §6: CAA issuer domain names digicert.com,"
                  + " symantec.com, geotrust.com, thawte.com, rapidssl.com"))
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
          .perspectiveNetworks(PerspectiveNetworks.globalSign())
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
          // Sectigo publishes no MPIC addresses: one network per registry.
          .perspectiveNetworks(PerspectiveNetworks.representative())
          .build();

  /** Every TCP port: Pebble's HTTP client follows redirects to any port. */
  private static final Set<Integer> ANY_PORT =
      IntStream.rangeClosed(1, 65535).boxed().collect(Collectors.toUnmodifiableSet());

  /**
   * Pebble 2.4, Let's Encrypt's test CA, for test suites that run it: Let's Encrypt's profile with
   * Pebble's own rules as switches: the whole http-01 body read, only {@code \n \r \t} trimmed,
   * 303 and any port followed, nine redirects at most, the first resolved address only (no IPv4
   * fallback), non-public addresses contacted, each TXT string compared alone, no CAA check (no
   * CAA identity: add no {@link CaaCheck}), no DNSSEC check of its own. it/'s {@code
   * PebbleAgreementTest} checks this profile against a real Pebble on every run.
   */
  public static final CaProfile PEBBLE =
      LETS_ENCRYPT.toBuilder()
          .id("pebble")
          .displayName("Pebble")
          .caaIdentities(List.of())
          .httpRules(LETS_ENCRYPT.httpRules().toBuilder()
              // io.ReadAll of the whole body; 1 MiB bounds what the inspector compares.
              .bodyCapBytes(1 << 20)
              .trimmedTrailingCharacters("\n\r\t")
              .acmeRedirects(RedirectPolicy.builder()
                  .follow(true)
                  .addStatuses(301, 302, 303, 307, 308)
                  .addSchemes("http", "https")
                  .ports(ANY_PORT)
                  .maxRedirects(9)
                  .build())
              .ipv6First(true)
              .ipv4Fallback(false)
              .connectsToNonPublicAddresses(true)
              .userAgent("LetsEncrypt-Pebble-VA (linux; amd64)")
              .build())
          .dnsRules(DnsRules.builder()
              .txtMatching(DnsRules.TxtMatching.ANY_STRING_EQUALS)
              .build())
          .validatesDnssec(false)
          // Pebble validates from one place: no perspective networks, no ECS questions.
          .perspectiveNetworks(List.of())
          .sources(List.of(
              PEBBLE_RELEASE + " http-01 body trimmed with strings.TrimRight(whitespaceCutset ="
                  + " \"\\n\\r\\t\"), read whole with io.ReadAll, only status 200; Go's"
                  + " http.Client with its default redirect policy (301, 302, 303, 307, 308, any"
                  + " port, stops at the 10th); the dialer takes addrs[0] of AAAA-then-A answers"
                  + " from -dnsserver, no fallback, no address filter; User-Agent"
                  + " LetsEncrypt-Pebble-VA (<GOOS>; <GOARCH>) and Accept: */*; getTXTEntry appends"
                  + " each TXT string alone (t.Txt...) and compares each with the digest; no CAA"
                  + " lookup; the resolver's answer is used as it comes (no AD check)",
              "Observed on Pebble 2.4.0 (Debian package 2.4.0+ds1-2+b4) by it/"
                  + " PebbleAgreementTest: trailing \\n, \\r\\n and \\t pass, a trailing space"
                  + " fails; a body over 128 bytes passes; 303 and redirects to port 8080 and to an"
                  + " IP address are followed; the 10th redirect fails; an AAAA address refusing"
                  + " the connection fails although the A address serves the file; a digest split"
                  + " in two strings of one TXT record fails; CAA issue \";\" does not stop it",
              "Pebble after 2.4 joins the strings of a TXT record (letsencrypt/pebble va/va.go"
                  + " getTXTEntry at b1e1ca4f3c30abb64111adaca4544bc5374cc306): derive a profile"
                  + " with DnsRules.TxtMatching.JOINED_EQUALS for those versions"))
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
      BASELINE_REQUIREMENTS, LETS_ENCRYPT, GOOGLE, ZEROSSL, DIGICERT, DIGICERT_CONSOLE, GLOBALSIGN,
      SECTIGO, PEBBLE);

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
