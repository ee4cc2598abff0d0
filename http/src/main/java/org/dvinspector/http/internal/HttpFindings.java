package org.dvinspector.http.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dvinspector.CheckResult;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Method;
import org.dvinspector.Severity;
import org.dvinspector.spi.Text;

/**
 * Turns the endpoint results of one check into findings and a status, the way the CA's single
 * fetch could go: it may connect to any address (so every address must pass), tries IPv6 first
 * and falls back to IPv4 only when the IPv6 connection fails, and — for the file method — uses
 * whichever scheme the profile allows.
 */
final class HttpFindings {
  /** Findings and the check's status. */
  static final class Outcome {
    final List<Finding> findings;
    final CheckResult.Status status;

    Outcome(List<Finding> findings, CheckResult.Status status) {
      this.findings = List.copyOf(findings);
      this.status = status;
    }
  }

  /** Failures at the connection level: the ones "IPv6 broken" and "HTTPS unreachable" are about. */
  private static final Set<FindingCode> CONNECTION_LEVEL = EnumSet.of(
      FindingCode.HTTP_CONNECT_FAILED, FindingCode.HTTP_TIMEOUT, FindingCode.HTTP_TLS_PROBLEM,
      FindingCode.HTTP_PLAIN_ON_HTTPS_PORT);

  private final CheckRun run;
  private final ValidationTarget target;
  private final List<EndpointResult> results;
  private final Map<String, List<EndpointResult>> byScheme = new LinkedHashMap<>();
  private final Set<EndpointResult> ipv6Broken = new LinkedHashSet<>();

  HttpFindings(CheckRun run, List<EndpointResult> results) {
    this.run = run;
    this.target = run.target;
    this.results = List.copyOf(results);
    for (String s : target.schemes) {
      byScheme.put(s, new ArrayList<>());
    }
    for (EndpointResult r : results) {
      byScheme.computeIfAbsent(r.scheme, s -> new ArrayList<>()).add(r);
    }
    for (List<EndpointResult> list : byScheme.values()) {
      boolean ipv4Responded = list.stream().anyMatch(r -> !r.isIpv6() && r.responded);
      for (EndpointResult r : list) {
        if (ipv4Responded && r.isIpv6() && !r.passes() && !r.responded && !r.cutByDeadline
            && CONNECTION_LEVEL.contains(r.failure)) {
          ipv6Broken.add(r);
        }
      }
    }
  }

  /** CAs fall back to IPv4 when the IPv6 connection itself fails (not after connecting). */
  private boolean tolerated(EndpointResult r) {
    return ipv6Broken.contains(r) && r.connectFailed && target.rules.ipv4Fallback();
  }

  private boolean effectiveFail(EndpointResult r) {
    return !r.passes() && !tolerated(r);
  }

  /** A failure the domain's server caused (not our deadline, not our client's limit). */
  private boolean definiteFail(EndpointResult r) {
    return effectiveFail(r) && !r.undecided();
  }

  /** How one scheme ends: every address must pass; one definite failure fails it. */
  private enum SchemeState { PASS, FAIL, UNDECIDED }

  private SchemeState state(String scheme) {
    List<EndpointResult> list = byScheme.getOrDefault(scheme, List.of());
    if (list.isEmpty() || list.stream().anyMatch(this::definiteFail)) {
      return SchemeState.FAIL;
    }
    return list.stream().anyMatch(this::effectiveFail) ? SchemeState.UNDECIDED : SchemeState.PASS;
  }

  private boolean schemePasses(String scheme) {
    return state(scheme) == SchemeState.PASS;
  }

  /**
   * The check's own outcome, before findings: with every scheme required, one failing scheme fails
   * it; with any scheme enough, one passing scheme passes it. Whatever our deadline or our
   * client's limits left open keeps it undecided rather than failed: a deadline that cuts https
   * while http is refused says nothing about whether the CA, fetching https, would succeed.
   */
  private SchemeState checkState() {
    List<SchemeState> states = target.schemes.stream().map(this::state)
        .collect(Collectors.toList());
    if (target.requireAllSchemes) {
      return states.contains(SchemeState.FAIL) ? SchemeState.FAIL
          : states.contains(SchemeState.UNDECIDED) ? SchemeState.UNDECIDED : SchemeState.PASS;
    }
    return states.contains(SchemeState.PASS) ? SchemeState.PASS
        : states.contains(SchemeState.UNDECIDED) ? SchemeState.UNDECIDED : SchemeState.FAIL;
  }

