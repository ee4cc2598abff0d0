package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code dvi demo outside-region}: the seed's "website not reachable from outside the region",
 * seen from two local {@code dvi agent}s, one inside the region and one whose route to the web
 * server is refused.
 */
final class DemoOutsideRegionTest {
  @Test
  void twoLocalAgentsShowTheSiteIsReachableFromOneRegionOnly() {
    CliRun r = CliRun.run("demo", "--no-color", "outside-region");

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).containsSubsequence(
        "[1/1] outside-region: The website is not reachable from outside its region",
        "as: dvi check www.outside-region.example.com --profile digicert-console --http-file",
        "--perspectives agent:http://127.0.2.1:", ",agent:http://127.0.2.2:",
        "--perspectives-config ",
        "Remote perspectives (2)",
        "READY      cn-north  (cn-north, APNIC)",
        "passed     http-file",
        "NOT READY  eu-west  (eu-west, RIPE NCC)",
        "failed     http-file  HTTP_CONNECT_FAILED",
        "Quorum  http-file",
        "PERSPECTIVES_DISAGREE",
        "Summary: 1 of 1 scenarios show their finding");
  }

  @Test
  void theJsonReportCarriesEachPerspectiveAndTheQuorum() throws Exception {
    CliRun r = CliRun.run("demo", "--json", "outside-region");

    assertThat(r.exitCode).as(r.toString()).isZero();
    String line = r.out.strip();
    assertThat(ReportSchema.errors(line)).isEmpty();
    JsonNode report = ReportJson.mapper().readTree(line);
    assertThat(report.get("schemaVersion").asInt()).isEqualTo(ReportJson.SCHEMA_VERSION);
    JsonNode perspectives = report.get("perspectives");
    assertThat(perspectives).hasSize(2);
    assertThat(perspectives.get(0).get("name").asText()).isEqualTo("cn-north");
    assertThat(perspectives.get(0).get("rir").asText()).isEqualTo("APNIC");
    assertThat(perspectives.get(0).get("verdict").asText()).isEqualTo("READY");
    assertThat(perspectives.get(1).get("verdict").asText()).isEqualTo("NOT_READY");
    assertThat(perspectives.get(1).get("findings").findValuesAsText("code"))
        .contains("HTTP_CONNECT_FAILED");
    JsonNode check = report.get("corroboration").get("checks").get(0);
    assertThat(check.get("kind").asText()).isEqualTo("http-file");
    assertThat(check.get("corroborating").get(0).asText()).isEqualTo("cn-north");
    assertThat(check.get("nonCorroborating").get(0).asText()).isEqualTo("eu-west");
    assertThat(report.get("observations").findValuesAsText("kind")).contains("REMOTE_AGENT");
  }
}
