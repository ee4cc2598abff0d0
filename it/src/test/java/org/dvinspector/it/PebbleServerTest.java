package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.it.LabEnvironment.NS1;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;
import static org.dvinspector.it.LabEnvironment.WEB3;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.dvinspector.acme.AcmeChallenges;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pebble itself, before any inspector is involved: the ACME flow drives a real http-01 and dns-01
 * validation to "valid" (and a wrong answer to "invalid") through the lab's DNS.
 */
final class PebbleServerTest {
  private static BindLab dns;
  private static UnboundResolver resolver;
  private static PebbleServer pebble;
  private static ChallengeResponder responder;
  private static AcmeClient acme;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    Assumptions.assumeTrue(LabEnvironment.standardPorts(), "Pebble needs the standard ports");
    dns = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.org",
            "h1 A " + WEB3.getHostAddress(),
            "h2 A " + WEB3.getHostAddress(),
            "d1 A " + WEB3.getHostAddress(),
            "d2 A " + WEB3.getHostAddress())
        .servers());
    resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
    pebble = PebbleServer.start(dir.resolve("pebble"), resolver.endpoint(), LabEnvironment.HTTP_PORT);
    responder = ChallengeResponder.start(new InetSocketAddress(WEB3, LabEnvironment.HTTP_PORT));
    acme = pebble.newClient();
    acme.register();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {responder, pebble, resolver, dns}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // keep stopping the others
        }
      }
    }
  }

  private static AcmeClient.Authorization validate(String name, String type, boolean correct)
      throws Exception {
    AcmeClient.Order order = acme.newOrder(name);
    AcmeClient.Authorization authz = acme.authorization(order.authorizations().get(0));
    AcmeClient.Challenge challenge = authz.challenge(type);
    String keyAuth = acme.keyAuthorization(challenge.token());
    String answer = correct ? keyAuth : keyAuth + "x";
    if (type.equals("http-01")) {
      responder.put(AcmeChallenges.http01Path(challenge.token()), answer);
    } else {
      dns.add(NS1, "example.org", "_acme-challenge." + name + ". 60 TXT \""
          + AcmeChallenges.dns01TxtValue(answer) + "\"");
    }
    acme.respond(challenge);
    return acme.awaitFinal(authz.url(), Duration.ofSeconds(30));
  }

  @Test
  void http01WithTheKeyAuthorizationIsValid() throws Exception {
    assertThat(validate("h1.example.org", "http-01", true).status()).isEqualTo("valid");
  }

  @Test
  void http01WithAnotherValueIsInvalid() throws Exception {
    assertThat(validate("h2.example.org", "http-01", false).status()).isEqualTo("invalid");
  }

  @Test
  void dns01WithTheDigestIsValid() throws Exception {
    assertThat(validate("d1.example.org", "dns-01", true).status()).isEqualTo("valid");
  }

  @Test
  void dns01WithAnotherDigestIsInvalid() throws Exception {
    assertThat(validate("d2.example.org", "dns-01", false).status()).isEqualTo("invalid");
  }
}
