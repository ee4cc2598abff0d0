package org.dvinspector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.http.TlsAlpnFixture.CHECK;
import static org.dvinspector.http.TlsAlpnFixture.DOMAIN;
import static org.dvinspector.http.TlsAlpnFixture.KEY_AUTHORIZATION;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.CaProfiles;
import org.dvinspector.CheckResult;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Severity;
import org.dvinspector.testkit.AcmeTlsCertificate;
import org.dvinspector.testkit.TlsAlpnServer;
import org.dvinspector.testkit.TlsAlpnServer.Response;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/**
 * tls-alpn-01 (RFC 8737) against TLS servers on loopback: the handshake the CA makes, and a
 * finding for each way the server or its certificate can get it wrong.
 */
final class AcmeTlsAlpn01CheckTest {
  private static final String OLD_KEY_AUTHORIZATION =
      "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

  private static AcmeTlsCertificate.Builder challenge() {
    return AcmeTlsCertificate.builder(DOMAIN, KEY_AUTHORIZATION);
  }

  private static HeldCertificate siteCertificate() {
    HeldCertificate ca = new HeldCertificate.Builder().commonName("Lab Public CA R1")
        .certificateAuthority(0).build();
    return new HeldCertificate.Builder().addSubjectAlternativeName(DOMAIN)
        .addSubjectAlternativeName("example.com").signedBy(ca).build();
  }

  @Test
  void passesWhenEveryAddressPresentsTheChallengeCertificate() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      TlsAlpnServer a = f.server("127.0.0.60");
      TlsAlpnServer b = f.server("127.0.0.61");
      a.respond(DOMAIN, Response.challenge(challenge().build()));
      b.respond(DOMAIN, Response.challenge(challenge().build()));

      InspectionReport report = f.inspect();

