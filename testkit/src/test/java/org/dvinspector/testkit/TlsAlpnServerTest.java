package org.dvinspector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** The tls-alpn-01 lab: certificates the JDK parses as written, and each ALPN behaviour. */
final class TlsAlpnServerTest {
  private static final String KA =
      "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA.nP1qzpXGymHBrUEepNY9HCsQk7K8KhOypzEt62jcerQ";

  @Test
  void challengeCertificateHasTheCriticalExtensionAndOneName() throws Exception {
    X509Certificate c = AcmeTlsCertificate.forChallenge("www.example.com", KA).certificate();

    assertThat(c.getCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(KA.getBytes("UTF-8"));
    byte[] inner = new byte[34];
    inner[0] = 0x04;
    inner[1] = 0x20;
    System.arraycopy(digest, 0, inner, 2, 32);
    // getExtensionValue wraps extnValue in one more OCTET STRING.
    byte[] outer = c.getExtensionValue("1.3.6.1.5.5.7.1.31");
    assertThat(Arrays.copyOfRange(outer, 2, outer.length)).isEqualTo(inner);
    assertThat(c.getSubjectAlternativeNames()).containsExactly(List.of(2, "www.example.com"));
    c.verify(c.getPublicKey());
    assertThat(c.getSubjectX500Principal()).isEqualTo(c.getIssuerX500Principal());
  }

  @Test
  void builderGetsPartsWrongOnPurpose() throws Exception {
    AcmeTlsCertificate ca = AcmeTlsCertificate.forChallenge("ca.invalid", KA);
    X509Certificate c = AcmeTlsCertificate.builder("www.example.com", KA)
        .critical(false).addDnsName("example.com").addIpAddress("192.0.2.1")
        .signedBy(ca.keyPair(), "Some CA").build().certificate();

    assertThat(c.getNonCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
    assertThat(c.getSubjectAlternativeNames()).hasSize(3);
    c.verify(ca.keyPair().getPublic());
    assertThat(c.getIssuerX500Principal().getName()).isEqualTo("CN=Some CA");
  }

  @Test
  void selectsAcmeTlsForItsChallengeName() throws Exception {
    try (TlsAlpnServer server = TlsAlpnServer.start("127.0.0.61")) {
      server.respond("www.example.com",
          TlsAlpnServer.Response.challenge(AcmeTlsCertificate.forChallenge("www.example.com", KA)));

      try (SSLSocket s = handshake(server.address(), "www.example.com")) {
        assertThat(s.getApplicationProtocol()).isEqualTo("acme-tls/1");
        X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
        assertThat(leaf.getCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
      }
      assertThat(server.clientHellos()).containsExactly(
          new TlsAlpnServer.ClientHello("www.example.com", List.of("acme-tls/1")));
    }
  }

  @Test
  void ignoringAndRefusingServers() throws Exception {
    HeldCertificate site = new HeldCertificate.Builder().addSubjectAlternativeName("www.example.com")
        .build();
    try (TlsAlpnServer server = TlsAlpnServer.start("127.0.0.61")) {
      server.respond("www.example.com", TlsAlpnServer.Response.site(site));
      server.respondByDefault(TlsAlpnServer.Response.refusing(site));

      try (SSLSocket s = handshake(server.address(), "www.example.com")) {
        assertThat(s.getApplicationProtocol()).isEmpty();
      }
      assertThatThrownBy(() -> handshake(server.address(), "other.example.com"))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("no_application_protocol");
    }
  }

  private static SSLSocket handshake(InetSocketAddress to, String sni) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    Socket plain = new Socket();
    plain.connect(to, 5000);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, sni, to.getPort(), true);
    SSLParameters p = s.getSSLParameters();
    p.setServerNames(List.of(new SNIHostName(sni)));
    p.setApplicationProtocols(new String[] {"acme-tls/1"});
    s.setSSLParameters(p);
    s.setSoTimeout(5000);
    try {
      s.startHandshake();
    } catch (Exception e) {
      s.close();
      throw e;
    }
    return s;
  }
}
