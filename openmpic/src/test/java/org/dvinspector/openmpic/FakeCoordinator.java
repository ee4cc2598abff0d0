package org.dvinspector.openmpic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An Open MPIC coordinator's HTTP side, played by a mockwebserver3 {@link Dispatcher} on a
 * loopback address: it checks every request against the Open MPIC APIv2 specification
 * (open-mpic/open-mpic-specification {@code openapi.yaml} 3.5.0, commit 65f7409f) and answers
 * with our own fixtures, written from the same specification, chosen per kind of call. A request
 * that breaks the specification is answered 400, as the engine does, and recorded in {@link
 * #violations()} so a test can fail on it.
 *
 * <p>Routes: {@code "caa"}, or {@code "dcv <validation_method>"}, plus {@code " <dns_record_type>"}
 * for dns-change and {@code " <url_scheme>"} for website-change, e.g. {@code "dcv dns-change TXT"}.
 */
final class FakeCoordinator implements AutoCloseable {
  static final String API_KEY = "mpic-test-key-7c1e4a90";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> TOP_LEVEL = Set.of("check_type", "domain_or_ip_target",
      "orchestration_parameters", "trace_identifier", "dcv_check_parameters",
      "caa_check_parameters");
  private static final Set<String> METHODS = Set.of("acme-dns-01", "acme-http-01",
      "acme-tls-alpn-01", "contact-phone-txt", "contact-phone-caa", "contact-email-txt",
      "contact-email-caa", "dns-change", "ip-address", "reverse-address-lookup", "website-change");

  private final MockWebServer server = new MockWebServer();
  private final Map<String, MockResponse> routes = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

  FakeCoordinator(String address) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      server.start(InetAddress.getByName(address), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The coordinator's endpoint. */
  String url() {
    return server.url("/v1/mpic").toString();
  }

  /** Answers {@code route} with status 200 and the fixture {@code name}. */
  FakeCoordinator answer(String route, String fixture) {
    return answer(route, 200, fixture);
  }

  /** Answers {@code route} with {@code status} and the fixture {@code name}. */
  FakeCoordinator answer(String route, int status, String fixture) {
    routes.put(route, new MockResponse.Builder().code(status)
        .setHeader("Content-Type", "application/json").body(fixture(fixture)).build());
    return this;
  }

  /** Answers {@code route} with a ready response. */
  FakeCoordinator answer(String route, MockResponse response) {
    routes.put(route, response);
    return this;
  }

  /** Answers {@code route} after {@code seconds}: longer than any test's budget. */
  FakeCoordinator stall(String route, String fixture, int seconds) {
    routes.put(route, new MockResponse.Builder().code(200).headersDelay(seconds, TimeUnit.SECONDS)
        .setHeader("Content-Type", "application/json").body(fixture(fixture)).build());
    return this;
  }

  /** Requests that broke the specification, one line each. */
  List<String> violations() {
    return List.copyOf(violations);
  }

  /** The request bodies received, in order. */
  List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  static String fixture(String name) {
    try (InputStream in = FakeCoordinator.class.getResourceAsStream(name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(RecordedRequest request) {
    // The AWS deployment's API gateway refuses calls without the right x-api-key like this.
    if (!API_KEY.equals(request.getHeaders().get("x-api-key"))) {
      return json(403, "{\"message\":\"Forbidden\"}");
    }
    if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().equals("/v1/mpic")) {
      violations.add("not POST /v1/mpic: " + request.getRequestLine());
      return json(404, "{\"message\":\"Not Found\"}");
    }
    String type = request.getHeaders().get("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      violations.add("Content-Type " + type);
    }
    JsonNode body;
    try {
      body = MAPPER.readTree(request.getBody().utf8());
    } catch (IOException e) {
      violations.add("body is not JSON");
      return json(400, "{\"error\":\"request-validation-failed\",\"validation_issues\":[]}");
    }
    bodies.add(body);
    List<String> issues = new ArrayList<>();
    String route = validate(body, issues);
    if (!issues.isEmpty()) {
      violations.addAll(issues);
      return json(400, "{\"error\":\"request-validation-failed\",\"validation_issues\":"
          + MAPPER.valueToTree(issues) + "}");
    }
    MockResponse r = routes.get(route);
    if (r == null) {
      violations.add("no fixture for route " + route);
      return json(500, "{\"error\":\"no fixture for " + route + "\"}");
    }
    return r;
  }

  /** Checks a request body against the specification; returns its route. */
  private static String validate(JsonNode b, List<String> issues) {
    if (!b.isObject()) {
      issues.add("body is not an object");
      return "";
    }
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP_LEVEL.contains(f)) {
        issues.add("unknown field " + f);
      }
    }
    String target = text(b, "domain_or_ip_target", issues);
    if (target.isEmpty() || target.endsWith(".")) {
      issues.add("domain_or_ip_target must be an FQDN without the trailing dot: " + target);
    }
    optionalText(b, "trace_identifier", issues);
    JsonNode o = b.get("orchestration_parameters");
    if (o != null && !o.isNull()) {
      JsonNode count = o.get("perspective_count");
      if (count != null && (!count.isInt() || count.intValue() < 2)) {
        issues.add("perspective_count must be an integer of at least 2");
      }
    }
    String checkType = text(b, "check_type", issues);
    if (checkType.equals("caa")) {
      if (b.has("dcv_check_parameters")) {
        issues.add("caa request with dcv_check_parameters");
      }
      JsonNode p = b.get("caa_check_parameters");
      if (p != null && !p.isNull()) {
        JsonNode ct = p.get("certificate_type");
        if (ct != null && !Set.of("tls-server", "s-mime").contains(ct.asText())) {
          issues.add("certificate_type " + ct);
        }
        JsonNode domains = p.get("caa_domains");
        if (domains != null && (!domains.isArray() || !allText(domains))) {
          issues.add("caa_domains must be an array of strings");
        }
      }
      return "caa";
    }
    if (!checkType.equals("dcv")) {
      issues.add("check_type " + checkType);
      return "";
    }
    if (target.startsWith("*.")) {
      issues.add("a DCV target is the validated name, not a wildcard: " + target);
    }
    JsonNode p = b.get("dcv_check_parameters");
    if (p == null || !p.isObject()) {
      issues.add("dcv_check_parameters missing");
      return "";
    }
    String method = text(p, "validation_method", issues);
    if (!METHODS.contains(method)) {
      issues.add("validation_method " + method);
    }
    switch (method) {
      case "website-change": {
        text(p, "http_token_path", issues);
        text(p, "challenge_value", issues);
        String scheme = optionalText(p, "url_scheme", issues);
        if (!scheme.isEmpty() && !Set.of("http", "https").contains(scheme)) {
          issues.add("url_scheme " + scheme);
        }
        return "dcv website-change " + (scheme.isEmpty() ? "http" : scheme);
      }
      case "acme-http-01":
        text(p, "token", issues);
        text(p, "key_authorization", issues);
        return "dcv acme-http-01";
      case "acme-dns-01":
        text(p, "key_authorization_hash", issues);
        return "dcv acme-dns-01";
      case "dns-change": {
        text(p, "challenge_value", issues);
        String type = text(p, "dns_record_type", issues);
        if (!Set.of("CNAME", "TXT", "CAA").contains(type)) {
          issues.add("dns_record_type " + type);
        }
        optionalText(p, "dns_name_prefix", issues);
        JsonNode exact = p.get("require_exact_match");
        if (exact != null && !exact.isBoolean()) {
          issues.add("require_exact_match must be a boolean");
        }
        return "dcv dns-change " + type;
      }
      default:
        return "dcv " + method;
    }
  }

  private static String text(JsonNode n, String field, List<String> issues) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      issues.add(field + " must be a string");
      return "";
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode n, String field, List<String> issues) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      issues.add(field + " must be a string or null");
      return "";
    }
    return v.textValue();
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @Override
  public void close() {
    server.close();
  }
}
