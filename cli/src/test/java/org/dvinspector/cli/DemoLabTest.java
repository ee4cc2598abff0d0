package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo lab can be reached from {@code dvi check} with the options it prints. */
final class DemoLabTest {
  @TempDir Path dir;

  @Test
  void checkReachesTheLabThroughItsNetworkOptions() {
    List<DemoScenario> scenarios = List.of(
        DemoScenarios.byName("record-missing").orElseThrow(),
        DemoScenarios.byName("old-file-content").orElseThrow());
    try (DemoLab lab = DemoLab.start(scenarios, Duration.ofSeconds(10))) {
      List<String> network = lab.networkArguments(dir.resolve("lab.root"));
      assertThat(network).contains("--allow-loopback-addresses").contains("--route");

      List<String> dns = new ArrayList<>(scenarios.get(0).arguments(lab));
      dns.add(0, "check");
      dns.addAll(network);
      CliRun r = CliRun.run(dns.toArray(new String[0]));
      assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
      assertThat(r.out).contains("DNS_RECORD_MISSING");

      List<String> web = new ArrayList<>(scenarios.get(1).arguments(lab));
      web.add(0, "check");
      web.addAll(network);
      r = CliRun.run(web.toArray(new String[0]));
      assertThat(r.exitCode).as(r.toString()).isEqualTo(1);
      assertThat(r.out).contains("HTTP_CONTENT_MISMATCH");
    }
  }
}
