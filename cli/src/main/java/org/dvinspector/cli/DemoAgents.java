package org.dvinspector.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import okhttp3.OkHttpClient;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.EndpointMapping;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Rir;
import org.dvinspector.http.HttpModule;
import org.dvinspector.remote.AgentKey;
import org.dvinspector.remote.AgentServer;
import org.jspecify.annotations.Nullable;

/**
 * Two {@code dvi agent}s for the demo's "website not reachable from outside the region" row, on
 * loopback addresses 127.0.2.1 and 127.0.2.2: {@code cn-north} (APNIC) sees the lab as the
 * primary inspector does; {@code eu-west} (RIPE NCC) resolves through the same DNS but its route
 * to every web server ends in a refused connection, as from outside a site that only serves its
 * own region. Their key and the {@code --perspectives-config} naming it are written to a
 * temporary directory that closing removes.
 */
final class DemoAgents implements AutoCloseable {
  private final Path dir;
  private final Path config;
  private final DomainValidationInspector outsideInspector;
  private final AgentServer inside;
  private final AgentServer outside;

  private DemoAgents(Path dir, Path config, DomainValidationInspector outsideInspector,
      AgentServer inside, AgentServer outside) {
    this.dir = dir;
    this.config = config;
    this.outsideInspector = outsideInspector;
    this.inside = inside;
    this.outside = outside;
  }

  /** Starts both agents; {@code inspector} (the lab's) serves the one inside the region. */
  static DemoAgents start(DomainValidationInspector inspector, NetworkPolicy labPolicy,
      EndpointMapping refusedWeb, OkHttpClient labTrust) {
    Path dir;
    try {
      dir = Files.createTempDirectory("dvi-demo-agents-");
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String secret = HexFormat.of().formatHex(random);
      Path key = dir.resolve("agent.key");
      Files.writeString(key, secret + "\n", StandardCharsets.US_ASCII);
      Path config = dir.resolve("perspectives.json");
      Files.writeString(config, "{\"agent:*\": {\"keyFile\": \"agent.key\"}}\n",
          StandardCharsets.UTF_8);
      AgentKey agentKey = AgentKey.of(secret);
      EndpointMapping lab = labPolicy.endpointMapping();
      NetworkPolicy outsidePolicy = labPolicy.toBuilder()
          .endpointMapping(target -> target.getPort() == 80 || target.getPort() == 443
              ? refusedWeb.map(target) : lab.map(target))
          .build();
      DomainValidationInspector outsideInspector = DomainValidationInspector.builder()
          .addModule(HttpModule.builder().client(labTrust).build())
          .findAndAddModules(DemoAgents.class.getClassLoader())
          .networkPolicy(outsidePolicy)
          .build();
      AgentServer inside = null;
      try {
        inside = AgentServer.builder(inspector, agentKey)
            .listen(new InetSocketAddress(literal("127.0.2.1"), 0))
            .region("cn-north").rir(Rir.APNIC).start();
        AgentServer outside = AgentServer.builder(outsideInspector, agentKey)
            .listen(new InetSocketAddress(literal("127.0.2.2"), 0))
            .region("eu-west").rir(Rir.RIPE_NCC).start();
        return new DemoAgents(dir, config, outsideInspector, inside, outside);
      } catch (RuntimeException e) {
        closeQuietly(inside);
        outsideInspector.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the demo agents' key", e);
    }
  }

  /** The {@code dvi check} options that use both agents. */
  List<String> arguments() {
    return List.of("--perspectives", "agent:" + inside.url() + ",agent:" + outside.url(),
        "--perspectives-config", config.toString());
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // Closing the demo must not hide its results.
    }
  }

  @Override
  public void close() {
    closeQuietly(inside);
    closeQuietly(outside);
    closeQuietly(outsideInspector);
    try {
      Files.deleteIfExists(dir.resolve("agent.key"));
      Files.deleteIfExists(config);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
