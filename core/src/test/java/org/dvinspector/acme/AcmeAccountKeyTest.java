package org.dvinspector.acme;

import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.toolbox.JoseUtils;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Account keys in every form ACME clients keep them. The expected thumbprints come from outside
 * this code: the RFCs' examples, Python's {@code cryptography} (for the OpenSSL-made fixtures in
 * {@code keys/}, see its README), and acme4j 4.0.0 (jose4j's thumbprint, acme4j's PEM writer and
 * its challenge objects).
 */
final class AcmeAccountKeyTest {
  private static final Properties THUMBPRINTS = load("thumbprints.properties");

  static {
    // acme4j's KeyPairUtils asks for the "BC" provider by name; appended, the JDK's stay first.
    if (Security.getProvider("BC") == null) {
      Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
  }

  private static Properties load(String name) {
    Properties p = new Properties();
    try (InputStream in = AcmeAccountKeyTest.class.getResourceAsStream("keys/" + name)) {
      p.load(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return p;
  }

  private static String fixture(String name) {
    try (InputStream in = AcmeAccountKeyTest.class.getResourceAsStream("keys/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing fixture " + name, e);
    }
  }

  // ------------------------------------------------------------------ fixtures (OpenSSL + Python)

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "p256-sec1-with-params.pem, p256",  // EC PARAMETERS block, then SEC 1 with the public key
      "p256-pkcs8.pem,            p256",
      "p256-public.pem,           p256",
      "p384-sec1.pem,             p384",
      "p384-sec1-nopub.pem,       p384",  // public point computed: d·G on P-384
      "p384-public.pem,           p384",
      "p521-pkcs8.pem,            p521",
      "p521-sec1-nopub.pem,       p521",  // d·G on P-521
      "p521-private.jwk,          p521",
      "p521-public.pem,           p521",
      "rsa2048-pkcs1.pem,         rsa2048",
      "rsa2048-pkcs8.pem,         rsa2048",
      "rsa2048-pkcs1-pub.pem,     rsa2048",
      "rsa2048-public.pem,        rsa2048",
      "certbot-private_key.json,  rsa2048",
      "ed25519-pkcs8.pem,         ed25519",  // PKCS#8 v1 without the public key: RFC 8032 §5.1.5
      "ed25519-public.pem,        ed25519",
      "ed448-public.pem,          ed448",
  })
  void everyFormOfAKeyGivesTheThumbprintPythonComputed(String file, String key) {
    AcmeAccountKey parsed = AcmeAccountKey.parse(fixture(file));
    assertThat(parsed.thumbprint()).isEqualTo(THUMBPRINTS.getProperty(key));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"p384-sec1-nopub.pem", "p521-sec1-nopub.pem", "ed25519-pkcs8.pem",
      "rsa2048-pkcs1.pem"})
  void theComputedPublicKeyEqualsTheOneOpenSslExported(String file) throws Exception {
    String name = file.substring(0, file.indexOf('-'));
    PublicKey exported = spki(fixture(name + "-public.pem"));
    assertThat(AcmeAccountKey.parse(fixture(file)).publicKey()).isEqualTo(exported);
  }

  private static PublicKey spki(String pem) throws Exception {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    for (String alg : new String[] {"EC", "RSA", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
      } catch (Exception e) {
        // next
      }
    }
    throw new AssertionError("not a public key");
  }

  // ------------------------------------------------------------------ RFC known answers

