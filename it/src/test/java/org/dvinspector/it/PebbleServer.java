package org.dvinspector.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A real Pebble (Let's Encrypt's test CA) on loopback, validating for real: its VA resolves every
 * name through {@code -dnsserver} (the lab's unbound) and fetches http-01 from port
 * {@code httpPort} of the first address it resolved.
 *
 * <p>Environment: {@code PEBBLE_VA_NOSLEEP=1} (no random sleep before validating),
 * {@code PEBBLE_VA_ALWAYS_VALID} removed (validation really happens), {@code
 * PEBBLE_WFE_NONCEREJECT=0} and {@code PEBBLE_AUTHZREUSE=0} (no artificial nonce rejections, every
 * order gets fresh authorizations). The Debian package ships no test certificate, so the test
 * makes one for Pebble's API and trusts exactly that one.
 */
final class PebbleServer implements AutoCloseable {
  private static final int API_PORT = 14000;

  private final ServerProcess process;
  private final OkHttpClient client;

  private PebbleServer(ServerProcess process, OkHttpClient client) {
    this.process = process;
    this.client = client;
  }

  /** Starts Pebble; returns once its ACME directory answers. */
  static PebbleServer start(Path dir, InetSocketAddress dnsServer, int httpPort) throws IOException {
    Files.createDirectories(dir);
    HeldCertificate cert = LabCertificates.pebble();
    Path certFile = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    Files.writeString(certFile, cert.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(keyFile, cert.privateKeyPkcs8Pem(), StandardCharsets.US_ASCII);
    String config = "{\"pebble\":{"
        + "\"listenAddress\":\"" + LabEnvironment.PEBBLE.getHostAddress() + ":" + API_PORT + "\","
        + "\"managementListenAddress\":\"\","
        + "\"certificate\":\"" + certFile.toAbsolutePath() + "\","
        + "\"privateKey\":\"" + keyFile.toAbsolutePath() + "\","
        + "\"httpPort\":" + httpPort + ","
        + "\"tlsPort\":" + LabEnvironment.HTTPS_PORT + ","
        + "\"ocspResponderURL\":\"\","
        + "\"externalAccountBindingRequired\":false}}\n";
    Path configFile = dir.resolve("pebble-config.json");
    Files.writeString(configFile, config, StandardCharsets.UTF_8);
    ServerProcess p = ServerProcess.start("pebble", List.of(LabEnvironment.path("pebble"),
            "-config", configFile.toString(),
            "-dnsserver", dnsServer.getAddress().getHostAddress() + ":" + dnsServer.getPort()),
        dir,
        Map.of("PEBBLE_VA_NOSLEEP", "1",
            "PEBBLE_VA_ALWAYS_VALID", "",
            "PEBBLE_WFE_NONCEREJECT", "0",
            "PEBBLE_AUTHZREUSE", "0"));
    HandshakeCertificates trust = LabCertificates.trusting(cert);
    OkHttpClient client = new OkHttpClient.Builder()
        .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
        .callTimeout(Duration.ofSeconds(10))
        .build();
    PebbleServer pebble = new PebbleServer(p, client);
    try {
      p.awaitReady(Duration.ofSeconds(20), () -> {
        try (Response r = client.newCall(new Request.Builder().url(pebble.directoryUrl()).build())
            .execute()) {
          return r.code() == 200;
        }
      });
    } catch (RuntimeException e) {
      pebble.close();
      throw e;
    }
    return pebble;
  }

  /** The ACME directory URL. */
  String directoryUrl() {
    return "https://" + LabEnvironment.PEBBLE.getHostAddress() + ":" + API_PORT + "/dir";
  }

  /** A new ACME client with a fresh account key (not yet registered). */
  AcmeClient newClient() {
    return new AcmeClient(client, directoryUrl());
  }

  /** Pebble's log (it logs every validation attempt and its outcome). */
  String log() {
    return process.logTail();
  }

  @Override
  public void close() {
    process.close();
  }
}
