package org.dvinspector.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import okhttp3.tls.HeldCertificate;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.DomainName;
import org.dvinspector.FindingCode;
import org.dvinspector.testkit.AcmeTlsCertificate;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;
import org.dvinspector.testkit.TlsAlpnServer;
import org.xbill.DNS.Type;

/**
 * Every situation of the seed FAQ (SPEC §4), one demo domain each, plus one that is READY: the
 * single place the demo's scenarios are defined. Each names the finding its report must show;
 * {@code dvi demo} prints whether it does, and the test suite asserts it for every scenario.
 *
 * <p>Every zone is {@code <scenario>.example.com} under the lab's fake root, with two nameservers
 * of its own; web servers are on 127.0.1.x. The CA is DigiCert unless the situation is about
 * another CA's rules.
 */
final class DemoScenarios {
  /** The random value the CA asked for. */
  static final String TOKEN = "dvi-demo-7f3a9c2e51b84d06";
  /** An older value of the same shape (a previous order's). */
  static final String OLD_TOKEN = "dvi-demo-0c81d4e97a2f6b35";
  /** An ACME challenge token and account key thumbprint (RFC 8555 §8.1). */
  static final String ACME_TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  static final String ACME_THUMBPRINT = "9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
  /** The key authorization of that token and thumbprint. */
  static final String KEY_AUTHORIZATION = ACME_TOKEN + "." + ACME_THUMBPRINT;
  /** An ACME account URI (dns-account-01's label, dns-persist-01's accounturi). */
  static final String ACCOUNT_URI = "https://acme-v02.api.letsencrypt.org/acme/acct/123456789";

  private static final String FILE = "/.well-known/pki-validation/fileauth.txt";

  private DemoScenarios() {}

  /** Every scenario: the seed FAQ's, in its order, then the other methods'. */
  static List<DemoScenario> all() {
    List<DemoScenario> s = new ArrayList<>(seed());
    s.addAll(otherMethods());
    return List.copyOf(s);
  }

