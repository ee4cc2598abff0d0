package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** {@code dvi demo}: every scenario of the seed FAQ shows its finding, with no internet. */
final class DemoTest {
  @Test
  void everyScenarioShowsItsFinding() throws Exception {
    CliRun r = CliRun.run("demo", "--json");
    Map<String, JsonNode> reports = new LinkedHashMap<>();
    for (String line : r.out.split("\n")) {
      assertThat(ReportSchema.errors(line)).as(line).isEmpty();
      JsonNode json = ReportJson.mapper().readTree(line);
      reports.put(json.get("scenario").asText(), json);
    }
    SoftAssertions soft = new SoftAssertions();
    for (DemoScenario s : DemoScenarios.all()) {
      JsonNode report = reports.get(s.name());
      soft.assertThat(report).as(s.name()).isNotNull();
      if (report == null) {
        continue;
      }
      List<String> codes = new ArrayList<>();
      report.get("findings").forEach(f -> codes.add(f.get("code").asText()));
      if (s.expected().isPresent()) {
        soft.assertThat(codes).as(s.name() + " findings " + codes + " in " + report)
            .contains(s.expected().get().name());
      } else {
        soft.assertThat(report.get("verdict").asText()).as(s.name() + ": " + report)
            .isEqualTo("READY");
      }
    }
    soft.assertThat(r.exitCode).as(r.err).isZero();
    soft.assertAll();
    assertThat(r.err).contains("Summary: " + DemoScenarios.all().size() + " of "
        + DemoScenarios.all().size() + " scenarios show their finding");
  }

  @Test
  void listNamesEveryScenarioWithItsFinding() {
    CliRun r = CliRun.run("demo", "--list");
    assertThat(r.exitCode).isZero();
    for (DemoScenario s : DemoScenarios.all()) {
      assertThat(r.out).containsPattern("(?m)^" + s.name() + " +" + s.expectation() + " ");
    }
  }

  @Test
  void oneScenarioByNameInHumanForm() {
    CliRun r = CliRun.run("demo", "record-missing");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out).containsSubsequence("[1/1] record-missing: No DNS record added",
        "expects DNS_RECORD_MISSING; as: dvi check www.record-missing.example.com",
        "NOT READY  www.record-missing.example.com", "DNS_RECORD_MISSING",
        "Summary: 1 of 1 scenarios show their finding");
  }

  @Test
  void unknownScenarioIsAUsageError() {
    CliRun r = CliRun.run("demo", "no-such-thing");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).containsExactly(
        "dvi demo: Unknown scenario 'no-such-thing'; see 'dvi demo --list'");
  }

  @Test
  void scenarioNamesAreUniqueAndEverySeedSituationIsCovered() {
    List<String> names = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (DemoScenario s : DemoScenarios.all()) {
      names.add(s.name());
      codes.add(s.expectation());
    }
    assertThat(names).doesNotHaveDuplicates();
    assertThat(codes).contains("READY", "DNS_RECORD_MISSING", "DNS_NOT_YET_VISIBLE",
        "DNS_RECORD_AT_WRONG_NAME", "DNS_VALUE_MISMATCH", "DNS_WILDCARD_ANSWER", "TOKEN_EXPIRED",
        "DNS_STALE_VALUE_CACHED", "DNS_NOT_ON_ALL_NAMESERVERS", "DNS_SERVER_TIMEOUT",
        "DNS_SERVER_FAILURE", "DNS_LAME_DELEGATION", "HTTP_FILE_NOT_FOUND", "HTTP_FILE_AT_WRONG_PATH",
        "HTTP_CONNECT_FAILED", "HTTP_TIMEOUT", "HTTP_INCONSISTENT_ACROSS_ENDPOINTS",
        "HTTP_CONTENT_MISMATCH", "HTTPS_UNREACHABLE", "HTTP_REDIRECT_NOT_ALLOWED",
        "HTTP_REDIRECT_LOOP", "METHOD_NOT_ALLOWED_FOR_WILDCARD", "POLICY_MANUAL_REVIEW_LIKELY",
        "CAA_FORBIDS_ISSUER", "CAA_INHERITED_VIA_CNAME", "ADDRESS_NOT_PUBLIC",
        "DOMAIN_NOT_RESOLVABLE");
  }
}
