package org.dvinspector.http.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.dvinspector.AddressScope;
import org.dvinspector.DomainName;
import org.dvinspector.FindingCode;
import org.dvinspector.InvalidDomainNameException;
import org.dvinspector.Perspective;
import org.dvinspector.policy.PublicSuffixList;
import org.dvinspector.RedirectPolicy;
import org.dvinspector.spi.Text;
import org.dvinspector.spi.HostAddresses;

/**
 * Follows the CA's fetch from one starting endpoint (scheme × address) to its end: redirects by
 * the profile's {@link RedirectPolicy} (statuses, schemes, ports, hops, loops, IP-literal and
 * {@code .well-known} targets), each new host resolved and its addresses checked like the first,
 * then the final status and content judged. When the file is missing, the common wrong places
 * are probed; when TLS fails on port 443, plain HTTP is tried there.
 */
final class EndpointCheck {
  private final CheckRun run;
  private final HttpUrl start;
  private final EndpointResult.Builder result;
  private final Set<String> visited = new HashSet<>();
  private final List<String> chain = new ArrayList<>();
  private int redirects;
  /** What the next fetch waits for: the address lookup, then each redirect. */
  private List<Long> causes;

  EndpointCheck(CheckRun run, String scheme, InetAddress address, List<Long> causes) {
    this.run = run;
    this.causes = List.copyOf(causes);
    this.start = new HttpUrl.Builder()
        .scheme(scheme)
        .host(run.domain.ascii())
        .port(ValidationTarget.defaultPort(scheme))
        .encodedPath(run.target.path)
        .build();
    this.result = EndpointResult.builder(scheme, address,
        Perspective.httpEndpoint(scheme, run.domain.ascii(), address));
  }

  CompletableFuture<EndpointResult> run() {
    visited.add(start.toString());
    chain.add(CheckRun.urlText(start));
    return hop(start, List.of(result.address), true).thenApply(v -> {
      if (chain.size() > 1) {
        result.attribute("redirectChain", String.join(" -> ", chain));
      }
      return result.build();
    });
  }

  private boolean strictTls() {
    return run.target.rules.httpsCertificateMustBeValid();
  }

  /** Fetches {@code url} from the first candidate, falling back from IPv6 to IPv4 as the CA does. */
  private CompletableFuture<Void> hop(HttpUrl url, List<InetAddress> candidates, boolean first) {
    InetAddress address = candidates.get(0);
    return run.fetch(url, address, strictTls(), causes, false).thenComposeAsync(r -> {
      boolean dialFailed = !r.connected && (r.kind == FetchResult.Kind.CONNECT_FAILED
          || r.kind == FetchResult.Kind.TIMEOUT);
      if (!first && dialFailed && address instanceof Inet6Address && run.target.rules.ipv4Fallback()) {
        List<InetAddress> v4 = new ArrayList<>();
        for (InetAddress a : candidates) {
          if (!(a instanceof Inet6Address)) {
            v4.add(a);
          }
        }
        if (!v4.isEmpty()) {
          return hop(url, v4, false);
        }
      }
      return handle(url, r, first);
    }, run.executor);
  }

