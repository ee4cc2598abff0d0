package org.dvinspector.openmpic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.Verdict;
import org.dvinspector.spi.RemotePerspective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How each check becomes an Open MPIC request, and each engine result a perspective's outcome,
 * for every method the adapter sends (dns-change TXT and CNAME, website-change per scheme,
 * acme-http-01, acme-dns-01, CAA).
 */
final class OpenMpicMappingTest {
  private static final String KEY_AUTH = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"
      + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

  private FakeCoordinator engine;
  private OpenMpicCoordinator coordinator;

  @BeforeEach
  void start() {
    engine = new FakeCoordinator("127.0.5.2");
    coordinator = OpenMpicCoordinator.builder(engine.url())
        .apiKey(FakeCoordinator.API_KEY)
        .addPerspective("us-east-1").addPerspective("us-east-2").addPerspective("us-west-2")
        .addPerspective("eu-west-2")
        .build();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** Every perspective's outcome for one request, as MultiPerspectiveInspector would ask. */
  private Map<String, PerspectiveOutcome> outcomes(InspectionRequest request) throws Exception {
    List<CompletableFuture<PerspectiveOutcome>> all = coordinator.perspectives().stream()
        .map(p -> p.inspect(request, Duration.ofSeconds(5)).toCompletableFuture()).toList();
    Map<String, PerspectiveOutcome> out = new java.util.LinkedHashMap<>();
    for (CompletableFuture<PerspectiveOutcome> f : all) {
      PerspectiveOutcome o = f.get(20, TimeUnit.SECONDS);
      out.put(o.name(), o);
    }
    assertThat(engine.violations()).as("requests that break the API specification").isEmpty();
    return out;
  }

  private static InspectionRequest request(String domain, Check... checks) {
    return InspectionRequest.builder().domain(domain).profile(CaProfiles.BASELINE_REQUIREMENTS)
        .addChecks(checks).build();
  }

  private static Map<String, CheckResult.Status> statuses(Map<String, PerspectiveOutcome> o) {
    return o.values().stream().collect(Collectors.toMap(PerspectiveOutcome::name,
        x -> x.checkResults().get(0).status(), (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private static <T> T at(Map<String, T> map, String key) {
    T v = map.get(key);
    if (v == null) {
      throw new AssertionError("no " + key + " in " + map.keySet());
    }
    return v;
  }

  private static List<FindingCode> codes(PerspectiveOutcome o) {
    return o.findings().stream().map(Finding::code).toList();
  }

  @Test
  void theFileMethodIsOneWebsiteChangeCallPerSchemeAndAnyOnePasses() throws Exception {
    engine.answer("dcv website-change http", "website-change/http")
        .answer("dcv website-change https", "website-change/https");

    Map<String, PerspectiveOutcome> o = outcomes(request("www.example.test",
        HttpFileCheck.of("/.well-known/pki-validation/fileauth.txt", OpenMpicContractTest.TOKEN)));

    // eu-west-2: 404 over https but the file over http, which the BR allow.
    assertThat(statuses(o)).containsExactly(
        Map.entry("us-east-1", CheckResult.Status.PASSED),
        Map.entry("us-east-2", CheckResult.Status.PASSED),
        Map.entry("us-west-2", CheckResult.Status.FAILED),
        Map.entry("eu-west-2", CheckResult.Status.PASSED));
    assertThat(at(o, "eu-west-2").findings()).isEmpty();
    assertThat(at(o, "eu-west-2").verdict()).isEqualTo(Verdict.READY);
    // us-west-2: https refused, and over http a CDN node still serving the old file.
    assertThat(codes(at(o, "us-west-2"))).containsExactlyInAnyOrder(
        FindingCode.HTTP_CONNECT_FAILED, FindingCode.HTTP_CONTENT_MISMATCH);
    assertThat(at(o, "us-west-2").findings()).allSatisfy(
        f -> assertThat(f.method()).contains(Method.HTTP_FILE));
    Finding old = at(o, "us-west-2").findings().stream()
        .filter(f -> f.code() == FindingCode.HTTP_CONTENT_MISMATCH).findFirst().orElseThrow();
    assertThat(old.message()).contains("it begins \"dvi-mpic-0a9c4e27\"");

    List<JsonNode> bodies = engine.bodies();
    assertThat(bodies).hasSize(2);
    assertThat(bodies).extracting(b -> b.get("dcv_check_parameters").get("url_scheme").asText())
        .containsExactlyInAnyOrder("http", "https");
    assertThat(bodies).allSatisfy(b -> {
      assertThat(b.get("dcv_check_parameters").get("http_token_path").asText())
          .isEqualTo("fileauth.txt");
      assertThat(b.get("dcv_check_parameters").get("challenge_value").asText())
          .isEqualTo(OpenMpicContractTest.TOKEN);
    });
  }

  @Test
  void whenTheProfileWantsEverySchemeOneFailingSchemeFailsTheCheck() throws Exception {
    engine.answer("dcv website-change http", "website-change/http")
        .answer("dcv website-change https", "website-change/https");
    InspectionRequest r = InspectionRequest.builder().domain("www.example.test")
        .profile(CaProfiles.BASELINE_REQUIREMENTS.toBuilder()
            .httpRules(CaProfiles.BASELINE_REQUIREMENTS.httpRules().toBuilder()
                .fileRequiresAllSchemes(true).build())
            .build())
        .addChecks(HttpFileCheck.of("/.well-known/pki-validation/fileauth.txt",
            OpenMpicContractTest.TOKEN))
        .build();

    Map<String, PerspectiveOutcome> o = outcomes(r);

    assertThat(at(o, "eu-west-2").checkResults().get(0).status())
        .isEqualTo(CheckResult.Status.FAILED);
    assertThat(codes(at(o, "eu-west-2"))).containsExactly(FindingCode.HTTP_FILE_NOT_FOUND);
    assertThat(at(o, "eu-west-2").findings().get(0).attributes()).containsEntry("status", "404");
  }

  @Test
  void acmeHttp01SendsTheTokenAndKeyAuthorization() throws Exception {
    engine.answer("dcv acme-http-01", "acme-http-01/one-timeout");

    Map<String, PerspectiveOutcome> o = outcomes(request("www.example.test",
        AcmeHttp01Check.of(KEY_AUTH)));

    assertThat(statuses(o).get("us-east-1")).isEqualTo(CheckResult.Status.FAILED);
    assertThat(codes(at(o, "us-east-1"))).containsExactly(FindingCode.HTTP_TIMEOUT);
    assertThat(statuses(o).get("eu-west-2")).isEqualTo(CheckResult.Status.PASSED);
    JsonNode p = engine.bodies().get(0).get("dcv_check_parameters");
    assertThat(p.get("token").asText()).isEqualTo("LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0");
    assertThat(p.get("key_authorization").asText()).isEqualTo(KEY_AUTH);
  }

  @Test
  void acmeDns01SendsTheDigest() throws Exception {
    engine.answer("dcv acme-dns-01", "acme-dns-01/one-wrong");
    AcmeDns01Check check = AcmeDns01Check.of(KEY_AUTH);

    Map<String, PerspectiveOutcome> o = outcomes(request("www.example.test", check));

    assertThat(engine.bodies().get(0).get("dcv_check_parameters").get("key_authorization_hash")
        .asText()).isEqualTo(check.expectedValue());
    assertThat(codes(at(o, "eu-west-2"))).containsExactly(FindingCode.DNS_VALUE_MISMATCH);
    assertThat(at(o, "eu-west-2").findings().get(0).message())
        .contains("\"stale-digest-from-an-earlier-order\"");
    assertThat(statuses(o).get("us-west-2")).isEqualTo(CheckResult.Status.PASSED);
  }

  @Test
  void aCnameTargetIsSentAsTheAbsoluteNameTheEngineCompares() throws Exception {
    engine.answer("dcv dns-change CNAME", "dns-change/all-pass");

    outcomes(request("www.example.test", DnsCnameCheck.of("_dnsauth", "abc.dcv.digicert.com")));

    JsonNode p = engine.bodies().get(0).get("dcv_check_parameters");
    assertThat(p.get("dns_record_type").asText()).isEqualTo("CNAME");
    assertThat(p.get("dns_name_prefix").asText()).isEqualTo("_dnsauth");
    assertThat(p.get("challenge_value").asText()).isEqualTo("abc.dcv.digicert.com.");
  }

  @Test
  void aWildcardIsValidatedAtItsBaseNameAndCaaIsAskedForTheWildcard() throws Exception {
    engine.answer("dcv dns-change TXT", "dns-change/all-pass").answer("caa", "caa/all-pass");

    // The fixtures answer for www.example.test; the calls are about example.test and
    // *.example.test, which the adapter refuses to count: malformed, as it should be.
    Map<String, PerspectiveOutcome> o = outcomes(request("*.example.test",
        DnsTxtCheck.of("_dnsauth", "v"), CaaCheck.forIssuers("digicert.com")));

    Map<String, JsonNode> byType = engine.bodies().stream()
        .collect(Collectors.toMap(b -> b.get("check_type").asText(), Function.identity()));
    assertThat(at(byType, "dcv").get("domain_or_ip_target").asText()).isEqualTo("example.test");
    assertThat(at(byType, "caa").get("domain_or_ip_target").asText()).isEqualTo("*.example.test");
    assertThat(o.values()).allSatisfy(x -> assertThat(x.failure().orElseThrow())
        .contains("domain_or_ip_target: the reply is for \"www.example.test\""));
  }

  @Test
  void caaForbiddenAtOnePerspectiveAndLookupFailuresEverywhere() throws Exception {
    engine.answer("caa", "caa/one-forbids");
    Map<String, PerspectiveOutcome> o = outcomes(request("www.example.test",
        CaaCheck.forIssuers("digicert.com")));

    assertThat(codes(at(o, "us-east-2"))).containsExactly(FindingCode.CAA_FORBIDS_ISSUER);
    assertThat(at(o, "us-east-2").findings().get(0).message())
        .contains("at \"example.test\" do not authorize the CA: \"0 issue \\\"letsencrypt.org\\\"\"");
    assertThat(at(o, "us-east-2").findings().get(0).method()).isEmpty();

    engine.answer("caa", "caa/lookup-failed-everywhere");
    Map<String, PerspectiveOutcome> failed = outcomes(request("www.example.test",
        CaaCheck.forIssuers("digicert.com")));
    // The engine ran the lookup and it failed: what a CA there would see (CAs refuse to issue).
    assertThat(failed.values()).allSatisfy(x -> {
      assertThat(x.failure()).isEmpty();
      assertThat(x.checkResults().get(0).status()).isEqualTo(CheckResult.Status.FAILED);
      assertThat(codes(x)).containsExactly(FindingCode.CAA_LOOKUP_FAILED);
    });
  }

  @Test
  void aCheckTheEngineCannotRunIsAFailureNotAnException() throws Exception {
    Check custom = new Check() {
      @Override
      public Optional<Method> method() {
        return Optional.empty();
      }

      @Override
      public String moduleId() {
        return "custom";
      }

      @Override
      public String kind() {
        return "custom";
      }

      @Override
      public String describe(DomainName domain) {
        return "custom";
      }
    };

    Map<String, PerspectiveOutcome> o = outcomes(request("www.example.test", custom));

    assertThat(o.values()).allSatisfy(x -> {
      assertThat(x.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(x.failure().orElseThrow()).contains("Open MPIC cannot run checks of kind");
    });
    assertThat(engine.bodies()).isEmpty();
  }

  @Test
  void badConfigurationsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> OpenMpicCoordinator.builder("mpic.example.com"))
        .hasMessageContaining("not an http:// or https:// URL");
    assertThatThrownBy(() -> OpenMpicCoordinator.builder(engine.url())
        .addPerspective("us-east-1").build())
        .hasMessageContaining("at least two");
    assertThatThrownBy(() -> OpenMpicCoordinator.builder(engine.url())
        .addPerspective("us-east-1").addPerspective("us-east-1"))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> OpenMpicCoordinator.builder(engine.url()).apiKey("a key"))
        .hasMessageContaining("without spaces");
    assertThatThrownBy(() -> OpenMpicCoordinator.builder(engine.url())
        .addPerspective("a").addPerspective("b").addPerspective("c").perspectiveCount(2).build())
        .hasMessageContaining("smaller than the 3 perspectives");
  }

  @Test
  void perspectivesCanBeAskedOneAtATimeToo() throws Exception {
    engine.answer("dcv dns-change TXT", "dns-change/one-fails");
    InspectionRequest r = request("www.example.test", DnsTxtCheck.of("_dnsauth",
        OpenMpicContractTest.TOKEN));
    RemotePerspective usWest = coordinator.perspectives().get(2);

    PerspectiveOutcome o = usWest.inspect(r, Duration.ofSeconds(5)).toCompletableFuture()
        .get(20, TimeUnit.SECONDS);

    assertThat(o.name()).isEqualTo("us-west-2");
    assertThat(o.verdict()).isEqualTo(Verdict.NOT_READY);
  }
}
