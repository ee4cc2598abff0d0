package org.dvinspector.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dvinspector.AddressScope;
import org.dvinspector.CaProfiles;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Rir;
import org.dvinspector.remote.internal.Wire;
import org.dvinspector.testkit.DnsFault;
import org.dvinspector.testkit.DnsLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

/**
 * The agent's HTTP side on a loopback address, spoken to with a plain HTTP client: the key, the
 * endpoints, the limits, and the agent's own network policy.
 */
final class AgentServerTest {
  static final AgentKey KEY = AgentKey.of("3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6f");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static DnsLab lab;
  private static DomainValidationInspector inspector;
  private static AgentServer agent;
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .readTimeout(Duration.ofSeconds(20)).build();

  @BeforeAll
  static void start() {
    lab = DnsLab.builder()
        .zone("example.test", z -> z
            .nameserver("ns1.example.test", "127.0.0.11")
            .nameserver("ns2.example.test", "127.0.0.12")
            .records("_dnsauth.www 300 IN TXT \"dvi-agent-token-7c2e9a41b5\"", "www 300 IN CAA 0 issue \"digicert.com\"",
                "intranet 300 IN A 10.20.30.40", "slow 300 IN A 127.0.4.200"))
        .start();
    // The agent's own policy: the lab on loopback may be contacted, private addresses may not
    // (as a CA refuses them), whatever the client would like.
    inspector = DomainValidationInspector.builder()
        .networkPolicy(lab.networkPolicy()
            .allowNonPublicAddresses(false)
            .addAllowedAddressScopes(AddressScope.LOOPBACK)
            // Long enough that an unanswered query holds the agent's one slot for a while.
            .queryTimeout(Duration.ofSeconds(3))
            .deadline(Duration.ofSeconds(4))
            .build())
        .findAndAddModules()
        .build();
    agent = AgentServer.builder(inspector, KEY)
        .listen(new InetSocketAddress(address("127.0.4.1"), 0))
        .region("eu-central").rir(Rir.RIPE_NCC).maxConcurrent(1)
        .start();
  }

