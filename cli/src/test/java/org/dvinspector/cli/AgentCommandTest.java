package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dvi agent} run in-process, two of them on loopback addresses (one whose DNS view lags
 * behind: a lab without the record), and {@code dvi check --perspectives} using them.
 */
final class AgentCommandTest {
  private static final String KEY = "5f0c9e2d7a1b3c4e6f8091a2b3c4d5e6";
  private static final Pattern LISTENING = Pattern.compile("listening on (https?://\\S+)");

  @TempDir static Path dir;
  private static DnsLab current;
  private static DnsLab lagging;
  private static final List<Agent> AGENTS = new ArrayList<>();

  /** A running agent: its thread, its output and its URL. */
  private static final class Agent {
    final Thread thread;
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final StringWriter err = new StringWriter();
    final String url;

    Agent(String... args) throws Exception {
      CliEnvironment env = CliEnvironment.of(new PrintWriter(new StringWriter(), true),
          new PrintWriter(err, true), Map.of(), false);
      thread = new Thread(() -> exit.complete(Dvi.run(env, args)), "agent-under-test");
      thread.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Matcher m = LISTENING.matcher("");
      while (System.nanoTime() < end && !exit.isDone()) {
        m = LISTENING.matcher(err.toString());
        if (m.find()) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(m.find(0)).as("agent output: " + err).isTrue();
      url = m.group(1);
    }

    int stop() throws Exception {
      thread.interrupt();
      return exit.get(20, TimeUnit.SECONDS);
    }
  }

  private static DnsLab lab(boolean withRecord) {
    return DnsLab.builder()
        .zone("example.test", z -> {
          z.nameserver("ns1.example.test", "127.0.0.11")
              .nameserver("ns2.example.test", "127.0.0.12")
              .records("www 300 IN CAA 0 issue \"digicert.com\"");
          if (withRecord) {
            z.records("_dnsauth.www 300 IN TXT \"token-2026-8f3a1c5e9b7d2a\"");
          }
        })
        .start();
  }

  private static List<String> agentArgs(DnsLab lab, String sub, String listen, String region,
      String rir) throws IOException {
    Path d = Files.createDirectories(dir.resolve(sub));
    List<String> args = new ArrayList<>(List.of("agent", "--listen", listen, "--key-file",
        dir.resolve("agent.key").toString(), "--region", region, "--rir", rir));
    args.addAll(LabNetwork.options(lab, d));
    return args;
  }

  @BeforeAll
  static void start() throws Exception {
    current = lab(true);
    lagging = lab(false);
    Files.writeString(dir.resolve("agent.key"), KEY + "\n");
    Files.writeString(dir.resolve("perspectives.json"),
        "{\"agent:*\": {\"keyFile\": \"agent.key\"}}");
    AGENTS.add(new Agent(agentArgs(current, "a", "127.0.6.1:0", "lab-a", "ARIN")
        .toArray(new String[0])));
    AGENTS.add(new Agent(agentArgs(lagging, "b", "127.0.6.2:0", "lab-b", "RIPE")
        .toArray(new String[0])));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Agent a : AGENTS) {
      // Stopped by an interrupt, as by Ctrl-C in a terminal.
      assertThat(a.stop()).isEqualTo(ExitCodes.INTERRUPTED);
    }
    current.close();
    lagging.close();
  }

  private static CliRun check(String quorumDate, String... extra) throws IOException {
    Path d = Files.createDirectories(dir.resolve("check"));
    List<String> args = new ArrayList<>(List.of("check", "www.example.test", "--profile",
        "digicert", "--dns-txt", "token-2026-8f3a1c5e9b7d2a", "--no-color",
        "--perspectives", "agent:" + AGENTS.get(0).url + ",agent:" + AGENTS.get(1).url,
        "--perspectives-config", dir.resolve("perspectives.json").toString(),
        "--quorum-date", quorumDate));
    args.addAll(List.of(extra));
    args.addAll(LabNetwork.options(current, d));
    return CliRun.run(args.toArray(new String[0]));
  }

  @Test
  void theAgentSaysWhereItListensAndLogsEachRequest() throws Exception {
    Agent a = AGENTS.get(0);
    assertThat(a.url).startsWith("http://127.0.6.1:");
    assertThat(a.err.toString()).contains("dvi agent: lab-a (ARIN) listening on " + a.url
        + " - protocol v1, up to 8 inspections at once");
    check("2025-10-01");
    assertThat(a.err.toString()).containsPattern(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ 127\\.\\d+\\.\\d+\\.\\d+ POST /v1/inspect 200"
            + " www\\.example\\.test \\d+ ms");
  }

