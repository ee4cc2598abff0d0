package org.dvinspector.openmpic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvinspector.AcmeDns01Check;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaaCheck;
import org.dvinspector.Check;
import org.dvinspector.CheckResult;
import org.dvinspector.DnsCnameCheck;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Observation;
import org.dvinspector.Perspective;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.Rir;
import org.dvinspector.spi.Text;
import org.dvinspector.openmpic.internal.MpicExchange.CallResult;
import org.dvinspector.openmpic.internal.MpicExchange.Trouble;
import org.dvinspector.openmpic.internal.MpicResult.MpicError;
import org.dvinspector.openmpic.internal.MpicResult.PerspectiveResult;

/**
 * What one engine perspective saw, as a {@link PerspectiveOutcome}: per check its status, the
 * finding that explains a failure there (in the catalogue's terms, from the engine's details and
 * errors), an observation per call, and the coordinator's own verdict.
 *
 * <p>Trouble of the engine itself (the coordinator unreachable, refusing the key, failing, a
 * malformed reply, a perspective the coordinator could not reach or did not use) leaves the
 * check UNDECIDED there with a {@link FindingCode#REMOTE_PERSPECTIVE_FAILED} finding; when no
 * check got an answer, the whole outcome is a failure (UNKNOWN there). A check the engine ran and
 * that did not pass is FAILED: that is what the CA's validation from there would see.
 */
public final class MpicOutcomes {
  private static final Pattern HTTP_STATUS = Pattern.compile("[Ss]tatus (\\d{3})");

  private MpicOutcomes() {}

  /** The region label of an engine perspective: {@code Open MPIC us-east-2, ARIN}. */
  public static String region(String code, Optional<Rir> rir) {
    return "Open MPIC " + code + rir.map(r -> ", " + r.displayName()).orElse("");
  }

  /** The outcome at perspective {@code code} (reported as {@code name}). */
  public static PerspectiveOutcome outcome(String code, String name, Optional<Rir> rir,
      InspectionRequest request, MpicExchange x) {
    Perspective p = Perspective.remoteAgent(name, region(code, rir));
    List<CheckResult> results = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    List<Trouble> troubles = new ArrayList<>();
    boolean anyAnswer = false;
    for (int i = 0; i < request.checks().size(); i++) {
      Check check = request.checks().get(i);
      List<CheckResult.Status> statuses = new ArrayList<>();
      // Why a call failed here; they explain the check only if it fails as a whole (with the
      // file method one scheme failing is fine when another passes).
      List<Finding> failures = new ArrayList<>();
      Duration longest = Duration.ZERO;
      for (int k = 0; k < x.calls.size(); k++) {
        MpicCall call = x.calls.get(k);
        if (call.checkIndex != i) {
          continue;
        }
        CallResult cr = x.results.get(k);
        if (cr.latency.compareTo(longest) > 0) {
          longest = cr.latency;
        }
        String query = "Open MPIC " + call.label;
        if (cr.trouble.isPresent()) {
          Trouble t = cr.trouble.get();
          statuses.add(CheckResult.Status.UNDECIDED);
          observations.add(Observation.of(p, query, Observation.Outcome.ERROR, t.what, cr.latency));
          troubles.add(t);
          findings.add(trouble(name, p, t, check));
          continue;
        }
        MpicResult r = cr.result.orElseThrow();
        observations.add(Observation.of(p, "Open MPIC verdict: " + call.label,
            Observation.Outcome.ANSWER, verdict(r), cr.latency));
        PerspectiveResult pr = r.perspectives.get(code);
        if (pr == null) {
          String what = "the coordinator did not use perspective " + Text.escape(code)
              + " for this check (it used " + codes(r) + ")";
          statuses.add(CheckResult.Status.UNDECIDED);
          observations.add(Observation.of(p, query, Observation.Outcome.SKIPPED, what,
              cr.latency));
          Trouble t = new Trouble("not-in-cohort", what, "List exactly the coordinator's"
              + " perspectives (their codes) in this client's configuration, or set the"
              + " perspective count to the deployment's.");
          troubles.add(t);
          findings.add(trouble(name, p, t, check));
          continue;
        }
        Optional<MpicError> engineError = pr.errors.stream()
            .filter(e -> e.type.startsWith("mpic_error:coordinator")).findFirst();
        if (engineError.isPresent()) {
          String what = "the coordinator could not run the check at " + Text.escape(code) + " ("
              + engineError.get() + ")";
          statuses.add(CheckResult.Status.UNDECIDED);
          observations.add(Observation.of(p, query, Observation.Outcome.ERROR, what,
              cr.latency));
          Trouble t = new Trouble("engine-perspective-error", what, "Look at the"
              + " coordinator's log for that perspective's checker; inspect again once it runs.");
          troubles.add(t);
          findings.add(trouble(name, p, t, check));
          continue;
        }
        anyAnswer = true;
        boolean passed = pr.completed && pr.passed;
        statuses.add(passed ? CheckResult.Status.PASSED : CheckResult.Status.FAILED);
        observations.add(Observation.of(p, query, passed ? Observation.Outcome.ANSWER
            : pr.errors.isEmpty() ? Observation.Outcome.NEGATIVE : Observation.Outcome.ERROR,
            describe(pr), cr.latency));
        if (!passed) {
          failures.add(domainFinding(request, check, call, pr, p));
        }
      }
      CheckResult.Status status = combine(check, request, statuses);
      if (status == CheckResult.Status.FAILED) {
        findings.addAll(failures);
      }
      results.add(CheckResult.of(check, status, longest));
    }
    if (!anyAnswer) {
      // Nothing answered at this perspective: one failure, named after the first trouble.
      Trouble first = troubles.isEmpty()
          ? new Trouble("no-answer", "no answer", "Inspect again.") : troubles.get(0);
      return PerspectiveOutcome.builder()
          .perspective(p)
          .rir(rir)
          .failure(first.what)
          .observations(observations)
          .addFindings(Finding.builder(FindingCode.REMOTE_PERSPECTIVE_FAILED)
              .message("Remote perspective \"" + Text.escape(name) + "\" gave no answer: "
                  + first.what)
              .remedy(first.remedy)
              .evidence(p, "no answer - " + first.what)
              .attribute("reason", first.reason)
              .build())
          .build();
    }
    return PerspectiveOutcome.builder()
        .perspective(p)
        .rir(rir)
        .checkResults(results)
        .observations(observations)
        .findings(findings)
        .build();
  }

