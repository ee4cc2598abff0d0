package org.dvinspector;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class CorroborationEvaluatorTest {
  private static final Check DNS = DnsTxtCheck.of("_dnsauth", "token");
  private static final Check CAA = CaaCheck.forIssuers("digicert.com");
  /** The BR table alone: no registry rule, enforced. */
  private static final QuorumPolicy TABLE_ONLY =
      QuorumPolicy.builder().minRemotePerspectives(2).minCorroboratingRirs(0).build();

  private static CheckResult result(Check check, CheckResult.Status status) {
    return CheckResult.of(check, status, Duration.ofMillis(5));
  }

  private static PerspectiveOutcome remote(String name, Rir rir, CheckResult.Status... statuses) {
    PerspectiveOutcome.Builder b = PerspectiveOutcome.builder()
        .perspective(PerspectiveOutcome.remote(name, Optional.of(rir))).rir(rir);
    List<Check> checks = List.of(DNS, CAA);
    for (int i = 0; i < statuses.length; i++) {
      b.addCheckResults(result(checks.get(i), statuses[i]));
    }
    return b.build();
  }

  private static List<PerspectiveOutcome> remotes(int total, int failing) {
    List<PerspectiveOutcome> out = new ArrayList<>();
    Rir[] rirs = Rir.values();
    for (int i = 0; i < total; i++) {
      out.add(remote("r" + i, rirs[i % rirs.length],
          i < failing ? CheckResult.Status.FAILED : CheckResult.Status.PASSED));
    }
    return out;
  }

  private static List<FindingCode> codes(Corroboration c) {
    return c.findings().stream().map(Finding::code).toList();
  }

  @ParameterizedTest(name = "{0} remote perspectives tolerate {1} non-corroborations")
  @CsvSource({"0, 0", "1, 0", "2, 1", "3, 1", "4, 1", "5, 1", "6, 2", "7, 2", "12, 2"})
  void brQuorumTable(int remotePerspectives, int allowed) {
    assertThat(QuorumPolicy.allowedNonCorroborations(remotePerspectives)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} remote, {1} failing -> quorum met: {2}")
  @CsvSource({
      "2, 0, true", "2, 1, true", "2, 2, false",
      "3, 1, true", "3, 2, false",
      "4, 1, true", "4, 2, false",
      "5, 1, true", "5, 2, false",
      "6, 1, true", "6, 2, true", "6, 3, false",
      "7, 2, true", "7, 3, false",
      "10, 2, true", "10, 3, false"})
  void quorumFollowsTheBrTable(int total, int failing, boolean met) {
    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes(total, failing),
        TABLE_ONLY);

    assertThat(c.quorumMet()).isEqualTo(met);
    assertThat(c.checks().get(0).nonCorroborating()).hasSize(failing);
    assertThat(codes(c).contains(FindingCode.QUORUM_NOT_MET)).isEqualTo(!met);
    assertThat(codes(c).contains(FindingCode.PERSPECTIVES_DISAGREE)).isEqualTo(failing > 0);
  }

  @Test
  void quorumNotMetIsAnErrorNamingTheFailingPerspectives() {
    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes(4, 2), TABLE_ONLY);

    Finding f = c.findings().stream().filter(x -> x.code() == FindingCode.QUORUM_NOT_MET)
        .findFirst().orElseThrow();
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.message()).contains("2 of 4 remote perspectives (r0, r1)", "tolerates 1");
    assertThat(f.method()).contains(Method.DNS_TXT);
    assertThat(f.attributes()).containsEntry("nonCorroborations", "2")
        .containsEntry("allowedNonCorroborations", "1");
    // The primary plus each remote perspective: who saw what.
    assertThat(f.evidence()).hasSize(5);
    assertThat(f.evidence().get(1).perspective().name()).isEqualTo("r0");
    assertThat(f.evidence().get(1).detail()).startsWith("failed");
  }

  @Test
  void corroboratingPerspectivesMustSpanTwoRegistriesWhenThePolicySaysSo() {
    QuorumPolicy policy = QuorumPolicy.baselineRequirements(LocalDate.of(2026, 4, 1));
    List<PerspectiveOutcome> remotes = List.of(
        remote("us-east", Rir.ARIN, CheckResult.Status.PASSED),
        remote("us-west", Rir.ARIN, CheckResult.Status.PASSED),
        remote("ca-central", Rir.ARIN, CheckResult.Status.PASSED),
        remote("eu-central", Rir.RIPE_NCC, CheckResult.Status.FAILED));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes, policy);

    assertThat(c.quorumMet()).isFalse();
    assertThat(c.checks().get(0).corroboratingRirs()).containsExactly(Rir.ARIN);
    Finding f = c.findings().stream().filter(x -> x.code() == FindingCode.QUORUM_NOT_MET)
        .findFirst().orElseThrow();
    assertThat(f.message()).contains("1 regional internet registry (ARIN)", "from 2");
  }

  @Test
  void twoRegistriesAmongCorroboratingPerspectivesMeetThePolicy() {
    QuorumPolicy policy = QuorumPolicy.baselineRequirements(LocalDate.of(2026, 4, 1));
    List<PerspectiveOutcome> remotes = List.of(
        remote("us-east", Rir.ARIN, CheckResult.Status.PASSED),
        remote("eu-central", Rir.RIPE_NCC, CheckResult.Status.PASSED),
        remote("ap-south", Rir.APNIC, CheckResult.Status.FAILED));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes, policy);

    assertThat(c.quorumMet()).isTrue();
    assertThat(codes(c)).containsExactly(FindingCode.PERSPECTIVES_DISAGREE);
    assertThat(c.findings().get(0).message()).contains("one more failure would fail validation");
  }

  @Test
  void supplyingFewerPerspectivesThanTheCaUsesIsReportedAndTheRegistryRuleSkipped() {
    QuorumPolicy policy = QuorumPolicy.baselineRequirements(LocalDate.of(2026, 12, 20));
    List<PerspectiveOutcome> remotes = List.of(
        remote("a", Rir.RIPE_NCC, CheckResult.Status.PASSED),
        remote("b", Rir.RIPE_NCC, CheckResult.Status.PASSED));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes, policy);

    assertThat(c.quorumMet()).isTrue();
    assertThat(codes(c)).containsExactly(FindingCode.PERSPECTIVES_INSUFFICIENT);
    assertThat(c.findings().get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(c.findings().get(0).message()).contains("at least 5 in 2 registries");
  }

  @Test
  void beforeEnforcementAFailedQuorumIsOnlyAWarning() {
    QuorumPolicy policy = QuorumPolicy.baselineRequirements(LocalDate.of(2025, 5, 1));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes(2, 2), policy);

    assertThat(policy.enforced()).isFalse();
    assertThat(c.findings()).filteredOn(f -> f.code() == FindingCode.QUORUM_NOT_MET)
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
  }

  @Test
  void checkThatFailsAtThePrimaryIsNotPutToTheQuorumButDisagreementIsShown() {
    List<Finding> primaryFindings = List.of(Finding.builder(FindingCode.DNS_RECORD_MISSING)
        .message("No TXT record at _dnsauth.example.com").method(Method.DNS_TXT).build());

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.FAILED)), primaryFindings, remotes(3, 0), TABLE_ONLY);

    assertThat(c.checks().get(0).evaluated()).isFalse();
    assertThat(c.quorumMet()).isTrue();
    assertThat(codes(c)).containsExactly(FindingCode.PERSPECTIVES_DISAGREE);
    Finding f = c.findings().get(0);
    assertThat(f.message()).contains("check fails from here but passes from 3 of 3");
    assertThat(f.evidence().get(0).detail())
        .isEqualTo("primary: failed - DNS_RECORD_MISSING: No TXT record at _dnsauth.example.com");
  }

  @Test
  void perspectiveThatGaveNoAnswerDoesNotCorroborate() {
    List<PerspectiveOutcome> remotes = List.of(
        remote("a", Rir.ARIN, CheckResult.Status.PASSED),
        PerspectiveOutcome.failed("b", Optional.of(Rir.APNIC), "connection refused"),
        PerspectiveOutcome.failed("c", Optional.of(Rir.LACNIC), "timeout\n"));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes, TABLE_ONLY);

    assertThat(c.quorumMet()).isFalse();
    assertThat(c.checks().get(0).nonCorroborating()).containsExactly("b", "c");
    // Had b and c answered and passed, the quorum would hold: undecided, not failed.
    assertThat(c.quorumUndecided()).isTrue();
    Finding f = c.findings().get(0);
    assertThat(f.code()).isEqualTo(FindingCode.QUORUM_UNDECIDED);
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.message()).contains("2 (b, c) gave no answer");
    assertThat(f.evidence()).extracting(Evidence::detail)
        .contains("no answer - connection refused", "no answer - timeout\\n");
  }

  @Test
  void perspectiveThatGaveNoAnswerCannotRescueAQuorumBrokenByFailures() {
    List<PerspectiveOutcome> remotes = List.of(
        remote("a", Rir.ARIN, CheckResult.Status.PASSED),
        remote("b", Rir.APNIC, CheckResult.Status.FAILED),
        remote("c", Rir.LACNIC, CheckResult.Status.FAILED),
        PerspectiveOutcome.failed("d", Optional.of(Rir.RIPE_NCC), "connection refused"));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes, TABLE_ONLY);

    assertThat(c.quorumUndecided()).isFalse();
    assertThat(c.findings()).extracting(Finding::code).contains(FindingCode.QUORUM_NOT_MET)
        .doesNotContain(FindingCode.QUORUM_UNDECIDED);
  }

  @Test
  void silentPerspectiveInAMissingRegistryLeavesTheRegistryRuleUndecided() {
    QuorumPolicy twoRirs = QuorumPolicy.builder().minRemotePerspectives(3)
        .minCorroboratingRirs(2).build();
    List<PerspectiveOutcome> remotes = List.of(
        remote("a", Rir.ARIN, CheckResult.Status.PASSED),
        remote("b", Rir.ARIN, CheckResult.Status.PASSED),
        PerspectiveOutcome.failed("c", Optional.of(Rir.RIPE_NCC), "read timed out"));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), remotes, twoRirs);

    assertThat(c.quorumMet()).isFalse();
    assertThat(c.checks().get(0).undecided()).isTrue();
    assertThat(c.findings()).extracting(Finding::code).contains(FindingCode.QUORUM_UNDECIDED);
  }

  @Test
  void failedPerspectiveIsUnknownAtThatPerspectiveAndSaysWhy() {
    PerspectiveOutcome o = PerspectiveOutcome.failed("eu", Optional.of(Rir.RIPE_NCC),
        "agent refused the key");

    assertThat(o.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(o.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.REMOTE_PERSPECTIVE_FAILED);
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
      assertThat(f.remedy()).isPresent();
    });
    assertThat(remote("a", Rir.ARIN, CheckResult.Status.PASSED).verdict()).isEqualTo(Verdict.READY);
    assertThat(remote("a", Rir.ARIN, CheckResult.Status.FAILED).verdict())
        .isEqualTo(Verdict.NOT_READY);
    assertThat(remote("a", Rir.ARIN, CheckResult.Status.UNDECIDED).verdict())
        .isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void eachCheckIsJudgedOnItsOwn() {
    List<PerspectiveOutcome> remotes = List.of(
        remote("a", Rir.ARIN, CheckResult.Status.FAILED, CheckResult.Status.PASSED),
        remote("b", Rir.RIPE_NCC, CheckResult.Status.FAILED, CheckResult.Status.PASSED),
        remote("c", Rir.APNIC, CheckResult.Status.PASSED, CheckResult.Status.PASSED));

    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED), result(CAA, CheckResult.Status.PASSED)),
        List.of(), remotes, TABLE_ONLY);

    assertThat(c.checks()).extracting(CheckCorroboration::quorumMet).containsExactly(false, true);
    assertThat(c.findings()).filteredOn(f -> f.code() == FindingCode.QUORUM_NOT_MET)
        .singleElement().extracting(f -> f.method().orElseThrow()).isEqualTo(Method.DNS_TXT);
  }

  @Test
  void noRemotePerspectivesMeansNothingToEvaluate() {
    Corroboration c = CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(), List.of(), TABLE_ONLY);

    assertThat(c.findings()).isEmpty();
    assertThat(c.checks().get(0).evaluated()).isFalse();
  }

  @Test
  void duplicateRemoteNamesAreRejected() {
    assertThatThrownBy(() -> CorroborationEvaluator.evaluate(
        List.of(result(DNS, CheckResult.Status.PASSED)), List.of(),
        List.of(remote("a", Rir.ARIN, CheckResult.Status.PASSED),
            remote("a", Rir.APNIC, CheckResult.Status.PASSED)), TABLE_ONLY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a\"");
  }

  @ParameterizedTest(name = "{0}: {1} remote perspectives, {2} registries, enforced {3}")
  @CsvSource({
      "2025-03-14, 0, 0, false",
      "2025-03-15, 2, 0, false",
      "2025-09-15, 2, 0, true",
      "2026-03-14, 2, 0, true",
      "2026-03-15, 3, 2, true",
      "2026-06-15, 4, 2, true",
      "2026-12-14, 4, 2, true",
      "2026-12-15, 5, 2, true",
      "2030-01-01, 5, 2, true"})
  void brPhasedTimeline(LocalDate date, int remote, int rirs, boolean enforced) {
    QuorumPolicy p = QuorumPolicy.baselineRequirements(date);

    assertThat(p.minRemotePerspectives()).isEqualTo(remote);
    assertThat(p.minCorroboratingRirs()).isEqualTo(rirs);
    assertThat(p.enforced()).isEqualTo(enforced);
  }

  @Test
  void registryNamesParseLeniently() {
    assertThat(Rir.fromName("ripe")).isEqualTo(Rir.RIPE_NCC);
    assertThat(Rir.fromName("RIPE NCC")).isEqualTo(Rir.RIPE_NCC);
    assertThat(Rir.fromName("arin")).isEqualTo(Rir.ARIN);
    assertThatThrownBy(() -> Rir.fromName("moon")).isInstanceOf(IllegalArgumentException.class);
  }
}
