package org.dvinspector.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.MultiPerspectiveInspector;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.openmpic.OpenMpicCoordinator;
import org.dvinspector.remote.AgentInfo;
import org.dvinspector.remote.AgentKey;
import org.dvinspector.remote.AgentPerspective;
import org.dvinspector.spi.RemotePerspective;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Remote perspectives for {@code dvi check} (BR 3.2.2.9): {@code dvi agent}s in other regions and
 * Open MPIC coordinators, their keys from {@code --perspectives-config}, and the quorum date.
 */
final class PerspectiveOptions {
  /** How long the names of agents without one in the configuration are waited for. */
  private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--perspectives", split = ",", paramLabel = "agent:URL|openmpic:URL",
      description = "Also inspect from these remote perspectives and predict the CA's quorum"
          + " (BR 3.2.2.9): dvi agents (agent:http://HOST:PORT) and Open MPIC coordinators"
          + " (openmpic:https://.../mpic); keys come from --perspectives-config.")
  List<String> specs = new ArrayList<>();

  @Option(names = "--perspectives-config", paramLabel = "FILE",
      description = "JSON file with each remote perspective's key file, name, registry and,"
          + " for Open MPIC, its perspective codes (see cli/README.md).")
  @Nullable String config;

  @Option(names = "--quorum-date", paramLabel = "DATE",
      description = "Predict the quorum the BR require on DATE, e.g. 2026-12-15 (default:"
          + " today).")
  @Nullable String quorumDate;

  /** Whether remote perspectives were asked for. */
  boolean isEmpty() {
    return specs.isEmpty();
  }

  /**
   * The inspection these options describe around {@code inspector}: the inspector alone, or with
   * the remote perspectives and the BR quorum.
   *
   * @throws UsageException for bad values, unreadable keys or a configuration that does not fit
   */
  Inspection around(DomainValidationInspector inspector) {
    if (specs.isEmpty()) {
      if (config != null || quorumDate != null) {
        throw new UsageException((config != null ? "--perspectives-config" : "--quorum-date")
            + " needs --perspectives");
      }
      return Inspection.local(inspector);
    }
    List<RemotePerspective> remotes = perspectives();
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(inspector);
    if (quorumDate != null) {
      b.quorumPolicy(QuorumPolicy.baselineRequirements(date(quorumDate)));
    }
    try {
      remotes.forEach(b::addRemotePerspective);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--perspectives: " + e.getMessage()
          + "; give them distinct names in --perspectives-config");
    }
    return Inspection.multi(b.build());
  }

  /** The remote perspectives, in the order given. */
  List<RemotePerspective> perspectives() {
    PerspectivesConfig cfg = config == null ? PerspectivesConfig.NONE
        : PerspectivesConfig.read(config);
    Set<String> seen = new LinkedHashSet<>();
    OkHttpClient base = new OkHttpClient();
    Map<Path, OkHttpClient> clients = new HashMap<>();
    List<AgentPerspective.Builder> agents = new ArrayList<>();
    List<RemotePerspective> fixed = new ArrayList<>();
    List<Boolean> named = new ArrayList<>();
    for (String raw : specs) {
      String spec = raw.strip();
      if (spec.isEmpty()) {
        continue;
      }
      if (!seen.add(spec)) {
        throw new UsageException("--perspectives lists " + Style.safe(spec) + " twice");
      }
      if (spec.startsWith("agent:")) {
        String url = spec.substring(6);
        PerspectivesConfig.Entry e = cfg.entry(spec).orElseThrow(() -> new UsageException(
            "--perspectives " + Style.safe(spec) + " needs a key: add \"" + Style.safe(spec)
                + "\" (or \"agent:*\") with a keyFile to --perspectives-config"));
        if (e.keyFile == null) {
          throw new UsageException("--perspectives-config " + Style.safe(cfg.file()) + " \""
              + Style.safe(spec) + "\": keyFile is missing");
        }
        AgentPerspective.Builder a;
        try {
          a = AgentPerspective.builder(url, key(e.keyFile));
        } catch (IllegalArgumentException ex) {
          throw new UsageException("--perspectives " + Style.safe(spec) + ": " + ex.getMessage());
        }
        a.client(e.caFile == null ? base : clients.computeIfAbsent(e.caFile, f -> trusting(base, f)));
        if (e.rir != null) {
          a.rir(e.rir);
        }
        if (e.name != null) {
          a.name(e.name);
        }
        agents.add(a);
        named.add(e.name != null);
      } else if (spec.startsWith("openmpic:")) {
        String url = spec.substring(9);
        PerspectivesConfig.Entry e = cfg.entry(spec).orElseThrow(() -> new UsageException(
            "--perspectives " + Style.safe(spec) + " needs the coordinator's perspective codes:"
                + " add \"" + Style.safe(spec) + "\" with \"perspectives\" to"
                + " --perspectives-config"));
        fixed.addAll(openMpic(spec, url, e, e.caFile == null ? base
            : clients.computeIfAbsent(e.caFile, f -> trusting(base, f))));
      } else {
        throw new UsageException("--perspectives " + Style.safe(spec)
            + " must be agent:URL or openmpic:URL");
      }
    }
    if (seen.isEmpty()) {
      throw new UsageException("--perspectives is empty");
    }
    List<RemotePerspective> built = nameAgents(agents, named);
    // Agents in the order given, then every Open MPIC coordinator's perspectives.
    List<RemotePerspective> out = new ArrayList<>(built);
    out.addAll(fixed);
    return out;
  }

  /**
   * Builds the agents; those without a configured name are asked theirs ({@code GET
   * /v1/agent}) and named after their region when it is unique, else after host:port.
   */
  private static List<RemotePerspective> nameAgents(List<AgentPerspective.Builder> agents,
      List<Boolean> named) {
    List<AgentPerspective> first = new ArrayList<>();
    List<CompletableFuture<AgentInfo>> infos = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      AgentPerspective p = agents.get(i).build();
      first.add(p);
      infos.add(named.get(i) ? CompletableFuture.completedFuture(null)
          : p.info(DISCOVERY_TIMEOUT).toCompletableFuture());
    }
    List<@Nullable String> regions = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      String region = null;
      if (!named.get(i)) {
        try {
          AgentInfo info = infos.get(i).get(DISCOVERY_TIMEOUT.toMillis() + 1000,
              TimeUnit.MILLISECONDS);
          region = info == null ? null : info.region();
        } catch (ExecutionException | TimeoutException e) {
          // The agent did not say: it keeps its host:port name, and the inspection reports why.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      regions.add(region);
      counts.merge(region == null ? first.get(i).name() : region, 1, Integer::sum);
    }
    List<RemotePerspective> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < agents.size(); i++) {
      String region = regions.get(i);
      if (region != null && counts.getOrDefault(region, 0) == 1 && taken.add(region)) {
        out.add(agents.get(i).name(region).build());
      } else {
        out.add(first.get(i));
      }
    }
    return out;
  }

  private static List<RemotePerspective> openMpic(String spec, String url,
      PerspectivesConfig.Entry e, OkHttpClient client) {
    if (e.codes.isEmpty()) {
      throw new UsageException("--perspectives " + Style.safe(spec) + ": list the coordinator's"
          + " perspective codes (\"perspectives\") in --perspectives-config");
    }
    try {
      OpenMpicCoordinator.Builder b = OpenMpicCoordinator.builder(url).client(client);
      if (e.keyFile != null) {
        b.apiKey(Files.readString(e.keyFile, StandardCharsets.UTF_8).strip());
      }
      for (Map.Entry<String, Optional<Rir>> c : e.codes.entrySet()) {
        if (c.getValue().isPresent()) {
          b.addPerspective(c.getKey(), c.getValue().get());
        } else {
          b.addPerspective(c.getKey());
        }
      }
      if (e.perspectiveCount > 0) {
        b.perspectiveCount(e.perspectiveCount);
      }
      return b.build().perspectives();
    } catch (IOException ex) {
      throw new UsageException("--perspectives " + Style.safe(spec) + ": cannot read the API key"
          + " file (" + ex.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException | IllegalStateException ex) {
      throw new UsageException("--perspectives " + Style.safe(spec) + ": " + ex.getMessage());
    }
  }

  private static AgentKey key(Path file) {
    try {
      return AgentKey.fromFile(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("key file " + Style.safe(file.toString()) + ": no such file");
    } catch (IOException e) {
      throw new UsageException("key file " + Style.safe(file.toString()) + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  /** {@code base} trusting the platform's CAs and the certificates in {@code caFile}. */
  private static OkHttpClient trusting(OkHttpClient base, Path caFile) {
    String pem;
    try {
      pem = Files.readString(caFile, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UsageException("caFile " + Style.safe(caFile.toString()) + ": cannot read it ("
          + e.getClass().getSimpleName() + ")");
    }
    HandshakeCertificates.Builder trust = new HandshakeCertificates.Builder()
        .addPlatformTrustedCertificates();
    int found = 0;
    for (String block : pem.split("(?=-----BEGIN CERTIFICATE-----)")) {
      if (!block.contains("-----BEGIN CERTIFICATE-----")) {
        continue;
      }
      try {
        X509Certificate c = Certificates.decodeCertificatePem(block.strip());
        trust.addTrustedCertificate(c);
        found++;
      } catch (IllegalArgumentException e) {
        throw new UsageException("caFile " + Style.safe(caFile.toString())
            + ": a certificate does not parse");
      }
    }
    if (found == 0) {
      throw new UsageException("caFile " + Style.safe(caFile.toString())
          + ": no PEM certificate in it");
    }
    HandshakeCertificates hc = trust.build();
    return base.newBuilder().sslSocketFactory(hc.sslSocketFactory(), hc.trustManager()).build();
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new UsageException("--quorum-date '" + Style.safe(text)
          + "' is not a date such as 2026-12-15");
    }
  }
}
