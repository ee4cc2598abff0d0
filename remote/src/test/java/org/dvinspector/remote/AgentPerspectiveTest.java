package org.dvinspector.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.dvinspector.CaProfiles;
import org.dvinspector.CaaCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.MultiPerspectiveInspector;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.QuorumPolicy;
import org.dvinspector.Rir;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side: a real agent's report mapped back, and every kind of trouble on the agent's
 * side turned into a failed outcome (UNKNOWN there) with a finding that says what to do, never a
 * result about the domain.
 */
final class AgentPerspectiveTest {
  private static final AgentKey KEY = AgentServerTest.KEY;
  private static final AgentKey OTHER_KEY = AgentKey.of("ffffffffffffffffffffffffffffffff");

  private static DnsLab lab;
  private static DomainValidationInspector inspector;
  private static AgentServer agent;
  private MockWebServer fake;

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("_dnsauth.www 300 IN TXT \"dvi-agent-token-7c2e9a41b5\"",
                "www 300 IN CAA 0 issue \"digicert.com\""))
        .start();
    inspector = DomainValidationInspector.builder()
        .networkPolicy(lab.networkPolicy().build())
        .findAndAddModules()
        .build();
    agent = AgentServer.builder(inspector, KEY)
        .listen(new InetSocketAddress(AgentServerTest.address("127.0.4.11"), 0))
        .region("ap-south").rir(Rir.APNIC)
        .start();
  }

  @AfterAll
  static void stop() {
    agent.close();
    inspector.close();
    lab.close();
  }

  @BeforeEach
  void startFake() throws IOException {
    fake = new MockWebServer();
    fake.start(AgentServerTest.address("127.0.4.12"), 0);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private static InspectionRequest request() {
    return InspectionRequest.builder().domain("www.example.test").profile(CaProfiles.DIGICERT)
        .addChecks(CaProfiles.DIGICERT.dnsTxtCheck("dvi-agent-token-7c2e9a41b5"), CaaCheck.forProfile())
        .deadline(Duration.ofSeconds(5))
        .build();
  }

  private static PerspectiveOutcome inspect(AgentPerspective p, Duration budget) throws Exception {
    return p.inspect(request(), budget).toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String fakeUrl() {
    String u = fake.url("/").toString();
    return u.substring(0, u.length() - 1);
  }

  /** The failed outcome's finding, after checking it is a failure with UNKNOWN there. */
  private static Finding failure(PerspectiveOutcome o, String reason) {
    assertThat(o.failure()).as("failure").isPresent();
    assertThat(o.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(o.checkResults()).isEmpty();
    Finding f = o.findings().get(0);
    assertThat(f.code()).isEqualTo(FindingCode.REMOTE_PERSPECTIVE_FAILED);
    assertThat(f.attributes()).containsEntry("reason", reason);
    assertThat(f.remedy()).isPresent();
    return f;
  }

  @Test
  void theAgentsReportComesBackLabelledWithItsRegionAndRegistry() throws Exception {
    AgentPerspective p = AgentPerspective.builder(agent.url(), KEY).name("ap").build();

    PerspectiveOutcome o = inspect(p, Duration.ofSeconds(8));

    assertThat(o.failure()).isEmpty();
    assertThat(o.verdict()).isEqualTo(Verdict.READY);
    assertThat(o.name()).isEqualTo("ap");
    assertThat(o.rir()).contains(Rir.APNIC);
    assertThat(o.perspective().kind()).isEqualTo(Perspective.Kind.REMOTE_AGENT);
    assertThat(o.perspective().region()).contains("ap-south, APNIC");
    assertThat(o.checkResults()).hasSize(2);
    assertThat(o.checkResults().get(0).check()).isEqualTo(request().checks().get(0));
    // Where the agent asked from stays in the query.
    assertThat(o.observations()).isNotEmpty().allSatisfy(obs ->
        assertThat(obs.perspective()).isEqualTo(o.perspective()));
    assertThat(o.observations()).extracting(Observation::query)
        .anyMatch(q -> q.startsWith("ns1.example.test [127.0.0.11] udp: "));
  }

  @Test
  void theAgentDescribesItself() throws Exception {
    AgentInfo info = AgentPerspective.builder(agent.url(), KEY).build()
        .info(Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(info.region()).isEqualTo("ap-south");
    assertThat(info.rir()).contains(Rir.APNIC);
    assertThat(info.protocolVersion()).isEqualTo(AgentProtocol.VERSION);
  }

  @Test
  void aWrongKeyIsReportedAsRefusedNotAsTheDomainsFault() throws Exception {
    PerspectiveOutcome o = inspect(AgentPerspective.builder(agent.url(), OTHER_KEY).build(),
        Duration.ofSeconds(5));

    Finding f = failure(o, "unauthorized");
    assertThat(f.message()).contains("the agent refused the key (HTTP 401)");
    assertThat(f.remedy().orElseThrow()).contains("--key-file");
  }

  @Test
  void anAgentThatCannotBeReachedIsReportedAsUnreachable() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, AgentServerTest.address("127.0.4.13"))) {
      closed = s.getLocalPort();
    }
    PerspectiveOutcome o = inspect(
        AgentPerspective.builder("http://127.0.4.13:" + closed, KEY).build(),
        Duration.ofSeconds(5));

    Finding f = failure(o, "unreachable");
    assertThat(f.message()).contains("cannot connect to the agent at http://127.0.4.13:" + closed);
  }

  @Test
  void anAgentThatDoesNotAnswerWithinTheBudgetTimesOut() throws Exception {
    fake.enqueue(new MockResponse.Builder().headersDelay(20, TimeUnit.SECONDS).body("{}").build());

    PerspectiveOutcome o = inspect(AgentPerspective.builder(fakeUrl(), KEY).build(),
        Duration.ofMillis(500));

    Finding f = failure(o, "timeout");
    assertThat(f.message()).contains("no answer within 500 ms");
  }

  @Test
  void aReplyThatIsNotAReportIsMalformed() throws Exception {
    fake.enqueue(new MockResponse.Builder().code(200).body("<html>gateway</html>").build());
    fake.enqueue(new MockResponse.Builder().code(200)
        .body("{\"protocolVersion\":1,\"agent\":{\"region\":\"x\"},\"verdict\":\"READY\"}").build());
    AgentPerspective p = AgentPerspective.builder(fakeUrl(), KEY).build();

    Finding html = failure(inspect(p, Duration.ofSeconds(5)), "malformed-reply");
    assertThat(html.message()).contains("not valid JSON").contains("\"<html>gateway</html>\"");
    Finding partial = failure(inspect(p, Duration.ofSeconds(5)), "malformed-reply");
    assertThat(partial.message()).contains("startedAt: expected a string");
  }

  @Test
  void anotherProtocolVersionIsAMismatchEitherWay() throws Exception {
    fake.enqueue(new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
        .body("{\"protocolVersion\":2,\"error\":\"unsupported-protocol-version\","
            + "\"message\":\"This agent speaks protocol version 2\",\"supportedVersions\":[2]}")
        .build());
    fake.enqueue(new MockResponse.Builder().code(200).body("{\"protocolVersion\":2}").build());
    AgentPerspective p = AgentPerspective.builder(fakeUrl(), KEY).build();

    Finding refused = failure(inspect(p, Duration.ofSeconds(5)), "version-mismatch");
    assertThat(refused.message()).contains("This agent speaks protocol version 2");
    Finding newer = failure(inspect(p, Duration.ofSeconds(5)), "version-mismatch");
    assertThat(newer.message()).contains("replied in protocol version 2");
  }

  @Test
  void aBusyAgentSaysWhenToComeBack() throws Exception {
    fake.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "3")
        .body("{\"protocolVersion\":1,\"error\":\"busy\",\"message\":\"full\"}").build());

    Finding f = failure(inspect(AgentPerspective.builder(fakeUrl(), KEY).build(),
        Duration.ofSeconds(5)), "busy");
    assertThat(f.message()).contains("HTTP 503, Retry-After 3");
  }

  @Test
  void redirectsAreNotFollowedSoTheKeyStaysWithTheAgent() throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start(AgentServerTest.address("127.0.4.14"), 0);
      fake.enqueue(new MockResponse.Builder().code(307)
          .setHeader("Location", elsewhere.url("/v1/inspect")).build());

      Finding f = failure(inspect(AgentPerspective.builder(fakeUrl(), KEY).build(),
          Duration.ofSeconds(5)), "http-status");
      assertThat(f.message()).contains("HTTP 307");
      assertThat(elsewhere.getRequestCount()).isZero();
    }
    RecordedRequest sent = fake.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo(KEY.authorization());
    assertThat(sent.getTarget()).isEqualTo("/v1/inspect");
  }

  @Test
  void anAgentInAnotherRegistryThanConfiguredIsRefused() throws Exception {
    PerspectiveOutcome o = inspect(
        AgentPerspective.builder(agent.url(), KEY).rir(Rir.ARIN).build(), Duration.ofSeconds(8));

    Finding f = failure(o, "rir-mismatch");
    assertThat(f.message()).contains("reports registry APNIC but is configured here as ARIN");
  }

  @Test
  void anAgentServesHttpsFromAPemFileAndAClientTrustingItsIssuerUsesIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    okhttp3.tls.HeldCertificate ca = new okhttp3.tls.HeldCertificate.Builder()
        .certificateAuthority(0).commonName("agents CA").build();
    okhttp3.tls.HeldCertificate server = new okhttp3.tls.HeldCertificate.Builder()
        .addSubjectAlternativeName("127.0.4.15").signedBy(ca).build();
    java.nio.file.Path pem = dir.resolve("agent.pem");
    java.nio.file.Files.writeString(pem, server.certificatePem() + ca.certificatePem()
        + server.privateKeyPkcs8Pem());
    try (AgentServer tls = AgentServer.builder(inspector, KEY)
        .listen(new InetSocketAddress(AgentServerTest.address("127.0.4.15"), 0))
        .region("tls-region").rir(Rir.ARIN).tls(AgentServer.tlsContext(pem)).start()) {
      assertThat(tls.url()).startsWith("https://127.0.4.15:");
      okhttp3.tls.HandshakeCertificates trust = new okhttp3.tls.HandshakeCertificates.Builder()
          .addTrustedCertificate(ca.certificate()).build();
      okhttp3.OkHttpClient trusting = new okhttp3.OkHttpClient.Builder()
          .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();

      PerspectiveOutcome ok = inspect(AgentPerspective.builder(tls.url(), KEY)
          .client(trusting).build(), Duration.ofSeconds(8));
      assertThat(ok.verdict()).isEqualTo(Verdict.READY);
      assertThat(ok.perspective().region()).contains("tls-region, ARIN");

      // A client that does not trust the agents' CA never sends its key there.
      Finding f = failure(inspect(AgentPerspective.builder(tls.url(), KEY).build(),
          Duration.ofSeconds(8)), "tls");
      assertThat(f.message()).contains("the TLS handshake with the agent failed");
    }
  }

  @Test
  void badAgentUrlsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> AgentPerspective.builder("ftp://agent", KEY))
        .hasMessageContaining("not an http:// or https:// URL");
    assertThatThrownBy(() -> AgentPerspective.builder("http://agent:8453/v1/inspect", KEY))
        .hasMessageContaining("must be a base URL");
  }

  @Test
  void perspectivesThatAllFailNeverMakeTheReportReady() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, AgentServerTest.address("127.0.4.13"))) {
      closed = s.getLocalPort();
    }
    try (MultiPerspectiveInspector mpic = MultiPerspectiveInspector.builder(inspector)
        .quorumPolicy(QuorumPolicy.baselineRequirements(LocalDate.of(2026, 4, 1)))
        .addRemotePerspective(AgentPerspective.builder(agent.url(), OTHER_KEY).name("a").build())
        .addRemotePerspective(AgentPerspective.builder("http://127.0.4.13:" + closed, KEY)
            .name("b").rir(Rir.ARIN).build())
        .addRemotePerspective(AgentPerspective.builder(fakeUrl(), KEY).name("c")
            .rir(Rir.RIPE_NCC).build())
        .build()) {
      fake.enqueue(new MockResponse.Builder().code(200).body("not json").build());

      InspectionReport r = mpic.inspect(request());

      assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
      assertThat(r.findings(FindingCode.REMOTE_PERSPECTIVE_FAILED)).hasSize(3);
      assertThat(r.hasFinding(FindingCode.QUORUM_UNDECIDED)).isTrue();
      assertThat(r.hasFinding(FindingCode.QUORUM_NOT_MET)).isFalse();
      assertThat(r.perspectiveOutcomes()).extracting(PerspectiveOutcome::verdict)
          .containsOnly(Verdict.UNKNOWN);
    }
  }
}
