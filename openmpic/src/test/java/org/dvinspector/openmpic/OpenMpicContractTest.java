package org.dvinspector.openmpic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvinspector.testkit.InspectorAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.CheckCorroboration;
import org.dvinspector.CheckResult;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MultiPerspectiveInspector;
import org.dvinspector.Observation;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.Severity;
import org.dvinspector.Verdict;
import org.dvinspector.spi.RemotePerspective;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract tests of the Open MPIC adapter: a coordinator played by {@link FakeCoordinator} (a
 * mockwebserver3 dispatcher that checks our requests against the Open MPIC APIv2 specification
 * and answers with fixtures written from it), the primary perspective the real dns and caa
 * modules on the testkit's DNS lab, and {@link MultiPerspectiveInspector} deciding the quorum as
 * the BR 3.2.2.9 table says. The engine itself is not run (it needs AWS, Docker or PyPI).
 *
 * <p>The deployment has four perspectives: us-east-1, us-east-2 and us-west-2 (ARIN) and
 * eu-west-2 (RIPE NCC). The quorum policy is the BR's from 2026-06-15: four remote perspectives,
 * one may fail, the corroborating ones in two registries.
 */
final class OpenMpicContractTest {
  static final String TOKEN = "dvi-mpic-5d2e8b1f9c4a7e30";
  private static final QuorumPolicy POLICY =
      QuorumPolicy.baselineRequirements(LocalDate.of(2026, 7, 1));

  private static DnsLab lab;
  private static DomainValidationInspector primary;
  private FakeCoordinator engine;
  private OpenMpicCoordinator coordinator;