  private CompletableFuture<Void> handle(HttpUrl url, FetchResult r, boolean first) {
    String u = CheckRun.urlText(url);
    for (String p : r.tlsProblems) {
      result.tlsProblems.add(u + ": " + p);
    }
    if (first) {
      result.connectFailed = !r.connected
          && (r.kind == FetchResult.Kind.CONNECT_FAILED || r.kind == FetchResult.Kind.TIMEOUT);
      result.responded = r.isResponse();
    }
    switch (r.kind) {
      case NO_TIME:
        result.cutByDeadline = true;
        result.fail(FindingCode.HTTP_TIMEOUT, u + " was not fetched: the inspection deadline was"
            + " reached", "timeout");
        return done();
      case TIMEOUT:
        if (url.isHttps() && r.connected && !r.tlsDone) {
          // A plain HTTP server on 443 often waits for a request line and never answers TLS.
          return tlsFailed(url, r);
        }
        result.cutByDeadline = r.cutByDeadline;
        result.fail(FindingCode.HTTP_TIMEOUT, u + ": " + r.error + " (gave up after "
            + r.latency.toMillis() + " ms)", "timeout");
        return done();
      case CONNECT_FAILED:
        result.fail(FindingCode.HTTP_CONNECT_FAILED, u + ": " + r.error, "connection failed");
        return done();
      case BROKEN:
        // A WAF that resets connections of agents it dislikes looks like a broken server.
        return orAgentRefused(url, r, () -> fail(FindingCode.HTTP_CONNECT_FAILED,
            u + ": " + r.error, "connection broken"));
      case MALFORMED:
        result.fail(FindingCode.HTTP_MALFORMED_RESPONSE, u + ": " + r.error, "malformed response");
        return done();
      case INSPECTOR_LIMIT:
        result.inspectorLimit = true;
        result.fail(FindingCode.INSPECTOR_LIMIT_REACHED, u + ": " + r.error
            + "; whether the CA reads them is unknown", "inspector limit");
        return done();
      case TLS_FAILED:
        return tlsFailed(url, r);
      case RESPONSE:
      default:
        return response(url, r, first);
    }
  }

  private CompletableFuture<Void> tlsFailed(HttpUrl url, FetchResult r) {
    String u = CheckRun.urlText(url);
    if (!r.tlsProblems.isEmpty()) {
      // Strict profile: the certificate itself was refused.
      result.fail(FindingCode.HTTP_TLS_PROBLEM, u + ": " + String.join("; ", r.tlsProblems),
          "certificate refused");
      return done();
    }
    // A TLS failure right after connecting is often a server speaking plain HTTP on port 443.
    HttpUrl plain = url.newBuilder().scheme("http").port(url.port()).build();
    return run.fetch(plain, r.address, false, List.of(r.observation), true).thenAccept(p -> {
      if (p.isResponse()) {
        result.fail(FindingCode.HTTP_PLAIN_ON_HTTPS_PORT, u + ": port " + url.port()
            + " answered plain HTTP (status " + p.status + ") instead of a TLS handshake",
            "plain HTTP on port " + url.port());
      } else if (r.kind == FetchResult.Kind.TIMEOUT) {
        result.cutByDeadline = r.cutByDeadline;
        result.fail(FindingCode.HTTP_TIMEOUT, u + ": " + r.error + " (gave up after "
            + r.latency.toMillis() + " ms)", "timeout");
      } else {
        result.fail(FindingCode.HTTP_TLS_PROBLEM, u + ": " + r.error, "TLS failure");
      }
    });
  }

  private CompletableFuture<Void> response(HttpUrl url, FetchResult r, boolean first) {
    String u = CheckRun.urlText(url);
    CdnDetector.Cdn cdn = CdnDetector.detect(r.headers);
    if (cdn != null) {
      result.cdns.add(cdn);
    }
    int status = r.status;
    if (status >= 300 && status < 400 && status != 304) {
      return redirect(url, r);
    }
    ValidationTarget t = run.target;
    if (status == 404 || status == 410) {
      return orAgentRefused(url, r, () -> first ? notFound(url, r)
          : fail(FindingCode.HTTP_FILE_NOT_FOUND, u + " (reached by redirect) answered " + status,
              String.valueOf(status)));
    }
    if (!t.accepts(status)) {
      return orAgentRefused(url, r, () -> {
        result.attribute("status", status);
        return fail(FindingCode.HTTP_STATUS_NOT_ACCEPTED, u + " answered status " + status + "; "
            + run.ca() + " accepts " + (t.below400 ? "any status below 400"
                : t.any2xx ? "any 2xx status" : "only 200") + " for " + t.method.label(),
            "status " + status);
      });
    }
    return content(url, r, first, "");
  }

