package org.dvinspector.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
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
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Rir;
import org.dvinspector.Verdict;
import org.dvinspector.remote.AgentInfo;
import org.junit.jupiter.api.Test;

/** The protocol documents, both ways: what a client writes an agent reads back unchanged. */
final class WireTest {
  private static final String KEY_AUTH = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0"
      + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";

  private static final List<Check> EVERY_KIND = List.of(
      DnsTxtCheck.of("_dnsauth", "token-1"),
      DnsTxtCheck.atDomain("token-2"),
      DnsCnameCheck.of("_dnsauth", "abc.dcv.digicert.com"),
      DnsCnameCheck.atDomain("target.example.net"),
      HttpFileCheck.of("/.well-known/pki-validation/fileauth.txt", "token-3"),
      HttpFileCheck.atProfilePath("token-4"),
      AcmeHttp01Check.of(KEY_AUTH),
      AcmeDns01Check.of(KEY_AUTH),
      org.dvinspector.AcmeTlsAlpn01Check.of(KEY_AUTH),
      org.dvinspector.AcmeDnsAccount01Check.of(KEY_AUTH, "https://ca.example/acct/1"),
      org.dvinspector.AcmeDnsPersist01Check.of("https://ca.example/acct/1", "ca.example"),
      org.dvinspector.DomainContactCheck.constructedEmail(),
      org.dvinspector.DomainContactCheck.builder().contactMethod(Method.EMAIL_TXT_CONTACT)
          .expectedContact("dcv@example.com").authorizationDomainName("example.com")
          .smtpProbe(true).build(),
      org.dvinspector.DomainContactCheck.phoneCaaContact(),
      CaaCheck.forProfile(),
      CaaCheck.builder().addIssuerDomains("digicert.com").accountUri("https://ca/acct/1")
          .validationMethod(Method.ACME_DNS_01).build());

  private static final AgentInfo AGENT = AgentInfo.builder().region("eu-central")
      .rir(Rir.RIPE_NCC).protocolVersion(1).software("dvinspector test").maxConcurrent(4)
      .deadline(Duration.ofSeconds(30)).build();

  private static JsonNode roundTrip(JsonNode n) throws WireException {
    return Wire.parse(Wire.bytes(n));
  }

  @Test
  void everyBuiltInProfileAndEveryCheckKindCrossesUnchanged() throws Exception {
    for (CaProfile profile : CaProfiles.all()) {
      InspectionRequest.Builder b = InspectionRequest.builder()
          .domain("www.example.com")
          .profile(profile)
          .tokenCreatedAt(Instant.parse("2026-11-30T10:00:00Z"))
          .deadline(Duration.ofSeconds(9));
      for (Check c : EVERY_KIND) {
        boolean needsProfilePath = c instanceof HttpFileCheck h && h.path().isEmpty();
        if (!needsProfilePath || profile.httpFilePath().isPresent()) {
          b.addChecks(c);
        }
      }
      InspectionRequest sent = b.build();

      InspectionRequest read = Wire.readRequest(roundTrip(Wire.request(sent, Duration.ofSeconds(8))),
          Duration.ofSeconds(30));

      assertThat(read.profile()).as(profile.id()).isEqualTo(profile);
      assertThat(read.checks()).isEqualTo(sent.checks());
      assertThat(read.domain()).isEqualTo(sent.domain());
      assertThat(read.tokenCreatedAt()).isEqualTo(sent.tokenCreatedAt());
      assertThat(read.deadline()).contains(Duration.ofSeconds(8));
    }
  }