  @BeforeAll
  static void startLab() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("_dnsauth.www 300 IN TXT \"" + TOKEN + "\"",
                "www 300 IN CAA 0 issue \"digicert.com\""))
        .start();
    primary = DomainValidationInspector.builder()
        .networkPolicy(lab.networkPolicy().build())
        .findAndAddModules()
        .build();
  }

  @AfterAll
  static void stopLab() {
    primary.close();
    lab.close();
  }

  @BeforeEach
  void startEngine() {
    engine = new FakeCoordinator("127.0.5.1");
    coordinator = OpenMpicCoordinator.builder(engine.url())
        .apiKey(FakeCoordinator.API_KEY)
        .addPerspective("us-east-1").addPerspective("us-east-2").addPerspective("us-west-2")
        .addPerspective("eu-west-2")
        .build();
  }

  @AfterEach
  void stopEngine() {
    engine.close();
  }

  private InspectionReport inspect() {
    MultiPerspectiveInspector.Builder b = MultiPerspectiveInspector.builder(primary)
        .quorumPolicy(POLICY);
    coordinator.perspectives().forEach(b::addRemotePerspective);
    try (MultiPerspectiveInspector mpic = b.build()) {
      return mpic.inspect(InspectionRequest.builder()
          .domain("www.example.test")
          .profile(CaProfiles.DIGICERT)
          .addChecks(CaProfiles.DIGICERT.dnsTxtCheck(TOKEN), CaaCheck.forProfile())
          .deadline(Duration.ofSeconds(5))
          .build());
    } finally {
      assertThat(engine.violations()).as("requests that break the API specification").isEmpty();
    }
  }

  private static PerspectiveOutcome at(InspectionReport r, String code) {
    return r.perspectiveOutcomes().stream().filter(o -> o.name().equals(code)).findFirst()
        .orElseThrow();
  }

  private static CheckCorroboration dns(InspectionReport r) {
    return r.corroboration().orElseThrow().checks().get(0);
  }

  /** The coordinator's own verdicts, as the adapter keeps them. */
  private static List<String> engineVerdicts(InspectionReport r, String code) {
    return at(r, code).observations().stream()
        .filter(o -> o.query().startsWith("Open MPIC verdict: "))
        .map(o -> o.query().substring(19) + " -> " + o.result().split(" ")[0]).toList();
  }

  // ------------------------------------------------------------------ the four outcomes

  @Test
  void everyPerspectivePasses() {
    engine.answer("dcv dns-change TXT", "dns-change/all-pass").answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    assertThat(r).isReady().doesNotHaveFinding(FindingCode.PERSPECTIVES_DISAGREE)
        .doesNotHaveFinding(FindingCode.REMOTE_PERSPECTIVE_FAILED);
    assertThat(r.corroboration().orElseThrow().checks()).allSatisfy(c -> {
      assertThat(c.quorumMet()).isTrue();
      assertThat(c.corroborating()).hasSize(4);
      assertThat(c.corroboratingRirs()).containsExactlyInAnyOrder(Rir.ARIN, Rir.RIPE_NCC);
    });
    assertThat(r.perspectiveOutcomes()).extracting(PerspectiveOutcome::verdict)
        .containsOnly(Verdict.READY);
    assertThat(at(r, "eu-west-2").perspective().region()).contains("Open MPIC eu-west-2, RIPE NCC");
    assertThat(engineVerdicts(r, "us-east-1")).containsExactly(
        "dcv dns-change TXT _dnsauth.www.example.test -> is_valid=true",
        "caa www.example.test -> is_valid=true");
    // One call per check for the whole inspection, however many perspectives read it.
    List<JsonNode> bodies = engine.bodies();
    assertThat(bodies).hasSize(2);
    JsonNode dcv = bodies.stream().filter(b -> b.get("check_type").asText().equals("dcv"))
        .findFirst().orElseThrow();
    assertThat(dcv.get("domain_or_ip_target").asText()).isEqualTo("www.example.test");
    assertThat(dcv.get("orchestration_parameters").get("perspective_count").asInt()).isEqualTo(4);
    JsonNode p = dcv.get("dcv_check_parameters");
    assertThat(p.get("validation_method").asText()).isEqualTo("dns-change");
    assertThat(p.get("dns_record_type").asText()).isEqualTo("TXT");
    assertThat(p.get("dns_name_prefix").asText()).isEqualTo("_dnsauth");
    assertThat(p.get("challenge_value").asText()).isEqualTo(TOKEN);
    assertThat(p.get("require_exact_match").asBoolean()).isTrue();
    JsonNode caa = bodies.stream().filter(b -> b.get("check_type").asText().equals("caa"))
        .findFirst().orElseThrow();
    assertThat(caa.get("caa_check_parameters").get("caa_domains").get(0).asText())
        .isEqualTo("digicert.com");
    assertThat(caa.get("trace_identifier").asText()).isEqualTo(dcv.get("trace_identifier").asText());
  }

  @Test
  void oneFailsAndTheQuorumHolds() {
    engine.answer("dcv dns-change TXT", "dns-change/one-fails").answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    assertThat(r).isReady().hasFinding(FindingCode.PERSPECTIVES_DISAGREE)
        .doesNotHaveFinding(FindingCode.QUORUM_NOT_MET);
    assertThat(r.findings(FindingCode.PERSPECTIVES_DISAGREE).get(0).severity())
        .isEqualTo(Severity.WARNING);
    assertThat(dns(r).nonCorroborating()).containsExactly("us-west-2");
    assertThat(dns(r).quorumMet()).isTrue();
    PerspectiveOutcome usWest = at(r, "us-west-2");
    assertThat(usWest.verdict()).isEqualTo(Verdict.NOT_READY);
    assertThat(usWest.findings()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(FindingCode.DNS_RECORD_MISSING);
      assertThat(f.message()).startsWith("Open MPIC perspective us-west-2: no TXT record at"
          + " _dnsauth.www.example.test (").contains("NXDOMAIN");
    });
    assertThat(engineVerdicts(r, "us-west-2")).first().asString().endsWith("is_valid=true");
  }

  @Test
  void twoFailAndTheQuorumFails() {
    engine.answer("dcv dns-change TXT", "dns-change/two-fail").answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    assertThat(r).isNotReady().hasFinding(FindingCode.QUORUM_NOT_MET);
    Finding q = r.findings(FindingCode.QUORUM_NOT_MET).get(0);
    assertThat(q.message()).contains("2 of 4 remote perspectives (us-west-2, eu-west-2)")
        .contains("the CA tolerates 1");
    assertThat(q.evidence()).extracting(Evidence::detail)
        .anyMatch(d -> d.startsWith("failed - DNS_RECORD_MISSING: Open MPIC perspective us-west-2"))
        .anyMatch(d -> d.startsWith("failed - DNS_VALUE_MISMATCH: Open MPIC perspective eu-west-2:"
            + " the TXT records hold \"dvi-mpic-0a9c4e27\""));
    // The coordinator decided the same.
    assertThat(engineVerdicts(r, "us-east-1")).first().asString().endsWith("is_valid=false");
  }

  @Test
  void theRegistryRuleDecides() {
    engine.answer("dcv dns-change TXT", "dns-change/rir-diversity").answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    // Three of four corroborate, which the count allows; but all three are in ARIN.
    assertThat(r).isNotReady().hasFinding(FindingCode.QUORUM_NOT_MET);
    CheckCorroboration c = dns(r);
    assertThat(c.nonCorroborating()).containsExactly("eu-west-2");
    assertThat(c.nonCorroborating().size()).isLessThanOrEqualTo(c.allowedNonCorroborations());
    assertThat(c.corroboratingRirs()).containsExactly(Rir.ARIN);
    assertThat(r.findings(FindingCode.QUORUM_NOT_MET).get(0).message())
        .contains("those lie in 1 regional internet registry (ARIN)")
        .contains("the CA needs corroboration from 2");
    assertThat(engineVerdicts(r, "eu-west-2")).first().asString().endsWith("is_valid=false");
  }

  // ------------------------------------------------------------------ engine trouble

  @Test
  void anEngineErrorIsUnknownNeverReadyOrNotReady() {
    engine.answer("dcv dns-change TXT", 500, "errors/internal-500").answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    assertThat(r).isUnknown().hasFinding(FindingCode.QUORUM_UNDECIDED)
        .doesNotHaveFinding(FindingCode.QUORUM_NOT_MET);
    List<Finding> failed = r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED);
    assertThat(failed).hasSize(4).allSatisfy(f -> {
      assertThat(f.attributes()).containsEntry("reason", "engine-error");
      assertThat(f.message()).contains("the coordinator failed (HTTP 500: Cannot connect to the"
          + " perspective lambdas)");
    });
    // CAA was answered: those perspectives are not failures as a whole.
    assertThat(r.perspectiveOutcomes()).allSatisfy(o -> {
      assertThat(o.failure()).isEmpty();
      assertThat(o.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(o.checkResults()).extracting(CheckResult::status)
          .containsExactly(CheckResult.Status.UNDECIDED, CheckResult.Status.PASSED);
    });
  }

  @Test
  void aRefusedKeyIsReportedAsSuch() {
    OpenMpicCoordinator wrongKey = OpenMpicCoordinator.builder(engine.url())
        .apiKey("not-the-deployment-key")
        .addPerspective("us-east-1").addPerspective("us-east-2").addPerspective("us-west-2")
        .addPerspective("eu-west-2")
        .build();
    coordinator = wrongKey;

    InspectionReport r = inspect();

    assertThat(r).isUnknown();
    assertThat(r.perspectiveOutcomes()).allSatisfy(o -> assertThat(o.failure()).isPresent());
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED)).hasSize(4).allSatisfy(f -> {
      assertThat(f.attributes()).containsEntry("reason", "unauthorized");
      assertThat(f.message()).contains("HTTP 403: Forbidden");
    });
  }

  @Test
  void aRejectedRequestIsTheEnginesWordNotTheDomains() {
    engine.answer("dcv dns-change TXT", 400, "errors/validation-400")
        .answer("caa", 400, "errors/validation-400");

    InspectionReport r = inspect();

    assertThat(r).isUnknown();
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED)).hasSize(4)
        .allSatisfy(f -> assertThat(f.message())
            .contains("request-validation-failed, validation_issues ")
            .contains("invalid-perspective-count"));
  }

  @Test
  void aPerspectiveTheCoordinatorCouldNotReachLeavesTheRegistryRuleUndecided() {
    engine.answer("dcv dns-change TXT", "errors/perspective-unreachable")
        .answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    // Three ARIN perspectives pass; eu-west-2, the only RIPE NCC one, could not run the check:
    // had it passed the quorum would hold, had it failed it would not.
    assertThat(r).isUnknown().hasFinding(FindingCode.QUORUM_UNDECIDED);
    assertThat(at(r, "eu-west-2").checkResults().get(0).status())
        .isEqualTo(CheckResult.Status.UNDECIDED);
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED)).singleElement()
        .satisfies(f -> assertThat(f.attributes())
            .containsEntry("reason", "engine-perspective-error"));
  }

  @Test
  void aCoordinatorThatDoesNotAnswerInTimeIsATimeout() {
    engine.stall("dcv dns-change TXT", "dns-change/all-pass", 30).answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    assertThat(r).isUnknown();
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED))
        .allSatisfy(f -> assertThat(f.attributes()).containsEntry("reason", "timeout"));
  }

  // ------------------------------------------------------------------ malformed replies

  @Test
  void malformedRepliesNeverCountForOrAgainstTheDomain() {
    for (String fixture : List.of("malformed/no-perspectives", "malformed/wrong-check-type",
        "malformed/duplicate-code", "malformed/string-boolean", "malformed/other-domain")) {
      engine.answer("dcv dns-change TXT", fixture).answer("caa", fixture);

      InspectionReport r = inspect();

      assertThat(r.verdict()).as(fixture).isEqualTo(Verdict.UNKNOWN);
      assertThat(r.perspectiveOutcomes()).as(fixture).allSatisfy(o -> {
        assertThat(o.failure()).isPresent();
        assertThat(o.findings().get(0).attributes()).containsEntry("reason", "malformed-reply");
      });
    }
    assertThat(at(inspectWith("malformed/other-domain"), "us-east-1").failure().orElseThrow())
        .contains("domain_or_ip_target: the reply is for \"other.example.test\"");
    assertThat(at(inspectWith("malformed/string-boolean"), "us-east-1").failure().orElseThrow())
        .contains("perspectives[1].check_response.check_passed: expected true or false");
  }

  private InspectionReport inspectWith(String fixture) {
    engine.answer("dcv dns-change TXT", fixture).answer("caa", fixture);
    return inspect();
  }

  @Test
  void aBodyThatIsNotJsonIsMalformed() {
    engine.answer("dcv dns-change TXT", new mockwebserver3.MockResponse.Builder().code(200)
            .body("<html><body>502 Bad Gateway</body></html>").build())
        .answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    assertThat(r).isUnknown();
    assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED).get(0).message())
        .contains("the body is not valid JSON (\"<html><body>502 Bad Gateway</body></html>\")");
  }

  @Test
  void theSpecificationsFlattenedExampleFormIsRead() {
    engine.answer("dcv dns-change TXT", "flattened/all-pass").answer("caa", "caa/all-pass");

    assertThat(inspect()).isReady();
  }

  @Test
  void aPerspectiveTheCoordinatorDidNotUseGivesNoAnswer() {
    engine.answer("dcv dns-change TXT", "cohort/other-perspective").answer("caa", "caa/all-pass");

    InspectionReport r = inspect();

    Finding f = r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED).get(0);
    assertThat(f.attributes()).containsEntry("reason", "not-in-cohort");
    assertThat(f.message()).contains("did not use perspective eu-west-2")
        .contains("[us-east-1, us-east-2, us-west-2, ap-northeast-1]");
    assertThat(at(r, "eu-west-2").observations()).extracting(Observation::outcome)
        .contains(Observation.Outcome.SKIPPED);
  }

  @Test
  void registriesComeFromTheAwsRegionTableUnlessGiven() {
    List<RemotePerspective> ps = OpenMpicCoordinator.builder(engine.url())
        .addPerspective("eu-central-2").addPerspective("sa-east-1")
        .addPerspective("dc-frankfurt", Rir.RIPE_NCC).addPerspective("somewhere")
        .build().perspectives();

    assertThat(ps).extracting(RemotePerspective::name)
        .containsExactly("eu-central-2", "sa-east-1", "dc-frankfurt", "somewhere");
    assertThat(ps.get(0).rir()).contains(Rir.RIPE_NCC);
    assertThat(ps.get(1).rir()).contains(Rir.LACNIC);
    assertThat(ps.get(2).rir()).contains(Rir.RIPE_NCC);
    assertThat(ps.get(3).rir()).isEmpty();
  }
}
