package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code dvi demo} for the methods beyond the seed FAQ: tls-alpn-01 on lab TLS servers,
 * dns-account-01, dns-persist-01, and e-mail and phone readiness (with the lab's SMTP server).
 */
final class OtherMethodsDemoTest {
  @Test
  void everyOtherMethodScenarioShowsItsFinding() throws Exception {
    List<String> args = new ArrayList<>(List.of("demo", "--json"));
    DemoScenarios.otherMethods().forEach(s -> args.add(s.name()));

    CliRun r = CliRun.run(args.toArray(new String[0]));

    Map<String, JsonNode> reports = new LinkedHashMap<>();
    for (String line : r.out.split("\n")) {
      assertThat(ReportSchema.errors(line)).as(line).isEmpty();
      JsonNode json = ReportJson.mapper().readTree(line);
      reports.put(json.get("scenario").asText(), json);
    }
    for (DemoScenario s : DemoScenarios.otherMethods()) {
      JsonNode report = java.util.Objects.requireNonNull(reports.get(s.name()), s.name());
      List<String> codes = new ArrayList<>();
      report.get("findings").forEach(f -> codes.add(f.get("code").asText()));
      assertThat(codes).as(s.name() + ": " + report)
          .doesNotContain("INSPECTION_INTERNAL_ERROR", "METHOD_NOT_OFFERED", "METHOD_RETIRED");
      if (s.expected().isPresent()) {
        assertThat(codes).as(s.name() + ": " + report).contains(s.expected().get().name());
      } else {
        assertThat(report.get("verdict").asText()).as(s.name() + ": " + report)
            .isEqualTo("READY");
      }
    }
    assertThat(r.exitCode).as(r.err).isZero();
  }

  @Test
  void theOtherMethodsAreCovered() {
    List<String> codes = new ArrayList<>();
    DemoScenarios.otherMethods().forEach(s -> codes.add(s.expectation()));

    assertThat(codes).contains("READY", "TLS_ALPN_NOT_NEGOTIATED", "TLS_ALPN_WRONG_DIGEST",
        "DNS_RECORD_AT_WRONG_NAME", "DNS_PERSIST_ACCOUNT_MISMATCH",
        "DNS_PERSIST_WILDCARD_NOT_ALLOWED", "MAIL_NULL_MX", "MAIL_RECIPIENT_REJECTED",
        "CONTACT_RECORD_MALFORMED");
  }
}