  Outcome evaluate() {
    SchemeState state = checkState();
    boolean pass = state == SchemeState.PASS;
    boolean failed = state == SchemeState.FAIL;
    List<Finding> out = new ArrayList<>();
    failureFindings(failed, out);
    inconsistency(failed, out);
    schemes(out);
    tlsProblems(out);
    notes(out);
    cdns(out);
    boolean error = out.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    if (pass && !error) {
      out.add(Finding.builder(FindingCode.CHECK_PASSED)
          .message("The " + target.method.label() + " check passes: " + passedWhere()
              + " serve" + (passingCount() == 1 ? "s" : "") + " the expected value")
          .method(target.method)
          .evidence(results.stream().filter(EndpointResult::passes).map(r -> r.perspective)
              .findFirst().orElse(results.get(0).perspective), "expected value served: "
              + results.stream().filter(EndpointResult::passes).map(r -> r.reason).findFirst()
                  .orElse(""))
          .attribute("endpoints", passingCount())
          .build());
    }
    CheckResult.Status status = error ? CheckResult.Status.FAILED
        : pass ? CheckResult.Status.PASSED : CheckResult.Status.UNDECIDED;
    return new Outcome(out, status);
  }

  /** Remarks that fail nothing: several Location headers, non-public addresses skipped. */
  private void notes(List<Finding> out) {
    Map<EndpointResult.Note, List<EndpointResult>> byNote = new LinkedHashMap<>();
    for (EndpointResult r : results) {
      for (EndpointResult.Note n : r.notes) {
        byNote.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<EndpointResult.Note, List<EndpointResult>> e : byNote.entrySet()) {
      EndpointResult.Note note = e.getKey();
      boolean skipped = note.code() == FindingCode.ADDRESS_NOT_PUBLIC;
      Finding.Builder b = Finding.builder(note.code())
          .severity(Severity.WARNING)
          .message(note.text().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
              + note.text().substring(1))
          .remedy(skipped
              ? "Remove the non-public addresses from the redirect target's DNS records: clients"
                  + " other than the CA may try them."
              : "Send one Location header: clients disagree on which of several they follow.")
          .method(target.method);
      for (EndpointResult r : e.getValue()) {
        b.evidence(r.perspective, note.text());
      }
      out.add(b.build());
    }
  }

  private long passingCount() {
    return results.stream().filter(EndpointResult::passes).count();
  }

  private String passedWhere() {
    List<String> eps = results.stream().filter(EndpointResult::passes)
        .map(EndpointResult::endpoint).collect(Collectors.toList());
    return eps.size() == 1 ? "the endpoint " + eps.get(0)
        : "all " + eps.size() + " passing endpoints (" + String.join(", ", eps) + ")";
  }

  private void failureFindings(boolean failed, List<Finding> out) {
    Map<FindingCode, List<EndpointResult>> groups = new LinkedHashMap<>();
    for (EndpointResult r : results) {
      if (r.passes()) {
        continue;
      }
      FindingCode code = ipv6Broken.contains(r) ? FindingCode.HTTP_IPV6_BROKEN : r.failure;
      if (code != null) {
        groups.computeIfAbsent(code, c -> new ArrayList<>()).add(r);
      }
    }
    for (Map.Entry<FindingCode, List<EndpointResult>> g : groups.entrySet()) {
      FindingCode code = g.getKey();
      List<EndpointResult> members = g.getValue();
      Severity severity;
      if (members.stream().allMatch(this::tolerated)) {
        severity = Severity.WARNING;
      } else if (members.stream().allMatch(EndpointResult::undecided)) {
        // Our deadline (not the CA's timeout) or our client's limit ended these: unknown.
        severity = Severity.WARNING;
      } else {
        // While the check itself is undecided (another scheme still open), no failure is final.
        severity = failed ? Severity.ERROR : Severity.WARNING;
      }
      out.add(group(code, severity, members));
    }
  }

  private Finding group(FindingCode code, Severity severity, List<EndpointResult> members) {
    EndpointResult first = members.get(0);
    String message = scope(members) + first.reason;
    if (code == FindingCode.HTTP_IPV6_BROKEN) {
      message = "IPv6 fails while IPv4 works (CAs try IPv6 first"
          + (members.stream().allMatch(this::tolerated)
              ? " and fall back to IPv4 only when the IPv6 connection fails)"
              : "; after connecting they do not fall back)") + ": " + scope(members) + first.reason;
    } else if (code == FindingCode.HTTP_TIMEOUT && members.stream().allMatch(r -> r.cutByDeadline)) {
      message = scope(members) + first.reason + "; the inspection deadline ended the wait, so"
          + " whether the CA's own timeout would be met is unknown";
    }
    Finding.Builder b = Finding.builder(code)
        .severity(severity)
        .message(message)
        .remedy(remedy(code, first))
        .method(target.method);
    for (EndpointResult r : members) {
      b.evidence(r.perspective, r.reason);
    }
    first.attributes.forEach(b::attribute);
    b.attribute("endpoints", members.size());
    return b.build();
  }

  private String scope(List<EndpointResult> members) {
    if (results.size() == 1) {
      return "";
    }
    String list = members.stream().map(EndpointResult::endpoint).collect(Collectors.joining(", "));
    return members.size() == results.size()
        ? "On every endpoint (" + list + "): "
        : "On " + members.size() + " of " + results.size() + " endpoints (" + list + "): ";
  }

  private void inconsistency(boolean failed, List<Finding> out) {
    for (Map.Entry<String, List<EndpointResult>> e : byScheme.entrySet()) {
      List<EndpointResult> list = e.getValue().stream()
          .filter(r -> !tolerated(r) && !r.undecided())
          .collect(Collectors.toList());
      Set<String> signatures = list.stream().map(r -> r.signature)
          .collect(Collectors.toCollection(LinkedHashSet::new));
      if (signatures.size() < 2) {
        continue;
      }
      long k = list.stream().filter(EndpointResult::passes).count();
      int n = list.size();
      String odds = "";
      if (k > 0 && k < n) {
        boolean v6Fails = list.stream().filter(r -> !r.passes()).allMatch(EndpointResult::isIpv6)
            && list.stream().filter(EndpointResult::passes).noneMatch(EndpointResult::isIpv6);
        odds = v6Fails && target.rules.ipv6First()
            ? "; validation passes from " + k + " of " + n + " addresses, the IPv4 ones, but "
                + run.ca() + " tries IPv6 first"
            : "; validation passes from " + k + " of " + n + " addresses; the CA reaches one of"
                + " them at random";
      }
      Finding.Builder b = Finding.builder(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS)
          .severity(failed ? Severity.ERROR : Severity.WARNING)
          .message("The addresses of " + run.domain + " answer " + e.getKey()
              + " differently (" + String.join("; ", limit(signatures)) + ")" + (odds.isEmpty()
                  ? "; the CA may connect to any of them" : odds))
          .remedy("Make every server behind " + run.domain + " (load-balancer members, CDN nodes,"
              + " IPv4 and IPv6) serve the same " + describeTarget() + "; check that deployment"
              + " and replication reached all of them.")
          .method(target.method)
          .attribute("scheme", e.getKey())
          .attribute("variants", signatures.size())
          .attribute("k", k)
          .attribute("n", n);
      for (EndpointResult r : list) {
        b.evidence(r.perspective, r.signature);
      }
      out.add(b.build());
    }
  }

  private static List<String> limit(Set<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (out.size() == 4) {
        out.add("…");
        break;
      }
      out.add(v);
    }
    return out;
  }

