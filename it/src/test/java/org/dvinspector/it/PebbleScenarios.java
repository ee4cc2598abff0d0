package org.dvinspector.it;

import static org.dvinspector.it.LabEnvironment.WEB2;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.testkit.AcmeTlsCertificate;
import org.dvinspector.testkit.TlsAlpnServer.Response;

/**
 * The agreement scenarios. Each says what Pebble decides (as observed on the installed Pebble 2.4;
 * {@code PebbleAgreementTest} fails if Pebble decides otherwise) and what Let's Encrypt's
 * production validator decides (its code, Boulder, read at 2d00c8e: see core/PROFILES.md); the
 * ones where those differ are the divergences listed in it/README.md.
 */
final class PebbleScenarios {
  private PebbleScenarios() {}

  private static final boolean VALID = true;
  private static final boolean INVALID = false;

  private static PebbleScenario http(String id, String what, boolean pebble, boolean le,
      Consumer<PebbleScenario.Stage> setup) {
    return new PebbleScenario(id, "http-01", what, Optional.empty(), setup, pebble, le);
  }

  private static PebbleScenario dns(String id, String what, boolean pebble, boolean le,
      Consumer<PebbleScenario.Stage> setup) {
    return new PebbleScenario(id, "dns-01", what, Optional.empty(), setup, pebble, le);
  }

  private static PebbleScenario tls(String id, String what, boolean pebble, boolean le,
      Consumer<PebbleScenario.Stage> setup) {
    return new PebbleScenario(id, "tls-alpn-01", what, Optional.empty(), setup, pebble, le);
  }

  /** The challenge certificate builder for the scenario's name and key authorization. */
  private static AcmeTlsCertificate.Builder challenge(PebbleScenario.Stage s) {
    return AcmeTlsCertificate.builder(s.scenario.identifier(), s.keyAuthorization);
  }

  /** A key authorization of the same shape for another token: an old file left in place. */
  private static String otherKeyAuthorization(PebbleScenario.Stage s) {
    String thumbprint = s.keyAuthorization.substring(s.keyAuthorization.indexOf('.') + 1);
    return "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA." + thumbprint;
  }