  /** The seed FAQ's scenarios, in its order. */
  static List<DemoScenario> seed() {
    List<DemoScenario> s = new ArrayList<>();
    s.add(DemoScenario.ready("ready", "Everything in place: the CA would validate now")
        .zone("ready.example.com",
            "_dnsauth.www TXT \"" + TOKEN + "\"",
            "@ CAA 0 issue \"digicert.com\"")
        .check(dnsTxt("www.ready.example.com"))
        .build());

    // ---------------------------------------------------------- manual DNS verification
    s.add(DemoScenario.shows("record-missing", "No DNS record added",
            FindingCode.DNS_RECORD_MISSING)
        .zone("record-missing.example.com", "www A 127.0.1.250")
        .check(dnsTxt("www.record-missing.example.com"))
        .build());
    s.add(DemoScenario.shows("not-yet-visible",
            "Record added, but \"not found\" yet: resolvers cache its absence",
            FindingCode.DNS_NOT_YET_VISIBLE)
        .zone("not-yet-visible.example.com", z -> z.negativeTtl(Duration.ofMinutes(10))
            .records("www A 127.0.1.250"))
        .then(lab -> {
          // Someone looked before the record was added: the resolver caches NXDOMAIN.
          lab.askResolver("_dnsauth.www.not-yet-visible.example.com", Type.TXT);
          lab.dns().zone("not-yet-visible.example.com")
              .add("_dnsauth.www TXT \"" + TOKEN + "\"");
        })
        .check(dnsTxt("www.not-yet-visible.example.com"))
        .build());
    s.add(DemoScenario.shows("wrong-name",
            "The record's domain differs from the certificate's (zone name typed twice)",
            FindingCode.DNS_RECORD_AT_WRONG_NAME)
        // A relative owner name that already ends in the zone: the zone is appended again.
        .zone("wrong-name.example.com",
            "_dnsauth.www.wrong-name.example.com TXT \"" + TOKEN + "\"")
        .check(dnsTxt("www.wrong-name.example.com"))
        .build());
    s.add(DemoScenario.shows("value-mismatch",
            "Record value misconfigured (pasted with its quotes)", FindingCode.DNS_VALUE_MISMATCH)
        .zone("value-mismatch.example.com", "_dnsauth.www TXT \"\\\"" + TOKEN + "\\\"\"")
        .check(dnsTxt("www.value-mismatch.example.com"))
        .build());
    s.add(DemoScenario.shows("wildcard-answer",
            "Third-party DNS answers for names that do not exist (a wildcard)",
            FindingCode.DNS_WILDCARD_ANSWER)
        .zone("wildcard-answer.example.com", "* TXT \"v=spf1 include:mail.example.net -all\"")
        .check(dnsTxt("www.wildcard-answer.example.com"))
        .build());
    s.add(DemoScenario.shows("token-expired",
            "DigiCert DV record value generated more than 24 hours ago", FindingCode.TOKEN_EXPIRED)
        .zone("token-expired.example.com", "_dnsauth.www TXT \"" + TOKEN + "\"")
        .check(lab -> withArgs(dnsTxt("www.token-expired.example.com"), "--token-created",
            Instant.now().minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.SECONDS).toString()))
        .build());
    s.add(DemoScenario.shows("stale-value-cached",
            "An existing TXT record was modified: resolvers keep the old value for hours",
            FindingCode.DNS_STALE_VALUE_CACHED)
        .zone("stale-value-cached.example.com",
            "_dnsauth.www 7200 TXT \"" + OLD_TOKEN + "\"")
        .then(lab -> {
          lab.askResolver("_dnsauth.www.stale-value-cached.example.com", Type.TXT);
          lab.dns().zone("stale-value-cached.example.com").replace("_dnsauth.www", "TXT",
              "_dnsauth.www 7200 TXT \"" + TOKEN + "\"");
        })
        .check(dnsTxt("www.stale-value-cached.example.com"))
        .build());
    s.add(DemoScenario.shows("not-on-all-nameservers",
            "TXT record not synchronized to every authoritative server",
            FindingCode.DNS_NOT_ON_ALL_NAMESERVERS)
        .zone("not-on-all-nameservers.example.com", "www A 127.0.1.250")
        .then(lab -> {
          // ns2 stopped taking zone transfers before the record was added.
          lab.dns().server("ns2.not-on-all-nameservers.example.com")
              .freeze("not-on-all-nameservers.example.com");
          lab.dns().zone("not-on-all-nameservers.example.com")
              .add("_dnsauth.www TXT \"" + TOKEN + "\"");
        })
        .check(dnsTxt("www.not-on-all-nameservers.example.com"))
        .build());
    s.add(DemoScenario.shows("outside-china",
            "TXT not synchronized to DNS servers outside China: only the provider's China line"
                + " has it",
            FindingCode.DNS_ANSWER_DEPENDS_ON_CLIENT_REGION)
        .zone("outside-china.example.com", "www A 127.0.1.250")
        .then(lab -> {
          // The record was added to the DNS provider's China line only (RFC 7871 client subnet
          // or the resolver's address chooses the line): a China network (1.0.1.0/24, APNIC,
          // CN) and this machine, which stands for the customer in China, see it; the default
          // line, which answers the CA's perspectives abroad, does not.
          String record = "_dnsauth.www TXT \"" + TOKEN + "\"";
          lab.dns().zone("outside-china.example.com")
              .addForClientSubnet("1.0.1.0/24", record)
              .addForClientSubnet("127.0.0.0/8", record);
        })
        .check(dnsTxt("www.outside-china.example.com"))
        .build());
    s.add(DemoScenario.shows("dns-server-timeout",
            "DNS verification timed out: a nameserver does not answer",
            FindingCode.DNS_SERVER_TIMEOUT)
        .zone("dns-server-timeout.example.com", "_dnsauth.www TXT \"" + TOKEN + "\"")
        .then(lab -> lab.dns().server("ns2.dns-server-timeout.example.com")
            .addFault(DnsFault.drop()))
        .check(dnsTxt("www.dns-server-timeout.example.com"))
        .build());
    s.add(DemoScenario.shows("dns-server-failure",
            "DNS verification failed: a nameserver answers SERVFAIL",
            FindingCode.DNS_SERVER_FAILURE)
        .zone("dns-server-failure.example.com", "_dnsauth.www TXT \"" + TOKEN + "\"")
        .then(lab -> lab.dns().server("ns2.dns-server-failure.example.com")
            .addFault(DnsFault.servfail()))
        .check(dnsTxt("www.dns-server-failure.example.com"))
        .build());
    s.add(DemoScenario.shows("lame-delegation",
            "A delegated nameserver does not serve the zone (lame delegation)",
            FindingCode.DNS_LAME_DELEGATION)
        .zone("lame-delegation.example.com", "_dnsauth.www TXT \"" + TOKEN + "\"")
        // ns2 answers like a caching server that does not hold the zone: without the AA bit.
        .then(lab -> lab.dns().server("ns2.lame-delegation.example.com")
            .addFault(DnsFault.notAuthoritative()))
        .check(dnsTxt("www.lame-delegation.example.com"))
        .build());

