package org.dvinspector.it;

import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dvinspector.testkit.TlsAlpnServer;

/**
 * Everything the agreement suite runs: Pebble, the bind9 delegation tree, unbound (Pebble's
 * {@code -dnsserver}), nginx and the testkit's tls-alpn-01 responder, set up for a list of
 * {@link PebbleScenario}s.
 *
 * <p>Pebble starts first and an order is placed per scenario, because the DNS records and files
 * depend on the challenge tokens; then the DNS and web servers start with every scenario's
 * records and sites. {@link #validateAll()} then has Pebble validate each challenge once.
 */
final class PebbleLab implements AutoCloseable {
  /** What Pebble decided for one scenario. */
  record PebbleResult(String status, String error) {
    boolean valid() {
      return "valid".equals(status);
    }
  }

  final Map<String, PebbleScenario.Stage> stages = new LinkedHashMap<>();
  private final Map<String, AcmeClient.Challenge> challenges = new LinkedHashMap<>();
  private final Map<String, String> authorizations = new LinkedHashMap<>();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final AcmeClient acme;
  private final PebbleServer pebble;

  private PebbleLab(PebbleServer pebble, AcmeClient acme) {
    this.pebble = pebble;
    this.acme = acme;
  }

  static PebbleLab start(Path dir, List<PebbleScenario> scenarios) throws IOException {
    List<AutoCloseable> started = new ArrayList<>();
    try {
      PebbleServer pebble = PebbleServer.start(dir.resolve("pebble"),
          new InetSocketAddress(RESOLVER, 53), LabEnvironment.HTTP_PORT);
      started.add(pebble);
      AcmeClient acme = pebble.newClient();
      acme.register();
      Map<String, PebbleScenario.Stage> stages = new LinkedHashMap<>();
      Map<String, AcmeClient.Challenge> challenges = new LinkedHashMap<>();
      Map<String, String> authorizations = new LinkedHashMap<>();
      for (PebbleScenario s : scenarios) {
        AcmeClient.Order order = acme.newOrder(s.identifier());
        AcmeClient.Authorization authz = acme.authorization(order.authorizations().get(0));
        AcmeClient.Challenge challenge = authz.challenge(s.type());
        PebbleScenario.Stage stage =
            new PebbleScenario.Stage(s, challenge.token(), acme.keyAuthorization(challenge.token()));
        s.setup().accept(stage);
        stages.put(s.id(), stage);
        challenges.put(s.id(), challenge);
        authorizations.put(s.id(), authz.url());
      }
      LabZones zones = LabZones.builder();
      List<NginxLab.Site> sites = new ArrayList<>();
      for (PebbleScenario.Stage st : stages.values()) {
        st.zoneLines.forEach((zone, lines) -> zones.add(zone, lines.toArray(new String[0])));
        sites.addAll(st.sites);
      }
      started.add(BindLab.start(dir.resolve("bind"), zones.servers()));
      UnboundResolver resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
      started.add(resolver);
      NginxLab nginx = NginxLab.start(dir.resolve("nginx"), LabCertificates.web(), sites);
      started.add(nginx);
      for (PebbleScenario.Stage st : stages.values()) {
        for (Map.Entry<String, String> f : st.files.entrySet()) {
          nginx.write(st.id(), f.getKey(), f.getValue());
        }
      }
      if (stages.values().stream().anyMatch(st -> !st.tls.isEmpty())) {
        // One responder for every tls-alpn-01 scenario: it picks the certificate by SNI.
        TlsAlpnServer alpn = TlsAlpnServer.start(LabEnvironment.ALPN.getHostAddress(),
            LabEnvironment.HTTPS_PORT);
        started.add(alpn);
        for (PebbleScenario.Stage st : stages.values()) {
          st.tls.forEach(alpn::respond);
        }
      }
      PebbleLab lab = new PebbleLab(pebble, acme);
      lab.stages.putAll(stages);
      lab.challenges.putAll(challenges);
      lab.authorizations.putAll(authorizations);
      lab.servers.addAll(started);
      return lab;
    } catch (IOException | RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /**
   * Has Pebble validate every scenario's challenge (all at once: each is tried once, as a real
   * CA does) and waits for the outcomes, at most 40 seconds in all.
   */
  Map<String, PebbleResult> validateAll() throws IOException {
    for (AcmeClient.Challenge c : challenges.values()) {
      acme.respond(c);
    }
    Map<String, PebbleResult> out = new LinkedHashMap<>();
    long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    for (Map.Entry<String, String> e : authorizations.entrySet()) {
      Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
      AcmeClient.Authorization a = acme.awaitFinal(e.getValue(), left);
      AcmeClient.Challenge c = a.challenge(stages.get(e.getKey()) == null ? "?"
          : java.util.Objects.requireNonNull(stages.get(e.getKey())).scenario.type());
      out.put(e.getKey(), new PebbleResult(a.status(), c.error()));
    }
    return out;
  }

  /** Pebble's log: every validation attempt and its outcome. */
  String pebbleLog() {
    return pebble.log();
  }

  @Override
  public void close() {
    closeAll(servers);
  }

  /** Stops in the reverse order of starting. */
  private static void closeAll(List<AutoCloseable> startOrder) {
    List<AutoCloseable> list = new ArrayList<>(startOrder);
    Collections.reverse(list);
    for (AutoCloseable c : list) {
      try {
        c.close();
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }
}