  /** One status per check from its calls' statuses (the file method: one call per scheme). */
  private static CheckResult.Status combine(Check check, InspectionRequest request,
      List<CheckResult.Status> statuses) {
    if (statuses.isEmpty()) {
      return CheckResult.Status.UNDECIDED;
    }
    boolean all = check instanceof HttpFileCheck
        && request.profile().httpRules().fileRequiresAllSchemes();
    boolean anyPassed = statuses.contains(CheckResult.Status.PASSED);
    boolean anyFailed = statuses.contains(CheckResult.Status.FAILED);
    boolean anyUndecided = statuses.contains(CheckResult.Status.UNDECIDED);
    if (all || statuses.size() == 1) {
      // Every scheme must pass (the seed's console wants both): one failure fails it.
      if (anyFailed) {
        return CheckResult.Status.FAILED;
      }
      return anyUndecided ? CheckResult.Status.UNDECIDED : CheckResult.Status.PASSED;
    }
    // Any one scheme passing is enough (BR 3.2.2.4.18 allows http or https).
    if (anyPassed) {
      return CheckResult.Status.PASSED;
    }
    return anyUndecided ? CheckResult.Status.UNDECIDED : CheckResult.Status.FAILED;
  }

  private static Finding trouble(String name, Perspective p, Trouble t, Check check) {
    Finding.Builder f = Finding.builder(FindingCode.REMOTE_PERSPECTIVE_FAILED)
        .message("Remote perspective \"" + Text.escape(name) + "\" gave no answer for the "
            + check.kind() + " check: " + t.what)
        .remedy(t.remedy)
        .evidence(p, "no answer - " + t.what)
        .attribute("reason", t.reason);
    check.method().ifPresent(f::method);
    return f.build();
  }

  private static String verdict(MpicResult r) {
    StringBuilder b = new StringBuilder("is_valid=").append(r.isValid);
    r.mpicCompleted.ifPresent(c -> b.append(" mpic_completed=").append(c));
    r.perspectiveCount.ifPresent(c -> b.append(" perspective_count=").append(c));
    r.quorumCount.ifPresent(c -> b.append(" quorum_count=").append(c));
    r.attemptCount.ifPresent(c -> b.append(" attempt_count=").append(c));
    b.append(" perspectives=").append(codes(r));
    return b.toString();
  }

  private static String codes(MpicResult r) {
    List<String> c = new ArrayList<>();
    for (String code : r.perspectives.keySet()) {
      c.add(Text.escape(code));
    }
    return "[" + String.join(", ", c) + "]";
  }