  /**
   * Judges a final response's body ({@code how} says why it is final when it is a redirect the CA
   * does not follow).
   */
  private CompletableFuture<Void> content(HttpUrl url, FetchResult r, boolean first, String how) {
    String u = CheckRun.urlText(url);
    ValidationTarget t = run.target;
    int status = r.status;
    String text = r.text();
    ContentMatcher.Match m = t.compare(text);
    if (r.bodyOverCap && (t.exactContent || !m.matches)) {
      result.attribute("bodyCapBytes", t.bodyCap);
      return fail(FindingCode.HTTP_BODY_TOO_LARGE, u + " answered a body larger than the "
          + t.bodyCap + " bytes " + run.ca() + " reads; it starts with " + Text.quote(text, 80),
          "body over " + t.bodyCap + " bytes");
    }
    if (m.matches) {
      // After a redirect to another host, name the address that served it too.
      result.pass(u + (first ? "" : " [" + r.address.getHostAddress() + "]") + " answered "
          + status + " with the expected value" + how);
      return done();
    }
    return orAgentRefused(url, r, () -> {
      result.attribute("expected", t.expected);
      result.attribute("found", text);
      result.attribute("classification", m.classification);
      result.attribute("status", status);
      return fail(FindingCode.HTTP_CONTENT_MISMATCH, u + " holds " + Text.quote(text, 120)
          + " instead of " + Text.quote(t.expected, 120) + ": " + m.explanation + how,
          "content " + Text.quote(text, 120));
    });
  }

  /**
   * The CA's fetch failed: when the profile names the CA's User-Agent, the same URL is fetched
   * again as a browser (an auxiliary observation). If the browser gets the expected value, a rule
   * against the CA's agent (firewall, WAF, bot protection) is the cause; otherwise {@code
   * otherwise} reports the failure as it is.
   */
  private CompletableFuture<Void> orAgentRefused(HttpUrl url, FetchResult r,
      Supplier<CompletableFuture<Void>> otherwise) {
    if (!run.sendsCaUserAgent()) {
      return otherwise.get();
    }
    ValidationTarget t = run.target;
    return run.fetchAsBrowser(url, r.address, List.of(r.observation)).thenComposeAsync(b -> {
      boolean browserPasses = b.isResponse() && t.accepts(b.status) && !b.bodyOverCap
          && t.compare(b.text()).matches;
      if (!browserPasses) {
        return otherwise.get();
      }
      String u = CheckRun.urlText(url);
      String ua = run.caHeaders().getOrDefault("User-Agent", "");
      String got = r.isResponse() ? "status " + r.status + (r.body.length == 0 ? ""
          : " and " + Text.quote(r.text(), 80)) : Text.escape(r.error);
      result.attribute("userAgent", ua);
      result.attribute("browserUserAgent", Fetcher.BROWSER_USER_AGENT);
      if (r.isResponse()) {
        result.attribute("caStatus", r.status);
      }
      result.attribute("browserStatus", b.status);
      return fail(FindingCode.HTTP_USER_AGENT_REFUSED, u + " answers " + run.ca()
          + "'s User-Agent " + Text.quote(ua, 120) + " with " + got + ", but a browser's with "
          + b.status + " and the expected value: a firewall, WAF or bot rule refuses the CA",
          "refuses the CA's agent (" + (r.isResponse() ? String.valueOf(r.status) : r.kind)
              + ")");
    }, run.executor);
  }

