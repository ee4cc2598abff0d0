package org.dvinspector.acme;

import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests for the ACME helpers. The expected values come from the RFCs (RSA: RFC 7638
 * §3.1; Ed25519: RFC 8037 Appendix A.3) or were computed outside Java on the build machine: keys
 * generated with {@code openssl ecparam}/{@code openssl genpkey} (or Python's cryptography
 * package, for a P-256 key whose x coordinate starts with a zero octet), and thumbprints computed
 * with Python's hashlib over the canonical JWK built from the coordinates that library decoded.
 */
final class AcmeChallengesTest {
  // RFC 7638 §3.1 example key.
  private static final String RFC7638_N =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKR"
          + "XjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicA"
          + "taSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3X"
          + "PksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";

  // openssl ecparam -name prime256v1 -genkey; public key as SubjectPublicKeyInfo.
  private static final String P256_SPKI =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEnVuAzNFw5zh/2r2pOmPLMhfSp7H5nm6j+X7NGxGk/Wzvp6g+NQ1MjguYpfbl"
          + "9kQRRx68oVemwdDqFi3YsL5m7w==";
  // A P-256 key whose x coordinate starts with 0x00 (padding must be kept).
  private static final String P256_LEADING_ZERO_SPKI =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEALXRAqLH6yrpo03ytzpYbRt3INq02qEaIr3+LbwaC5UaEyTGfk/yb9qO3hRt"
          + "gw93rCu75LAeKMJMC/bpLINXSQ==";
  // openssl ecparam -name secp384r1 -genkey.
  private static final String P384_SPKI =
      "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE82ZDmIpyYeQCwFA34ZyjqSD1yfb7dy7+K82ENh37WuGYM9UyCd2APwDhbl/35esf"
          + "HvGa2mNf8A5apcx7lfVgtNwKI+i1YKSlGSIAl02WwiUxwCgzYqn6Rn4WBXC3jtJ0";
  // openssl genpkey -algorithm ed25519; its encoding has the x-parity (sign) bit set.
  private static final String ED25519_SIGN_BIT_SPKI =
      "MCowBQYDK2VwAyEAr2SjzBqD5IXWp9SL8BoDTEcDrKC6YaNNTB4P06eQUpU=";