      assertThat(report).isReady().hasNoErrors().finding(FindingCode.CHECK_PASSED)
          .hasAttribute("endpoints", "2");
      // As the CA connects: SNI is the name, ALPN offers acme-tls/1 and nothing else.
      assertThat(a.clientHellos()).containsExactly(
          new TlsAlpnServer.ClientHello(DOMAIN, List.of("acme-tls/1")));
      assertThat(b.clientHellos()).hasSize(1);
    }
  }

  @Test
  void passesWithACertificateMadeByBouncyCastle() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      BouncyCastleCertificates.Made bc = BouncyCastleCertificates.challenge(List.of(DOMAIN),
          List.of(), AcmeChallenges.tlsAlpn01Digest(KEY_AUTHORIZATION));
      f.server("127.0.0.60").respond(DOMAIN, Response.of(TlsAlpnServer.Alpn.SELECT,
          List.of(bc.certificate()), bc.keys().getPrivate()));

      assertThat(f.inspect()).isReady();
    }
  }

  @Test
  void aServerThatRefusesAcmeTlsIsReportedWithTheCertificateItServesInstead() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respondByDefault(Response.refusing(siteCertificate()));

      InspectionReport report = f.inspect();

      assertThat(report).isNotReady()
          .finding(FindingCode.TLS_ALPN_NOT_NEGOTIATED)
          .messageContains("no_application_protocol")
          .messageContains("without it the server presents a certificate for \"www.example.com,"
              + " example.com\" (issued by Lab Public CA R1)")
          .remedyContains("CDN")
          .hasEvidenceFrom("www.example.com [127.0.0.60] tls");
      // The second, diagnostic handshake is auxiliary.
      assertThat(report.observations()).anySatisfy(o -> {
        assertThat(o.query()).endsWith("ALPN h2,http/1.1");
        assertThat(o.auxiliary()).isTrue();
      });
    }
  }

  @Test
  void aServerThatIgnoresAlpnPresentsItsSiteCertificate() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respondByDefault(Response.site(siteCertificate()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_NOT_NEGOTIATED)
          .messageContains("without negotiating acme-tls/1 (no ALPN protocol)")
          .messageContains("issued by Lab Public CA R1");
    }
  }

  @Test
  void negotiatingAcmeTlsWithTheSiteCertificateIsNotAChallengeCertificate() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.selectingWith(siteCertificate()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_NOT_CHALLENGE_CERTIFICATE)
          .messageContains("ordinary one")
          .hasAttribute("certificate");
    }
  }

  @Test
  void anOlderChallengesCertificateHasTheWrongDigest() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(
          AcmeTlsCertificate.forChallenge(DOMAIN, OLD_KEY_AUTHORIZATION)));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_WRONG_DIGEST)
          .hasAttribute("expected", AcmeChallenges.tlsAlpn01DigestHex(KEY_AUTHORIZATION))
          .hasAttribute("found", AcmeChallenges.tlsAlpn01DigestHex(OLD_KEY_AUTHORIZATION))
          .remedyContains("another key authorization");
    }
  }

  @Test
  void aNonCriticalExtensionFails() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge().critical(false)
          .build()));

      InspectionReport report = f.inspect();

      assertThat(report).isNotReady().finding(FindingCode.TLS_ALPN_EXTENSION_NOT_CRITICAL)
          .remedyContains("critical");
      assertThat(report).doesNotHaveFinding(FindingCode.TLS_ALPN_WRONG_DIGEST);
    }
  }

  @Test
  void aDigestNotWrappedInAnOctetStringIsMalformed() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge()
          .rawAcmeIdentifierValue(AcmeChallenges.tlsAlpn01Digest(KEY_AUTHORIZATION)).build()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_EXTENSION_MALFORMED)
          .messageContains("32 octets");
    }
  }

  @Test
  void extraNamesFail() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      BouncyCastleCertificates.Made bc = BouncyCastleCertificates.challenge(
          List.of(DOMAIN, "example.com"), List.of("192.0.2.1"),
          AcmeChallenges.tlsAlpn01Digest(KEY_AUTHORIZATION));
      f.server("127.0.0.60").respond(DOMAIN, Response.of(TlsAlpnServer.Alpn.SELECT,
          List.of(bc.certificate()), bc.keys().getPrivate()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_EXTRA_NAMES)
          .messageContains("2 more than www.example.com (example.com, IP 192.0.2.1)")
          .hasAttribute("names", "www.example.com,example.com,IP 192.0.2.1");
    }
  }

  @Test
  void aCertificateForAnotherNameFails() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge()
          .dnsNames("example.com").build()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_WRONG_NAME)
          .messageContains("is for example.com, not www.example.com");
    }
  }

  @Test
  void anotherLetterCaseFailsAtLetsEncrypt() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge()
          .dnsNames("WWW.Example.com").build()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_WRONG_NAME)
          .messageContains("only the letter case differs");
    }
  }

  @Test
  void aCertificateIssuedByAnotherKeyIsNotSelfSigned() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      AcmeTlsCertificate issuer = AcmeTlsCertificate.forChallenge("ca.invalid", KEY_AUTHORIZATION);
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge()
          .signedBy(issuer.keyPair(), "Intermediate X").build()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.TLS_ALPN_NOT_SELF_SIGNED)
          .messageContains("Intermediate X");
    }
  }

  @Test
  void everyProblemOfOneCertificateIsReported() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(
          AcmeTlsCertificate.builder(DOMAIN, OLD_KEY_AUTHORIZATION).critical(false)
              .addDnsName("example.com").build()));

      InspectionReport report = f.inspect();

      assertThat(report).hasFinding(FindingCode.TLS_ALPN_WRONG_DIGEST)
          .hasFinding(FindingCode.TLS_ALPN_EXTENSION_NOT_CRITICAL)
          .hasFinding(FindingCode.TLS_ALPN_EXTRA_NAMES);
    }
  }

  @Test
  void brokenIpv6IsAWarningWhenTheCaFallsBackToIpv4() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge().build()));
      f.alsoResolvesTo("::1");

      InspectionReport report = f.inspect();

      assertThat(report).isReady()
          .finding(FindingCode.HTTP_IPV6_BROKEN)
          .hasSeverity(Severity.WARNING)
          .messageContains("fall back to IPv4");
    }
  }

  @Test
  void brokenIpv6FailsWhenTheCaDoesNotFallBack() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge().build()));
      f.alsoResolvesTo("::1");
      f.profile(CaProfiles.LETS_ENCRYPT.toBuilder().id("pebble-like")
          .httpRules(CaProfiles.LETS_ENCRYPT.httpRules().toBuilder().ipv4Fallback(false).build())
          .build());

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.HTTP_IPV6_BROKEN)
          .hasSeverity(Severity.ERROR);
    }
  }

  @Test
  void oneAddressWithoutTheResponderFailsTheCheck() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.server("127.0.0.60").respond(DOMAIN, Response.challenge(challenge().build()));
      f.server("127.0.0.61").respondByDefault(Response.refusing(siteCertificate()));

      assertThat(f.inspect()).isNotReady()
          .hasFinding(FindingCode.TLS_ALPN_NOT_NEGOTIATED)
          .finding(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)
          .hasSeverity(Severity.ERROR);
    }
  }

  @Test
  void aClosedPortIsAConnectionFailure() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      f.alsoResolvesTo("127.0.0.62");

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.HTTP_CONNECT_FAILED)
          .messageContains("Port 443 refused the connection");
    }
  }

  @Test
  void plainHttpOnPort443IsReported() throws IOException {
    // A web server listening without TLS on 443 answers the ClientHello with an HTTP error.
    try (TlsAlpnFixture f = new TlsAlpnFixture();
        ServerSocket plain = new ServerSocket(0, 8, TlsAlpnFixture.address("127.0.0.63"))) {
      Thread server = new Thread(() -> {
        try (Socket s = plain.accept()) {
          s.getInputStream().read(new byte[512]);
          s.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
              + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the test fails on its own assertion
        }
      });
      server.setDaemon(true);
      server.start();
      f.route("127.0.0.63", new InetSocketAddress(plain.getInetAddress(), plain.getLocalPort()));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.HTTP_PLAIN_ON_HTTPS_PORT)
          .messageContains("without TLS");
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws IOException {
    List<Socket> held = new ArrayList<>();
    try (TlsAlpnFixture f = new TlsAlpnFixture();
        ServerSocket silent = new ServerSocket(0, 8,
            TlsAlpnFixture.address("127.0.0.64"))) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept());
          }
        } catch (IOException e) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      f.route("127.0.0.64", new InetSocketAddress(silent.getInetAddress(), silent.getLocalPort()))
          .policy(p -> p.httpTimeout(java.time.Duration.ofMillis(600)));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.HTTP_TIMEOUT)
          .messageContains("No TLS handshake in time");
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void wildcardNamesCannotUseTlsAlpn() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      TlsAlpnServer s = f.server("127.0.0.60");
      s.respond(DOMAIN, Response.challenge(challenge().build()));

      InspectionReport report = f.inspect("*.example.com", CHECK);

      assertThat(report).isNotReady().hasFinding(FindingCode.METHOD_NOT_ALLOWED_FOR_WILDCARD);
      assertThat(report.checkResults().get(0).status()).isEqualTo(CheckResult.Status.FAILED);
      assertThat(s.clientHellos()).isEmpty();
    }
  }

  @Test
  void nonPublicAddressesAreRefusedAsTheCaRefusesThem() {
    try (TlsAlpnFixture f = new TlsAlpnFixture()) {
      TlsAlpnServer s = f.server("127.0.0.60");
      s.respond(DOMAIN, Response.challenge(challenge().build()));
      f.policy(p -> p.allowNonPublicAddresses(false));

      assertThat(f.inspect()).isNotReady()
          .finding(FindingCode.ADDRESS_NOT_PUBLIC)
          .messageContains("127.0.0.60 (loopback)");
      assertThat(s.clientHellos()).isEmpty();
    }
  }
}