  @Test
  void rfc7638ThumbprintOfTheRfc7517RsaKeyAsAPublicJwk() {
    String jwk = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfA"
        + "AtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93l"
        + "qt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n"
        + "91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-"
        + "kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";
    assertThat(AcmeAccountKey.fromJwk(jwk).thumbprint())
        .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void anEcPrivateJwkWithoutItsPointGetsTheRfc7517ExamplePoint() {
    // RFC 7517 Appendix A.2, the P-256 private key: d alone must give its x and y.
    String dOnly = "{\"kty\":\"EC\",\"crv\":\"P-256\","
        + "\"d\":\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE\",\"use\":\"enc\",\"kid\":\"1\"}";
    String full = "{\"kty\":\"EC\",\"crv\":\"P-256\","
        + "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\","
        + "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\"}";
    assertThat(AcmeAccountKey.fromJwk(dOnly).canonicalJwk())
        .isEqualTo(AcmeAccountKey.fromJwk(full).canonicalJwk())
        .contains("\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\"");
  }

  @Test
  void anEd25519PrivateKeyGivesTheRfc8037PublicKeyAndThumbprint() {
    // RFC 8037 Appendix A.1 (private key) and A.3 (its thumbprint).
    String privateOnly = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
        + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}";
    AcmeAccountKey key = AcmeAccountKey.fromJwk(privateOnly);
    assertThat(key.canonicalJwk()).contains("\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"");
    assertThat(key.thumbprint()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @Test
  void rfc8555KeyAuthorizationAndDigestForm() {
    AcmeAccountKey key = AcmeAccountKey.parse(fixture("p256-public.pem"));
    // RFC 8555 §8.1: token "." base64url(thumbprint); §8.4: base64url(SHA-256(key authorization)).
    String token = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";
    assertThat(key.keyAuthorization(token)).isEqualTo(token + "." + THUMBPRINTS.getProperty("p256"));
    assertThat(key.dns01TxtValue(token))
        .isEqualTo(AcmeChallenges.dns01TxtValue(token + "." + THUMBPRINTS.getProperty("p256")))
        .hasSize(43);
    assertThat(AcmeChallenges.dns01TxtValue(token, key)).isEqualTo(key.dns01TxtValue(token));
    assertThat(AcmeChallenges.dns01TxtValue(token, key.publicKey()))
        .isEqualTo(key.dns01TxtValue(token));
  }

  // ------------------------------------------------------------------ agreement with acme4j 4.0.0

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rsa2048", "secp256r1", "secp384r1", "secp521r1", "Ed25519"})
  void agreesWithAcme4jOnThumbprintsPemFilesAndChallenges(String type) throws Exception {
    KeyPair pair = switch (type) {
      case "rsa2048" -> KeyPairUtils.createKeyPair(2048);
      case "Ed25519" -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      default -> KeyPairUtils.createECKeyPair(type);
    };
    String acme4jThumbprint = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(JoseUtils.thumbprint(pair.getPublic()));

    // The key pair in memory, and the PEM file acme4j writes for it (private key included).
    StringWriter pem = new StringWriter();
    KeyPairUtils.writeKeyPair(pair, pem);
    assertThat(AcmeAccountKey.of(pair).thumbprint()).isEqualTo(acme4jThumbprint);
    assertThat(AcmeChallenges.jwkThumbprint(pair)).isEqualTo(acme4jThumbprint);
    assertThat(AcmeAccountKey.parse(pem.toString()).thumbprint()).isEqualTo(acme4jThumbprint);
    if (type.startsWith("secp")) {
      assertThat(pem.toString()).contains("-----BEGIN EC PRIVATE KEY-----");
    }

    // acme4j's challenge objects, built offline as an ACME server would send them.
    Login login = new Session(URI.create("https://acme.example/directory"))
        .login(new URL("https://acme.example/acct/1"), pair);
    String token = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    Http01Challenge http = new Http01Challenge(login, JSON.parse("{\"type\":\"http-01\","
        + "\"url\":\"https://acme.example/chall/1\",\"status\":\"pending\",\"token\":\"" + token
        + "\"}"));
    Dns01Challenge dns = new Dns01Challenge(login, JSON.parse("{\"type\":\"dns-01\","
        + "\"url\":\"https://acme.example/chall/2\",\"status\":\"pending\",\"token\":\"" + token
        + "\"}"));
    assertThat(AcmeChallenges.keyAuthorization(token, pair)).isEqualTo(http.getAuthorization());
    assertThat(AcmeChallenges.dns01TxtValue(token, pair)).isEqualTo(dns.getDigest());
    assertThat(AcmeHttp01Check.of(token, pair).keyAuthorization()).isEqualTo(http.getAuthorization());
    assertThat(AcmeDns01Check.of(token, AcmeAccountKey.parse(pem.toString())).expectedValue())
        .isEqualTo(dns.getDigest());
    assertThat(Method.fromAcmeChallengeType(http.getType())).isEqualTo(Method.ACME_HTTP_01);
    assertThat(Method.fromAcmeChallengeType(dns.getType())).isEqualTo(Method.ACME_DNS_01);
  }

  // ------------------------------------------------------------------ refusals

  @Test
  void anEncryptedKeyIsRefusedWithAHint() {
    assertThatThrownBy(() -> AcmeAccountKey.parse(fixture("p256-encrypted.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("encrypted").hasMessageContaining("openssl pkey");
  }

  @Test
  void anEd448PrivateKeyWithoutItsPublicKeyAsksForThePublicKey() {
    assertThatThrownBy(() -> AcmeAccountKey.parse(fixture("ed448-pkcs8.pem")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ed448").hasMessageContaining("-pubout");
  }

  @Test
  void badInputIsRefusedSayingWhatIsWrong() {
    assertThatThrownBy(() -> AcmeAccountKey.parse("hello"))
        .hasMessageContaining("neither a PEM key").hasMessageContaining("nor a JWK");
    assertThatThrownBy(() -> AcmeAccountKey.parse("-----BEGIN CERTIFICATE-----\nAAAA\n"
        + "-----END CERTIFICATE-----\n"))
        .hasMessageContaining("no key among the PEM blocks [CERTIFICATE]");
    assertThatThrownBy(() -> AcmeAccountKey.parse("-----BEGIN PUBLIC KEY-----\n%%%\n"
        + "-----END PUBLIC KEY-----"))
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> AcmeAccountKey.parse("-----BEGIN PUBLIC KEY-----\nMAMCAQA=\n"
        + "-----END PUBLIC KEY-----"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AcmeAccountKey.fromJwk("{\"kty\":\"oct\",\"k\":\"AAAA\"}"))
        .hasMessageContaining("\"oct\" is not RSA, EC or OKP");
    assertThatThrownBy(() -> AcmeAccountKey.fromJwk("{\"keys\":[{\"kty\":\"RSA\"}]}"))
        .hasMessageContaining("JWK Set");
    assertThatThrownBy(() -> AcmeAccountKey.fromJwk("{\"kty\":\"EC\",\"crv\":\"P-256\","
        + "\"x\":\"AQ\",\"y\":\"AQ\"}"))
        .hasMessageContaining("must be 32 octets");
    assertThatThrownBy(() -> AcmeAccountKey.fromJwk("{\"kty\":\"EC\",\"crv\":\"P-256\","
        + "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\","
        + "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyQ\"}"))
        .hasMessageContaining("not on P-256");
    assertThatThrownBy(() -> AcmeAccountKey.fromJwk("{\"kty\":\"RSA\",\"n\":\"AQAB\"}"))
        .hasMessageContaining("no \"e\" member");
    assertThatThrownBy(() -> AcmeAccountKey.fromJwk("{\"kty\":\"RSA\" \"n\":1}"))
        .hasMessageContaining("not a JSON object");
  }

  // ------------------------------------------------------------------ files

  @Test
  void readsAKeyFileAndNamesTheFileInErrors(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("account.pem");
    Files.writeString(good, fixture("p256-sec1-with-params.pem"));
    assertThat(AcmeAccountKey.read(good).thumbprint()).isEqualTo(THUMBPRINTS.getProperty("p256"));

    Path bad = dir.resolve("notes.txt");
    Files.writeString(bad, "my key is in the vault");
    assertThatThrownBy(() -> AcmeAccountKey.read(bad))
        .hasMessageStartingWith(bad.toString() + ": ");

    Path binary = dir.resolve("key.der");
    Files.write(binary, new byte[] {0x30, (byte) 0x82, (byte) 0xff, (byte) 0xfe});
    assertThatThrownBy(() -> AcmeAccountKey.read(binary)).hasMessageContaining("not a PEM or JWK");
  }

  @Test
  void readsAtMost64KibWhateverTheFileIs(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[AcmeAccountKey.MAX_FILE_BYTES + 1]);
    assertThatThrownBy(() -> AcmeAccountKey.read(big)).hasMessageContaining("larger than 64 KiB");
    Path zero = Path.of("/dev/zero");
    if (Files.isReadable(zero)) {
      // An endless "file" whose size is 0: the bounded read stops.
      assertThatThrownBy(() -> AcmeAccountKey.read(zero))
          .hasMessageContaining("larger than 64 KiB");
    }
  }

  // ------------------------------------------------------------------ profiles and methods

  @Test
  void methodsFromAcmeChallengeTypes() {
    assertThat(Method.fromAcmeChallengeType("http-01")).isEqualTo(Method.ACME_HTTP_01);
    assertThat(Method.fromAcmeChallengeType("DNS-01")).isEqualTo(Method.ACME_DNS_01);
    assertThat(Method.fromAcmeChallengeType("tls-alpn-01")).isEqualTo(Method.ACME_TLS_ALPN_01);
    assertThat(Method.fromAcmeChallengeType("dns-account-01")).isEqualTo(Method.ACME_DNS_ACCOUNT_01);
    assertThatThrownBy(() -> Method.fromAcmeChallengeType("onion-csr-01"))
        .hasMessageContaining("onion-csr-01").hasMessageContaining("http-01, dns-01");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://acme-v02.api.letsencrypt.org/directory,          letsencrypt",
      "https://acme-staging-v02.api.letsencrypt.org/directory,  letsencrypt",
      "acme://letsencrypt.org/staging,                           letsencrypt",
      "https://dv.acme-v02.api.pki.goog/directory,              google",
      "https://dv.acme-v02.test-api.pki.goog/directory,         google",
      "acme://pki.goog,                                          google",
      "https://acme.zerossl.com/v2/DV90,                         zerossl",
      "acme://zerossl.com,                                       zerossl",
      "https://acme.digicert.com/v2/acme/directory/,             digicert-acme",
      "https://emea.acme.atlas.globalsign.com/directory,         globalsign-acme",
      "https://acme.sectigo.com/v2/DV,                           sectigo-acme",
  })
  void profilesFromAcmeDirectories(String url, String id) {
    CaProfile p = CaProfiles.byAcmeDirectory(URI.create(url)).orElseThrow();
    assertThat(p.id()).isEqualTo(id);
    assertThat(p.offeredMethods()).contains(Method.ACME_HTTP_01, Method.ACME_DNS_01);
    assertThat(p.caaIdentities()).isNotEmpty();
  }

  @Test
  void unknownAcmeDirectoriesHaveNoProfile() {
    assertThat(CaProfiles.byAcmeDirectory(URI.create("https://acme.example.com/directory")))
        .isEmpty();
    assertThat(CaProfiles.byAcmeDirectory("http://acme-v02.api.letsencrypt.org/directory"))
        .as("plain http is not an ACME directory").isEmpty();
    assertThat(CaProfiles.byAcmeDirectory("acme://buypass.com")).isEmpty();
    assertThatThrownBy(() -> CaProfiles.byAcmeDirectory("https://a b"))
        .hasMessageContaining("Not an ACME directory URL");
  }
}
