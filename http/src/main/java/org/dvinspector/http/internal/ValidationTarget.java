package org.dvinspector.http.internal;

import java.util.List;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.HttpRules;
import org.dvinspector.Method;
import org.dvinspector.RedirectPolicy;

/** What one HTTP check fetches and how the CA judges it, from the check and the profile. */
final class ValidationTarget {
  final Method method;
  final String path;
  final String expected;
  /** Schemes fetched at the start, in order. */
  final List<String> schemes;
  /** Whether every scheme must pass (else any one). */
  final boolean requireAllSchemes;
  final RedirectPolicy redirects;
  /** ACME: equality; file method: containment. */
  final boolean exactContent;
  final boolean trimTrailingWhitespace;
  /** Whether any 2xx passes (else only 200). */
  final boolean any2xx;
  final int bodyCap;
  final HttpRules rules;

  private ValidationTarget(Method method, String path, String expected, List<String> schemes,
      boolean requireAllSchemes, RedirectPolicy redirects, boolean exactContent, boolean any2xx,
      HttpRules rules) {
    this.method = method;
    this.path = path;
    this.expected = expected;
    this.schemes = List.copyOf(schemes);
    this.requireAllSchemes = requireAllSchemes;
    this.redirects = redirects;
    this.exactContent = exactContent;
    this.trimTrailingWhitespace = rules.trimTrailingWhitespace();
    this.any2xx = any2xx;
    this.bodyCap = rules.bodyCapBytes();
    this.rules = rules;
  }

  /** BR 3.2.2.4.18: the profile's schemes, any 2xx if the profile says so, containment. */
  static ValidationTarget file(HttpFileCheck check, CaProfile profile) {
    HttpRules rules = profile.httpRules();
    return new ValidationTarget(Method.HTTP_FILE, check.resolvePath(profile),
        check.expectedContent(), rules.fileSchemes(), rules.fileRequiresAllSchemes(),
        rules.fileRedirects(), false, rules.fileAcceptsAny2xx(), rules);
  }

  /** RFC 8555 §8.3: port 80 over http only, status 200 only, the exact key authorization. */
  static ValidationTarget acme(AcmeHttp01Check check, CaProfile profile) {
    HttpRules rules = profile.httpRules();
    return new ValidationTarget(Method.ACME_HTTP_01, check.path(), check.keyAuthorization(),
        List.of("http"), true, rules.acmeRedirects(), true, false, rules);
  }

  /** Whether the CA accepts this final status. */
  boolean accepts(int status) {
    return status == 200 || (any2xx && status >= 200 && status < 300);
  }

  /** The last path segment: the file's name (for probes of common wrong places). */
  String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }
}