    // ---------------------------------------------------------- file verification
    s.add(web("file-not-found", "No file found: not uploaded to /.well-known/pki-validation/",
            FindingCode.HTTP_FILE_NOT_FOUND, HttpLabTls.VALID, e -> { })
        .build());
    s.add(web("file-wrong-path", "File uploaded to the web root instead of the validation directory",
            FindingCode.HTTP_FILE_AT_WRONG_PATH, HttpLabTls.VALID,
            e -> e.serve("/fileauth.txt", TOKEN))
        .build());
    s.add(DemoScenario.shows("connect-failed", "Port 80 or 443 closed: nothing accepts connections",
            FindingCode.HTTP_CONNECT_FAILED)
        // No web server on this address: the lab refuses every connection to it.
        .zone("connect-failed.example.com", "www A 127.0.1.251")
        .webHost("www.connect-failed.example.com")
        .check(httpFile("www.connect-failed.example.com"))
        .build());
    s.add(web("http-timeout", "File verification timed out: the server accepts but never answers",
            FindingCode.HTTP_TIMEOUT, HttpLabTls.VALID, e -> {
              e.http().stall(FILE);
              e.https().stall(FILE);
            })
        .build());
    s.add(DemoScenario.shows("inconsistent-endpoints",
            "CDN nodes not in sync: one address serves the file, the other does not",
            FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)
        .zone("inconsistent-endpoints.example.com", "www A 127.0.1.252", "www A 127.0.1.253")
        .webHost("www.inconsistent-endpoints.example.com")
        .then(lab -> {
          lab.web("127.0.1.252", HttpLabTls.VALID).serve(FILE, TOKEN);
          lab.web("127.0.1.253", HttpLabTls.VALID);
        })
        .check(httpFile("www.inconsistent-endpoints.example.com"))
        .build());
    s.add(web("old-file-content", "An old verification file is still on the server",
            FindingCode.HTTP_CONTENT_MISMATCH, HttpLabTls.VALID, e -> e.serve(FILE, OLD_TOKEN))
        .build());
    s.add(web("https-unreachable", "fileauth.txt reachable over HTTP only, not HTTPS",
            FindingCode.HTTPS_UNREACHABLE, HttpLabTls.CLOSED, e -> e.serve(FILE, TOKEN))
        .build());
    s.add(web("redirect-not-allowed", "The file URL answers with a 301 redirect",
            FindingCode.HTTP_REDIRECT_NOT_ALLOWED, HttpLabTls.VALID, e -> {
              e.http().redirect(FILE, 301, "https://www.redirect-not-allowed.example.com" + FILE);
              e.https().serve(FILE, TOKEN);
            })
        .build());
    s.add(web("outside-region", "The website is not reachable from outside its region (seen"
            + " from two local agents: one inside, one outside)",
            FindingCode.PERSPECTIVES_DISAGREE, HttpLabTls.VALID, e -> e.serve(FILE, TOKEN))
        // The lab's own view and the agent inside the region reach the site; the agent outside
        // is refused, as by geo-blocking (see DemoAgents).
        .withAgents()
        .build());
    s.add(DemoScenario.shows("redirect-loop", "The challenge URL redirects to itself",
            FindingCode.HTTP_REDIRECT_LOOP)
        .zone("redirect-loop.example.com", "www A 127.0.1.254")
        .webHost("www.redirect-loop.example.com")
        .then(lab -> lab.web("127.0.1.254", HttpLabTls.VALID).http().redirect(
            AcmeChallenges.http01Path(ACME_TOKEN), 302,
            "http://www.redirect-loop.example.com" + AcmeChallenges.http01Path(ACME_TOKEN)))
        .check("www.redirect-loop.example.com", "--profile", "letsencrypt",
            "--acme-http-01", ACME_TOKEN, "--thumbprint", ACME_THUMBPRINT)
        .build());
    s.add(DemoScenario.shows("wildcard-file-method",
            "File verification asked for a wildcard name", FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD)
        .zone("wildcard-file-method.example.com", "* A 127.0.1.250")
        .check(httpFile("*.wildcard-file-method.example.com"))
        .build());
    s.add(DemoScenario.shows("sensitive-keywords",
            "The name contains a keyword (bank) that triggers manual review",
            FindingCode.POLICY_MANUAL_REVIEW_LIKELY)
        .zone("mybank.example.com", "_dnsauth.www TXT \"" + TOKEN + "\"")
        .check(dnsTxt("www.mybank.example.com"))
        .build());

