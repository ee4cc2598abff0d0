package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.HostileDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the {@linkplain HostileDnsBattery hostile DNS battery} as its own test and
 * prints the battery's counts at the end (the numbers SECURITY.md records), into {@code
 * target/hostile-battery/dns.txt} too, where {@code scripts/hostile-battery.sh} reads them.
 */
final class HostileDnsBatteryTest {
  private static final HostileDnsBattery.Tally TALLY = new HostileDnsBattery.Tally();

  @TestFactory
  Stream<DynamicTest> everyHostileServerEndsWithTheCasesVerdictAndEscapedOutput() {
    return HostileDnsBattery.cases().stream().map(c -> DynamicTest.dynamicTest(
        c.name + " (" + c.verdict + ")", () -> {
          if (c.knownBug != null) {
            TALLY.disabled(c);
            Assumptions.abort("known bug, case disabled: " + c.knownBug);
          }
          HostileDnsBattery.Outcome o = HostileDnsBattery.run(c);
          TALLY.add(o);
          keep(o);
          assertThat(o.ok()).as(o.describe()).isTrue();
        }));
  }

  @Test
  void hasAtLeastFortyCasesWithDistinctNames() {
    List<String> names = HostileDnsCases.all().stream().map(c -> c.name)
        .collect(Collectors.toList());
    assertThat(names).hasSizeGreaterThanOrEqualTo(40).doesNotHaveDuplicates();
  }

  @Test
  void trapsCountTheQueryWhenThePolicyAllowsNonPublicAddresses() {
    // The SSRF count is only proof if a trap does see a query the policy lets through: the same
    // private glue as the glue-private case, with non-public addresses allowed.
    HostileDnsCase allowed = HostileDnsCase.named("allowed-private-glue", "policy opts in")
        .setup(e -> {
          e.policy = b -> b.allowNonPublicAddresses(true);
          e.parent(HostileDnsCases.glueFor(e, "10.0.0.53", "192.168.1.53"));
        })
        .expectObserved(Verdict.READY, "10.0.0.53", HostileDnsBattery.DIGEST);

    HostileDnsBattery.Outcome o = HostileDnsBattery.run(allowed);

    assertThat(o.ssrfAttempts).as(o.describe()).isPositive();
    InspectionReport report = Objects.requireNonNull(o.report, o.describe());
    assertThat(HostileDnsBattery.judge(allowed, report)).as(o.describe()).isNull();
  }

  @Test
  void aResponderThatThrowsIsReportedAsABrokenCaseNotAsAPass() {
    HostileDnsCase broken = HostileDnsCase.named("broken", "the responder throws")
        .setup(e -> e.both(r -> {
          throw new IllegalStateException("bug in the case");
        }))
        .expect(Verdict.NOT_READY, FindingCode.DNS_SERVER_TIMEOUT, "ns1.victim.com",
            "no answer");

    HostileDnsBattery.Outcome o = HostileDnsBattery.run(broken);

    assertThat(o.ok()).isFalse();
    assertThat(o.setupProblem).contains("bug in the case");
  }

  @Test
  void thePoisonIsWhatTheUnescapedCheckCatches() {
    assertThat(HostileHttpBattery.firstUnsafe("x", HostileDns.POISON, true)).isNotNull();
  }

  /**
   * Writes the case's human report to {@code target/hostile-battery/dns/<case>.txt}, for reading
   * what the inspector says about each hostile server.
   */
  private static void keep(HostileDnsBattery.Outcome o) throws IOException {
    Path dir = Path.of("target", "hostile-battery", "dns");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(o.c.name + ".txt"), o.describe() + System.lineSeparator());
  }

  /** Prints the counts and writes them where scripts/hostile-battery.sh reads them. */
  @AfterAll
  static void printCounts() throws IOException {
    System.out.println(TALLY);
    Path dir = Path.of("target", "hostile-battery");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("dns.txt"), TALLY + System.lineSeparator());
  }
}