  @Test
  void aProfileFromAPeerWithoutTheNewerRulesReadsWithTheirDefaults() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode n = Wire.profile(CaProfiles.BASELINE_REQUIREMENTS);
    n.remove(List.of("dnsRules", "validatesDnssec", "minRandomValueLength"));
    com.fasterxml.jackson.databind.node.ObjectNode http =
        (com.fasterxml.jackson.databind.node.ObjectNode) n.get("httpRules");
    http.remove(List.of("httpsHostnameMustMatch", "fileAcceptsAnyStatusBelow400", "usesIpv6",
        "connectsToNonPublicAddresses", "requestHeaders"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) http.get("fileRedirects"))
        .remove("followsAbsoluteTargets");
    ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("caaRules"))
        .remove(List.of("criticalFlagMask", "recognizedTags"));

    assertThat(Wire.profile(n)).isEqualTo(CaProfiles.BASELINE_REQUIREMENTS);
  }

  @Test
  void theClientSubnetChoiceCrossesAndOlderClientsWithoutNetworksAreRead() throws Exception {
    InspectionRequest off = InspectionRequest.builder().domain("www.example.com")
        .profile(CaProfiles.DIGICERT).addChecks(EVERY_KIND.get(0)).ednsClientSubnet(false).build();
    InspectionRequest unset = off.toBuilder().ednsClientSubnet(java.util.Optional.empty()).build();

    assertThat(Wire.readRequest(roundTrip(Wire.request(off, Duration.ofSeconds(8))),
        Duration.ofSeconds(30)).ednsClientSubnet()).contains(false);
    assertThat(Wire.readRequest(roundTrip(Wire.request(unset, Duration.ofSeconds(8))),
        Duration.ofSeconds(30)).ednsClientSubnet()).isEmpty();

    com.fasterxml.jackson.databind.node.ObjectNode old = Wire.request(unset, Duration.ofSeconds(8));
    ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("profile"))
        .remove("perspectiveNetworks");
    assertThat(Wire.readRequest(roundTrip(old), Duration.ofSeconds(30)).profile()
        .perspectiveNetworks()).isEmpty();
  }

  @Test
  void theAgentCapsTheDeadlineAtItsOwn() throws Exception {
    InspectionRequest sent = InspectionRequest.builder().domain("example.com")
        .addChecks(DnsTxtCheck.atDomain("v")).build();

    InspectionRequest read = Wire.readRequest(Wire.request(sent, Duration.ofMinutes(5)),
        Duration.ofSeconds(20));

    assertThat(read.deadline()).contains(Duration.ofSeconds(20));
  }

  @Test
  void malformedRequestsNameTheField() throws Exception {
    ObjectNode n = Wire.request(InspectionRequest.builder().domain("example.com")
        .addChecks(DnsTxtCheck.atDomain("v")).build(), Duration.ofSeconds(5));

    ObjectNode noDomain = n.deepCopy();
    noDomain.remove("domain");
    assertThatThrownBy(() -> Wire.readRequest(noDomain, Duration.ofSeconds(5)))
        .isInstanceOf(WireException.class).hasMessage("domain: expected a string");

    ObjectNode badKind = n.deepCopy();
    ((ObjectNode) badKind.get("checks").get(0)).put("kind", "dns-\u0007txt");
    assertThatThrownBy(() -> Wire.readRequest(badKind, Duration.ofSeconds(5)))
        .isInstanceOf(WireException.class)
        .hasMessageContaining("checks[0].kind: unknown check kind \"dns-\\x07txt\"");

    ObjectNode badDomain = n.deepCopy();
    badDomain.put("domain", "exa mple.com");
    assertThatThrownBy(() -> Wire.readRequest(badDomain, Duration.ofSeconds(5)))
        .isInstanceOf(WireException.class).hasMessageStartingWith("invalid request: ");

    ObjectNode noChecks = n.deepCopy();
    noChecks.putArray("checks");
    assertThatThrownBy(() -> Wire.readRequest(noChecks, Duration.ofSeconds(5)))
        .hasMessageContaining("checks: expected 1 to 16 checks");

    ObjectNode badProfile = n.deepCopy();
    ((ObjectNode) badProfile.get("profile").get("httpRules")).put("bodyCapBytes", "many");
    assertThatThrownBy(() -> Wire.readRequest(badProfile, Duration.ofSeconds(5)))
        .hasMessage("profile.httpRules.bodyCapBytes: expected an integer");

    assertThatThrownBy(() -> Wire.parse("{\"a\":1} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(WireException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> Wire.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the body is not a JSON object");
  }

  @Test
  void aCheckThatTheProtocolCannotCarryIsRefusedWhenWriting() {
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
        return "custom-check";
      }

      @Override
      public String describe(DomainName domain) {
        return "custom";
      }
    };
    InspectionRequest r = InspectionRequest.builder().domain("example.com").addChecks(custom)
        .build();

    assertThatThrownBy(() -> Wire.request(r, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custom-check");
  }

  private static InspectionReport report(InspectionRequest request) {
    Perspective ns1 = Perspective.builder().kind(Perspective.Kind.AUTHORITATIVE_SERVER)
        .name("ns1.example.com").address("192.0.2.1").transport("udp").build();
    return InspectionReport.builder()
        .request(request)
        .verdict(Verdict.NOT_READY)
        .startedAt(Instant.parse("2026-12-01T08:00:00Z"))
        .duration(Duration.ofMillis(42))
        .addCheckResults(CheckResult.of(request.checks().get(0), CheckResult.Status.FAILED,
            Duration.ofMillis(40)))
        .addFindings(Finding.builder(FindingCode.DNS_RECORD_MISSING)
            .message("No TXT record at _dnsauth.example.com")
            .remedy("Add it:\n_dnsauth.example.com. 300 IN TXT \"v\"")
            .method(Method.DNS_TXT)
            .evidence(ns1, "NXDOMAIN")
            .attribute("name", "_dnsauth.example.com")
            .build())
        .addObservations(Observation.of(ns1, "TXT _dnsauth.example.com",
            Observation.Outcome.NEGATIVE, "NXDOMAIN", Duration.ofMillis(3))
            .withStartOffset(Duration.ofMillis(1)))
        .build();
  }

  @Test
  void aReplyIsReadAgainstTheRequestItAnswers() throws Exception {
    InspectionRequest request = InspectionRequest.builder().domain("example.com")
        .addChecks(DnsTxtCheck.of("_dnsauth", "v")).build();
    InspectionReport report = report(request);

    Wire.Reply r = Wire.readReply(roundTrip(Wire.reply(report, AGENT)), request);

    assertThat(r.region).isEqualTo("eu-central");
    assertThat(r.rir).contains(Rir.RIPE_NCC);
    assertThat(r.verdict).isEqualTo(Verdict.NOT_READY);
    assertThat(r.checkResults).isEqualTo(report.checkResults());
    assertThat(r.checkResults.get(0).check()).isSameAs(request.checks().get(0));
    assertThat(r.findings).isEqualTo(report.findings());
    assertThat(r.observations).isEqualTo(report.observations());
    assertThat(r.duration).isEqualTo(Duration.ofMillis(42));
  }

  @Test
  void aReplyForOtherChecksOrWithBadFieldsIsMalformed() throws Exception {
    InspectionRequest request = InspectionRequest.builder().domain("example.com")
        .addChecks(DnsTxtCheck.of("_dnsauth", "v")).build();
    ObjectNode reply = Wire.reply(report(request), AGENT);

    InspectionRequest other = InspectionRequest.builder().domain("example.com")
        .addChecks(CaaCheck.forIssuers("digicert.com")).build();
    assertThatThrownBy(() -> Wire.readReply(reply, other))
        .hasMessage("checks[0].kind: \"dns-txt\" answers a caa check");

    InspectionRequest two = InspectionRequest.builder().domain("example.com")
        .addChecks(DnsTxtCheck.of("_dnsauth", "v"), CaaCheck.forIssuers("digicert.com")).build();
    assertThatThrownBy(() -> Wire.readReply(reply, two))
        .hasMessage("checks: the reply has 1 results for 2 checks");

    ObjectNode badStatus = reply.deepCopy();
    ((ObjectNode) badStatus.get("checks").get(0)).put("status", "MAYBE");
    assertThatThrownBy(() -> Wire.readReply(badStatus, request))
        .hasMessage("checks[0].status: unknown value \"MAYBE\"");

    ObjectNode badRir = reply.deepCopy();
    ((ObjectNode) badRir.get("agent")).put("rir", "MARS");
    assertThatThrownBy(() -> Wire.readReply(badRir, request)).hasMessageStartingWith("agent.rir: ");
  }

  @Test
  void unknownFindingCodesAreKeptAsTextAndControlCharactersAreEscaped() throws Exception {
    InspectionRequest request = InspectionRequest.builder().domain("example.com")
        .addChecks(DnsTxtCheck.of("_dnsauth", "v")).build();
    ObjectNode reply = Wire.reply(report(request), AGENT);
    ObjectNode future = ((ObjectNode) reply.get("findings").get(0)).deepCopy();
    future.put("code", "SOMETHING_NEWER");
    future.put("message", "line one\u001b[31m");
    ((com.fasterxml.jackson.databind.node.ArrayNode) reply.get("findings")).add(future);
    ((ObjectNode) reply.get("observations").get(0)).put("result", "NXDOMAIN\r\nInjected: 1");

    Wire.Reply r = Wire.readReply(reply, request);

    assertThat(r.findings).extracting(Finding::code).containsExactly(FindingCode.DNS_RECORD_MISSING);
    assertThat(r.unknownFindings).containsExactly("SOMETHING_NEWER ERROR: line one\\x1b[31m");
    assertThat(r.observations.get(0).result()).isEqualTo("NXDOMAIN\\r\\nInjected: 1");
    // The remedy keeps its lines.
    assertThat(r.findings.get(0).remedy()).contains("Add it:\n_dnsauth.example.com. 300 IN TXT \"v\"");
  }

  @Test
  void agentInfoCrossesUnchanged() throws Exception {
    assertThat(Wire.readInfo(roundTrip(Wire.info(AGENT)))).isEqualTo(AGENT);
  }

  @Test
  void cleanKeepsSafeTextAndEscapesTheRest() {
    assertThat(Wire.clean("ns1 [192.0.2.1] \"quoted\" \\x07")).isEqualTo("ns1 [192.0.2.1] \"quoted\" \\x07");
    assertThat(Wire.clean("a\u0000b\u202ec")).isEqualTo("a\\x00b\\u202ec");
    assertThat(Wire.clean("caf\u00e9 \ud83d\ude00")).isEqualTo("caf\u00e9 \ud83d\ude00");
    assertThat(Wire.clean("x\ud800")).isEqualTo("x\\ud800");
  }
}