  @Test
  void rsaThumbprintMatchesRfc7638Example() throws Exception {
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, Base64.getUrlDecoder().decode(RFC7638_N)), BigInteger.valueOf(65537)));

    assertThat(AcmeChallenges.canonicalJwk(key))
        .isEqualTo("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"" + RFC7638_N + "\"}");
    assertThat(AcmeChallenges.jwkThumbprint(key))
        .isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void ed25519ThumbprintMatchesRfc8037AppendixA3() throws Exception {
    byte[] x = Base64.getUrlDecoder().decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    PublicKey key = ed25519(x);

    assertThat(AcmeChallenges.canonicalJwk(key)).isEqualTo(
        "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
    assertThat(AcmeChallenges.jwkThumbprint(key))
        .isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @Test
  void ed25519EncodingKeepsTheSignBitOfX() throws Exception {
    PublicKey key = KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(ED25519_SIGN_BIT_SPKI)));

    assertThat(AcmeChallenges.canonicalJwk(key)).isEqualTo(
        "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"r2SjzBqD5IXWp9SL8BoDTEcDrKC6YaNNTB4P06eQUpU\"}");
    assertThat(AcmeChallenges.jwkThumbprint(key))
        .isEqualTo("YxUuzCaU5Bo918jj1jQ-RwZjl4ry5-sQtXiUVR36npY");
  }

  @Test
  void ed25519EncodingEqualsTheRawKeyOfFreshKeys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
    for (int i = 0; i < 32; i++) {
      PublicKey key = g.generateKeyPair().getPublic();
      byte[] spki = key.getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      assertThat(AcmeChallenges.canonicalJwk(key)).isEqualTo("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "\"}");
    }
  }

  @Test
  void ecP256ThumbprintMatchesAnIndependentlyComputedValue() throws Exception {
    PublicKey key = ec(P256_SPKI);

    assertThat(AcmeChallenges.canonicalJwk(key)).isEqualTo("{\"crv\":\"P-256\",\"kty\":\"EC\","
        + "\"x\":\"nVuAzNFw5zh_2r2pOmPLMhfSp7H5nm6j-X7NGxGk_Ww\","
        + "\"y\":\"76eoPjUNTI4LmKX25fZEEUcevKFXpsHQ6hYt2LC-Zu8\"}");
    assertThat(AcmeChallenges.jwkThumbprint(key))
        .isEqualTo("v1z0ZinZ8NpZNE9zD93xSoTKa1A3MO_6boQPZAsqCyc");
  }

  @Test
  void ecCoordinatesKeepLeadingZeroOctets() throws Exception {
    PublicKey key = ec(P256_LEADING_ZERO_SPKI);

    assertThat(AcmeChallenges.canonicalJwk(key))
        .contains("\"x\":\"ALXRAqLH6yrpo03ytzpYbRt3INq02qEaIr3-LbwaC5U\"");
    assertThat(AcmeChallenges.jwkThumbprint(key))
        .isEqualTo("Id715sX5hzMu5zQncZMSDLg-gYltk0VekB2kp5wy2ss");
  }

  @Test
  void ecP384ThumbprintMatchesAnIndependentlyComputedValue() throws Exception {
    PublicKey key = ec(P384_SPKI);

    assertThat(AcmeChallenges.canonicalJwk(key)).startsWith("{\"crv\":\"P-384\",\"kty\":\"EC\",");
    assertThat(AcmeChallenges.jwkThumbprint(key))
        .isEqualTo("WG2hu0S39xDn4ln9zvUsh54Is8Vq2dUuqOvK-6UVr6g");
  }

  @Test
  void ecKeyOnAnotherCurveIsRejectedByName() throws Exception {
    // secp256k1 has the same field size as P-256; it must not be mistaken for it.
    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
    ECParameterSpec k1;
    try {
      p.init(new ECGenParameterSpec("secp256k1"));
      k1 = p.getParameterSpec(ECParameterSpec.class);
    } catch (java.security.spec.InvalidParameterSpecException e) {
      // The JDK no longer ships secp256k1: build an equivalent spec from P-256 with another order.
      p.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec r1 = p.getParameterSpec(ECParameterSpec.class);
      k1 = new ECParameterSpec(r1.getCurve(), r1.getGenerator(), r1.getOrder().subtract(BigInteger.TWO),
          r1.getCofactor());
    }
    ECParameterSpec spec = k1;
    PublicKey key = new java.security.interfaces.ECPublicKey() {
      @Override
      public ECPoint getW() {
        return spec.getGenerator();
      }

      @Override
      public String getAlgorithm() {
        return "EC";
      }

      @Override
      public String getFormat() {
        return "X.509";
      }

      @Override
      public byte[] getEncoded() {
        return new byte[0];
      }

      @Override
      public ECParameterSpec getParams() {
        return spec;
      }
    };

    assertThatThrownBy(() -> AcmeChallenges.jwkThumbprint(key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unsupported EC curve");
  }

  @Test
  void keyAuthorizationIsTokenDotThumbprint() throws Exception {
    PublicKey key = ed25519(Base64.getUrlDecoder().decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"));

    assertThat(AcmeChallenges.keyAuthorization("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA", key))
        .isEqualTo("evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  }

  @Test
  void dns01ValueIsUnpaddedBase64UrlSha256OfTheKeyAuthorization() {
    // Expected: printf %s '<ka>' | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '='
    String ka = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nysa1ZTymj6S63NWODmLaYvR7RMtmsh1OO2F2u6oaTo";

    assertThat(AcmeChallenges.dns01TxtValue(ka)).isEqualTo("gt_bpjGTPl2WntRrWapXSmVRfWcm7OePOoATCVUMtE0");
    assertThat(AcmeDns01Check.of(ka).expectedValue())
        .isEqualTo("gt_bpjGTPl2WntRrWapXSmVRfWcm7OePOoATCVUMtE0");
  }

  @Test
  void http01BodyIsTheKeyAuthorization() {
    assertThat(AcmeChallenges.http01Body("tok.thumb")).isEqualTo("tok.thumb");
  }

  @Test
  void http01BodyRejectsAValueWithoutThumbprint() {
    assertThatThrownBy(() -> AcmeChallenges.http01Body("tokenonly"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token.thumbprint");
  }

  @Test
  void keyAuthorizationRejectsANonBase64UrlToken() throws Exception {
    PublicKey key = ec(P256_SPKI);

    assertThatThrownBy(() -> AcmeChallenges.keyAuthorization("abc/def", key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64url");
  }

  @Test
  void checksAcceptTokenAndPublicKey() throws Exception {
    PublicKey key = ec(P256_SPKI);

    AcmeDns01Check dns = AcmeDns01Check.of("tok", key);
    AcmeHttp01Check http = AcmeHttp01Check.of("tok", key);

    assertThat(dns.keyAuthorization()).isEqualTo("tok.v1z0ZinZ8NpZNE9zD93xSoTKa1A3MO_6boQPZAsqCyc");
    assertThat(dns).isEqualTo(AcmeDns01Check.of("tok.v1z0ZinZ8NpZNE9zD93xSoTKa1A3MO_6boQPZAsqCyc"));
    assertThat(http.token()).isEqualTo("tok");
    assertThat(http.path()).isEqualTo("/.well-known/acme-challenge/tok");
  }

  @Test
  void http01CheckRejectsAKeyAuthorizationWithoutDot() {
    assertThatThrownBy(() -> AcmeHttp01Check.of("nodot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token.thumbprint");
  }

  private static PublicKey ec(String spkiBase64) throws Exception {
    return KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spkiBase64)));
  }

  private static PublicKey ed25519(byte[] raw) throws Exception {
    // SubjectPublicKeyInfo for id-Ed25519 (RFC 8410 §4): fixed 12-octet prefix + the raw key.
    byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    byte[] spki = Arrays.copyOf(prefix, prefix.length + raw.length);
    System.arraycopy(raw, 0, spki, prefix.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }
}
