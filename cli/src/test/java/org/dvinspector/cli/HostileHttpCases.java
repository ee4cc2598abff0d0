package org.dvinspector.cli;

import static org.dvinspector.FindingCode.ADDRESS_NOT_PUBLIC;
import static org.dvinspector.FindingCode.CHECK_PASSED;
import static org.dvinspector.FindingCode.HTTP_BODY_TOO_LARGE;
import static org.dvinspector.FindingCode.HTTP_CONNECT_FAILED;
import static org.dvinspector.FindingCode.HTTP_CONTENT_MISMATCH;
import static org.dvinspector.FindingCode.HTTP_MALFORMED_RESPONSE;
import static org.dvinspector.FindingCode.HTTP_PLAIN_ON_HTTPS_PORT;
import static org.dvinspector.FindingCode.HTTP_REDIRECT_LOOP;
import static org.dvinspector.FindingCode.HTTP_REDIRECT_NOT_ALLOWED;
import static org.dvinspector.FindingCode.HTTP_TIMEOUT;
import static org.dvinspector.FindingCode.HTTP_TLS_PROBLEM;
import static org.dvinspector.FindingCode.HTTP_TOO_MANY_REDIRECTS;
import static org.dvinspector.FindingCode.INSPECTOR_LIMIT_REACHED;
import static org.dvinspector.Verdict.NOT_READY;
import static org.dvinspector.Verdict.READY;
import static org.dvinspector.Verdict.UNKNOWN;
import static org.dvinspector.cli.HostileHttpBattery.A;
import static org.dvinspector.cli.HostileHttpBattery.B;
import static org.dvinspector.cli.HostileHttpBattery.C;
import static org.dvinspector.cli.HostileHttpBattery.DOMAIN;
import static org.dvinspector.cli.HostileHttpBattery.FILE_PATH;
import static org.dvinspector.cli.HostileHttpBattery.FILE_TOKEN;
import static org.dvinspector.cli.HostileHttpBattery.KEY_AUTHORIZATION;
import static org.dvinspector.cli.HostileHttpBattery.OTHER;
import static org.dvinspector.cli.HostileHttpBattery.PATH;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.dvinspector.CaProfiles;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.testkit.HostileHttp;
import org.dvinspector.testkit.HttpLabEndpoint;
import org.dvinspector.testkit.HttpLabTls;

/**
 * The cases of the {@linkplain HostileHttpBattery hostile HTTP battery}, each with the verdict it
 * must reach: READY where a CA would still validate, NOT_READY where the domain's server is at
 * fault, UNKNOWN where the inspector cannot decide. The request is ACME http-01 with the Let's
 * Encrypt profile unless the case says otherwise; {@code A} is the domain's (public stand-in)
 * address.
 */
final class HostileHttpCases {
  private HostileHttpCases() {}

  private static HostileHttp.Behaviour redirectTo(String location) {
    return HostileHttp.redirect(301, location);
  }

  private static String url(String host, String path) {
    return "http://" + host + path;
  }