  private void schemes(List<Finding> out) {
    if (target.schemes.size() < 2 || results.isEmpty()) {
      return;
    }
    List<String> passing = target.schemes.stream().filter(this::schemePasses)
        .collect(Collectors.toList());
    // A scheme our deadline or our limits left open neither passes nor fails.
    List<String> failing = target.schemes.stream().filter(s -> state(s) == SchemeState.FAIL
        && !byScheme.getOrDefault(s, List.of()).isEmpty()).collect(Collectors.toList());
    if (passing.isEmpty() || failing.isEmpty()) {
      return;
    }
    List<EndpointResult> https = byScheme.getOrDefault("https", List.of());
    boolean httpsUnreachable = passing.contains("http") && failing.contains("https")
        && https.stream().filter(this::effectiveFail)
            .allMatch(r -> CONNECTION_LEVEL.contains(r.failure));
    if (httpsUnreachable) {
      Finding.Builder b = Finding.builder(FindingCode.HTTPS_UNREACHABLE)
          .severity(target.requireAllSchemes ? Severity.ERROR : Severity.WARNING)
          .message("The file is reachable over http but not over https"
              + (target.requireAllSchemes ? "; " + run.ca() + " checks both"
                  : "; a CA that checks https would fail"))
          .remedy("Make https://" + run.domain + target.path + " work too: open port 443 and"
              + " serve a certificate for " + run.domain + " (or, if the CA allows, validate"
              + " over http only).")
          .method(target.method);
      https.stream().filter(this::effectiveFail).forEach(r -> b.evidence(r.perspective, r.reason));
      out.add(b.build());
      return;
    }
    Finding.Builder b = Finding.builder(FindingCode.HTTP_SCHEMES_DISAGREE)
        .message("HTTP and HTTPS give different results: " + String.join(" and ", passing)
            + " pass" + (passing.size() == 1 ? "es" : "") + ", " + String.join(" and ", failing)
            + " fail" + (failing.size() == 1 ? "s" : "")
            + (target.requireAllSchemes ? "; " + run.ca() + " checks both"
                : "; " + run.ca() + " fetches " + String.join(", then ", target.schemes)
                    + " and stops at the first that passes"))
        .remedy("Serve the same file at " + target.path + " over http and https (check the"
            + " separate virtual hosts or server blocks for ports 80 and 443).")
        .method(target.method)
        .attribute("passing", String.join(",", passing))
        .attribute("failing", String.join(",", failing));
    for (String s : failing) {
      byScheme.getOrDefault(s, List.of()).stream().filter(this::effectiveFail).findFirst()
          .ifPresent(r -> b.evidence(r.perspective, r.reason));
    }
    out.add(b.build());
  }

