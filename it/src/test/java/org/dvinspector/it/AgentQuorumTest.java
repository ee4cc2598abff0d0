package org.dvinspector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.it.LabEnvironment.RESOLVER;
import static org.dvinspector.it.LabEnvironment.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.CaProfiles;
import org.dvinspector.CheckCorroboration;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Evidence;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MultiPerspectiveInspector;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.Verdict;
import org.dvinspector.remote.AgentKey;
import org.dvinspector.remote.AgentPerspective;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-perspective corroboration (BR 3.2.2.9) with real {@code dvi agent} processes on loopback,
 * each with network options of its own standing in for a region, over the real bind9, unbound
 * and nginx lab; the quorum decided as the BR table says.
 *
 * <p>Four agents, the BR phase from 2026-06-15 (four remote perspectives, one may fail, the
 * corroborating ones in two registries):
 *
 * <ul>
 *   <li>{@code us-east} (ARIN) and {@code ca-central} (ARIN) reach every site;
 *   <li>{@code us-west} (ARIN) has no route to the sites {@code one} and {@code two};
 *   <li>{@code eu-west} (RIPE NCC) has no route to {@code two} and {@code rir}.
 * </ul>
 *
 * <p>A route that goes nowhere is {@code --route ADDR:80=127.83.0.254:80} (nothing listens
 * there: connection refused), as geo-blocking or a firewall would look from that region.
 */
final class AgentQuorumTest {
  private static final String KEY = "4b9e1c7a2d3f5e6a8b0c1d2e3f405162";
  private static final String TOKEN = "agents-quorum-2026-5e1f7b";
  private static final String FILE = HttpFileCheck.PATH_PREFIX + "fileauth.txt";
  private static final QuorumPolicy POLICY =
      QuorumPolicy.baselineRequirements(LocalDate.of(2026, 7, 1));

  /** One site per scenario, each on its own address. */
  private static final InetAddress ALL = LabEnvironment.lab(90);
  private static final InetAddress ONE = LabEnvironment.lab(91);
  private static final InetAddress TWO = LabEnvironment.lab(92);
  private static final InetAddress RIR = LabEnvironment.lab(93);
  private static final InetAddress NOWHERE = LabEnvironment.lab(254);

  private static BindLab dns;
  private static UnboundResolver resolver;
  private static NginxLab nginx;
  private static DomainValidationInspector primary;
  private static final List<DviProcess.Agent> AGENTS = new ArrayList<>();
  private static Path config;
  private static Path hints;
  private static Path work;

  @BeforeAll
  static void startLab(@TempDir Path dir) throws Exception {
    LabEnvironment.require();
    work = dir;
    dns = BindLab.start(dir.resolve("bind"), LabZones.builder()
        .add("example.com",
            "all A " + ALL.getHostAddress(), "one A " + ONE.getHostAddress(),
            "two A " + TWO.getHostAddress(), "rir A " + RIR.getHostAddress())
        .servers());
    resolver = UnboundResolver.start(dir.resolve("unbound"), RESOLVER, ROOT);
    List<NginxLab.Site> sites = new ArrayList<>();
    for (String name : List.of("all", "one", "two", "rir")) {
      InetAddress a = switch (name) {
        case "all" -> ALL;
        case "one" -> ONE;
        case "two" -> TWO;
        default -> RIR;
      };
      sites.add(NginxLab.Site.named(name + ".example.com").on(a));
    }
    nginx = NginxLab.start(dir.resolve("nginx"), LabCertificates.web(), sites);
    for (String name : List.of("all", "one", "two", "rir")) {
      nginx.write(name + ".example.com", FILE, TOKEN);
    }
    primary = LabInspector.create();

    Path key = DviProcess.keyFile(dir.resolve("keys"), KEY);
    hints = DviProcess.rootHints(dir.resolve("hints"));
    config = dir.resolve("perspectives.json");
    Files.writeString(config, "{\"agent:*\": {\"keyFile\": \"" + key + "\"}}");
    List<String> network = DviProcess.labNetwork(hints);
    // Started one after another: four JVMs at once would crowd a two-core machine.
    AGENTS.add(DviProcess.Agent.start(dir.resolve("agents"), LabEnvironment.lab(110), 8453,
        "us-east", "ARIN", key, network));
    AGENTS.add(DviProcess.Agent.start(dir.resolve("agents"), LabEnvironment.lab(111), 8453,
        "ca-central", "ARIN", key, network));
    AGENTS.add(DviProcess.Agent.start(dir.resolve("agents"), LabEnvironment.lab(112), 8453,
        "us-west", "ARIN", key, blocking(network, ONE, TWO)));
    AGENTS.add(DviProcess.Agent.start(dir.resolve("agents"), LabEnvironment.lab(113), 8453,
        "eu-west", "RIPE", key, blocking(network, TWO, RIR)));
  }

  /** The network options with no route to port 80 and 443 of {@code sites}. */
  private static List<String> blocking(List<String> network, InetAddress... sites) {
    List<String> args = new ArrayList<>(network);
    for (InetAddress site : sites) {
      for (int port : List.of(80, 443)) {
        args.add("--route");
        args.add(site.getHostAddress() + ":" + port + "=" + NOWHERE.getHostAddress() + ":80");
      }
    }
    return args;
  }

