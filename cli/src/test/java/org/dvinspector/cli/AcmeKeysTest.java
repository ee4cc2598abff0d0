package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.InspectionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AcmeKeysTest {
  @TempDir Path dir;

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void accountKeyFileGivesTheKeyAuthorization() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    Path key = dir.resolve("account.pub.pem");
    Files.writeString(key, pem("PUBLIC KEY", pair.getPublic().getEncoded()));

    InspectionRequest r = RequestFactory.build(RequestSpec.empty()
        .with(RequestField.DOMAIN, "example.com")
        .with(RequestField.ACME_HTTP_01, "tok-en_1")
        .with(RequestField.ACCOUNT_KEY, key.toString()));

    assertThat(((AcmeHttp01Check) r.checks().get(0)).keyAuthorization())
        .isEqualTo(AcmeChallenges.keyAuthorization("tok-en_1", pair.getPublic()));
  }

  @Test
  void privateKeyFilesAndJwksGiveTheSameKeyAuthorizationAsThePublicKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    String expected = AcmeChallenges.keyAuthorization("tok", pair.getPublic());
    Path pkcs8 = dir.resolve("account.key");
    Files.writeString(pkcs8, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Path jwk = dir.resolve("private_key.json");
    java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) pair.getPublic();
    Files.writeString(jwk, "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + b64(ec.getW().getAffineX())
        + "\",\"y\":\"" + b64(ec.getW().getAffineY()) + "\",\"d\":\"ignored-private-part\"}");

    for (Path key : new Path[] {pkcs8, jwk}) {
      InspectionRequest r = RequestFactory.build(RequestSpec.empty()
          .with(RequestField.DOMAIN, "example.com")
          .with(RequestField.ACME_HTTP_01, "tok")
          .with(RequestField.ACCOUNT_KEY, key.toString()));
      assertThat(((AcmeHttp01Check) r.checks().get(0)).keyAuthorization()).isEqualTo(expected);
    }
  }

  private static String b64(java.math.BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  @Test
  void anUnreadableKeyFileIsAUsageErrorNamingTheFile() throws Exception {
    Path key = dir.resolve("notes.txt");
    Files.writeString(key, "the key is in the vault");
    assertThatThrownBy(() -> RequestFactory.build(RequestSpec.empty()
        .with(RequestField.DOMAIN, "example.com")
        .with(RequestField.ACME_DNS_01, "tok")
        .with(RequestField.ACCOUNT_KEY, key.toString())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--account-key " + key)
        .hasMessageContaining("neither a PEM key");
    assertThatThrownBy(() -> RequestFactory.build(RequestSpec.empty()
        .with(RequestField.DOMAIN, "example.com")
        .with(RequestField.ACME_DNS_01, "tok")
        .with(RequestField.ACCOUNT_KEY, dir.resolve("missing.pem").toString())))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no such file");
  }

  @Test
  void onlyOneKeySourceMayBeGiven() {
    assertThatThrownBy(() -> RequestFactory.build(RequestSpec.empty()
        .with(RequestField.DOMAIN, "example.com")
        .with(RequestField.ACME_DNS_01, "tok")
        .with(RequestField.THUMBPRINT, "abc")
        .with(RequestField.KEY_AUTHORIZATION, "tok.abc")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("only one of");
  }
}