  @AfterAll
  static void stop() {
    agent.close();
    inspector.close();
    lab.close();
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Response call(String method, String path, @Nullable String authorization,
      @Nullable String type, byte @Nullable [] body) throws IOException {
    Request.Builder b = new Request.Builder().url(agent.url() + path);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    b.method(method, body == null || type == null ? null
        : RequestBody.create(body, MediaType.get(type)));
    return HTTP.newCall(b.build()).execute();
  }

  private static JsonNode json(Response r) throws IOException {
    return MAPPER.readTree(r.body().string());
  }

  private static byte[] request(String domain) {
    InspectionRequest r = InspectionRequest.builder().domain(domain).profile(CaProfiles.DIGICERT)
        .addChecks(CaProfiles.DIGICERT.dnsTxtCheck("dvi-agent-token-7c2e9a41b5")).build();
    return Wire.bytes(Wire.request(r, Duration.ofSeconds(3)));
  }

  private static final String BEARER = "Bearer 3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6f";

  @Test
  void healthNeedsNoKeyButEverythingElseDoes() throws IOException {
    try (Response r = call("GET", "/healthz", null, null, null)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("ok\n");
    }
    try (Response r = call("GET", "/v1/agent", null, null, null)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"dvi-agent\"");
      assertThat(json(r).get("error").asText()).isEqualTo("unauthorized");
    }
    try (Response r = call("GET", "/v1/agent", "Bearer 3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6X", null,
        null)) {
      assertThat(r.code()).isEqualTo(401);
    }
    try (Response r = call("GET", "/v1/agent", "Basic Zm9vOmJhcg==", null, null)) {
      assertThat(r.code()).isEqualTo(401);
    }
    try (Response r = call("POST", "/v1/inspect", null, "application/json", request("www.example.test"))) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void infoTellsTheRegionRegistryAndLimits() throws IOException {
    try (Response r = call("GET", "/v1/agent", BEARER, null, null)) {
      assertThat(r.code()).isEqualTo(200);
      JsonNode n = json(r);
      assertThat(n.get("protocolVersion").asInt()).isEqualTo(1);
      assertThat(n.get("region").asText()).isEqualTo("eu-central");
      assertThat(n.get("rir").asText()).isEqualTo("RIPE NCC");
      assertThat(n.get("maxConcurrent").asInt()).isEqualTo(1);
      assertThat(n.get("deadlineMillis").asLong()).isEqualTo(4000);
    }
  }

  @Test
  void inspectAnswersWithTheReportOfItsOwnInspector() throws Exception {
    try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
        request("www.example.test"))) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      JsonNode n = json(r);
      assertThat(n.get("verdict").asText()).isEqualTo("READY");
      assertThat(n.get("agent").get("region").asText()).isEqualTo("eu-central");
      assertThat(n.get("checks").get(0).get("status").asText()).isEqualTo("PASSED");
      assertThat(n.get("observations").size()).isGreaterThan(0);
    }
  }

  @Test
  void theAgentsNetworkPolicyRefusesPrivateAddressesWhateverTheClientAsks() throws Exception {
    InspectionRequest r = InspectionRequest.builder().domain("intranet.example.test")
        .profile(CaProfiles.DIGICERT).addChecks(HttpFileCheck.atProfilePath("dvi-agent-token-7c2e9a41b5")).build();
    try (Response response = call("POST", "/v1/inspect", BEARER, "application/json",
        Wire.bytes(Wire.request(r, Duration.ofSeconds(3))))) {
      JsonNode n = json(response);
      assertThat(n.get("verdict").asText()).isEqualTo("NOT_READY");
      assertThat(n.get("findings").findValuesAsText("code"))
          .contains(FindingCode.ADDRESS_NOT_PUBLIC.name());
    }
  }

  @Test
  void wrongMethodsPathsTypesAndBodiesAreRefusedWithAReason() throws IOException {
    try (Response r = call("GET", "/v1/inspect", BEARER, null, null)) {
      assertThat(r.code()).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("POST");
    }
    try (Response r = call("POST", "/v1/elsewhere", BEARER, "application/json", new byte[0])) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = call("POST", "/v1/inspect", BEARER, "text/plain", request("www.example.test"))) {
      assertThat(r.code()).isEqualTo(415);
    }
    try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
        new byte[AgentServer.MAX_BODY_BYTES + 1])) {
      assertThat(r.code()).isEqualTo(413);
      assertThat(json(r).get("error").asText()).isEqualTo("too-large");
    }
    try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
        "{\"protocolVersion\":1,".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(json(r).get("error").asText()).isEqualTo("bad-request");
    }
    try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
        "{\"protocolVersion\":1,\"domain\":\"www.example.test\"}".getBytes(
            java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(json(r).get("message").asText()).isEqualTo("profile: expected an object");
    }
    try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
        "{\"protocolVersion\":2}".getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(r.code()).isEqualTo(400);
      JsonNode n = json(r);
      assertThat(n.get("error").asText()).isEqualTo("unsupported-protocol-version");
      assertThat(n.get("supportedVersions").get(0).asInt()).isEqualTo(1);
    }
  }

  @Test
  void aFullAgentRefusesAtOnceWith503AndRetryAfter() throws Exception {
    // ns1 and ns2 stop answering: the inspection in flight holds the agent's only slot until
    // its deadline.
    lab.server("ns1.example.test").addFault(DnsFault.drop());
    lab.server("ns2.example.test").addFault(DnsFault.drop());
    try {
      lab.flushCache();
      CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
        try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
            request("slow.example.test"))) {
          return r.code();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (agent.inFlight() == 0 && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(agent.inFlight()).isEqualTo(1);

      try (Response r = call("POST", "/v1/inspect", BEARER, "application/json",
          request("www.example.test"))) {
        assertThat(r.code()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(json(r).get("error").asText()).isEqualTo("busy");
      }
      assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    } finally {
      lab.server("ns1.example.test").clearFaults();
      lab.server("ns2.example.test").clearFaults();
    }
  }

  @Test
  void theKeyComparesWholeKeysOnly() {
    assertThat(KEY.matches("3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6f")).isTrue();
    assertThat(KEY.matches("3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6")).isFalse();
    assertThat(KEY.matches("3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6f0")).isFalse();
    assertThat(KEY.matches("")).isFalse();
    assertThat(KEY.toString()).doesNotContain("3c5d");
  }

  @Test
  void badKeysAndRegionsAreRefusedWhenBuilt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentKey.of("short"))
        .hasMessageContaining("at least 16");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentKey.of("with a space in it!!"))
        .hasMessageContaining("visible ASCII");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> AgentServer.builder(inspector, KEY).region("eu central"))
        .hasMessageContaining("region label");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> AgentServer.builder(inspector, KEY).start())
        .hasMessageContaining("region");
  }

  @Test
  void keysAreReadFromFilesWithoutTheirNewline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path file = dir.resolve("agent.key");
    java.nio.file.Files.writeString(file, "3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6f\n");

    assertThat(AgentKey.fromFile(file).matches("3c5d0f1e2a4b6c8d9e0f1a2b3c4d5e6f")).isTrue();
    java.nio.file.Files.writeString(file, "tiny\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentKey.fromFile(file))
        .hasMessageContaining("agent.key").hasMessageContaining("at least 16");
  }
}