  private void tlsProblems(List<Finding> out) {
    List<EndpointResult> with = results.stream()
        .filter(r -> !r.tlsProblems.isEmpty() && r.failure != FindingCode.HTTP_TLS_PROBLEM)
        .collect(Collectors.toList());
    if (with.isEmpty()) {
      return;
    }
    boolean strict = target.rules.httpsCertificateMustBeValid();
    Finding.Builder b = Finding.builder(FindingCode.HTTP_TLS_PROBLEM)
        .severity(Severity.WARNING)
        .message("TLS certificate problem: " + with.get(0).tlsProblems.get(0)
            + (strict ? "" : "; " + run.ca() + " does not require a valid certificate for "
                + target.method.label() + ", but browsers and other CAs do"))
        .remedy("Install a certificate for " + run.domain + " issued by a publicly trusted CA"
            + " (covering the name, not expired, with its intermediate certificates).")
        .method(target.method);
    for (EndpointResult r : with) {
      for (String p : r.tlsProblems) {
        b.evidence(r.perspective, p);
      }
    }
    out.add(b.build());
  }

  private void cdns(List<Finding> out) {
    Map<String, List<EndpointResult>> byName = new LinkedHashMap<>();
    Map<String, String> firstEvidence = new LinkedHashMap<>();
    for (EndpointResult r : results) {
      for (CdnDetector.Cdn c : r.cdns) {
        List<EndpointResult> l = byName.computeIfAbsent(c.name, n -> new ArrayList<>());
        if (!l.contains(r)) {
          l.add(r);
        }
        firstEvidence.putIfAbsent(c.name + "|" + r.endpoint(), c.evidence);
      }
    }
    for (Map.Entry<String, List<EndpointResult>> e : byName.entrySet()) {
      Finding.Builder b = Finding.builder(FindingCode.HTTP_CDN_DETECTED)
          .message(run.domain + " is served through " + e.getKey() + "; CDN nodes can serve"
              + " cached or out-of-sync content to the CA")
          .remedy("If the CA sees another result than you do: make sure " + target.path
              + " is not cached (or purge it) and reaches the origin on every node and region,"
              + " or use DNS validation.")
          .method(target.method)
          .attribute("cdn", e.getKey());
      for (EndpointResult r : e.getValue()) {
        b.evidence(r.perspective, firstEvidence.getOrDefault(e.getKey() + "|" + r.endpoint(), ""));
      }
      out.add(b.build());
    }
  }

  private String describeTarget() {
    return target.method == Method.ACME_HTTP_01 ? "challenge response" : "validation file";
  }

