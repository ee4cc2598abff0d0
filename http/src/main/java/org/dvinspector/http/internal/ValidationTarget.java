package org.dvinspector.http.internal;

import java.util.List;
import org.dvinspector.AcmeHttp01Check;
import org.dvinspector.CaProfile;
import org.dvinspector.HttpFileCheck;
import org.dvinspector.HttpRules;
import org.dvinspector.Method;
import org.dvinspector.RedirectPolicy;
import org.jspecify.annotations.Nullable;

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
  /** With {@link #trimTrailingWhitespace}: the only characters trimmed, or null for whitespace. */
  final @Nullable String trimmedChars;
  /** Whether any 2xx passes (else only 200). */
  final boolean any2xx;
  /**
   * Whether any status below 400 is searched (DigiCert's file method): a redirect the CA does not
   * follow is then a final response whose own body is searched.
   */
  final boolean below400;
  final int bodyCap;
  final HttpRules rules;

  private ValidationTarget(Method method, String path, String expected, List<String> schemes,
      boolean requireAllSchemes, RedirectPolicy redirects, boolean exactContent, boolean any2xx,
      boolean below400, HttpRules rules) {
    this.method = method;
    this.path = path;
    this.expected = expected;
    this.schemes = List.copyOf(schemes);
    this.requireAllSchemes = requireAllSchemes;
    this.redirects = redirects;
    this.exactContent = exactContent;
    this.trimTrailingWhitespace = rules.trimTrailingWhitespace();
    this.trimmedChars = rules.trimmedTrailingCharacters().orElse(null);
    this.any2xx = any2xx || below400;
    this.below400 = below400;
    this.bodyCap = rules.bodyCapBytes();
    this.rules = rules;
  }

  /** BR 3.2.2.4.18: the profile's schemes, any 2xx if the profile says so, containment. */
  static ValidationTarget file(HttpFileCheck check, CaProfile profile) {
    HttpRules rules = profile.httpRules();
    return new ValidationTarget(Method.HTTP_FILE, check.resolvePath(profile),
        check.expectedContent(), rules.fileSchemes(), rules.fileRequiresAllSchemes(),
        rules.fileRedirects(), false, rules.fileAcceptsAny2xx(),
        rules.fileAcceptsAnyStatusBelow400(), rules);
  }

  /** RFC 8555 §8.3: port 80 over http only, status 200 only, the exact key authorization. */
  static ValidationTarget acme(AcmeHttp01Check check, CaProfile profile) {
    HttpRules rules = profile.httpRules();
    return new ValidationTarget(Method.ACME_HTTP_01, check.path(), check.keyAuthorization(),
        List.of("http"), true, rules.acmeRedirects(), true, false, false, rules);
  }

  /** Whether the CA accepts this final status. */
  boolean accepts(int status) {
    return status == 200 || (any2xx && status >= 200 && status < 300)
        || (below400 && status >= 100 && status < 400);
  }

  /** Compares a body with the expected value by this target's rules. */
  ContentMatcher.Match compare(String body) {
    return ContentMatcher.compare(body, expected, exactContent, trimTrailingWhitespace,
        trimmedChars);
  }

  /** The last path segment: the file's name (for probes of common wrong places). */
  String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }
}
