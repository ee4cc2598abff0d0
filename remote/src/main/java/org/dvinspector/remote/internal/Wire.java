package org.dvinspector.remote.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.CaaCheck;
import org.dvinspector.CaaRules;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsRules;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.HttpRules;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Method;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.PerspectiveNetwork;
import org.dvinspector.RedirectPolicy;
import org.dvinspector.Rir;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;
import org.dvinspector.Verdict;
import org.dvinspector.remote.AgentInfo;
import org.dvinspector.remote.AgentProtocol;
import org.jspecify.annotations.Nullable;

/**
 * The JSON documents of the agent protocol (remote/PROTOCOL.md), both ways: the request a client
 * sends, the reply an agent gives, the agent's self-description and error bodies. Reading is
 * strict: a missing or mistyped field is a {@link WireException} that names it.
 */
public final class Wire {
  /** The most checks one request may carry. */
  public static final int MAX_CHECKS = 16;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  static {
    // Bounded parsing: documents are small; deep nesting or huge strings are not ours.
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(64).maxStringLength(1_000_000).maxNumberLength(40).build());
  }

  private Wire() {}

  // ------------------------------------------------------------------ bytes

  /** Parses a document. */
  public static JsonNode parse(byte[] body) throws WireException {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new WireException("the body is not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new WireException("the body is not valid JSON (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")", e);
    } catch (java.io.IOException e) {
      throw new WireException("the body could not be read", e);
    }
  }

  /** Serialises a document. */
  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  // ------------------------------------------------------------------ request

  /**
   * The request document for {@code request}, asking the agent to answer within {@code
   * deadline}.
   *
   * @throws IllegalArgumentException if a check is of a kind the protocol does not carry
   */
  public static ObjectNode request(InspectionRequest request, Duration deadline) {
    ObjectNode n = object();
    n.put("protocolVersion", AgentProtocol.VERSION);
    n.put("domain", request.domain().ascii());
    n.set("profile", profile(request.profile()));
    ArrayNode checks = n.putArray("checks");
    for (Check c : request.checks()) {
      checks.add(check(c));
    }
    request.tokenCreatedAt().ifPresent(t -> n.put("tokenCreatedAt", t.toString()));
    request.ednsClientSubnet().ifPresent(e -> n.put("ednsClientSubnet", e));
    n.put("deadlineMillis", Math.max(1, deadline.toMillis()));
    return n;
  }

  /** The protocol version a document declares. */
  public static int protocolVersion(JsonNode n) throws WireException {
    JsonNode v = n.get("protocolVersion");
    if (v == null || !v.isInt()) {
      throw new WireException("protocolVersion: expected an integer");
    }
    return v.intValue();
  }

  /**
   * The inspection a request document asks for, with its deadline capped at {@code maxDeadline}.
   *
   * @throws WireException if the document is malformed or describes an invalid request
   */
  public static InspectionRequest readRequest(JsonNode n, Duration maxDeadline) throws WireException {
    try {
      InspectionRequest.Builder b = InspectionRequest.builder()
          .domain(text(n, "domain"))
          .profile(profile(object(n, "profile")));
      JsonNode checks = array(n, "checks");
      if (checks.size() == 0 || checks.size() > MAX_CHECKS) {
        throw new WireException("checks: expected 1 to " + MAX_CHECKS + " checks, got "
            + checks.size());
      }
      for (int i = 0; i < checks.size(); i++) {
        b.addChecks(check(checks.get(i), "checks[" + i + "]"));
      }
      Optional<String> created = optText(n, "tokenCreatedAt");
      if (created.isPresent()) {
        b.tokenCreatedAt(instant(created.get(), "tokenCreatedAt"));
      }
      JsonNode ecs = n.get("ednsClientSubnet");
      if (ecs != null && !ecs.isNull()) {
        b.ednsClientSubnet(bool(n, "ednsClientSubnet", ""));
      }
      long millis = longValue(n, "deadlineMillis");
      if (millis < 1) {
        throw new WireException("deadlineMillis: must be positive");
      }
      Duration d = Duration.ofMillis(millis);
      b.deadline(d.compareTo(maxDeadline) > 0 ? maxDeadline : d);
      return b.build();
    } catch (IllegalArgumentException e) {
      // Bad input caught by the core builders (a malformed domain, an empty token, ...).
      throw new WireException("invalid request: " + Text.escape(String.valueOf(e.getMessage())), e);
    }
  }

  static ObjectNode check(Check c) {
    ObjectNode n = object();
    if (c instanceof DnsTxtCheck t) {
      n.put("kind", Method.DNS_TXT.label());
      t.label().ifPresent(l -> n.put("label", l));
      n.put("value", t.expectedValue());
    } else if (c instanceof DnsCnameCheck t) {
      n.put("kind", Method.DNS_CNAME.label());
      t.label().ifPresent(l -> n.put("label", l));
      n.put("target", t.expectedTarget().ascii());
    } else if (c instanceof HttpFileCheck t) {
      n.put("kind", Method.HTTP_FILE.label());
      t.path().ifPresent(p -> n.put("path", p));
      n.put("content", t.expectedContent());
    } else if (c instanceof AcmeHttp01Check t) {
      n.put("kind", Method.ACME_HTTP_01.label());
      n.put("keyAuthorization", t.keyAuthorization());
    } else if (c instanceof AcmeDns01Check t) {
      n.put("kind", Method.ACME_DNS_01.label());
      n.put("keyAuthorization", t.keyAuthorization());
    } else if (c instanceof AcmeTlsAlpn01Check t) {
      n.put("kind", Method.ACME_TLS_ALPN_01.label());
      n.put("keyAuthorization", t.keyAuthorization());
    } else if (c instanceof AcmeDnsAccount01Check t) {
      n.put("kind", Method.ACME_DNS_ACCOUNT_01.label());
      n.put("keyAuthorization", t.keyAuthorization());
      n.put("accountUri", t.accountUri());
    } else if (c instanceof AcmeDnsPersist01Check t) {
      n.put("kind", Method.ACME_DNS_PERSIST_01.label());
      n.put("accountUri", t.accountUri());
      ArrayNode issuers = n.putArray("issuers");
      t.issuerDomainNames().forEach(issuers::add);
    } else if (c instanceof DomainContactCheck t) {
      // One kind per contact method: the method's label.
      n.put("kind", t.contactMethod().label());
      t.expectedContact().ifPresent(v -> n.put("contact", v));
      t.authorizationDomainName().ifPresent(d -> n.put("authorizationDomain", d.ascii()));
      n.put("smtpProbe", t.smtpProbe());
    } else if (c instanceof CaaCheck t) {
      n.put("kind", "caa");
      ArrayNode issuers = n.putArray("issuers");
      t.issuerDomains().forEach(issuers::add);
      t.accountUri().ifPresent(u -> n.put("accountUri", u));
      t.validationMethod().ifPresent(m -> n.put("validationMethod", m.label()));
    } else {
      throw new IllegalArgumentException("The agent protocol does not carry checks of kind \""
          + Text.escape(c.kind()) + "\" (" + c.getClass().getName() + ")");
    }
    return n;
  }

  private static Check check(JsonNode n, String where) throws WireException {
    if (!n.isObject()) {
      throw new WireException(where + ": expected an object");
    }
    String kind = text(n, "kind", where);
    switch (kind) {
      case "dns-txt": {
        Optional<String> label = optText(n, "label", where);
        String value = text(n, "value", where);
        return label.isPresent() ? DnsTxtCheck.of(label.get(), value) : DnsTxtCheck.atDomain(value);
      }
      case "dns-cname": {
        Optional<String> label = optText(n, "label", where);
        String target = text(n, "target", where);
        return label.isPresent() ? DnsCnameCheck.of(label.get(), target)
            : DnsCnameCheck.atDomain(target);
      }
      case "http-file": {
        Optional<String> path = optText(n, "path", where);
        String content = text(n, "content", where);
        return path.isPresent() ? HttpFileCheck.of(path.get(), content)
            : HttpFileCheck.atProfilePath(content);
      }
      case "acme-http-01":
        return AcmeHttp01Check.of(text(n, "keyAuthorization", where));
      case "acme-dns-01":
        return AcmeDns01Check.of(text(n, "keyAuthorization", where));
      case "acme-tls-alpn-01":
        return AcmeTlsAlpn01Check.of(text(n, "keyAuthorization", where));
      case "acme-dns-account-01":
        return AcmeDnsAccount01Check.of(text(n, "keyAuthorization", where),
            text(n, "accountUri", where));
      case "acme-dns-persist-01":
        return AcmeDnsPersist01Check.of(text(n, "accountUri", where),
            texts(n, "issuers", where).toArray(new String[0]));
      case "email-constructed", "email-caa-contact", "email-txt-contact", "phone-domain-contact",
          "phone-txt-contact", "phone-caa-contact": {
        DomainContactCheck.Builder b = DomainContactCheck.builder()
            .contactMethod(method(kind, where + ".kind"));
        optText(n, "contact", where).ifPresent(b::expectedContact);
        Optional<String> adn = optText(n, "authorizationDomain", where);
        if (adn.isPresent()) {
          b.authorizationDomainName(adn.get());
        }
        JsonNode probe = n.get("smtpProbe");
        b.smtpProbe(probe != null && !probe.isNull() && bool(n, "smtpProbe", where));
        return b.build();
      }
      case "caa": {
        CaaCheck.Builder b = CaaCheck.builder();
        for (String issuer : texts(n, "issuers", where)) {
          b.addIssuerDomains(issuer);
        }
        optText(n, "accountUri", where).ifPresent(b::accountUri);
        Optional<String> m = optText(n, "validationMethod", where);
        if (m.isPresent()) {
          b.validationMethod(method(m.get(), where + ".validationMethod"));
        }
        return b.build();
      }
      default:
        throw new WireException(where + ".kind: unknown check kind \"" + Text.escape(kind)
            + "\"; known: dns-txt, dns-cname, http-file, acme-http-01, acme-dns-01,"
            + " acme-tls-alpn-01, acme-dns-account-01, acme-dns-persist-01, the contact methods,"
            + " caa");
    }
  }

  // ------------------------------------------------------------------ profile

  static ObjectNode profile(CaProfile p) {
    ObjectNode n = object();
    n.put("id", p.id());
    n.put("displayName", p.displayName());
    ArrayNode methods = n.putArray("offeredMethods");
    p.offeredMethods().stream().map(Method::label).sorted().forEach(methods::add);
    ArrayNode caa = n.putArray("caaIdentities");
    p.caaIdentities().forEach(caa::add);
    ObjectNode rules = n.putObject("caaRules");
    rules.put("anyFlagIsCritical", p.caaRules().anyFlagIsCritical());
    rules.put("rejectHyphenInParameterTags", p.caaRules().rejectHyphenInParameterTags());
    rules.put("exactIssuerMatch", p.caaRules().exactIssuerMatch());
    rules.put("supportsRfc8657", p.caaRules().supportsRfc8657());
    rules.put("criticalFlagMask", p.caaRules().criticalFlagMask());
    ArrayNode tags = rules.putArray("recognizedTags");
    p.caaRules().recognizedTags().stream().sorted().forEach(tags::add);
    HttpRules h = p.httpRules();
    ObjectNode http = n.putObject("httpRules");
    ArrayNode schemes = http.putArray("fileSchemes");
    h.fileSchemes().forEach(schemes::add);
    http.put("fileRequiresAllSchemes", h.fileRequiresAllSchemes());
    http.put("fileAcceptsAny2xx", h.fileAcceptsAny2xx());
    http.put("bodyCapBytes", h.bodyCapBytes());
    http.put("trimTrailingWhitespace", h.trimTrailingWhitespace());
    http.set("fileRedirects", redirects(h.fileRedirects()));
    http.set("acmeRedirects", redirects(h.acmeRedirects()));
    http.put("ipv6First", h.ipv6First());
    http.put("ipv4Fallback", h.ipv4Fallback());
    http.put("httpsCertificateMustBeValid", h.httpsCertificateMustBeValid());
    http.put("httpsHostnameMustMatch", h.httpsHostnameMustMatch());
    http.put("fileAcceptsAnyStatusBelow400", h.fileAcceptsAnyStatusBelow400());
    h.trimmedTrailingCharacters().ifPresent(v -> http.put("trimmedTrailingCharacters", v));
    http.put("usesIpv6", h.usesIpv6());
    http.put("connectsToNonPublicAddresses", h.connectsToNonPublicAddresses());
    h.userAgent().ifPresent(v -> http.put("userAgent", v));
    ObjectNode headers = http.putObject("requestHeaders");
    h.requestHeaders().forEach(headers::put);
    DnsRules d = p.dnsRules();
    ObjectNode dns = n.putObject("dnsRules");
    dns.put("txtMatching", d.txtMatching().name());
    dns.put("txtAlsoAtDomain", d.txtAlsoAtDomain());
    dns.put("searchesAliasTargets", d.searchesAliasTargets());
    d.lookupBudget().ifPresent(v -> dns.put("lookupBudgetMillis", v.toMillis()));
    n.put("validatesDnssec", p.validatesDnssec());
    p.minRandomValueLength().ifPresent(v -> n.put("minRandomValueLength", v));
    n.put("tokenLifetimeMillis", p.tokenLifetime().toMillis());
    p.httpFilePath().ifPresent(v -> n.put("httpFilePath", v));
    ArrayNode labels = n.putArray("dnsTxtLabels");
    p.dnsTxtLabels().forEach(labels::add);
    n.put("dnsTxtValueTemplate", p.dnsTxtValueTemplate());
    p.dnsCnameLabel().ifPresent(v -> n.put("dnsCnameLabel", v));
    p.dnsCnameTargetSuffix().ifPresent(v -> n.put("dnsCnameTargetSuffix", v));
    ArrayNode keywords = n.putArray("sensitiveKeywords");
    p.sensitiveKeywords().forEach(keywords::add);
    ArrayNode sources = n.putArray("sources");
    p.sources().forEach(sources::add);
    ArrayNode networks = n.putArray("perspectiveNetworks");
    for (PerspectiveNetwork pn : p.perspectiveNetworks()) {
      ObjectNode o = networks.addObject();
      o.put("region", pn.region());
      o.put("rir", pn.rir().displayName());
      o.put("network", pn.network());
      o.put("source", pn.source());
    }
    return n;
  }

  private static ObjectNode redirects(RedirectPolicy r) {
    ObjectNode n = object();
    n.put("follow", r.follow());
    ArrayNode statuses = n.putArray("statuses");
    r.statuses().stream().sorted().forEach(statuses::add);
    ArrayNode schemes = n.putArray("schemes");
    r.schemes().stream().sorted().forEach(schemes::add);
    ArrayNode ports = n.putArray("ports");
    r.ports().stream().sorted().forEach(ports::add);
    n.put("maxRedirects", r.maxRedirects());
    n.put("followsAbsoluteTargets", r.followsAbsoluteTargets());
    return n;
  }

  static CaProfile profile(JsonNode n) throws WireException {
    String w = "profile";
    Set<Method> methods = EnumSet.noneOf(Method.class);
    for (String m : texts(n, "offeredMethods", w)) {
      methods.add(method(m, w + ".offeredMethods"));
    }
    JsonNode caa = object(n, "caaRules", w);
    JsonNode http = object(n, "httpRules", w);
    String hw = w + ".httpRules";
    CaProfile.Builder b = CaProfile.builder()
        .id(text(n, "id", w))
        .displayName(text(n, "displayName", w))
        .offeredMethods(methods)
        .caaIdentities(texts(n, "caaIdentities", w))
        .caaRules(CaaRules.builder()
            .anyFlagIsCritical(bool(caa, "anyFlagIsCritical", w + ".caaRules"))
            .rejectHyphenInParameterTags(bool(caa, "rejectHyphenInParameterTags", w + ".caaRules"))
            .exactIssuerMatch(bool(caa, "exactIssuerMatch", w + ".caaRules"))
            .supportsRfc8657(bool(caa, "supportsRfc8657", w + ".caaRules"))
            .criticalFlagMask(optInt(caa, "criticalFlagMask", w + ".caaRules").orElse(
                bool(caa, "anyFlagIsCritical", w + ".caaRules") ? 0xFF : 0x80))
            .recognizedTags(caa.has("recognizedTags")
                ? texts(caa, "recognizedTags", w + ".caaRules") : List.of())
            .build())
        .httpRules(HttpRules.builder()
            .fileSchemes(texts(http, "fileSchemes", hw))
            .fileRequiresAllSchemes(bool(http, "fileRequiresAllSchemes", hw))
            .fileAcceptsAny2xx(bool(http, "fileAcceptsAny2xx", hw))
            .bodyCapBytes(intValue(http, "bodyCapBytes", hw))
            .trimTrailingWhitespace(bool(http, "trimTrailingWhitespace", hw))
            .fileRedirects(redirects(object(http, "fileRedirects", hw), hw + ".fileRedirects"))
            .acmeRedirects(redirects(object(http, "acmeRedirects", hw), hw + ".acmeRedirects"))
            .ipv6First(bool(http, "ipv6First", hw))
            .ipv4Fallback(bool(http, "ipv4Fallback", hw))
            .httpsCertificateMustBeValid(bool(http, "httpsCertificateMustBeValid", hw))
            // Rules added after the first protocol version: absent means the default.
            .httpsHostnameMustMatch(optBool(http, "httpsHostnameMustMatch", hw)
                .orElse(bool(http, "httpsCertificateMustBeValid", hw)))
            .fileAcceptsAnyStatusBelow400(
                optBool(http, "fileAcceptsAnyStatusBelow400", hw).orElse(false))
            .trimmedTrailingCharacters(optText(http, "trimmedTrailingCharacters", hw))
            .usesIpv6(optBool(http, "usesIpv6", hw).orElse(true))
            .connectsToNonPublicAddresses(
                optBool(http, "connectsToNonPublicAddresses", hw).orElse(false))
            .userAgent(optText(http, "userAgent", hw))
            .requestHeaders(stringMap(http, "requestHeaders", hw))
            .build())
        .dnsRules(dnsRules(n.get("dnsRules"), w + ".dnsRules"))
        .validatesDnssec(optBool(n, "validatesDnssec", w).orElse(true))
        .tokenLifetime(Duration.ofMillis(longValue(n, "tokenLifetimeMillis", w)))
        .dnsTxtLabels(texts(n, "dnsTxtLabels", w))
        .dnsTxtValueTemplate(text(n, "dnsTxtValueTemplate", w))
        .sensitiveKeywords(texts(n, "sensitiveKeywords", w))
        .sources(texts(n, "sources", w));
    optText(n, "httpFilePath", w).ifPresent(b::httpFilePath);
    optText(n, "dnsCnameLabel", w).ifPresent(b::dnsCnameLabel);
    optText(n, "dnsCnameTargetSuffix", w).ifPresent(b::dnsCnameTargetSuffix);
    optInt(n, "minRandomValueLength", w).ifPresent(b::minRandomValueLength);
    // Optional: clients from before EDNS Client Subnet support send none.
    JsonNode networks = n.get("perspectiveNetworks");
    if (networks != null && !networks.isNull()) {
      JsonNode a = array(n, "perspectiveNetworks", w);
      for (int i = 0; i < a.size(); i++) {
        String nw = w + ".perspectiveNetworks[" + i + "]";
        JsonNode o = a.get(i);
        if (!o.isObject()) {
          throw new WireException(nw + ": expected an object");
        }
        Rir rir = optRir(o, "rir", nw).orElseThrow(() -> new WireException(nw
            + ".rir: expected a registry name"));
        try {
          b.addPerspectiveNetworks(PerspectiveNetwork.of(text(o, "region", nw), rir,
              text(o, "network", nw), text(o, "source", nw)));
        } catch (IllegalArgumentException e) {
          throw new WireException(nw + ": " + e.getMessage(), e);
        }
      }
    }
    return b.build();
  }

  /** A profile's DNS rules; absent (an older peer) means the defaults. */
  private static DnsRules dnsRules(@Nullable JsonNode n, String where) throws WireException {
    if (n == null || n.isNull()) {
      return DnsRules.defaults();
    }
    if (!n.isObject()) {
      throw new WireException(where + ": expected an object");
    }
    String matching = text(n, "txtMatching", where);
    DnsRules.TxtMatching m;
    try {
      m = DnsRules.TxtMatching.valueOf(matching);
    } catch (IllegalArgumentException e) {
      throw new WireException(where + ".txtMatching: unknown value \"" + Text.escape(matching)
          + "\"");
    }
    DnsRules.Builder b = DnsRules.builder()
        .txtMatching(m)
        .txtAlsoAtDomain(bool(n, "txtAlsoAtDomain", where))
        .searchesAliasTargets(bool(n, "searchesAliasTargets", where));
    if (n.has("lookupBudgetMillis")) {
      long ms = longValue(n, "lookupBudgetMillis", where);
      if (ms <= 0 || ms > 86_400_000L) {
        throw new WireException(where + ".lookupBudgetMillis: expected 1 to 86400000");
      }
      b.lookupBudget(Duration.ofMillis(ms));
    }
    return b.build();
  }

  private static Optional<Boolean> optBool(JsonNode n, String field, String where)
      throws WireException {
    return n.has(field) ? Optional.of(bool(n, field, where)) : Optional.empty();
  }

  private static Optional<Integer> optInt(JsonNode n, String field, String where)
      throws WireException {
    return n.has(field) ? Optional.of(intValue(n, field, where)) : Optional.empty();
  }

  /** A JSON object of string values; absent means empty. */
  private static Map<String, String> stringMap(JsonNode n, String field, String where)
      throws WireException {
    JsonNode o = n.get(field);
    if (o == null || o.isNull()) {
      return Map.of();
    }
    if (!o.isObject() || o.size() > 32) {
      throw new WireException(path(where, field) + ": expected an object of at most 32 strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      if (!e.getValue().isTextual()) {
        throw new WireException(path(where, field) + "." + Text.escape(e.getKey())
            + ": expected a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  private static RedirectPolicy redirects(JsonNode n, String where) throws WireException {
    RedirectPolicy.Builder b = RedirectPolicy.builder()
        .follow(bool(n, "follow", where))
        .followsAbsoluteTargets(optBool(n, "followsAbsoluteTargets", where).orElse(true))
        .maxRedirects(intValue(n, "maxRedirects", where))
        .schemes(texts(n, "schemes", where));
    for (int s : ints(n, "statuses", where)) {
      b.addStatuses(s);
    }
    for (int p : ints(n, "ports", where)) {
      b.addPorts(p);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ reply

  /** The reply document for a finished inspection. */
  public static ObjectNode reply(InspectionReport report, AgentInfo agent) {
    ObjectNode n = object();
    n.put("protocolVersion", AgentProtocol.VERSION);
    ObjectNode a = n.putObject("agent");
    a.put("region", agent.region());
    putOptional(a, "rir", agent.rir().map(Rir::displayName));
    n.put("verdict", report.verdict().name());
    n.put("startedAt", report.startedAt().toString());
    n.put("durationMillis", millis(report.duration()));
    ArrayNode checks = n.putArray("checks");
    for (CheckResult r : report.checkResults()) {
      ObjectNode c = checks.addObject();
      c.put("kind", r.check().kind());
      c.put("status", r.status().name());
      c.put("durationMillis", millis(r.duration()));
    }
    ArrayNode findings = n.putArray("findings");
    for (Finding f : report.findings()) {
      findings.add(finding(f));
    }
    ArrayNode observations = n.putArray("observations");
    for (Observation o : report.observations()) {
      observations.add(observation(o));
    }
    return n;
  }

  /** What an agent's reply says, read against the request it answers. */
  public static final class Reply {
    /** The agent's region label. */
    public final String region;
    /** The agent's registry, when it has one. */
    public final Optional<Rir> rir;
    /** The agent's verdict. */
    public final Verdict verdict;
    /** When the agent started. */
    public final Instant startedAt;
    /** How long the agent took. */
    public final Duration duration;
    /** One per request check, in order, holding the request's own check objects. */
    public final List<CheckResult> checkResults;
    /** The agent's findings whose codes this client knows. */
    public final List<Finding> findings;
    /** The agent's observations (its own perspectives). */
    public final List<Observation> observations;
    /** Findings whose codes this client does not know, as one line each. */
    public final List<String> unknownFindings;

    Reply(String region, Optional<Rir> rir, Verdict verdict, Instant startedAt, Duration duration,
        List<CheckResult> checkResults, List<Finding> findings, List<Observation> observations,
        List<String> unknownFindings) {
      this.region = region;
      this.rir = rir;
      this.verdict = verdict;
      this.startedAt = startedAt;
      this.duration = duration;
      this.checkResults = List.copyOf(checkResults);
      this.findings = List.copyOf(findings);
      this.observations = List.copyOf(observations);
      this.unknownFindings = List.copyOf(unknownFindings);
    }
  }

  /**
   * Reads a reply to {@code request}: its checks must be the request's, in order.
   *
   * @throws WireException if the reply is malformed or answers other checks
   */
  public static Reply readReply(JsonNode n, InspectionRequest request) throws WireException {
    JsonNode agent = object(n, "agent", "reply");
    String region = clean(text(agent, "region", "agent"));
    Optional<Rir> rir = optRir(agent, "rir", "agent");
    Verdict verdict = enumValue(Verdict.class, text(n, "verdict"), "verdict");
    Instant startedAt = instant(text(n, "startedAt"), "startedAt");
    Duration duration = duration(n, "durationMillis", "reply");
    JsonNode checks = array(n, "checks");
    if (checks.size() != request.checks().size()) {
      throw new WireException("checks: the reply has " + checks.size() + " results for "
          + request.checks().size() + " checks");
    }
    List<CheckResult> results = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      String where = "checks[" + i + "]";
      JsonNode c = checks.get(i);
      Check asked = request.checks().get(i);
      String kind = text(c, "kind", where);
      if (!kind.equals(asked.kind())) {
        throw new WireException(where + ".kind: \"" + Text.escape(kind) + "\" answers a "
            + asked.kind() + " check");
      }
      results.add(CheckResult.of(asked,
          enumValue(CheckResult.Status.class, text(c, "status", where), where + ".status"),
          duration(c, "durationMillis", where)));
    }
    List<Finding> findings = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    JsonNode fs = array(n, "findings");
    for (int i = 0; i < fs.size(); i++) {
      String where = "findings[" + i + "]";
      JsonNode f = fs.get(i);
      if (!f.isObject()) {
        throw new WireException(where + ": expected an object");
      }
      String code = text(f, "code", where);
      Optional<FindingCode> known = codeOf(code);
      if (known.isEmpty()) {
        // A newer agent's catalogue: keep what it said, without a code this client has.
        unknown.add(clean(code) + " " + clean(text(f, "severity", where)) + ": "
            + clean(text(f, "message", where)));
        continue;
      }
      findings.add(finding(f, known.get(), where));
    }
    List<Observation> observations = new ArrayList<>();
    JsonNode os = array(n, "observations");
    for (int i = 0; i < os.size(); i++) {
      observations.add(observation(os.get(i), "observations[" + i + "]"));
    }
    return new Reply(region, rir, verdict, startedAt, duration, results, findings, observations,
        unknown);
  }

  private static Optional<FindingCode> codeOf(String code) {
    for (FindingCode c : FindingCode.values()) {
      if (c.name().equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  static ObjectNode finding(Finding f) {
    ObjectNode n = object();
    n.put("code", f.code().name());
    n.put("severity", f.severity().name());
    n.put("message", f.message());
    putOptional(n, "remedy", f.remedy());
    putOptional(n, "method", f.method().map(Method::label));
    ArrayNode evidence = n.putArray("evidence");
    for (Evidence e : f.evidence()) {
      ObjectNode en = evidence.addObject();
      en.set("perspective", perspective(e.perspective()));
      en.put("detail", e.detail());
    }
    ObjectNode attributes = n.putObject("attributes");
    for (Map.Entry<String, String> a : new TreeMap<>(f.attributes()).entrySet()) {
      attributes.put(a.getKey(), a.getValue());
    }
    return n;
  }

  private static Finding finding(JsonNode n, FindingCode code, String where) throws WireException {
    Finding.Builder b = Finding.builder(code)
        .severity(enumValue(Severity.class, text(n, "severity", where), where + ".severity"))
        .message(clean(text(n, "message", where)));
    Optional<String> remedy = optText(n, "remedy", where);
    if (remedy.isPresent()) {
      // Remedies may span lines (the records to add); every line is cleaned.
      List<String> lines = new ArrayList<>();
      for (String line : remedy.get().split("\n", -1)) {
        lines.add(clean(line));
      }
      b.remedy(String.join("\n", lines));
    }
    Optional<String> method = optText(n, "method", where);
    if (method.isPresent()) {
      b.method(method(method.get(), where + ".method"));
    }
    JsonNode evidence = array(n, "evidence", where);
    for (int i = 0; i < evidence.size(); i++) {
      String ew = where + ".evidence[" + i + "]";
      JsonNode e = evidence.get(i);
      b.evidence(perspective(object(e, "perspective", ew), ew + ".perspective"),
          clean(text(e, "detail", ew)));
    }
    JsonNode attributes = object(n, "attributes", where);
    Iterator<Map.Entry<String, JsonNode>> it = attributes.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> a = it.next();
      if (!a.getValue().isTextual()) {
        throw new WireException(where + ".attributes." + clean(a.getKey()) + ": expected a string");
      }
      b.attribute(clean(a.getKey()), clean(a.getValue().textValue()));
    }
    try {
      return b.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new WireException(where + ": " + Text.escape(String.valueOf(e.getMessage())), e);
    }
  }

  static ObjectNode observation(Observation o) {
    ObjectNode n = object();
    n.put("id", o.id());
    n.set("perspective", perspective(o.perspective()));
    n.put("query", o.query());
    n.put("outcome", o.outcome().name());
    n.put("result", o.result());
    n.put("latencyMillis", millis(o.latency()));
    if (o.startOffset().isPresent()) {
      n.put("startOffsetMillis", millis(o.startOffset().get()));
    }
    ArrayNode causes = n.putArray("causes");
    o.causes().forEach(causes::add);
    n.put("auxiliary", o.auxiliary());
    return n;
  }

  private static Observation observation(JsonNode n, String where) throws WireException {
    if (!n.isObject()) {
      throw new WireException(where + ": expected an object");
    }
    Observation o = Observation.of(
        perspective(object(n, "perspective", where), where + ".perspective"),
        clean(text(n, "query", where)),
        enumValue(Observation.Outcome.class, text(n, "outcome", where), where + ".outcome"),
        clean(text(n, "result", where)),
        duration(n, "latencyMillis", where));
    JsonNode offset = n.get("startOffsetMillis");
    if (offset != null && !offset.isNull()) {
      o = o.withStartOffset(duration(n, "startOffsetMillis", where));
    }
    // id and causes number the agent's own observations: read for their shape, and the causes
    // kept, but a client renumbers what it adds to its report.
    JsonNode id = n.get("id");
    if (id != null && !id.isNull()
        && (!id.canConvertToLong() || !id.isIntegralNumber() || id.longValue() < 0)) {
      throw new WireException(where + ".id: expected a number of 0 or more");
    }
    JsonNode causes = n.get("causes");
    if (causes != null && !causes.isNull()) {
      if (!causes.isArray()) {
        throw new WireException(where + ".causes: expected an array");
      }
      List<Long> ids = new ArrayList<>();
      for (JsonNode c : causes) {
        if (!c.isIntegralNumber() || !c.canConvertToLong()) {
          throw new WireException(where + ".causes: expected observation numbers");
        }
        ids.add(c.longValue());
      }
      o = o.withCauses(ids);
    }
    JsonNode auxiliary = n.get("auxiliary");
    if (auxiliary != null && !auxiliary.isNull()) {
      if (!auxiliary.isBoolean()) {
        throw new WireException(where + ".auxiliary: expected true or false");
      }
      if (auxiliary.booleanValue()) {
        o = o.asAuxiliary();
      }
    }
    return o;
  }

  static ObjectNode perspective(Perspective p) {
    ObjectNode n = object();
    n.put("kind", p.kind().name());
    n.put("name", p.name());
    putOptional(n, "address", p.address());
    putOptional(n, "transport", p.transport());
    putOptional(n, "region", p.region());
    return n;
  }

  private static Perspective perspective(JsonNode n, String where) throws WireException {
    Perspective.Builder b = Perspective.builder()
        .kind(enumValue(Perspective.Kind.class, text(n, "kind", where), where + ".kind"))
        .name(clean(text(n, "name", where)));
    optText(n, "address", where).map(Wire::clean).ifPresent(b::address);
    optText(n, "transport", where).map(Wire::clean).ifPresent(b::transport);
    optText(n, "region", where).map(Wire::clean).ifPresent(b::region);
    return b.build();
  }

  // ------------------------------------------------------------------ agent info, errors

  /** The {@code GET /v1/agent} document. */
  public static ObjectNode info(AgentInfo info) {
    ObjectNode n = object();
    n.put("protocolVersion", info.protocolVersion());
    n.put("region", info.region());
    putOptional(n, "rir", info.rir().map(Rir::displayName));
    n.put("software", info.software());
    n.put("maxConcurrent", info.maxConcurrent());
    n.put("deadlineMillis", info.deadline().toMillis());
    return n;
  }

  /** Reads a {@code GET /v1/agent} document. */
  public static AgentInfo readInfo(JsonNode n) throws WireException {
    return AgentInfo.builder()
        .protocolVersion(protocolVersion(n))
        .region(clean(text(n, "region")))
        .rir(optRir(n, "rir", "agent"))
        .software(clean(text(n, "software")))
        .maxConcurrent(intValue(n, "maxConcurrent", "agent"))
        .deadline(Duration.ofMillis(longValue(n, "deadlineMillis")))
        .build();
  }

  /** An error body: {@code {"protocolVersion":1,"error":code,"message":message}}. */
  public static ObjectNode error(String code, String message) {
    ObjectNode n = object();
    n.put("protocolVersion", AgentProtocol.VERSION);
    n.put("error", code);
    n.put("message", message);
    return n;
  }

  /** The {@code error} and {@code message} of an error body, cleaned, when it is one. */
  public static Optional<String> errorOf(byte[] body) {
    try {
      JsonNode n = parse(body);
      Optional<String> code = optText(n, "error", "error");
      if (code.isEmpty()) {
        return Optional.empty();
      }
      Optional<String> message = optText(n, "message", "error");
      return Optional.of(clean(code.get()) + message.map(m -> ": " + clean(m)).orElse(""));
    } catch (WireException e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ field readers

  /**
   * Network text made safe for one line of a message: control, format and unpaired surrogate
   * characters are escaped the way {@link Text#escape(String)} does; everything else is kept
   * (the agent's own messages are already escaped, and escaping them again would double the
   * backslashes).
   */
  public static String clean(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean unsafe = c < 0x20 || c == 0x7f || Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT || c == '\ufeff'
          || (Character.isHighSurrogate(c)
              && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
          || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
      if (unsafe && out == null) {
        out = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      if (out != null) {
        out.append(unsafe ? Text.escape(String.valueOf(c)) : String.valueOf(c));
      }
    }
    return out == null ? s : out.toString();
  }

  static String text(JsonNode n, String field) throws WireException {
    return text(n, field, "");
  }

  static String text(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new WireException(path(where, field) + ": expected a string");
    }
    return v.textValue();
  }

  static Optional<String> optText(JsonNode n, String field) throws WireException {
    return optText(n, field, "");
  }

  static Optional<String> optText(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new WireException(path(where, field) + ": expected a string or null");
    }
    return Optional.of(v.textValue());
  }

  private static List<String> texts(JsonNode n, String field, String where) throws WireException {
    JsonNode a = array(n, field, where);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isTextual()) {
        throw new WireException(path(where, field) + "[" + i + "]: expected a string");
      }
      out.add(a.get(i).textValue());
    }
    return out;
  }

  private static Set<Integer> ints(JsonNode n, String field, String where) throws WireException {
    JsonNode a = array(n, field, where);
    Set<Integer> out = new LinkedHashSet<>();
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isInt()) {
        throw new WireException(path(where, field) + "[" + i + "]: expected an integer");
      }
      out.add(a.get(i).intValue());
    }
    return out;
  }

  static JsonNode array(JsonNode n, String field) throws WireException {
    return array(n, field, "");
  }

  static JsonNode array(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new WireException(path(where, field) + ": expected an array");
    }
    return v;
  }

  static JsonNode object(JsonNode n, String field) throws WireException {
    return object(n, field, "");
  }

  static JsonNode object(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw new WireException(path(where, field) + ": expected an object");
    }
    return v;
  }

  private static boolean bool(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new WireException(path(where, field) + ": expected true or false");
    }
    return v.booleanValue();
  }

  private static int intValue(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.isInt()) {
      throw new WireException(path(where, field) + ": expected an integer");
    }
    return v.intValue();
  }

  static long longValue(JsonNode n, String field) throws WireException {
    return longValue(n, field, "");
  }

  private static long longValue(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new WireException(path(where, field) + ": expected an integer");
    }
    return v.longValue();
  }

  private static Duration duration(JsonNode n, String field, String where) throws WireException {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber() || v.doubleValue() < 0 || v.doubleValue() > 86_400_000d) {
      throw new WireException(path(where, field) + ": expected a number of milliseconds");
    }
    return Duration.ofNanos(Math.round(v.doubleValue() * 1_000_000d));
  }

  private static Instant instant(String text, String where) throws WireException {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new WireException(where + ": expected an ISO-8601 instant such as"
          + " 2026-01-31T10:00:00Z", e);
    }
  }

  private static Method method(String label, String where) throws WireException {
    try {
      return Method.fromLabel(label);
    } catch (IllegalArgumentException e) {
      throw new WireException(where + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Rir> optRir(JsonNode n, String field, String where)
      throws WireException {
    Optional<String> name = optText(n, field, where);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Rir.fromName(name.get()));
    } catch (IllegalArgumentException e) {
      throw new WireException(path(where, field) + ": " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String where)
      throws WireException {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new WireException(where + ": unknown value \"" + Text.escape(name) + "\"");
  }

  private static void putOptional(ObjectNode n, String key, Optional<String> value) {
    if (value.isPresent()) {
      n.put(key, value.get());
    } else {
      n.putNull(key);
    }
  }

  private static String path(String where, String field) {
    return where.isEmpty() ? field : where + "." + field;
  }

  private static double millis(Duration d) {
    return Math.round(d.toNanos() / 1000.0) / 1000.0;
  }

  /** For error messages: a short, escaped excerpt of a body that is not a protocol document. */
  public static String excerpt(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 120), java.nio.charset.StandardCharsets.UTF_8);
    return Text.quote(s, 80);
  }
}
