package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.it.LabEnvironment.WEB1;
import static org.dvinspector.it.LabEnvironment.WEB2;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nginx lab itself: virtual hosts, HTTPS, redirects and per-address files. */
final class NginxLabTest {
  private static NginxLab nginx;
  private static OkHttpClient client;

  @BeforeAll
  static void startNginx(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    HeldCertificate cert = LabCertificates.web();
    nginx = NginxLab.start(dir, cert, List.of(
        NginxLab.Site.named("files.example.com").on(WEB1).https(),
        NginxLab.Site.named("moved.example.com").on(WEB1)
            .directive("location / { return 301 http://files.example.com$request_uri; }"),
        NginxLab.Site.named("loop.example.com").on(WEB1)
            .directive("location / { return 302 http://loop.example.com$request_uri; }"),
        NginxLab.Site.named("split.example.com").on(WEB1).root("split-1"),
        NginxLab.Site.named("split.example.com").on(WEB2).root("split-2")));
    nginx.write("files.example.com", ".well-known/pki-validation/fileauth.txt", "token-1");
    nginx.write("split-1", ".well-known/pki-validation/fileauth.txt", "token-1");
    nginx.write("split-2", ".well-known/pki-validation/fileauth.txt", "token-old");
    HandshakeCertificates trust = LabCertificates.trusting(cert);
    client = new OkHttpClient.Builder()
        .followRedirects(false)
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .callTimeout(Duration.ofSeconds(3))
        .build();
  }

  @AfterAll
  static void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static Fetched get(InetAddress address, boolean https, String host, String path)
      throws Exception {
    // Connect to the lab address, naming the virtual host in Host (and SNI, for HTTPS).
    OkHttpClient c = client.newBuilder().dns(h -> List.of(address)).build();
    String url = (https ? "https://" : "http://") + host + ":"
        + (https ? LabEnvironment.HTTPS_PORT : LabEnvironment.HTTP_PORT) + path;
    try (Response r = c.newCall(new Request.Builder().url(url).build()).execute()) {
      ResponseBody body = r.body();
      return new Fetched(r.code(), body.string(), r.header("Location", ""));
    }
  }

  record Fetched(int status, String body, String location) {}

  @Test
  void servesTheFileOverHttpAndHttps() throws Exception {
    assertThat(get(WEB1, false, "files.example.com", "/.well-known/pki-validation/fileauth.txt"))
        .isEqualTo(new Fetched(200, "token-1", ""));
    assertThat(get(WEB1, true, "files.example.com", "/.well-known/pki-validation/fileauth.txt"))
        .isEqualTo(new Fetched(200, "token-1", ""));
  }

  @Test
  void missingFileIs404() throws Exception {
    assertThat(get(WEB1, false, "files.example.com", "/.well-known/pki-validation/nope.txt").status())
        .isEqualTo(404);
  }

  @Test
  void redirectsKeepThePath() throws Exception {
    assertThat(get(WEB1, false, "moved.example.com", "/.well-known/pki-validation/a.txt"))
        .extracting(Fetched::status, Fetched::location)
        .containsExactly(301, "http://files.example.com/.well-known/pki-validation/a.txt");
  }

  @Test
  void loopRedirectsToItself() throws Exception {
    assertThat(get(WEB1, false, "loop.example.com", "/x").location())
        .isEqualTo("http://loop.example.com/x");
  }

  @Test
  void eachAddressServesItsOwnFile() throws Exception {
    String path = "/.well-known/pki-validation/fileauth.txt";
    assertThat(get(WEB1, false, "split.example.com", path).body()).isEqualTo("token-1");
    assertThat(get(WEB2, false, "split.example.com", path).body()).isEqualTo("token-old");
  }
}
