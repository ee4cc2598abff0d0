package org.dvinspector.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.CaProfiles;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.LabInspectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.toolbox.JSON;

/**
 * acme4j's challenge objects, as Let's Encrypt's staging server would send them (built offline
 * from the JSON of RFC 8555 §8), turned into inspections of a lab where the challenges are (or are
 * not) in place: the inspector answers before {@code trigger()} would.
 */
final class AcmeReadinessTest {
  private static final URI STAGING =
      URI.create("https://acme-staging-v02.api.letsencrypt.org/directory");
  private static final String ACCOUNT = "https://acme-staging-v02.api.letsencrypt.org/acme/acct/42";
  private static final String HTTP_TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
  private static final String DNS_TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";

  private static KeyPair account;
  private static Login login;
  private static DnsLab dns;
  private static HttpLab web;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    account = g.generateKeyPair();
    login = new Session(STAGING).login(new URL(ACCOUNT), account);
    String digest = AcmeChallenges.dns01TxtValue(DNS_TOKEN, account);
    dns = DnsLab.builder()
        .zone("example.org", z -> z
            .nameserver("ns1.example.org", "127.0.0.21")
            .records(
                "www A 127.0.0.60",
                "_acme-challenge.www TXT \"" + digest + "\"",
                "@ CAA 0 issue \"letsencrypt.org; accounturi=" + ACCOUNT
                    + "; validationmethods=http-01,dns-01\""))
        .start();
    web = HttpLab.start("www.example.org");
    web.endpoint("127.0.0.60").serve("/.well-known/acme-challenge/" + HTTP_TOKEN,
        AcmeChallenges.keyAuthorization(HTTP_TOKEN, account));
  }

  @AfterAll
  static void stop() {
    web.close();
    dns.close();
  }

  private static Http01Challenge http01(Login l) {
    return new Http01Challenge(l, JSON.parse("{\"type\":\"http-01\",\"status\":\"pending\","
        + "\"url\":\"https://acme-staging-v02.api.letsencrypt.org/acme/chall/1\","
        + "\"token\":\"" + HTTP_TOKEN + "\"}"));
  }

  private static Dns01Challenge dns01(Login l) {
    return new Dns01Challenge(l, JSON.parse("{\"type\":\"dns-01\",\"status\":\"pending\","
        + "\"url\":\"https://acme-staging-v02.api.letsencrypt.org/acme/chall/2\","
        + "\"token\":\"" + DNS_TOKEN + "\"}"));
  }

  private static InspectionReport inspect(InspectionRequest request) {
    try (DomainValidationInspector inspector = LabInspectors.builder(dns, web).build()) {
      return inspector.inspect(request);
    }
  }

  @Test
  void anHttp01ChallengeInPlaceIsReady() {
    InspectionRequest request = AcmeReadiness.request("www.example.org", http01(login), login);

    assertThat(request.profile()).isEqualTo(CaProfiles.LETS_ENCRYPT);
    InspectionReport report = inspect(request);
    assertThat(report).isReady();
  }

  @Test
  void aDns01ChallengeInPlaceIsReady() {
    Dns01Challenge challenge = dns01(login);
    InspectionReport report = inspect(AcmeReadiness.request("www.example.org", challenge, login));

    assertThat(report).isReady();
    assertThat(report.observations()).anyMatch(o -> o.result().contains(challenge.getDigest()));
  }

  @Test
  void anotherAccountIsNotReadyBeforeTheCaSaysSo() throws Exception {
    // Same key, another account URI: CAA's accounturi (RFC 8657) forbids it.
    Login other = new Session(STAGING).login(
        new URL("https://acme-staging-v02.api.letsencrypt.org/acme/acct/7"), account);
    InspectionReport report = inspect(AcmeReadiness.request("www.example.org", dns01(other), other));

    assertThat(report).isNotReady().hasFinding(FindingCode.CAA_ACCOUNT_URI_MISMATCH);
  }

  @Test
  void anotherAccountKeyIsNotReady() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    Login otherKey = new Session(STAGING).login(new URL(ACCOUNT), g.generateKeyPair());
    InspectionReport report =
        inspect(AcmeReadiness.request("www.example.org", http01(otherKey), otherKey));

    assertThat(report).isNotReady();
  }
}