  static List<PebbleScenario> all() {
    return List.of(
        // ------------------------------------------------------------------ http-01
        http("h-ok", "file holds the key authorization", VALID, VALID,
            s -> {
              s.ownSite();
              s.file(s.keyAuthorization);
            }),
        http("h-404", "no file: 404", INVALID, INVALID, s -> s.ownSite()),
        http("h-old-token", "file holds another token's key authorization", INVALID, INVALID,
            s -> {
              s.ownSite();
              s.file(otherKeyAuthorization(s));
            }),
        http("h-newline", "key authorization + \\n", VALID, VALID,
            s -> {
              s.ownSite();
              s.file(s.keyAuthorization + "\n");
            }),
        http("h-crlf", "key authorization + \\r\\n", VALID, VALID,
            s -> {
              s.ownSite();
              s.file(s.keyAuthorization + "\r\n");
            }),
        http("h-tab", "key authorization + \\t", VALID, VALID,
            s -> {
              s.ownSite();
              s.file(s.keyAuthorization + "\t");
            }),
        http("h-space", "key authorization + a space", INVALID, VALID,
            s -> {
              s.ownSite();
              s.file(s.keyAuthorization + " ");
            }),
        http("h-lead-space", "a space + key authorization", INVALID, INVALID,
            s -> {
              s.ownSite();
              s.file(" " + s.keyAuthorization);
            }),
        http("h-big-body", "key authorization + 200 newlines (over 128 bytes)", VALID, INVALID,
            s -> {
              s.ownSite();
              s.file(s.keyAuthorization + "\n".repeat(200));
            }),
        http("h-301", "301 to another host (port 80)", VALID, VALID,
            s -> s.redirectToTarget(301, "http", s.id() + "-target.example.org")),
        http("h-302-https", "302 to https on 443 (self-signed)", VALID, VALID,
            s -> s.redirectToTarget(302, "https", s.id() + "-target.example.org")),
        http("h-307", "307 to another host", VALID, VALID,
            s -> s.redirectToTarget(307, "http", s.id() + "-target.example.org")),
        http("h-308", "308 to another host", VALID, VALID,
            s -> s.redirectToTarget(308, "http", s.id() + "-target.example.org")),
        http("h-303", "303 to another host", VALID, INVALID,
            s -> s.redirectToTarget(303, "http", s.id() + "-target.example.org")),
        http("h-port-8080", "301 to port 8080", VALID, INVALID,
            s -> s.redirectToTarget(301, "http", s.id() + "-target.example.org:8080")),
        // Let's Encrypt follows a redirect to a public IP literal and refuses a reserved one
        // (boulder va/http.go at 2d00c8e, extractRequestTarget); lab addresses stand for public.
        http("h-ip-target", "301 to an IP address", VALID, VALID,
            s -> {
              s.redirectToTarget(301, "http", WEB2.getHostAddress());
              s.sites.get(s.sites.size() - 1).alias(WEB2.getHostAddress());
            }),
        http("h-loop", "302 to itself (a loop)", INVALID, INVALID,
            s -> s.ownSite().directive(
                "location / { return 302 http://" + s.scenario.identifier() + "$request_uri; }")),
        http("h-9-hops", "9 redirects, then the file", VALID, VALID, s -> s.redirectChain(9)),
        http("h-10-hops", "10 redirects, then the file", INVALID, VALID, s -> s.redirectChain(10)),
        // Boulder's hook tests numRedirects > maxRedirect (10) before counting: an 11th redirect
        // is followed, the 12th fails (va/http.go at 2d00c8e, processHTTPValidation).
        http("h-11-hops", "11 redirects, then the file", INVALID, VALID, s -> s.redirectChain(11)),
        http("h-12-hops", "12 redirects, then the file", INVALID, INVALID, s -> s.redirectChain(12)),
        http("h-202", "202 with the key authorization", INVALID, INVALID,
            s -> s.ownSite().directive(
                "location / { return 202 \"" + s.keyAuthorization + "\"; }")),
        http("h-500", "500", INVALID, INVALID,
            s -> s.ownSite().directive("location / { return 500; }")),
        http("h-ipv6-broken", "AAAA ::1 refuses, A serves the file", INVALID, VALID,
            s -> {
              s.record("example.org", s.id() + " AAAA ::1");
              s.ownSite();
              s.file(s.keyAuthorization);
            }),
        http("h-refused", "the address refuses connections", INVALID, INVALID,
            s -> s.address(LabEnvironment.lab(99))),
        http("h-nxdomain", "the name does not exist", INVALID, INVALID, s -> { }),
        http("h-two-addresses", "two addresses, both serve the file", VALID, VALID,
            s -> {
              s.address(WEB2);
              s.ownSite().on(WEB2);
              s.file(s.keyAuthorization);
            }),
        http("h-caa-forbids", "file is right, but CAA issue \";\" forbids every CA", VALID,
            INVALID,
            s -> {
              s.record("example.org", s.id() + " CAA 0 issue \";\"");
              s.ownSite();
              s.file(s.keyAuthorization);
            }),
        // ------------------------------------------------------------------ tls-alpn-01
        tls("a-ok", "the responder presents the challenge certificate", VALID, VALID,
            s -> s.tlsResponder(Response.challenge(challenge(s).build()))),
        tls("a-nginx", "nginx's ordinary HTTPS site on 443 (no acme-tls/1)", INVALID, INVALID,
            s -> s.ownSite().https()),
        tls("a-ignored", "ignores ALPN, presents its site certificate", INVALID,
            INVALID, s -> s.tlsResponder(Response.site(LabCertificates.web()))),
        tls("a-old-digest", "the certificate of another key authorization", INVALID, INVALID,
            s -> s.tlsResponder(Response.challenge(AcmeTlsCertificate.builder(
                s.scenario.identifier(), otherKeyAuthorization(s)).build()))),
        tls("a-not-critical", "the acmeIdentifier extension is not critical", INVALID, INVALID,
            s -> s.tlsResponder(Response.challenge(challenge(s).critical(false).build()))),
        tls("a-wrong-name", "the certificate names another host", INVALID, INVALID,
            s -> s.tlsResponder(Response.challenge(challenge(s)
                .dnsNames("other.example.org").build()))),
        tls("a-extra-name", "the certificate names the host and example.org", INVALID, INVALID,
            s -> s.tlsResponder(Response.challenge(challenge(s).addDnsName("example.org")
                .build()))),
        tls("a-not-self-signed", "a challenge certificate signed by another key", VALID, INVALID,
            s -> s.tlsResponder(Response.challenge(challenge(s).signedBy(
                AcmeTlsCertificate.forChallenge("ca.invalid", s.keyAuthorization).keyPair(),
                "Another Issuer").build()))),
        // ------------------------------------------------------------------ dns-01
        dns("d-ok", "TXT holds the digest", VALID, VALID,
            s -> s.record("example.org", "_acme-challenge." + s.id() + " TXT \"" + s.digest() + "\"")),
        dns("d-missing", "no TXT record (NXDOMAIN)", INVALID, INVALID, s -> { }),
        dns("d-nodata", "the name exists (a record below it), no TXT: NODATA", INVALID, INVALID,
            s -> s.record("example.org", "below._acme-challenge." + s.id() + " TXT \"x\"")),
        dns("d-wrong", "TXT holds another digest", INVALID, INVALID,
            s -> s.record("example.org", "_acme-challenge." + s.id()
                + " TXT \"" + AcmeChallenges.dns01TxtValue(otherKeyAuthorization(s))
                + "\"")),
        dns("d-wrong-name", "the digest at the name itself, not _acme-challenge", INVALID, INVALID,
            s -> s.record("example.org", s.id() + " TXT \"" + s.digest() + "\"")),
        dns("d-two", "two TXT records, one right", VALID, VALID,
            s -> s.record("example.org", "_acme-challenge." + s.id() + " TXT \"stale-value\"")
                .record("example.org", "_acme-challenge." + s.id() + " TXT \"" + s.digest() + "\"")),
        dns("d-split", "the digest split in two strings of one TXT record", INVALID, VALID,
            s -> s.record("example.org", "_acme-challenge." + s.id() + " TXT \""
                + s.digest().substring(0, 20) + "\" \"" + s.digest().substring(20) + "\"")),
        dns("d-quoted", "the digest with literal quotes", INVALID, INVALID,
            s -> s.record("example.org", "_acme-challenge." + s.id() + " TXT \"\\\"" + s.digest()
                + "\\\"\"")),
        dns("d-cname", "CNAME to another zone holding the TXT", VALID, VALID,
            s -> s.record("example.org", "_acme-challenge." + s.id() + " CNAME " + s.id()
                    + ".dcv.example.net.")
                .record("example.net", s.id() + ".dcv TXT \"" + s.digest() + "\"")),
        new PebbleScenario("d-servfail", "dns-01", "the zone's server answers SERVFAIL",
            Optional.of("d-servfail.broken.example.com"), s -> { }, INVALID, INVALID),
        // One lame server of two (lame.example.com) is not a scenario: unbound then answers
        // NODATA for most names and the record for some, so Pebble's verdict is a coin toss
        // (it/README.md, "Lame delegations").
        new PebbleScenario("d-lame-only", "dns-01", "every nameserver of the zone is lame",
            Optional.of("d-lame-only.onlylame.example.com"), s -> { }, INVALID, INVALID),
        new PebbleScenario("d-refused", "dns-01", "one of two nameservers answers REFUSED",
            Optional.of("d-refused.refused.example.com"),
            s -> s.record("refused.example.com",
                "_acme-challenge.d-refused TXT \"" + s.digest() + "\""),
            VALID, VALID));
  }
}
