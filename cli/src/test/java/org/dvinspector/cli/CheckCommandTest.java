package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dvi check} run in-process against a DNS lab on loopback, through its network options. */
final class CheckCommandTest {
  private static final String TOKEN = "check-token-5d1e-K7d2Qm9Xw4";
  private static DnsLab lab;

  @TempDir static Path dir;

  @BeforeAll
  static void startLab() {
    lab = DnsLab.builder()
        .zone("shop.example.com", z -> z
            .nameserver("ns1.shop.example.com", "127.0.0.21")
            .nameserver("ns2.shop.example.com", "127.0.0.22")
            .records("_dnsauth.ready TXT \"" + TOKEN + "\"", "ready A 127.0.1.1",
                "missing A 127.0.1.1", "geo A 127.0.1.1"))
        .start();
    // geo.shop.example.com: the record only in the line of this machine's network (a GeoDNS
    // provider's line): the CA's perspective networks get NXDOMAIN.
    lab.zone("shop.example.com").addForClientSubnet("127.0.0.0/8",
        "_dnsauth.geo TXT \"" + TOKEN + "\"");
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  private static CliRun check(String... first) {
    return CliRun.run(LabNetwork.args(lab, dir, first));
  }

  @Test
  void readyDomainExitsZeroWithTheVerdictFirst() {
    CliRun r = check("check", "ready.shop.example.com", "--dns-txt", TOKEN, "--txt-label", "_dnsauth");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).startsWith("READY  ready.shop.example.com");
    assertThat(r.out).contains("PASSED     dns-txt  TXT _dnsauth.ready.shop.example.com");
    assertThat(r.err).isEmpty();
  }

  @Test
  void missingRecordIsNotReadyInHumanForm() {
    CliRun r = check("check", "missing.shop.example.com", "--dns-txt", TOKEN, "--txt-label", "_dnsauth");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(r.out).startsWith("NOT READY  missing.shop.example.com");
    assertThat(r.out).containsSubsequence("Errors (", "DNS_RECORD_MISSING", "Fix: ", " | ");
  }

  @Test
  void missingRecordIsNotReadyInJsonValidAgainstTheSchema() throws Exception {
    CliRun r = check("check", "missing.shop.example.com", "--dns-txt", TOKEN, "--txt-label",
        "_dnsauth", "--json");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(ReportSchema.errors(r.out)).isEmpty();
    JsonNode json = ReportJson.mapper().readTree(r.out);
    assertThat(json.get("verdict").asText()).isEqualTo("NOT_READY");
    List<String> codes = new ArrayList<>();
    json.get("findings").forEach(f -> codes.add(f.get("code").asText()));
    assertThat(codes).contains("DNS_RECORD_MISSING");
    assertThat(json.get("observations").size()).isPositive();
    assertThat(json.at("/observations/0/perspective/kind").asText()).isNotEmpty();
  }

  @Test
  void colourOnlyOnATerminalWithoutNoColor() {
    String[] args = LabNetwork.args(lab, dir, "check", "ready.shop.example.com", "--dns-txt",
        TOKEN, "--txt-label", "_dnsauth");
    assertThat(CliRun.run(Map.of(), true, args).out).contains("\u001b[1;32mREADY");
    assertThat(CliRun.run(Map.of("NO_COLOR", "1"), true, args).out).doesNotContain("\u001b[");
    assertThat(CliRun.run(Map.of(), false, args).out).doesNotContain("\u001b[");
    List<String> noColor = new ArrayList<>(List.of(args));
    noColor.add("--no-color");
    assertThat(CliRun.run(Map.of(), true, noColor.toArray(new String[0])).out)
        .doesNotContain("\u001b[");
  }

  @Test
  void verboseListsObservations() {
    CliRun r = check("check", "ready.shop.example.com", "--dns-txt", TOKEN, "--txt-label",
        "_dnsauth", "-v");
    assertThat(r.out).contains("Observations (").contains("TXT _dnsauth.ready.shop.example.com");
  }

  @Test
  void ecsIsOnByDefaultForACaProfileAndFindsTheRegionalAnswer() throws Exception {
    CliRun r = check("check", "geo.shop.example.com", "--profile", "digicert", "--dns-txt", TOKEN,
        "--no-caa", "--json");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
    assertThat(ReportSchema.errors(r.out)).isEmpty();
    JsonNode json = ReportJson.mapper().readTree(r.out);
    JsonNode finding = json.get("findings").get(0);
    for (JsonNode f : json.get("findings")) {
      if (f.get("code").asText().equals("DNS_ANSWER_DEPENDS_ON_CLIENT_REGION")) {
        finding = f;
      }
    }
    assertThat(finding.get("code").asText()).as(r.out)
        .isEqualTo("DNS_ANSWER_DEPENDS_ON_CLIENT_REGION");
    assertThat(finding.get("severity").asText()).isEqualTo("ERROR");
    assertThat(finding.at("/attributes/registriesWithout").asText()).contains("ARIN");
    assertThat(finding.get("evidence").toString()).contains("\"region\":\"eu-central-1 (Frankfurt),"
        + " RIPE NCC\"");
  }

  @Test
  void ecsOffAsksNoRegionAndOnAsksFromTheRepresentativeNetworksForBaseline() {
    CliRun off = check("check", "geo.shop.example.com", "--profile", "digicert", "--dns-txt",
        TOKEN, "--no-caa", "--ecs", "off", "-v");
    CliRun baseline = check("check", "geo.shop.example.com", "--dns-txt", TOKEN, "--txt-label",
        "_dnsauth", "-v");
    CliRun on = check("check", "geo.shop.example.com", "--dns-txt", TOKEN, "--txt-label",
        "_dnsauth", "--ecs", "on");

    assertThat(off.exitCode).as(off.toString()).isZero();
    assertThat(off.out).doesNotContain("client subnet");
    assertThat(baseline.exitCode).as(baseline.toString()).isZero();
    assertThat(baseline.out).doesNotContain("client subnet");
    assertThat(on.exitCode).as(on.toString()).isEqualTo(1);
    assertThat(on.out).contains("DNS_ANSWER_DEPENDS_ON_CLIENT_REGION")
        .contains("af-south-1 (Cape Town) 13.244.0.0/15 (AFRINIC)");
  }

  @Test
  void aBadEcsValueIsAUsageError() {
    CliRun r = check("check", "geo.shop.example.com", "--dns-txt", TOKEN, "--ecs", "maybe");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--ecs takes on or off, not 'maybe'");
  }

  @Test
  void aBadTrustAnchorFileExitsWithUsageAndOneClearLine() throws Exception {
    Path bad = dir.resolve("bad.anchors");
    java.nio.file.Files.writeString(bad, ". IN DS 1 8 2 ZZ\n");
    CliRun r = CliRun.run("check", "ready.shop.example.com", "--dns-txt", TOKEN,
        "--trust-anchor", bad.toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--trust-anchor " + bad).contains("line 1");
    assertThat(r.out).isEmpty();
  }
}
