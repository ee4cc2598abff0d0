package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dvi check --input}: a batch of 100 requests against the lab. */
final class BatchTest {
  private static final int N = 100;
  private static DnsLab lab;

  @TempDir static Path dir;

  @BeforeAll
  static void startLab() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      records.add("_dnsauth.h" + i + " TXT \"tok-" + i + "\"");
    }
    lab = DnsLab.builder()
        .zone("batch.example.com", z -> z
            .nameserver("ns1.batch.example.com", "127.0.0.41")
            .nameserver("ns2.batch.example.com", "127.0.0.42")
            .records(records.toArray(new String[0])))
        .start();
  }

  @AfterAll
  static void stopLab() {
    lab.close();
  }

  @Test
  void hundredRequestsGiveHundredJsonLinesAndProgress() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < N; i++) {
      // Every tenth request expects a value that is not published.
      String value = i % 10 == 0 ? "wrong-" + i : "tok-" + i;
      jsonl.append("{\"domain\":\"h").append(i).append(".batch.example.com\",\"dns-txt\":\"")
          .append(value).append("\"}\n");
    }
    Path input = dir.resolve("requests.jsonl");
    Files.writeString(input, jsonl);

    CliRun r = CliRun.run(LabNetwork.args(lab, dir, "check", "--input", input.toString(),
        "--txt-label", "_dnsauth", "--concurrency", "16"));

    assertThat(r.exitCode).as(r.err).isEqualTo(1);
    String[] lines = r.out.split("\n");
    assertThat(lines).hasSize(N);
    Set<Integer> seen = new HashSet<>();
    int notReady = 0;
    for (String line : lines) {
      assertThat(ReportSchema.errors(line)).isEmpty();
      JsonNode json = ReportJson.mapper().readTree(line);
      int n = json.get("line").asInt();
      seen.add(n);
      assertThat(json.get("domain").asText()).isEqualTo("h" + (n - 1) + ".batch.example.com");
      if (json.get("verdict").asText().equals("NOT_READY")) {
        notReady++;
        assertThat((n - 1) % 10).isZero();
      }
    }
    assertThat(seen).hasSize(N);
    assertThat(notReady).isEqualTo(N / 10);
    assertThat(r.errLines()[0]).isEqualTo("dvi: checking 100 requests...");
    assertThat(r.errLines()).contains("dvi: 50/100 done (50%): 45 ready, 5 not ready, 0 unknown")
        .hasSize(11);
    assertThat(r.errLines()[10])
        .isEqualTo("dvi: 100/100 done (100%): 90 ready, 10 not ready, 0 unknown");
  }

  @Test
  void csvInputWorksToo() throws Exception {
    Path input = dir.resolve("requests.csv");
    Files.writeString(input, "domain,dns-txt,txt-label\nh1.batch.example.com,tok-1,_dnsauth\n"
        + "h2.batch.example.com,tok-2,_dnsauth\n");
    CliRun r = CliRun.run(LabNetwork.args(lab, dir, "check", "--input", input.toString()));
    assertThat(r.exitCode).as(r.err).isZero();
    assertThat(r.out.split("\n")).hasSize(2);
  }

  @Test
  void badLineIsAUsageErrorNamingTheLineBeforeAnythingRuns() throws Exception {
    Path input = dir.resolve("bad.jsonl");
    Files.writeString(input, "{\"domain\":\"h1.batch.example.com\",\"dns-txt\":\"tok-1\"}\n"
        + "{\"domain\":\"bad domain\",\"dns-txt\":\"x\"}\n");
    CliRun r = CliRun.run(LabNetwork.args(lab, dir, "check", "--input", input.toString()));
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).singleElement().asString()
        .startsWith("dvi check: --input " + input + " line 2: ");
    assertThat(r.out).isEmpty();
  }
}
