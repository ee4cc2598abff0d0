package org.dvinspector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeDnsAccount01Check;
import org.dvinspector.AcmeDnsPersist01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.AcmeTlsAlpn01Check;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DependentChain;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainContactCheck;
import org.dvinspector.DomainName;
import org.dvinspector.Evidence;
import org.dvinspector.Finding;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a report, as described by {@code report.schema.json} next to this class. The
 * schema is the contract: every field written here is in it, and its {@code schemaVersion} changes
 * when a field changes meaning or goes away (adding a field is compatible).
 */
final class ReportJson {
  /** The version of the report format; see report.schema.json. */
  static final int SCHEMA_VERSION = 2;

  /** Where the schema is, on the class path. */
  static final String SCHEMA_RESOURCE = "/org/dvinspector/cli/report.schema.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // Values from the network (a TXT record's "found", an HTTP body) may hold characters a
    // terminal acts on even inside JSON text: C1 controls such as U+009B (CSI), bidi controls,
    // zero-width characters. JSON allows them raw; written as \\uXXXX they reach a JSON consumer
    // unchanged but never a terminal that shows the file.
    MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
  }

  private ReportJson() {}

  /** The report as a JSON tree; {@code line} is the batch input line, or 0 for none. */
  static ObjectNode toJson(InspectionReport report, int line) {
    return toJson(report, line, null);
  }

  /** The report as a JSON tree, with the demo scenario's name when there is one. */
  static ObjectNode toJson(InspectionReport report, int line, @Nullable String scenario) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    if (line > 0) {
      root.put("line", line);
    }
    if (scenario != null) {
      root.put("scenario", scenario);
    }
    InspectionRequest request = report.request();
    DomainName domain = request.domain();
    root.put("domain", domain.ascii());
    root.put("domainUnicode", domain.unicode());
    root.put("verdict", report.verdict().name());
    ObjectNode profile = root.putObject("profile");
    profile.put("id", request.profile().id());
    profile.put("displayName", request.profile().displayName());
    putOptional(root, "tokenCreatedAt", request.tokenCreatedAt().map(Object::toString));
    root.put("startedAt", report.startedAt().toString());
    root.put("durationMillis", millis(report.duration()));
    ObjectNode summary = root.putObject("summary");
    summary.put("errors", report.findings(Severity.ERROR).size());
    summary.put("warnings", report.findings(Severity.WARNING).size());
    summary.put("infos", report.findings(Severity.INFO).size());
    ArrayNode checks = root.putArray("checks");
    for (CheckResult r : report.checkResults()) {
      checks.add(check(r, request));
    }
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      findings.add(finding(f));
    }
    ArrayNode observations = root.putArray("observations");
    for (Observation o : report.observations()) {
      observations.add(observation(o));
    }
    PerspectivesJson.put(root, report);
    DependentChain chain = report.dependentChain();
    ObjectNode dependent = root.putObject("dependentChain");
    dependent.put("waitingMillis", millis(chain.waiting()));
    dependent.put("spanMillis", millis(chain.span()));
    ArrayNode steps = dependent.putArray("observations");
    for (Observation step : chain.steps()) {
      steps.add(step.id());
    }
    return root;
  }

  /** Pretty-printed JSON, for one report on a terminal or in a file. */
  static String pretty(ObjectNode node) {
    try {
      return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** One line of JSON, for JSON Lines. */
  static String line(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Escapes, besides what JSON requires (quote, backslash, C0 controls): DEL, C1 controls, Unicode
   * format characters (Cf: bidi controls U+202A-U+202E and U+2066-U+2069, zero-width characters,
   * the byte order mark), line and paragraph separators, and surrogates.
   */
  static final class TerminalSafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii;

    TerminalSafeEscapes() {
      int[] codes = standardAsciiEscapesForJSON();
      codes[0x7f] = ESCAPE_STANDARD;
      this.ascii = codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public com.fasterxml.jackson.core.@Nullable SerializableString getEscapeSequence(int ch) {
      return mustEscape(ch)
          ? new com.fasterxml.jackson.core.io.SerializedString(
              String.format(java.util.Locale.ROOT, "\\u%04x", ch))
          : null;
    }

    static boolean mustEscape(int ch) {
      return (ch >= 0x7f && ch <= 0x9f)
          || Character.getType(ch) == Character.FORMAT
          || ch == 0x2028 || ch == 0x2029
          || (ch >= 0xd800 && ch <= 0xdfff);
    }
  }

  private static ObjectNode check(CheckResult r, InspectionRequest request) {
    Check c = r.check();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", c.kind());
    putOptional(n, "method", c.method().map(m -> m.label()));
    putOptional(n, "brSection", c.method().map(m -> m.brSection()));
    n.put("description", c.describe(request.domain()));
    n.set("expected", expected(c, request));
    n.put("status", r.status().name());
    n.put("durationMillis", millis(r.duration()));
    return n;
  }

  /** What the check expects, as structured fields (only those that apply to the check's kind). */
  private static ObjectNode expected(Check c, InspectionRequest request) {
    ObjectNode n = MAPPER.createObjectNode();
    DomainName domain = request.domain();
    if (c instanceof DnsTxtCheck) {
      DnsTxtCheck t = (DnsTxtCheck) c;
      n.put("name", t.recordName(domain).ascii());
      n.put("value", t.expectedValue());
    } else if (c instanceof DnsCnameCheck) {
      DnsCnameCheck t = (DnsCnameCheck) c;
      n.put("name", t.recordName(domain).ascii());
      n.put("target", t.expectedTarget().ascii());
    } else if (c instanceof AcmeDns01Check) {
      AcmeDns01Check t = (AcmeDns01Check) c;
      n.put("name", t.recordName(domain).ascii());
      n.put("value", t.expectedValue());
      n.put("keyAuthorization", t.keyAuthorization());
    } else if (c instanceof HttpFileCheck) {
      HttpFileCheck t = (HttpFileCheck) c;
      n.put("path", t.resolvePath(request.profile()));
      n.put("content", t.expectedContent());
    } else if (c instanceof AcmeHttp01Check) {
      AcmeHttp01Check t = (AcmeHttp01Check) c;
      n.put("path", t.path());
      n.put("keyAuthorization", t.keyAuthorization());
    } else if (c instanceof AcmeTlsAlpn01Check t) {
      n.put("name", domain.withoutWildcard().ascii());
      n.put("keyAuthorization", t.keyAuthorization());
      n.put("digest", t.expectedDigestHex());
    } else if (c instanceof AcmeDnsAccount01Check t) {
      n.put("name", t.recordName(domain).ascii());
      n.put("value", t.expectedValue());
      n.put("keyAuthorization", t.keyAuthorization());
      n.put("accountUri", t.accountUri());
    } else if (c instanceof AcmeDnsPersist01Check t) {
      n.put("name", t.recordName(domain).ascii());
      t.suggestedValue(domain, request.profile()).ifPresent(v -> n.put("value", v));
      ArrayNode issuers = n.putArray("issuers");
      t.effectiveIssuerDomainNames(request.profile()).forEach(issuers::add);
      n.put("accountUri", t.accountUri());
    } else if (c instanceof DomainContactCheck t) {
      ArrayNode adns = n.putArray("authorizationDomains");
      t.authorizationDomainNames(domain).forEach(d -> adns.add(d.ascii()));
      t.expectedContact().ifPresent(v -> n.put("contact", v));
      n.put("smtpProbe", t.smtpProbe());
    } else if (c instanceof CaaCheck) {
      CaaCheck t = (CaaCheck) c;
      ArrayNode issuers = n.putArray("issuers");
      t.effectiveIssuerDomains(request.profile()).forEach(issuers::add);
      t.accountUri().ifPresent(u -> n.put("accountUri", u));
    }
    return n;
  }

  static ObjectNode finding(Finding f) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("code", f.code().name());
    n.put("severity", f.severity().name());
    n.put("area", f.code().area().name());
    n.put("title", f.code().title());
    n.put("message", f.message());
    putOptional(n, "remedy", f.remedy());
    putOptional(n, "method", f.method().map(m -> m.label()));
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

  private static ObjectNode observation(Observation o) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", o.id());
    n.set("perspective", perspective(o.perspective()));
    n.put("query", o.query());
    n.put("outcome", o.outcome().name());
    n.put("result", o.result());
    n.put("latencyMillis", millis(o.latency()));
    if (o.startOffset().isPresent()) {
      n.put("startOffsetMillis", millis(o.startOffset().get()));
    } else {
      n.putNull("startOffsetMillis");
    }
    ArrayNode causes = n.putArray("causes");
    o.causes().forEach(causes::add);
    n.put("auxiliary", o.auxiliary());
    return n;
  }

  static ObjectNode perspective(Perspective p) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", p.kind().name());
    n.put("name", p.name());
    n.put("label", p.label());
    putOptional(n, "address", p.address());
    putOptional(n, "transport", p.transport());
    putOptional(n, "region", p.region());
    return n;
  }

  private static void putOptional(ObjectNode n, String key, Optional<String> value) {
    if (value.isPresent()) {
      n.put(key, value.get());
    } else {
      n.putNull(key);
    }
  }

  private static double millis(Duration d) {
    // Milliseconds with microsecond precision: loopback round trips take well under 1 ms.
    return Math.round(d.toNanos() / 1000.0) / 1000.0;
  }
}