    // ---------------------------------------------------------- DNSSEC (every CA validates)
    s.add(DemoScenario.shows("dnssec-expired",
            "DNSSEC signatures expired: \"DNS problem: ... DNSSEC: signature expired\"",
            FindingCode.DNSSEC_SIGNATURE_EXPIRED)
        .zone("dnssec-expired.example.com", z -> z.signed()
            .records("_dnsauth.www TXT \"" + TOKEN + "\""))
        .then(lab -> lab.dns().dnssec("dnssec-expired.example.com").expireSignatures())
        .check(dnsTxt("www.dnssec-expired.example.com"))
        .build());
    s.add(DemoScenario.shows("dnssec-ds-left",
            "DNSSEC turned off at the DNS host, but the DS record left at the registrar",
            FindingCode.DNSSEC_DS_FOR_UNSIGNED_ZONE)
        .zone("dnssec-ds-left.example.com", z -> z.signed()
            .records("_dnsauth.www TXT \"" + TOKEN + "\""))
        .then(lab -> lab.dns().dnssec("dnssec-ds-left.example.com").stopSigning())
        .check(dnsTxt("www.dnssec-ds-left.example.com"))
        .build());

    // ---------------------------------------------------------- issuance
    s.add(DemoScenario.shows("caa-forbids", "A CAA record does not authorize the CA",
            FindingCode.CAA_FORBIDS_ISSUER)
        .zone("caa-forbids.example.com",
            "_dnsauth.www TXT \"" + TOKEN + "\"",
            "@ CAA 0 issue \"letsencrypt.org\"")
        .check(dnsTxt("www.caa-forbids.example.com"))
        .build());
    s.add(DemoScenario.shows("caa-via-cname",
            "A CNAME to another provider (like github.io) brings its CAA records",
            FindingCode.CAA_INHERITED_VIA_CNAME)
        .zone("caa-via-cname.example.com",
            "www CNAME site.pages-host.com.",
            "_dnsauth.www TXT \"" + TOKEN + "\"")
        .zone("pages-host.com", "site A 127.0.1.250", "site CAA 0 issue \"pages-ca.com\"")
        .check(dnsTxt("www.caa-via-cname.example.com"))
        .build());
    s.add(DemoScenario.shows("address-not-public",
            "Internal network: the name resolves only to a private address",
            FindingCode.ADDRESS_NOT_PUBLIC)
        .zone("address-not-public.example.com", "www A 10.20.30.40")
        .webHost("www.address-not-public.example.com")
        .check(httpFile("www.address-not-public.example.com"))
        .build());
    s.add(DemoScenario.shows("not-resolvable",
            "Internal network: the name does not resolve in public DNS",
            FindingCode.DOMAIN_NOT_RESOLVABLE)
        .zone("not-resolvable.example.com", "mail A 127.0.1.250")
        .webHost("www.not-resolvable.example.com")
        .check(httpFile("www.not-resolvable.example.com"))
        .build());
    return List.copyOf(s);
  }

  /** The scenarios of the methods beyond the seed FAQ: tls-alpn-01, dns-account-01, dns-persist-01, e-mail and phone. */
  static List<DemoScenario> otherMethods() {
    List<DemoScenario> s = new ArrayList<>();
    // ---------------------------------------------------------- tls-alpn-01 (RFC 8737)
    s.add(tlsAlpn("tls-alpn-ready", "tls-alpn-01: the responder presents the challenge certificate",
        null, (host, server) -> server.respond(host, TlsAlpnServer.Response.challenge(
            AcmeTlsCertificate.forChallenge(host, KEY_AUTHORIZATION)))));
    s.add(tlsAlpn("tls-alpn-behind-cdn",
        "tls-alpn-01 behind a CDN or TLS proxy: it refuses acme-tls/1",
        FindingCode.TLS_ALPN_NOT_NEGOTIATED, (host, server) -> server.respondByDefault(
            TlsAlpnServer.Response.refusing(siteCertificate(host)))));
    s.add(tlsAlpn("tls-alpn-old-certificate",
        "tls-alpn-01: the responder still presents an older challenge's certificate",
        FindingCode.TLS_ALPN_WRONG_DIGEST, (host, server) -> server.respond(host,
            TlsAlpnServer.Response.challenge(AcmeTlsCertificate.forChallenge(host,
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA." + ACME_THUMBPRINT)))));

    // ---------------------------------------------------------- dns-account-01
    String label = AcmeChallenges.dnsAccountLabel(ACCOUNT_URI) + "._acme-challenge";
    String digest = AcmeChallenges.dns01TxtValue(KEY_AUTHORIZATION);
    s.add(DemoScenario.ready("dns-account-ready",
            "dns-account-01: the digest under the account's own label")
        .zone("dns-account-ready.example.com", label + ".www TXT \"" + digest + "\"")
        .check(dnsAccount("www.dns-account-ready.example.com"))
        .build());
    s.add(DemoScenario.shows("dns-account-at-dns01-name",
            "dns-account-01 record put where dns-01 looks, without the account label",
            FindingCode.DNS_RECORD_AT_WRONG_NAME)
        .zone("dns-account-at-dns01-name.example.com", "_acme-challenge.www TXT \"" + digest + "\"")
        .check(dnsAccount("www.dns-account-at-dns01-name.example.com"))
        .build());

    // ---------------------------------------------------------- dns-persist-01
    String persist = "letsencrypt.org; accounturi=" + ACCOUNT_URI;
    s.add(DemoScenario.ready("dns-persist-ready",
            "dns-persist-01: the persistent record names the CA and the account")
        .zone("dns-persist-ready.example.com", "_validation-persist.www TXT \"" + persist + "\"")
        .check(dnsPersist("www.dns-persist-ready.example.com"))
        .build());
    s.add(DemoScenario.shows("dns-persist-other-account",
            "dns-persist-01: the record authorizes another ACME account",
            FindingCode.DNS_PERSIST_ACCOUNT_MISMATCH)
        .zone("dns-persist-other-account.example.com", "_validation-persist.www TXT"
            + " \"letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1\"")
        .check(dnsPersist("www.dns-persist-other-account.example.com"))
        .build());
    s.add(DemoScenario.shows("dns-persist-wildcard",
            "dns-persist-01 for a wildcard, but the record lacks policy=wildcard",
            FindingCode.DNS_PERSIST_WILDCARD_NOT_ALLOWED)
        .zone("dns-persist-wildcard.example.com", "_validation-persist TXT \"" + persist + "\"")
        .check(dnsPersist("*.dns-persist-wildcard.example.com"))
        .build());

    // ---------------------------------------------------------- e-mail and phone (BR 3.2.2.4.4, .14, .16)
    s.add(mail("email-ready", "Constructed e-mail: the domain's MX host accepts mail", null,
        (zone, address) -> new String[] {"@ MX 10 mail", "mail A " + address},
        (lab, address) -> { }, zone -> contact(zone, "digicert", "email-constructed")));
    s.add(mail("email-null-mx", "Constructed e-mail to a domain that accepts no mail (null MX)",
        FindingCode.MAIL_NULL_MX, (zone, address) -> new String[] {"@ MX 0 ."},
        (lab, address) -> { }, zone -> contact(zone, "digicert", "email-constructed")));
    s.add(mail("email-mailbox-missing",
        "The mail server has no postmaster@ mailbox (the lab-only SMTP probe asks it)",
        FindingCode.MAIL_RECIPIENT_REJECTED,
        (zone, address) -> new String[] {"@ MX 10 mail", "mail A " + address},
        (lab, address) -> lab.smtp(address).accept("admin@email-mailbox-missing.example.com"),
        zone -> withArgs(contact(zone, "digicert", "email-constructed"), "--contact",
            "postmaster@" + zone, "--smtp-probe")));
    s.add(mail("email-txt-contact-malformed",
        "The DNS TXT e-mail contact holds more than the address",
        FindingCode.CONTACT_RECORD_MALFORMED,
        (zone, address) -> new String[] {"@ MX 10 mail", "mail A " + address,
            "_validation-contactemail TXT \"Contact: dcv@" + zone + "\""},
        (lab, address) -> { }, zone -> contact(zone, "digicert", "email-txt-contact")));
    s.add(DemoScenario.ready("phone-txt-contact",
            "Phone validation: the DNS TXT phone contact holds a global number")
        .zone("phone-txt-contact.example.com", "_validation-contactphone TXT \"+1-555-0100\"")
        .check(contact("phone-txt-contact.example.com", "baseline", "phone-txt-contact")
            .toArray(new String[0]))
        .build());
    return List.copyOf(s);
  }

  /** The scenario with this name. */
  static Optional<DemoScenario> byName(String name) {
    for (DemoScenario s : all()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * A tls-alpn-01 scenario: zone {@code <name>.example.com}, {@code www} on its own address, a
   * TLS server there that {@code serve} configures; Let's Encrypt's profile.
   */
  private static DemoScenario tlsAlpn(String name, String situation,
      @org.jspecify.annotations.Nullable FindingCode expected,
      BiConsumer<String, TlsAlpnServer> serve) {
    String zone = name + ".example.com";
    String host = "www." + zone;
    String[] address = new String[1];
    DemoScenario.Builder b = expected == null ? DemoScenario.ready(name, situation)
        : DemoScenario.shows(name, situation, expected);
    return b.plan(p -> {
          address[0] = p.webAddress();
          p.zone(zone, z -> z.records("www A " + address[0]));
        })
        .then(lab -> serve.accept(host, lab.tls(address[0])))
        .check(host, "--profile", "letsencrypt", "--acme-tls-alpn-01", ACME_TOKEN,
            "--thumbprint", ACME_THUMBPRINT)
        .build();
  }

  /** An ordinary site certificate from a public-looking CA, as a CDN would present. */
  private static HeldCertificate siteCertificate(String host) {
    HeldCertificate ca = new HeldCertificate.Builder().commonName("Demo CDN CA")
        .certificateAuthority(0).build();
    return new HeldCertificate.Builder().addSubjectAlternativeName(host)
        .addSubjectAlternativeName("*." + DomainName.parse(host).parent().orElseThrow())
        .signedBy(ca).build();
  }

  /** An e-mail scenario: zone {@code <name>.example.com} with a mail host on its own address. */
  private static DemoScenario mail(String name, String situation,
      @org.jspecify.annotations.Nullable FindingCode expected,
      java.util.function.BiFunction<String, String, String[]> records,
      BiConsumer<DemoLab, String> then,
      java.util.function.Function<String, List<String>> args) {
    String zone = name + ".example.com";
    String[] address = new String[1];
    DemoScenario.Builder b = expected == null ? DemoScenario.ready(name, situation)
        : DemoScenario.shows(name, situation, expected);
    return b.plan(p -> {
          address[0] = p.webAddress();
          p.zone(zone, z -> z.records(records.apply(zone, address[0])));
        })
        .then(lab -> then.accept(lab, address[0]))
        .check(lab -> args.apply(zone))
        .build();
  }

  private static String[] dnsAccount(String domain) {
    return new String[] {domain, "--profile", "baseline", "--acme-dns-account-01", ACME_TOKEN,
        "--thumbprint", ACME_THUMBPRINT, "--account-uri", ACCOUNT_URI};
  }

  private static String[] dnsPersist(String domain) {
    return new String[] {domain, "--profile", "letsencrypt", "--acme-dns-persist-01",
        "--account-uri", ACCOUNT_URI};
  }

  private static List<String> contact(String domain, String profile, String method) {
    return List.of(domain, "--profile", profile, "--contact-method", method);
  }

  /** A file-method scenario: zone {@code <name>.example.com}, {@code www} on its own web server. */
  private static DemoScenario.Builder web(String name, String situation, FindingCode expected,
      HttpLabTls tls, java.util.function.Consumer<HttpLabEndpoint> serve) {
    String zone = name + ".example.com";
    String host = "www." + zone;
    // Each web scenario has its own address, derived from its position in the zone plan.
    String[] address = new String[1];
    return DemoScenario.shows(name, situation, expected)
        .plan(p -> {
          address[0] = p.webAddress();
          p.zone(zone, z -> z.records("www A " + address[0]));
        })
        .webHost(host)
        .then(lab -> serve.accept(lab.web(address[0], tls)))
        .check(httpFile(host));
  }

  /**
   * The seed's situations are what its console reports, so they are checked with the console's
   * profile ({@code digicert-console}: exact TXT value, 24 hours, both schemes, no redirect);
   * DigiCert's own code ({@code digicert}) accepts some of them (a quoted value, a redirect from
   * http to https).
   */
  private static String[] dnsTxt(String domain) {
    return new String[] {domain, "--profile", CONSOLE, "--dns-txt", TOKEN};
  }

  private static String[] httpFile(String domain) {
    return new String[] {domain, "--profile", CONSOLE, "--http-file", TOKEN};
  }

  /** The seed console's profile id. */
  private static final String CONSOLE = "digicert-console";

  private static List<String> withArgs(String[] base, String... more) {
    return withArgs(List.of(base), more);
  }

  private static List<String> withArgs(List<String> base, String... more) {
    List<String> out = new ArrayList<>(base);
    out.addAll(List.of(more));
    return out;
  }
}