  @AfterAll
  static void stopLab() {
    List<AutoCloseable> all = new ArrayList<>(AGENTS);
    all.add(primary);
    all.add(nginx);
    all.add(resolver);
    all.add(dns);
    for (AutoCloseable c : all) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // keep stopping the others
        }
      }
    }
  }

  private static InspectionReport inspect(String host) {
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(primary)
        .quorumPolicy(POLICY);
    for (DviProcess.Agent a : AGENTS) {
      // The registry comes from the agent itself.
      b.addRemotePerspective(AgentPerspective.builder(a.url, AgentKey.of(KEY)).name(a.region)
          .build());
    }
    try (MultiPerspectiveInspector mpic = b.build()) {
      return mpic.inspect(InspectionRequest.builder()
          .domain(host)
          .profile(CaProfiles.BASELINE_REQUIREMENTS)
          .addChecks(HttpFileCheck.of(FILE, TOKEN))
          .deadline(Duration.ofSeconds(20))
          .build());
    }
  }

  private static CheckCorroboration quorum(InspectionReport r) {
    return r.corroboration().orElseThrow().checks().get(0);
  }

  private String describe(InspectionReport r) {
    StringBuilder b = new StringBuilder(LabInspector.describe(r));
    for (PerspectiveOutcome o : r.perspectiveOutcomes()) {
      b.append("\n  [").append(o.name()).append("] ").append(o.verdict())
          .append(o.failure().map(f -> " " + f).orElse(""));
    }
    for (DviProcess.Agent a : AGENTS) {
      b.append("\n--- ").append(a.region).append(" log ---\n").append(a.log());
    }
    return b.toString();
  }

  @Test
  void everyPerspectivePasses() {
    InspectionReport r = inspect("all.example.com");

    assertThat(r.verdict()).as(describe(r)).isEqualTo(Verdict.READY);
    assertThat(r.hasFinding(FindingCode.PERSPECTIVES_DISAGREE)).isFalse();
    assertThat(quorum(r).corroborating()).containsExactly("us-east", "ca-central", "us-west",
        "eu-west");
    assertThat(quorum(r).corroboratingRirs()).containsExactlyInAnyOrder(Rir.ARIN, Rir.RIPE_NCC);
    assertThat(r.perspectiveOutcomes()).allSatisfy(o -> {
      assertThat(o.verdict()).isEqualTo(Verdict.READY);
      assertThat(o.perspective().region()).isPresent();
    });
  }

  @Test
  void oneFailsAndTheQuorumHolds() {
    InspectionReport r = inspect("one.example.com");

    assertThat(r.verdict()).as(describe(r)).isEqualTo(Verdict.READY);
    assertThat(r.hasFinding(FindingCode.PERSPECTIVES_DISAGREE)).isTrue();
    assertThat(quorum(r).nonCorroborating()).containsExactly("us-west");
    assertThat(quorum(r).quorumMet()).isTrue();
  }

  @Test
  void twoFailAndTheQuorumFails() {
    InspectionReport r = inspect("two.example.com");

    assertThat(r.verdict()).as(describe(r)).isEqualTo(Verdict.NOT_READY);
    assertThat(r.hasFinding(FindingCode.QUORUM_NOT_MET)).isTrue();
    assertThat(quorum(r).nonCorroborating()).containsExactly("us-west", "eu-west");
    assertThat(r.findings(FindingCode.QUORUM_NOT_MET).get(0).evidence())
        .extracting(Evidence::detail)
        .filteredOn(d -> d.startsWith("failed - HTTP_CONNECT_FAILED")).hasSize(2);
  }

  @Test
  void theRegistryRuleDecides() {
    InspectionReport r = inspect("rir.example.com");

    // One of four fails, which the count allows; but the three that corroborate are all ARIN.
    assertThat(r.verdict()).as(describe(r)).isEqualTo(Verdict.NOT_READY);
    assertThat(quorum(r).nonCorroborating()).containsExactly("eu-west");
    assertThat(quorum(r).corroboratingRirs()).containsExactly(Rir.ARIN);
    assertThat(r.findings(FindingCode.QUORUM_NOT_MET).get(0).message())
        .contains("those lie in 1 regional internet registry (ARIN)");
  }

  @Test
  void dviCheckWithThePerspectivesOptionDecidesTheSame() throws Exception {
    List<String> args = new ArrayList<>(List.of("check", "rir.example.com",
        "--http-file", FILE + "=" + TOKEN, "--json",
        "--perspectives-config", config.toString(), "--quorum-date", "2026-07-01"));
    StringBuilder specs = new StringBuilder();
    for (DviProcess.Agent a : AGENTS) {
      specs.append(specs.length() == 0 ? "" : ",").append("agent:").append(a.url);
    }
    args.add("--perspectives");
    args.add(specs.toString());
    args.addAll(DviProcess.labNetwork(hints));

    DviProcess.Result r = DviProcess.run(work.resolve("check"), args);

    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(r.out);
    assertThat(report.get("verdict").asText()).isEqualTo("NOT_READY");
    assertThat(report.get("findings").findValuesAsText("code")).contains("QUORUM_NOT_MET");
    JsonNode perspectives = report.get("perspectives");
    assertThat(perspectives).hasSize(4);
    // Names come from the agents themselves (GET /v1/agent).
    List<String> names = new ArrayList<>();
    perspectives.forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactly("us-east", "ca-central", "us-west", "eu-west");
    assertThat(perspectives.get(3).get("rir").asText()).isEqualTo("RIPE NCC");
    assertThat(perspectives.get(3).get("verdict").asText()).isEqualTo("NOT_READY");
  }
}