  static List<HostileHttpCase> all() {
    List<HostileHttpCase> all = new ArrayList<>();
    Duration slow = Duration.ofMillis(200);

    // -- slow, endless and oversized answers: the domain's server is at fault
    all.add(HostileHttpCase.named("slowloris-headers",
            "one header byte every 200 ms: the CA's client times out")
        .setup(e -> e.serve(A, 80, HostileHttp.slowlorisHeaders(slow)))
        .expect(NOT_READY, HTTP_TIMEOUT, DOMAIN, "in time"));
    all.add(HostileHttpCase.named("slowloris-body",
            "headers at once, then one body byte every 200 ms")
        .setup(e -> e.serve(A, 80, HostileHttp.slowlorisBody(slow)))
        .expect(NOT_READY, HTTP_TIMEOUT, DOMAIN, "in time"));
    all.add(HostileHttpCase.named("endless-body", "a body without end: only 128 bytes are read")
        .setup(e -> e.serve(A, 80, HostileHttp.endlessBody()))
        .expect(NOT_READY, HTTP_BODY_TOO_LARGE, DOMAIN, "larger than"));
    all.add(HostileHttpCase.named("ten-megabyte-body", "a 10 MB body with its Content-Length")
        .setup(e -> e.serve(A, 80, HostileHttp.largeBody(10L * 1024 * 1024)))
        .expect(NOT_READY, HTTP_BODY_TOO_LARGE, DOMAIN, "larger than"));
    all.add(HostileHttpCase.named("gzip-bomb",
            "Content-Encoding gzip inflating to 100 MB of zeros: read to the cap only")
        .setup(e -> e.serve(A, 80, HostileHttp.gzipBomb(100L * 1024 * 1024)))
        .expect(NOT_READY, HTTP_BODY_TOO_LARGE, DOMAIN, "larger than"));

    // -- answers that are not HTTP/1.1
    all.add(HostileHttpCase.named("bogus-chunking", "a chunk size that is not hexadecimal")
        .setup(e -> e.serve(A, 80, HostileHttp.bogusChunking(KEY_AUTHORIZATION)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "malformed"));
    all.add(HostileHttpCase.named("invalid-status-code", "status \"2OO\" with terminal escapes")
        .setup(e -> e.serve(A, 80, HostileHttp.statusLine("HTTP/1.1 2OO OK" + HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "not valid HTTP"));
    all.add(HostileHttpCase.named("garbage-status-line", "the status line is terminal escapes")
        .setup(e -> e.serve(A, 80, HostileHttp.statusLine(HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "not valid HTTP"));
    all.add(HostileHttpCase.named("http-0.9", "the body alone, no status line (Go refuses it too)")
        .setup(e -> e.serve(A, 80, HostileHttp.http09(KEY_AUTHORIZATION)))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "not valid HTTP"));
    all.add(HostileHttpCase.named("tls-on-port-80", "port 80 answers a TLS alert")
        .setup(e -> e.serve(A, 80, HostileHttp.tlsOnPlainPort()))
        .expect(NOT_READY, HTTP_MALFORMED_RESPONSE, DOMAIN, "TLS instead of HTTP"));
    all.add(HostileHttpCase.named("thousand-headers",
            "1,000 headers before the right body: Go's client (10 MiB of headers) validates")
        .setup(e -> e.serve(A, 80, HostileHttp.manyHeaders(1000, KEY_AUTHORIZATION)))
        .expect(READY, CHECK_PASSED, A, "expected value"));
    all.add(HostileHttpCase.named("megabyte-header-line",
            "a 1 MB header line: Let's Encrypt reads it, OkHttp stops at 256 KiB: unknown")
        .setup(e -> e.serve(A, 80, HostileHttp.longHeaderLine(1024 * 1024, KEY_AUTHORIZATION)))
        .expect(UNKNOWN, INSPECTOR_LIMIT_REACHED, DOMAIN, "longer than the inspector reads"));

    // -- connections that end badly
    all.add(HostileHttpCase.named("port-80-refused", "nothing listens on port 80")
        .expect(NOT_READY, HTTP_CONNECT_FAILED, DOMAIN, "refused"));
    all.add(HostileHttpCase.named("immediate-close", "accepted, then closed before any answer")
        .setup(e -> e.serve(A, 80, HostileHttp.closeImmediately()))
        .expect(NOT_READY, HTTP_CONNECT_FAILED, DOMAIN, "closed the connection without answering"));
    all.add(HostileHttpCase.named("reset", "the request read, then a TCP RST")
        .setup(e -> e.serve(A, 80, HostileHttp.reset()))
        .expect(NOT_READY, HTTP_CONNECT_FAILED, DOMAIN, "reset"));

    // -- TLS after a redirect to https (Let's Encrypt does not check the certificate there)
    all.add(HostileHttpCase.named("plaintext-on-443", "the https target speaks plain HTTP")
        .setup(e -> {
          e.serve(A, 80, redirectTo("https://" + DOMAIN + PATH));
          HttpLabEndpoint plain = e.lab(B, HttpLabTls.PLAIN_HTTP);
          e.hostile.route(A, 443, plain.https().socketAddress());
          plain.https().serve(PATH, KEY_AUTHORIZATION);
        })
        .expect(NOT_READY, HTTP_PLAIN_ON_HTTPS_PORT, DOMAIN, "plain HTTP"));
    for (Object[] t : new Object[][] {
        {HttpLabTls.EXPIRED, "expired"}, {HttpLabTls.SELF_SIGNED, "self-signed"},
        {HttpLabTls.WRONG_NAME, "does not cover"}}) {
      HttpLabTls tls = (HttpLabTls) t[0];
      all.add(HostileHttpCase.named("certificate-" + tls.name().toLowerCase(Locale.ROOT),
              "redirect to https with a bad certificate: Let's Encrypt does not verify it there")
          .setup(e -> {
            e.serve(A, 80, redirectTo("https://" + DOMAIN + PATH));
            HttpLabEndpoint bad = e.lab(B, tls);
            e.hostile.route(A, 443, bad.https().socketAddress());
            bad.https().serve(PATH, KEY_AUTHORIZATION);
          })
          .expect(READY, HTTP_TLS_PROBLEM, DOMAIN, (String) t[1]));
    }
    all.add(HostileHttpCase.named("tls-stall", "the TLS server reads the ClientHello and stalls")
        .setup(e -> {
          e.serve(A, 80, redirectTo("https://" + DOMAIN + PATH));
          e.serve(A, 443, HostileHttp.stall());
        })
        .expect(NOT_READY, HTTP_TIMEOUT, DOMAIN, "in time"));
    all.add(HostileHttpCase.named("https-to-http", "http -> https -> http again: followed")
        .setup(e -> {
          HttpLabEndpoint site = e.lab(A, HttpLabTls.VALID);
          site.http().redirect(PATH, 301, "https://" + DOMAIN + PATH);
          site.https().redirect(PATH, 302, url(DOMAIN, "/final"));
          site.http().serve("/final", KEY_AUTHORIZATION);
        })
        .expect(READY, CHECK_PASSED, A, "expected value"));

    // -- redirect chains
    all.add(HostileHttpCase.named("thirty-hop-chain", "30 redirects; Let's Encrypt follows 11")
        .setup(e -> {
          HttpLabEndpoint site = e.lab(A, HttpLabTls.CLOSED);
          site.http().redirect(PATH, 301, "/hop/1");
          for (int i = 1; i < 30; i++) {
            site.http().redirect("/hop/" + i, 301, "/hop/" + (i + 1));
          }
          site.http().serve("/hop/30", KEY_AUTHORIZATION);
        })
        .expect(NOT_READY, HTTP_TOO_MANY_REDIRECTS, DOMAIN, "more than 11 redirects"));
    all.add(HostileHttpCase.named("redirect-loop", "a -> b -> a")
        .setup(e -> {
          HttpLabEndpoint site = e.lab(A, HttpLabTls.CLOSED);
          site.http().redirect(PATH, 301, "/b");
          site.http().redirect("/b", 302, PATH);
        })
        .expect(NOT_READY, HTTP_REDIRECT_LOOP, DOMAIN, "loop"));
    all.add(HostileHttpCase.named("redirect-without-location", "a 302 with no Location header")
        .setup(e -> e.serve(A, 80, HostileHttp.redirect(302)))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "without a Location header"));
    all.add(HostileHttpCase.named("cr-in-location",
            "a CR inside the Location value (Go's url.Parse refuses control characters)")
        .setup(e -> e.serve(A, 80, redirectTo(url(OTHER, "/x\rSet-Cookie: owned=1"))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "control characters"));
    all.add(HostileHttpCase.named("escapes-in-location", "terminal escapes in the Location value")
        .setup(e -> e.serve(A, 80, redirectTo("/" + HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "control characters"));
    all.add(HostileHttpCase.named("two-location-headers",
            "the first Location is good, the second is not: Boulder follows the first")
        .setup(e -> {
          e.serve(A, 80, HostileHttp.redirect(301, url(OTHER, PATH), url("bad.hostile-lab.com", PATH)));
          e.name(OTHER, B).name("bad.hostile-lab.com", C);
          e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
          e.serve(C, 80, HostileHttp.ok("not the key authorization"));
        })
        .expect(READY, CHECK_PASSED, B, "expected value"));

    // -- redirect targets the CA refuses (and the inspector must not contact: see the traps)
    all.add(HostileHttpCase.named("redirect-to-localhost", "http://localhost/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("localhost", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "localhost", "not in the public root zone"));
    all.add(HostileHttpCase.named("redirect-to-loopback-ip", "http://127.0.0.1/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("127.0.0.1", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "127.0.0.1", "loopback"));
    all.add(HostileHttpCase.named("redirect-to-ipv6-loopback", "http://[::1]/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("[::1]", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "0:0:0:0:0:0:0:1", "loopback"));
    all.add(HostileHttpCase.named("redirect-to-metadata-link-local",
            "http://169.254.169.254/latest/meta-data/ (cloud metadata)")
        .setup(e -> e.serve(A, 80, redirectTo(url("169.254.169.254", "/latest/meta-data/"))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "169.254.169.254", "link-local"));
    all.add(HostileHttpCase.named("redirect-to-private-ip", "http://10.0.0.1/...")
        .setup(e -> e.serve(A, 80, redirectTo(url("10.0.0.1", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "10.0.0.1", "private"));
    all.add(HostileHttpCase.named("redirect-to-decimal-ip", "http://2130706433/ (127.0.0.1)")
        .setup(e -> e.serve(A, 80, redirectTo(url("2130706433", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "2130706433", "not a valid domain name"));
    all.add(HostileHttpCase.named("redirect-to-invalid-ipv4",
            "http://999.1.1.1/: neither an address nor a name, and never looked up")
        .setup(e -> e.serve(A, 80, redirectTo(url("999.1.1.1", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "999.1.1.1", "neither a valid IP address"));
    all.add(HostileHttpCase.named("redirect-to-short-ipv4", "http://127.1/ (127.0.0.1 to some)")
        .setup(e -> e.serve(A, 80, redirectTo(url("127.1", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, "127.1", "not a valid domain name"));
    all.add(HostileHttpCase.named("redirect-to-ipv4-mapped-ipv6", "http://[::ffff:127.0.0.1]/")
        .setup(e -> e.serve(A, 80, redirectTo(url("[::ffff:127.0.0.1]", PATH))))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "127.0.0.1", "loopback"));
    all.add(HostileHttpCase.named("redirect-with-userinfo",
            "http://www.hostile-lab.com@127.0.0.1/: the host is the loopback address")
        .setup(e -> e.serve(A, 80, redirectTo("http://" + DOMAIN + ":pw@127.0.0.1" + PATH)))
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "127.0.0.1", "loopback"));
    all.add(HostileHttpCase.named("redirect-to-private-name",
            "a name that resolves only to 10.1.2.3")
        .setup(e -> {
          e.serve(A, 80, redirectTo(url("internal.hostile-lab.com", PATH)));
          e.name("internal.hostile-lab.com", "10.1.2.3");
        })
        .expect(NOT_READY, ADDRESS_NOT_PUBLIC, "10.1.2.3", "non-public addresses only"));
    for (boolean privateFirst : new boolean[] {true, false}) {
      all.add(HostileHttpCase.named("redirect-to-mixed-name-" + (privateFirst ? "private" : "public")
                  + "-first",
              "a name with one private and one public address: Boulder drops the private one")
          .setup(e -> {
            e.serve(A, 80, redirectTo(url(OTHER, PATH)));
            if (privateFirst) {
              e.name(OTHER, "10.9.9.9", B);
            } else {
              e.name(OTHER, B, "10.9.9.9");
            }
            e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
          })
          .expect(READY, ADDRESS_NOT_PUBLIC, "10.9.9.9", "skips them"));
    }
    all.add(HostileHttpCase.named("redirect-to-file-scheme", "file:///etc/passwd")
        .setup(e -> e.serve(A, 80, redirectTo("file:///etc/passwd")))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "not a valid http or https URL"));
    all.add(HostileHttpCase.named("redirect-to-ftp", "ftp://other.hostile-lab.com/...")
        .setup(e -> e.serve(A, 80, redirectTo("ftp://" + OTHER + PATH)))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "not a valid http or https URL"));
    all.add(HostileHttpCase.named("redirect-to-odd-port", "http://other.hostile-lab.com:8080/")
        .setup(e -> {
          e.serve(A, 80, redirectTo("http://" + OTHER + ":8080" + PATH));
          e.name(OTHER, B);
        })
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, OTHER, "port 8080"));
    all.add(HostileHttpCase.named("redirect-to-port-22",
            "port 22 is an Authorized Port in the BR, but Let's Encrypt follows only 80 and 443")
        .setup(e -> {
          e.serve(A, 80, redirectTo("http://" + OTHER + ":22" + PATH));
          e.name(OTHER, B);
        })
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, OTHER, "port 22"));
    all.add(HostileHttpCase.named("redirect-to-public-ip",
            "a public IP literal: followed (boulder va/http.go extractRequestTarget)")
        .setup(e -> {
          e.serve(A, 80, redirectTo(url(B, PATH)));
          e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
        })
        .expect(READY, CHECK_PASSED, B, "expected value"));
    all.add(HostileHttpCase.named("redirect-to-idn-host",
            "a U-label host in Location: fetched at its A-label")
        .setup(e -> {
          e.serve(A, 80, redirectTo(url("bücher.hostile-lab.com", PATH)));
          e.name("xn--bcher-kva.hostile-lab.com", B);
          e.serve(B, 80, HostileHttp.ok(KEY_AUTHORIZATION));
        })
        .expect(READY, CHECK_PASSED, B, "expected value"));
    all.add(HostileHttpCase.named("redirect-to-bidi-host",
            "a host with U+202E (RIGHT-TO-LEFT OVERRIDE): not a valid IDN")
        .setup(e -> e.serve(A, 80, redirectTo(url("\u202eevil.hostile-lab.com", PATH))))
        .expect(NOT_READY, HTTP_REDIRECT_NOT_ALLOWED, DOMAIN, "not a valid http or https URL"));

    // -- content from the network in the report
    all.add(HostileHttpCase.named("escapes-in-body", "the body is terminal escapes and bidi controls")
        .setup(e -> e.serve(A, 80, HostileHttp.ok(HostileHttp.POISON)))
        .expect(NOT_READY, HTTP_CONTENT_MISMATCH, DOMAIN, "instead of"));

    // -- the inspector's own deadline
    all.add(HostileHttpCase.named("deadline-cuts-https-while-http-refused",
            "file method over http or https: http refused, https would answer after the deadline")
        .setup(e -> {
          e.profile = CaProfiles.BASELINE_REQUIREMENTS;
          e.check = HttpFileCheck.of(FILE_PATH, FILE_TOKEN);
          e.policy = b -> b.httpTimeout(Duration.ofSeconds(10)).deadline(Duration.ofMillis(1500));
          HttpLabEndpoint slowTls = e.lab.endpoint("127.0.0.90", HttpLabTls.VALID);
          e.hostile.route(A, 443, slowTls.https().socketAddress());
          slowTls.https().respond(FILE_PATH, new MockResponse.Builder()
              .code(200)
              .headersDelay(3, TimeUnit.SECONDS)
              .body(FILE_TOKEN)
              .build());
        })
        .expect(UNKNOWN, HTTP_TIMEOUT, DOMAIN, "deadline"));
    return all;
  }
}
