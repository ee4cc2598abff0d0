package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class ReportJsonTest {
  @Test
  void notReadyReportIsValidAgainstTheSchema() {
    ObjectNode json = ReportJson.toJson(Reports.notOnAllNameservers(), 0);
    assertThat(ReportSchema.errors(json)).isEmpty();
  }

  @Test
  void readyReportWithLineNumberIsValidAgainstTheSchema() {
    ObjectNode json = ReportJson.toJson(Reports.ready(), 7);
    assertThat(ReportSchema.errors(json)).isEmpty();
    assertThat(json.get("line").asInt()).isEqualTo(7);
  }

  @Test
  void schemaRejectsAMissingVerdictAndAnUndocumentedField() {
    ObjectNode json = ReportJson.toJson(Reports.ready(), 0);
    json.remove("verdict");
    json.put("surprise", true);
    assertThat(ReportSchema.errors(json)).hasSize(2);
  }

  @Test
  void everyFieldOfTheReportIsWritten() {
    JsonNode json = ReportJson.toJson(Reports.notOnAllNameservers(), 0);
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(json.get("domain").asText()).isEqualTo("www.example.com");
    assertThat(json.get("verdict").asText()).isEqualTo("NOT_READY");
    assertThat(json.at("/profile/id").asText()).isEqualTo("baseline");
    assertThat(json.get("tokenCreatedAt").asText()).isEqualTo("2026-01-30T10:00:00Z");
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-01-31T10:00:00Z");
    assertThat(json.get("durationMillis").asDouble()).isEqualTo(12.0);
    assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
    assertThat(json.at("/summary/infos").asInt()).isEqualTo(1);

    assertThat(json.at("/checks/0/kind").asText()).isEqualTo("dns-txt");
    assertThat(json.at("/checks/0/brSection").asText()).isEqualTo("3.2.2.4.7");
    assertThat(json.at("/checks/0/expected/name").asText()).isEqualTo("_dnsauth.www.example.com");
    assertThat(json.at("/checks/0/expected/value").asText()).isEqualTo("token-1");
    assertThat(json.at("/checks/0/status").asText()).isEqualTo("FAILED");
    assertThat(json.at("/checks/1/method").isNull()).isTrue();
    assertThat(json.at("/checks/1/expected/issuers/0").asText()).isEqualTo("digicert.com");

    JsonNode finding = json.at("/findings/0");
    assertThat(finding.get("code").asText()).isEqualTo("DNS_NOT_ON_ALL_NAMESERVERS");
    assertThat(finding.get("severity").asText()).isEqualTo("ERROR");
    assertThat(finding.get("area").asText()).isEqualTo("DNS");
    assertThat(finding.get("remedy").asText()).startsWith("Publish the record");
    assertThat(finding.get("method").asText()).isEqualTo("dns-txt");
    assertThat(finding.at("/evidence/1/perspective/address").asText()).isEqualTo("2001:db8:0:0:0:0:0:2");
    assertThat(finding.at("/evidence/1/detail").asText()).isEqualTo("NXDOMAIN");
    assertThat(finding.at("/attributes/serving").asText()).isEqualTo("1");
    assertThat(json.at("/findings/1/remedy").isNull()).isTrue();

    JsonNode observation = json.at("/observations/2");
    assertThat(observation.at("/perspective/kind").asText()).isEqualTo("RECURSIVE_RESOLVER");
    assertThat(observation.get("outcome").asText()).isEqualTo("ANSWER");
    assertThat(observation.get("latencyMillis").asDouble()).isEqualTo(1.235);
    assertThat(observation.get("causes").isArray()).isTrue();
    assertThat(observation.get("auxiliary").isBoolean()).isTrue();
    assertThat(json.at("/dependentChain/observations").isArray()).isTrue();
  }

  @Test
  void networkValuesWithC1AndFormatCharactersAreEscapedInTheJsonText() throws Exception {
    DnsTxtCheck txt = DnsTxtCheck.atDomain("v");
    String found = "csi\u009b31m \u202eevil \u200b\u2066 nel\u0085 del\u007f ls\u2028 \u001b[2J";
    InspectionReport report = InspectionReport.builder()
        .request(InspectionRequest.builder().domain("example.com").addChecks(txt).build())
        .verdict(Verdict.NOT_READY)
        .addFindings(Finding.builder(FindingCode.DNS_VALUE_MISMATCH)
            .message("mismatch")
            .attribute("found", found)
            .build())
        .addCheckResults(CheckResult.of(txt, CheckResult.Status.FAILED, Duration.ZERO))
        .startedAt(Instant.EPOCH)
        .duration(Duration.ZERO)
        .build();

    for (String text : List.of(ReportJson.line(ReportJson.toJson(report, 3)),
        ReportJson.pretty(ReportJson.toJson(report, 0)))) {
      assertThat(text.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)
          || Character.getType(c) == Character.FORMAT || c == 0x2028)).isEmpty();
      assertThat(text).contains("csi\\u009b31m \\u202eevil \\u200b\\u2066 nel\\u0085 del\\u007F"
          + " ls\\u2028 \\u001B[2J");
      // The value itself is unchanged for a JSON reader.
      JsonNode back = ReportJson.mapper().readTree(text);
      assertThat(back.at("/findings/0/attributes/found").asText()).isEqualTo(found);
    }
    // Unicode that is not a control stays readable.
    assertThat(ReportJson.line(ReportJson.mapper().createObjectNode().put("d", "b\u00fccher \u4e2d")))
        .isEqualTo("{\"d\":\"b\u00fccher \u4e2d\"}");
  }

  @Test
  void schemaEnumsListEveryValueOfTheLibrarysEnums() {
    JsonNode schema = ReportSchema.json();
    assertThat(values(schema.at("/properties/verdict/enum"))).containsExactlyInAnyOrderElementsOf(names(Verdict.values()));
    assertThat(values(schema.at("/$defs/finding/properties/severity/enum")))
        .containsExactlyInAnyOrderElementsOf(names(Severity.values()));
    assertThat(values(schema.at("/$defs/finding/properties/area/enum")))
        .containsExactlyInAnyOrderElementsOf(names(FindingCode.Area.values()));
    assertThat(values(schema.at("/$defs/check/properties/status/enum")))
        .containsExactlyInAnyOrderElementsOf(names(CheckResult.Status.values()));
    assertThat(values(schema.at("/$defs/observation/properties/outcome/enum")))
        .containsExactlyInAnyOrderElementsOf(names(Observation.Outcome.values()));
    assertThat(values(schema.at("/$defs/perspective/properties/kind/enum")))
        .containsExactlyInAnyOrderElementsOf(names(Perspective.Kind.values()));
    List<String> labels = new ArrayList<>();
    for (Method m : Method.values()) {
      labels.add(m.label());
    }
    labels.add("null");
    assertThat(values(schema.at("/$defs/method/enum"))).containsExactlyInAnyOrderElementsOf(labels);
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isNull() ? "null" : n.asText()));
    return out;
  }

  private static List<String> names(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> e : values) {
      out.add(e.name());
    }
    return out;
  }
}