  @Test
  void oneLaggingRegionOfTwoIsToleratedByTheTwoPerspectiveTable() throws Exception {
    // 2025-10-01: two remote perspectives, no registry rule (BR 3.2.2.9).
    CliRun r = check("2025-10-01");

    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.READY);
    assertThat(r.out).containsSubsequence(
        "Remote perspectives (2)  BR 3.2.2.9, phase from 2025-09-15: 2 remote perspectives",
        "READY      lab-a  (lab-a, ARIN)",
        "NOT READY  lab-b  (lab-b, RIPE NCC)",
        "failed     dns-txt  DNS_RECORD_MISSING",
        "Quorum  dns-txt  met  1 of 2 corroborate (ARIN), 1 may fail",
        "PERSPECTIVES_DISAGREE");
  }

  @Test
  void theRegistryRuleFailsWhenOnlyOneRegistryCorroborates() throws Exception {
    CliRun r = check("2026-04-01", "--json");

    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.NOT_READY);
    assertThat(ReportSchema.errors(r.out)).isEmpty();
    JsonNode report = ReportJson.mapper().readTree(r.out);
    assertThat(report.get("findings").findValuesAsText("code")).contains("QUORUM_NOT_MET");
    JsonNode perspectives = report.get("perspectives");
    assertThat(perspectives).hasSize(2);
    assertThat(perspectives.get(0).get("name").asText()).isEqualTo("lab-a");
    assertThat(perspectives.get(1).get("name").asText()).isEqualTo("lab-b");
    assertThat(perspectives.get(1).get("verdict").asText()).isEqualTo("NOT_READY");
    JsonNode dns = report.get("corroboration").get("checks").get(0);
    assertThat(dns.get("corroboratingRirs").get(0).asText()).isEqualTo("ARIN");
    assertThat(dns.get("quorumMet").asBoolean()).isFalse();
    assertThat(report.get("corroboration").get("policy").get("minCorroboratingRirs").asInt())
        .isEqualTo(2);
  }

  @Test
  void aWrongKeyIsAnUnknownVerdictWithTheReason() throws Exception {
    Path wrong = dir.resolve("wrong.json");
    Files.writeString(dir.resolve("wrong.key"), "ffffffffffffffffffffffffffffffff\n");
    Files.writeString(wrong, "{\"agent:" + AGENTS.get(0).url + "\": {\"keyFile\": \"wrong.key\","
        + " \"name\": \"a\", \"rir\": \"ARIN\"}, \"agent:" + AGENTS.get(1).url
        + "\": {\"keyFile\": \"wrong.key\", \"name\": \"b\"}}");
    Path d = Files.createDirectories(dir.resolve("wrong"));
    List<String> args = new ArrayList<>(List.of("check", "www.example.test", "--profile",
        "digicert", "--dns-txt", "token-2026-8f3a1c5e9b7d2a", "--no-color",
        "--perspectives", "agent:" + AGENTS.get(0).url + ",agent:" + AGENTS.get(1).url,
        "--perspectives-config", wrong.toString(), "--quorum-date", "2025-10-01"));
    args.addAll(LabNetwork.options(current, d));

    CliRun r = CliRun.run(args.toArray(new String[0]));

    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.UNKNOWN);
    assertThat(r.out).contains("REMOTE_PERSPECTIVE_FAILED")
        .contains("the agent refused the key (HTTP 401)")
        .contains("QUORUM_UNDECIDED");
  }

  @Test
  void aBatchUsesThePerspectivesForEveryLine() throws Exception {
    Path input = dir.resolve("orders.jsonl");
    Files.writeString(input, "{\"domain\": \"www.example.test\", \"dns-txt\": \"token-2026-8f3a1c5e9b7d2a\"}\n"
        + "{\"domain\": \"www.example.test\", \"dns-txt\": \"other-token\"}\n");
    Path d = Files.createDirectories(dir.resolve("batch"));
    List<String> args = new ArrayList<>(List.of("check", "--input", input.toString(),
        "--profile", "digicert", "--concurrency", "2",
        "--perspectives", "agent:" + AGENTS.get(0).url + ",agent:" + AGENTS.get(1).url,
        "--perspectives-config", dir.resolve("perspectives.json").toString(),
        "--quorum-date", "2025-10-01"));
    args.addAll(LabNetwork.options(current, d));

    CliRun r = CliRun.run(args.toArray(new String[0]));

    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.NOT_READY);
    String[] lines = r.out.strip().split("\n");
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      assertThat(ReportSchema.errors(line)).isEmpty();
      JsonNode report = ReportJson.mapper().readTree(line);
      assertThat(report.get("perspectives")).hasSize(2);
      assertThat(report.has("corroboration")).isTrue();
    }
  }

  @Test
  void anHttpsAgentIsReachedThroughTheConfiguredCa() throws Exception {
    okhttp3.tls.HeldCertificate ca = new okhttp3.tls.HeldCertificate.Builder()
        .certificateAuthority(0).commonName("agents CA").build();
    okhttp3.tls.HeldCertificate server = new okhttp3.tls.HeldCertificate.Builder()
        .addSubjectAlternativeName("127.0.6.3").signedBy(ca).build();
    Path pem = dir.resolve("tls-agent.pem");
    Files.writeString(pem, server.certificatePem() + server.privateKeyPkcs8Pem());
    Files.writeString(dir.resolve("agents-ca.pem"), ca.certificatePem());
    List<String> args = agentArgs(current, "tls", "127.0.6.3:0", "lab-tls", "APNIC");
    args.add("--tls-certificate");
    args.add(pem.toString());
    Agent tls = new Agent(args.toArray(new String[0]));
    try {
      assertThat(tls.url).startsWith("https://127.0.6.3:");
      Path cfg = dir.resolve("tls.json");
      Files.writeString(cfg, "{\"agent:" + tls.url + "\": {\"keyFile\": \"agent.key\","
          + " \"caFile\": \"agents-ca.pem\"}}");
      Path d = Files.createDirectories(dir.resolve("tls-check"));
      List<String> check = new ArrayList<>(List.of("check", "www.example.test", "--profile",
          "digicert", "--dns-txt", "token-2026-8f3a1c5e9b7d2a", "--no-color", "--perspectives",
          "agent:" + tls.url, "--perspectives-config", cfg.toString(),
          "--quorum-date", "2025-10-01"));
      check.addAll(LabNetwork.options(current, d));

      CliRun r = CliRun.run(check.toArray(new String[0]));

      assertThat(r.out).as(r.toString()).contains("READY      lab-tls  (lab-tls, APNIC)")
          .doesNotContain("REMOTE_PERSPECTIVE_FAILED");
    } finally {
      assertThat(tls.stop()).isEqualTo(ExitCodes.INTERRUPTED);
    }
  }

  // ------------------------------------------------------------------ usage errors

  @Test
  void agentOptionsAreCheckedBeforeAnythingListens() throws IOException {
    Path key = dir.resolve("agent.key");
    Files.writeString(dir.resolve("short.key"), "tiny\n");
    assertUsage(CliRun.run("agent", "--region", "x"), "Missing required option");
    assertUsage(CliRun.run("agent", "--key-file", dir.resolve("none.key").toString(),
        "--region", "x"), "dvi agent: --key-file " + dir.resolve("none.key") + ": no such file");
    assertUsage(CliRun.run("agent", "--key-file", dir.resolve("short.key").toString(),
        "--region", "x"), "needs at least 16");
    assertUsage(CliRun.run("agent", "--key-file", key.toString(), "--region", "x", "--rir",
        "MARS"), "Unknown regional internet registry");
    assertUsage(CliRun.run("agent", "--key-file", key.toString(), "--region", "eu central"),
        "region label");
    assertUsage(CliRun.run("agent", "--key-file", key.toString(), "--region", "x", "--listen",
        "agent.example:8453"), "must be an IP address");
    assertUsage(CliRun.run("agent", "--key-file", key.toString(), "--region", "x",
        "--tls-certificate", key.toString()), "needs the server certificate");
  }

  @Test
  void perspectiveOptionsAreCheckedBeforeAnythingIsAsked() throws IOException {
    Path cfg = dir.resolve("perspectives.json");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives-config",
        cfg.toString()), "--perspectives-config needs --perspectives");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "agent:http://127.0.6.9:8453"), "needs a key");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "ssh:host"), "must be agent:URL or openmpic:URL");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "agent:http://127.0.6.9:8453,agent:http://127.0.6.9:8453", "--perspectives-config",
        cfg.toString()), "twice");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "agent:http://127.0.6.9:8453/v1", "--perspectives-config", cfg.toString()),
        "must be a base URL");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "agent:http://127.0.6.9:8453", "--perspectives-config", cfg.toString(),
        "--quorum-date", "2026-13-01"), "--quorum-date '2026-13-01' is not a date");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "openmpic:https://mpic.example/mpic", "--perspectives-config", cfg.toString()),
        "needs the coordinator's perspective codes");

    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"agent:*\": {\"keyfile\": \"agent.key\"}}");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "agent:http://127.0.6.9:8453", "--perspectives-config", bad.toString()),
        "unknown setting \"keyfile\"; known: caFile, keyFile, name, rir");
    Files.writeString(bad, "{\"openmpic:https://mpic.example/mpic\": {\"perspectives\":"
        + " {\"us-east-2\": \"MARS\"}}}");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "openmpic:https://mpic.example/mpic", "--perspectives-config", bad.toString()),
        "Unknown regional internet registry");
    Files.writeString(bad, "[1, 2]");
    assertUsage(CliRun.run("check", "example.com", "--dns-txt", "v", "--perspectives",
        "agent:http://127.0.6.9:8453", "--perspectives-config", bad.toString()),
        "expected a JSON object");
  }

  private static void assertUsage(CliRun r, String message) {
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains(message);
  }
}