  private String remedy(FindingCode code, EndpointResult first) {
    String url = "http://" + run.domain + target.path;
    boolean acme = target.method == Method.ACME_HTTP_01;
    return switch (code) {
      case HTTP_FILE_NOT_FOUND -> acme
          ? "Make the web server (or the ACME client's standalone/webroot plugin) answer "
              + url + " with the key authorization, on every address of " + run.domain + "."
          : "Upload the file to " + target.path + " under the web root of every server of "
              + run.domain + " (create the .well-known/pki-validation/ directory), or use DNS"
              + " validation.";
      case HTTP_FILE_AT_WRONG_PATH -> "Move the file from "
          + Text.escape(first.attributes.getOrDefault("foundAt", "?")) + " to " + target.path
          + " (create the directory " + target.path.substring(0, target.path.lastIndexOf('/') + 1)
          + " under the web root).";
      case HTTP_CONNECT_FAILED -> "Open ports 80 and 443 to the internet on every address of "
          + run.domain + " (firewall, security group, the web server listening on IPv4 and IPv6),"
          + " or use DNS validation.";
      case HTTP_TIMEOUT -> "Make the web server answer promptly from the internet on every address"
          + " (look for a firewall that drops packets, geo-blocking of the CA's regions, an"
          + " overloaded server or a slow backend), or use DNS validation.";
      case HTTP_CONTENT_MISMATCH ->
          contentRemedy(first.attributes.getOrDefault("classification", "different"));
      case HTTP_STATUS_NOT_ACCEPTED -> "Make " + url + " answer "
          + (target.any2xx ? "a 2xx status" : "200")
          + " with the file: no authentication, no access rule, no error page.";
      case HTTP_REDIRECT_NOT_ALLOWED -> target.redirects.follow()
          ? "Use a redirect the CA follows (301, 302, 307 or 308 to an http or https URL on"
              + " port 80 or 443 with a domain name), or serve the file directly."
          : "Serve the file directly at " + target.path + " over every scheme, without a"
              + " redirect (exclude /.well-known/ from http-to-https and www redirects).";
      case HTTP_REDIRECT_LOOP -> "Fix the redirect rules so that the URL ends at the file instead"
          + " of looping (often an http-to-https rule on the proxy and an https-to-http rule on"
          + " the origin).";
      case HTTP_TOO_MANY_REDIRECTS -> "Shorten the redirect chain to at most "
          + target.redirects.maxRedirects() + " redirects, or serve the file directly.";
      case HTTP_REDIRECT_MISSING_SLASH -> "Add the missing '/' to the redirect rule: the target"
          + " must look like https://" + run.domain + "/.well-known/..., not https://"
          + run.domain + ".well-known/...";
      case HTTP_BODY_TOO_LARGE -> "Serve only the " + (acme ? "key authorization" : "value")
          + " in the file: " + run.ca() + " reads at most " + target.bodyCap + " bytes.";
      case HTTP_IPV6_BROKEN -> "Fix IPv6 on the web server (listen on IPv6, allow ports 80/443 in"
          + " the IPv6 firewall) or remove the AAAA record of " + run.domain + ".";
      case HTTP_PLAIN_ON_HTTPS_PORT -> "Configure TLS on port 443 (the server speaks plain HTTP"
          + " there: check the 'listen 443 ssl' directive or the load balancer's listener).";
      case HTTP_TLS_PROBLEM -> "Install a certificate for " + run.domain + " issued by a publicly"
          + " trusted CA, covering the name and not expired, or validate over http.";
      case ADDRESS_NOT_PUBLIC -> target.rules.connectsToNonPublicAddresses()
          ? "Allow the inspector to contact non-public addresses"
              + " (NetworkPolicy.allowNonPublicAddresses) when checking a test environment."
          : "Redirect only to hosts with public addresses; the CA does not"
              + " connect to private or reserved addresses.";
      case HTTP_USER_AGENT_REFUSED -> "Let " + run.ca() + "'s validator through the firewall,"
          + " WAF or bot protection in front of " + run.domain + ": allow its User-Agent "
          + Text.quote(first.attributes.getOrDefault("userAgent", ""), 120) + " (it comes from"
          + " addresses the CA does not publish, in several regions), best with a rule that lets"
          + " every client reach " + target.path.substring(0, target.path.lastIndexOf('/') + 1)
          + ".";
      case DOMAIN_NOT_RESOLVABLE -> "Publish A/AAAA records for the redirect target, or redirect"
          + " to a host that resolves.";
      default -> "See the evidence for each endpoint.";
    };
  }

  private String contentRemedy(String classification) {
    String value = Text.quote(target.expected, 120);
    return switch (classification) {
      case "utf8-bom" -> "Save the file as UTF-8 without a byte order mark (BOM), holding exactly "
          + value + ".";
      case "crlf-line-endings" -> "Save the file with Unix (LF) line endings.";
      case "html-page" -> "Make the web server serve the file itself: exclude /.well-known/ from"
          + " the application's catch-all route or rewrite rule, and check the file exists.";
      case "older-token" -> "Replace the old file's content with the current value " + value
          + " (delete the old file first; a new order has a new value).";
      case "other-account-key" -> "Compute the key authorization with the same ACME account key"
          + " that ordered the certificate (token.thumbprint of that key).";
      case "extra-content", "whitespace", "quoted", "trailing-whitespace" ->
          "Put exactly " + value + " in the file, with nothing around it.";
      case "empty" -> "Put " + value + " in the file (it is empty).";
      default -> "Put " + value + " in the file at " + target.path + ".";
    };
  }
}