  private CompletableFuture<Void> redirect(HttpUrl url, FetchResult r) {
    String u = CheckRun.urlText(url);
    RedirectPolicy policy = run.target.redirects;
    int status = r.status;
    // Let's Encrypt's validator (letsencrypt/boulder va/http.go at 2d00c8e, processHTTPValidation)
    // follows redirects with Go's http.Client, which reads the target with Header.Get: the FIRST
    // Location header when there are several (OkHttp's Headers.get would give the last).
    String location = r.header("Location");
    String shown = location == null ? "(no Location header)" : Text.quote(location, 200);
    result.attribute("redirectStatus", status);
    if (location != null) {
      result.attribute("location", location);
    }
    if (r.headerCount("Location") > 1) {
      result.attribute("locationHeaders", r.headerCount("Location"));
      result.notes.add(new EndpointResult.Note(FindingCode.HTTP_INCONSISTENT_ACROSS_ENDPOINTS,
          u + " answered " + r.headerCount("Location") + " Location headers; the CA follows the"
              + " first, " + shown + " (other clients may take another)"));
    }
    String sig = "redirect " + status + " to " + shown;
    if (!policy.follow()) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects (" + status + ") to "
          + shown + "; " + run.ca() + " does not follow redirects for " + run.target.method.label(),
          sig);
    }
    if (!policy.statuses().contains(status)) {
      return unfollowed(r, u + " redirects with status " + status + " to " + shown + "; "
          + run.ca() + " follows only " + sorted(policy.statuses()), sig);
    }
    if (location == null) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " answered " + status
          + " without a Location header", sig);
    }
    if (hasControlCharacter(location)) {
      // Go's url.Parse refuses control characters ("invalid control character in URL"), so the
      // CA's client fails on such a redirect; OkHttp would silently drop CR, LF and tabs.
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + shown
          + ", whose Location header holds control characters (CR, LF or others); the CA's"
          + " client refuses such a URL", sig);
    }
    if (!policy.followsAbsoluteTargets() && !isRelative(location)) {
      return unfollowed(r, u + " redirects (" + status + ") to " + shown + ", an absolute URL; "
          + run.ca() + " follows only relative redirects (a Location without scheme and host,"
          + " such as " + run.target.path + ")", sig);
    }
    HttpUrl next = url.resolve(location);
    if (next == null) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + shown
          + ", which is not a valid http or https URL", sig);
    }
    String nextText = CheckRun.urlText(next);
    if (!policy.schemes().contains(next.scheme())) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + nextText + "; "
          + run.ca() + " follows only " + String.join(" and ", policy.schemes()) + " targets", sig);
    }
    String host = next.host();
    if (host.toLowerCase(Locale.ROOT).endsWith(".well-known")) {
      return fail(FindingCode.HTTP_REDIRECT_MISSING_SLASH, u + " redirects to " + nextText
          + ": the host name " + Text.quote(host) + " ends in .well-known, so the redirect rule"
          + " lacks a '/' between the host and the path", sig);
    }
    if (!policy.ports().contains(next.port())) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + nextText
          + " on port " + next.port() + "; " + run.ca() + " follows only ports "
          + sorted(policy.ports()), sig);
    }
    if (!visited.add(next.toString())) {
      chain.add(nextText);
      return fail(FindingCode.HTTP_REDIRECT_LOOP, "the redirects loop: "
          + String.join(" -> ", chain), "redirect loop");
    }
    chain.add(nextText);
    redirects++;
    if (redirects > policy.maxRedirects()) {
      result.attribute("maxRedirects", policy.maxRedirects());
      return fail(FindingCode.HTTP_TOO_MANY_REDIRECTS, CheckRun.urlText(start) + " takes more than "
          + policy.maxRedirects() + " redirects; " + run.ca() + " stops there", "too many redirects");
    }
    causes = List.of(r.observation);
    if (isIpLiteral(host)) {
      return ipLiteralTarget(u, next, host, sig);
    }
    if (host.equals(url.host())) {
      // Same host: stay on this endpoint's address, so each address's own chain is judged.
      return hop(next, List.of(r.address), false);
    }
    DomainName target;
    try {
      target = DomainName.parse(host);
    } catch (InvalidDomainNameException e) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + nextText
          + ", whose host is not a valid domain name", sig);
    }
    if (!PublicSuffixList.icann().isInRootZone(target)) {
      // Let's Encrypt follows redirects only to names under an IANA-registered TLD.
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + nextText
          + ", whose top-level domain ." + target.topLevelLabel() + " is not in the public root"
          + " zone", sig);
    }
    return run.resolver.resolve(target).thenComposeAsync(
        addresses -> redirectTarget(next, target, addresses), run.executor);
  }

  /**
   * A redirect the CA does not follow. Most CAs then fail; a CA that searches any response below
   * 400 (DigiCert's file client) takes the redirect itself as the final response and searches its
   * body, which passes only if the body holds the value.
   */
  private CompletableFuture<Void> unfollowed(FetchResult r, String reason, String sig) {
    ValidationTarget t = run.target;
    if (!t.below400) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, reason, sig);
    }
    if (!r.bodyOverCap && t.compare(r.text()).matches) {
      result.pass(reason + "; " + run.ca() + " takes the " + r.status + " response as final and"
          + " finds the value in its body");
      return done();
    }
    return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, reason + "; " + run.ca() + " takes the "
        + r.status + " response as final and searches its body, which does not hold the value",
        sig);
  }

  /**
   * Whether a Location value is relative in java.net.URI's sense (no scheme), as DigiCert's
   * redirect check reads it ({@code URI.create(location).isAbsolute()}); a value that does not
   * parse is refused there too, so it counts as absolute here.
   */
  static boolean isRelative(String location) {
    try {
      return !new java.net.URI(location).isAbsolute();
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /**
   * A redirect to an IP address literal. Let's Encrypt follows one to a public address and refuses
   * a reserved one (boulder va/http.go at 2d00c8e, extractRequestTarget: "Invalid host in redirect
   * target"); the inspector does the same under its network policy, so a redirect can never make
   * it contact an address the policy forbids.
   */
  private CompletableFuture<Void> ipLiteralTarget(String u, HttpUrl next, String host,
      String sig) {
    String nextText = CheckRun.urlText(next);
    if (host.indexOf(':') < 0 && !validIpv4(host)) {
      // HttpUrl keeps "999.1.1.1" as a host name; InetAddress.getByName would then ask DNS for
      // it. Neither the CA nor the inspector resolves such a string.
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + nextText
          + ", whose host is neither a valid IP address nor a domain name", sig);
    }
    InetAddress address;
    try {
      // A valid literal (IPv6 ones, holding ':', are never resolved by the JDK): no lookup.
      address = InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      return fail(FindingCode.HTTP_REDIRECT_NOT_ALLOWED, u + " redirects to " + nextText
          + ", whose host is not a valid IP address", sig);
    }
    if (!run.policy.permits(address)) {
      String refused = address.getHostAddress() + " (" + AddressScope.of(address).label() + ")";
      result.attribute("addresses", refused);
      if (run.target.rules.connectsToNonPublicAddresses()) {
        return unreachableForUs(u + " redirects to " + nextText + ", the "
            + AddressScope.of(address).label() + " address " + address.getHostAddress());
      }
      return fail(FindingCode.ADDRESS_NOT_PUBLIC, u + " redirects to " + nextText + ", the "
          + AddressScope.of(address).label() + " address " + address.getHostAddress()
          + "; CAs never connect to non-public addresses", "redirect to non-public address");
    }
    return hop(next, List.of(address), false);
  }

  /**
   * A non-public address the profile's CA connects to (Pebble) and the inspector's network policy
   * forbids: the CA's outcome is unknown here, not a failure of the domain.
   */
  private CompletableFuture<Void> unreachableForUs(String what) {
    result.inspectorLimit = true;
    return fail(FindingCode.ADDRESS_NOT_PUBLIC, what + "; " + run.ca() + " connects to such"
        + " addresses, but the inspector's network policy does not allow it"
        + " (NetworkPolicy.allowNonPublicAddresses), so the result is unknown",
        "non-public address not checked");
  }

  private CompletableFuture<Void> redirectTarget(HttpUrl next, DomainName target,
      HostAddresses addresses) {
    List<Long> waited = new ArrayList<>(causes);
    waited.addAll(addresses.causes());
    causes = waited;
    String nextText = CheckRun.urlText(next);
    List<InetAddress> all = CheckRun.ordered(addresses, run.target.rules);
    if (all.isEmpty()) {
      result.cutByDeadline = run.resolver.cutByDeadline(target);
      return fail(FindingCode.DOMAIN_NOT_RESOLVABLE, "the redirect target " + nextText
          + " does not resolve: " + addresses.failure().orElse(target + (run.target.rules.usesIpv6()
              ? " has no A or AAAA record" : " has no A record (" + run.ca() + " uses IPv4 only)")),
          "redirect target unresolvable");
    }
    List<InetAddress> permitted = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (InetAddress a : all) {
      if (run.policy.permits(a)) {
        permitted.add(a);
      } else {
        refused.add(a.getHostAddress() + " (" + AddressScope.of(a).label() + ")");
      }
    }
    if (permitted.isEmpty()) {
      result.attribute("addresses", String.join(", ", refused));
      if (run.target.rules.connectsToNonPublicAddresses()) {
        return unreachableForUs("the redirect target " + nextText + " resolves to non-public"
            + " addresses only: " + String.join(", ", refused));
      }
      return fail(FindingCode.ADDRESS_NOT_PUBLIC, "the redirect target " + nextText
          + " resolves to non-public addresses only: " + String.join(", ", refused),
          "redirect to non-public address");
    }
    if (!refused.isEmpty()) {
      // Let's Encrypt drops reserved addresses from the answer and uses what is left (boulder
      // va/dns.go at 2d00c8e, getAddrs: only addresses that pass iana.IsReservedAddr are kept):
      // whatever the record order, the public address is the one fetched. Deterministic here too.
      result.notes.add(new EndpointResult.Note(FindingCode.ADDRESS_NOT_PUBLIC,
          "the redirect target " + nextText + " also resolves to non-public addresses ("
              + String.join(", ", refused) + "); the CA skips them and fetches from "
              + permitted.stream().map(InetAddress::getHostAddress).collect(
                  java.util.stream.Collectors.joining(", "))));
    }
    return hop(next, permitted, false);
  }

  private static boolean validIpv4(String host) {
    for (String octet : host.split("\\.")) {
      if (octet.isEmpty() || octet.length() > 3 || Integer.parseInt(octet) > 255
          || (octet.length() > 1 && octet.charAt(0) == '0')) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private CompletableFuture<Void> notFound(HttpUrl url, FetchResult r) {
    String u = CheckRun.urlText(url);
    String name = run.target.fileName();
    List<String> paths = List.of("/" + name, "/.well-known/" + name);
    List<CompletableFuture<FetchResult>> probes = new ArrayList<>();
    for (String p : paths) {
      probes.add(run.fetch(url.newBuilder().encodedPath(p).build(), r.address, false,
          List.of(r.observation), true));
    }
    return CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).thenAccept(v -> {
      for (int i = 0; i < paths.size(); i++) {
        FetchResult p = probes.get(i).join();
        if (p.isResponse() && p.status >= 200 && p.status < 300 && !p.bodyOverCap
            && ContentMatcher.compare(p.text(), run.target.expected, false, true).matches) {
          result.attribute("foundAt", paths.get(i));
          result.fail(FindingCode.HTTP_FILE_AT_WRONG_PATH, u + " answered " + r.status
              + ", but the file is at " + CheckRun.urlText(p.url), r.status + ", file at "
              + paths.get(i));
          return;
        }
      }
      result.attribute("status", r.status);
      result.fail(FindingCode.HTTP_FILE_NOT_FOUND, u + " answered " + r.status,
          String.valueOf(r.status));
    });
  }

  private CompletableFuture<Void> fail(FindingCode code, String reason, String signature) {
    result.fail(code, reason, signature);
    return done();
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static String sorted(Set<?> values) {
    List<String> out = new ArrayList<>();
    values.stream().map(String::valueOf).sorted().forEach(out::add);
    return String.join(", ", out);
  }
}
