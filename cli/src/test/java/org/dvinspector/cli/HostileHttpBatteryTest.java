package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the {@linkplain HostileHttpBattery hostile HTTP battery} as its own test and
 * prints the battery's counts at the end (the numbers SECURITY.md records).
 */
final class HostileHttpBatteryTest {
  private static final HostileHttpBattery.Tally TALLY = new HostileHttpBattery.Tally();

  @TestFactory
  Stream<DynamicTest> everyHostileServerEndsWithTheCasesVerdictAndEscapedOutput() {
    return HostileHttpBattery.cases().stream().map(c -> DynamicTest.dynamicTest(
        c.name + " (" + c.verdict + ")", () -> {
          HostileHttpBattery.Outcome o = HostileHttpBattery.run(c);
          TALLY.add(o);
          assertThat(o.ok()).as(o.describe()).isTrue();
        }));
  }

  @Test
  void hasAtLeastThirtyCasesWithDistinctNames() {
    List<String> names = HostileHttpBattery.cases().stream().map(c -> c.name)
        .collect(Collectors.toList());
    assertThat(names).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
  }

  @Test
  void detectsUnescapedOutput() {
    // The check the battery relies on must itself catch what it is looking for.
    assertThat(HostileHttpBattery.firstUnsafe("x", "ok\nline", true)).isNull();
    assertThat(HostileHttpBattery.firstUnsafe("x", "a\u001b[31m", true)).contains("U+001B");
    assertThat(HostileHttpBattery.firstUnsafe("x", "a\u009b", false)).contains("U+009B");
    assertThat(HostileHttpBattery.firstUnsafe("x", "a\u202eb", false)).contains("U+202E");
    assertThat(HostileHttpBattery.firstUnsafe("x", "a\u200bb", false)).contains("U+200B");
    assertThat(HostileHttpBattery.firstUnsafe("x", "a\u0000b", true)).contains("U+0000");
    assertThat(HostileHttpBattery.firstUnsafe("x", "a\nb", false)).contains("U+000A");
  }

  @Test
  void trapsCountTheConnectionWhenThePolicyAllowsNonPublicAddresses() {
    // The SSRF count is only proof if a trap does see a connection the policy lets through.
    HostileHttpCase allowed = HostileHttpCase.named("allowed-loopback", "policy opts in")
        .setup(e -> {
          e.policy = b -> b.allowNonPublicAddresses(true);
          e.serve(HostileHttpBattery.A, 80, org.dvinspector.testkit.HostileHttp.redirect(301,
              "http://127.0.0.1" + HostileHttpBattery.PATH));
        })
        .expect(org.dvinspector.Verdict.READY, org.dvinspector.FindingCode.CHECK_PASSED,
            "127.0.0.1", "expected value");

    HostileHttpBattery.Outcome o = HostileHttpBattery.run(allowed);

    assertThat(o.ssrfAttempts).isEqualTo(1);
    org.dvinspector.InspectionReport report = o.report;
    assertThat(report).isNotNull();
    assertThat(HostileHttpBattery.judge(allowed, java.util.Objects.requireNonNull(report))).isNull();
  }

  /** Prints the counts and writes them where scripts/hostile-battery.sh reads them. */
  @AfterAll
  static void printCounts() throws java.io.IOException {
    System.out.println(TALLY);
    java.nio.file.Path dir = java.nio.file.Path.of("target", "hostile-battery");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.writeString(dir.resolve("http.txt"), TALLY + System.lineSeparator());
  }
}