  /** The engine's answer at one perspective, one line, escaped. */
  private static String describe(PerspectiveResult pr) {
    StringBuilder b = new StringBuilder();
    b.append("check_passed=").append(pr.passed).append(" check_completed=").append(pr.completed);
    JsonNode d = pr.details;
    for (String field : List.of("response_code", "found_at", "response_status_code",
        "response_url", "caa_record_present")) {
      JsonNode v = d.get(field);
      if (v != null && !v.isNull()) {
        b.append(' ').append(field).append('=').append(Text.escape(v.asText()));
      }
    }
    List<String> records = records(d);
    if (!records.isEmpty()) {
      b.append(" records_seen=").append(quoted(records));
    }
    page(d).ifPresent(page -> b.append(" response_page=").append(Text.quote(page, 100)));
    for (MpicError e : pr.errors) {
      b.append(" error=").append(e);
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ findings about the domain

  private static Finding domainFinding(InspectionRequest request, Check check, MpicCall call,
      PerspectiveResult pr, Perspective p) {
    String who = "Open MPIC perspective " + Text.escape(pr.code) + ": ";
    Finding.Builder f;
    if (check instanceof CaaCheck) {
      f = caaFinding(pr, who);
    } else if (check instanceof HttpFileCheck || check instanceof AcmeHttp01Check) {
      f = httpFinding(check, call, pr, who);
    } else {
      f = dnsFinding(request, check, pr, who);
    }
    check.method().ifPresent(f::method);
    f.evidence(p, describe(pr)).attribute("perspective", pr.code);
    List<String> types = new ArrayList<>();
    for (MpicError e : pr.errors) {
      types.add(Text.escape(e.type));
    }
    if (!types.isEmpty()) {
      f.attribute("engineErrors", String.join(",", types));
    }
    return f.build();
  }

  private static Finding.Builder dnsFinding(InspectionRequest request, Check check,
      PerspectiveResult pr, String who) {
    String name = (check instanceof DnsTxtCheck t ? t.recordName(request.domain())
        : check instanceof DnsCnameCheck c ? c.recordName(request.domain())
        : ((AcmeDns01Check) check).recordName(request.domain())).ascii();
    String type = check instanceof DnsCnameCheck ? "CNAME" : "TXT";
    List<String> records = records(pr.details);
    Optional<MpicError> lookup = pr.errors.stream().findFirst();
    if (lookup.isPresent()) {
      String m = lookup.get().message;
      String shown = Text.quote(m, 160);
      if (m.contains("NXDOMAIN") || m.contains("NoAnswer")) {
        return Finding.builder(FindingCode.DNS_RECORD_MISSING)
            .message(who + "no " + type + " record at " + name + " (" + shown + ")")
            .remedy("Add the " + type + " record on every authoritative nameserver, in every"
                + " region the zone is served from.");
      }
      if (m.contains("Timeout") || m.contains("timed out")) {
        return Finding.builder(FindingCode.DNS_SERVER_TIMEOUT)
            .message(who + "the DNS lookup timed out (" + shown + ")")
            .remedy("Make every nameserver answer from every region: check firewalls, rate"
                + " limits and anycast nodes.");
      }
      return Finding.builder(FindingCode.DNS_SERVER_FAILURE)
          .message(who + "the DNS lookup failed (" + shown + ")")
          .remedy("Make every nameserver answer correctly from every region.");
    }
    if (records.isEmpty()) {
      return Finding.builder(FindingCode.DNS_RECORD_MISSING)
          .message(who + "no " + type + " record at " + name + rcode(pr.details))
          .remedy("Add the " + type + " record on every authoritative nameserver, in every"
              + " region the zone is served from.");
    }
    if (check instanceof DnsCnameCheck c) {
      return Finding.builder(FindingCode.DNS_CNAME_TARGET_MISMATCH)
          .message(who + "the CNAME points to " + quoted(records) + ", not "
              + c.expectedTarget() + ".")
          .remedy("Point the CNAME at the CA's target in every region.")
          .attribute("expected", c.expectedTarget().ascii() + ".")
          .attribute("found", String.join(",", escaped(records)));
    }
    String expected = check instanceof DnsTxtCheck t ? t.expectedValue()
        : check instanceof AcmeDns01Check a ? a.expectedValue() : "";
    return Finding.builder(FindingCode.DNS_VALUE_MISMATCH)
        .message(who + "the TXT records hold " + quoted(records) + ", not "
            + Text.quote(expected))
        .remedy("Publish the exact value in every region the zone is served from.")
        .attribute("expected", Text.escape(expected))
        .attribute("found", String.join(",", escaped(records)));
  }

  private static Finding.Builder httpFinding(Check check, MpicCall call, PerspectiveResult pr,
      String who) {
    String url = textOf(pr.details, "response_url").map(u -> Text.quote(u)).orElse(call.label);
    for (MpicError e : pr.errors) {
      String m = e.message;
      if (e.type.equals("mpic_error:redirect:invalid")) {
        return Finding.builder(FindingCode.HTTP_REDIRECT_NOT_ALLOWED)
            .message(who + "a redirect the CA would not follow (" + Text.quote(m, 160) + ")")
            .remedy("Serve the file at the validation URL itself, or redirect only with"
                + " 301/302/307/308 to ports 80 or 443.");
      }
      if (e.type.equals("mpic_error:http")) {
        Optional<Integer> status = intOf(pr.details, "response_status_code")
            .or(() -> statusIn(m));
        boolean missing = status.isPresent() && (status.get() == 404 || status.get() == 410);
        return Finding.builder(missing ? FindingCode.HTTP_FILE_NOT_FOUND
                : FindingCode.HTTP_STATUS_NOT_ACCEPTED)
            .message(who + (missing ? "the file was not found" : "the status is not accepted")
                + " at " + url + " (" + Text.quote(m, 160) + ")")
            .remedy(missing ? "Put the file at the validation path on every server and CDN"
                + " node that serves this name, in every region."
                : "Serve the file with status 200 from every region.")
            .attribute("status", status.map(String::valueOf).orElse("unknown"));
      }
      String lower = m.toLowerCase(Locale.ROOT);
      if (lower.contains("timeout") || lower.contains("timed out")) {
        return Finding.builder(FindingCode.HTTP_TIMEOUT)
            .message(who + "the web server did not answer in time (" + Text.quote(m, 160) + ")")
            .remedy("Let the CA's regions reach the site: check geo-blocking, firewalls and"
                + " CDN nodes outside your own region.");
      }
      return Finding.builder(FindingCode.HTTP_CONNECT_FAILED)
          .message(who + "the web server could not be reached (" + Text.quote(m, 160) + ")")
          .remedy("Let the CA's regions reach the site: check geo-blocking, firewalls and CDN"
              + " nodes outside your own region.");
    }
    String expected = check instanceof HttpFileCheck h ? h.expectedContent()
        : check instanceof AcmeHttp01Check a ? a.keyAuthorization() : "";
    Optional<String> page = page(pr.details);
    return Finding.builder(FindingCode.HTTP_CONTENT_MISMATCH)
        .message(who + "the file at " + url + " does not hold " + Text.quote(expected)
            + page.map(x -> "; it begins " + Text.quote(x, 100)).orElse(""))
        .remedy("Serve the current file from every server and CDN node, in every region.")
        .attribute("expected", Text.escape(expected));
  }

  private static Finding.Builder caaFinding(PerspectiveResult pr, String who) {
    if (!pr.completed) {
      String errors = pr.errors.isEmpty() ? "no reason given"
          : pr.errors.get(0).toString();
      return Finding.builder(FindingCode.CAA_LOOKUP_FAILED)
          .message(who + "the CAA lookup failed (" + errors + ")")
          .remedy("Make every nameserver answer CAA queries (NOERROR, even when empty) from"
              + " every region.");
    }
    List<String> records = records(pr.details);
    String at = textOf(pr.details, "found_at").map(Text::quote).orElse("the name");
    return Finding.builder(FindingCode.CAA_FORBIDS_ISSUER)
        .message(who + "the CAA records at " + at + " do not authorize the CA"
            + (records.isEmpty() ? "" : ": " + quoted(records)))
        .remedy("Add an issue record for the CA's issuer domain name to the CAA set at " + at
            + ".");
  }

  // ------------------------------------------------------------------ details

  private static List<String> records(JsonNode details) {
    List<String> out = new ArrayList<>();
    JsonNode r = details.get("records_seen");
    if (r == null || r.isNull()) {
      return out;
    }
    if (r.isArray()) {
      for (JsonNode v : r) {
        if (v.isTextual()) {
          out.add(v.textValue());
        }
      }
    } else if (r.isTextual()) {
      // The specification types the CAA records_seen as one string.
      out.add(r.textValue());
    }
    return out;
  }

  private static Optional<String> page(JsonNode details) {
    Optional<String> b64 = textOf(details, "response_page");
    if (b64.isEmpty()) {
      return Optional.empty();
    }
    try {
      // The reference checker sends the first bytes of the page base64-encoded.
      return Optional.of(new String(Base64.getDecoder().decode(b64.get()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return b64;
    }
  }

  private static String rcode(JsonNode details) {
    Optional<Integer> code = intOf(details, "response_code");
    if (code.isEmpty()) {
      return "";
    }
    return code.get() == 3 ? " (NXDOMAIN)" : code.get() == 0 ? " (NOERROR, no data)"
        : " (rcode " + code.get() + ")";
  }

  private static Optional<String> textOf(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  private static Optional<Integer> intOf(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isInt() ? Optional.of(v.intValue()) : Optional.empty();
  }

  private static Optional<Integer> statusIn(String message) {
    Matcher m = HTTP_STATUS.matcher(message);
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static String quoted(List<String> values) {
    List<String> q = new ArrayList<>();
    for (String v : values) {
      q.add(Text.quote(v, 120));
    }
    return String.join(", ", q);
  }

  private static List<String> escaped(List<String> values) {
    List<String> q = new ArrayList<>();
    for (String v : values) {
      q.add(Text.escape(v));
    }
    return q;
  }
}
