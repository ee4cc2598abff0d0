package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * BR 3.2.2.4.18 "Agreed-Upon Change to Website v2": a file under {@code
 * /.well-known/pki-validation/} whose content holds the CA's random value, fetched over HTTP and/or
 * HTTPS as the {@linkplain CaProfile profile} says.
 */
@Value.Immutable
public abstract class HttpFileCheck implements Check {
  /** The required path prefix (BR 3.2.2.4.18). */
  public static final String PATH_PREFIX = "/.well-known/pki-validation/";

  /**
   * The path, under {@value #PATH_PREFIX}; empty to use the profile's file name (e.g. DigiCert's
   * {@code fileauth.txt}).
   */
  public abstract Optional<String> path();

  /** The random value the content must hold. */
  public abstract String expectedContent();

  /** A file at {@code path} holding {@code content}. */
  public static HttpFileCheck of(String path, String content) {
    return ImmutableHttpFileCheck.builder().path(path).expectedContent(content).build();
  }

  /** A file at the profile's usual path holding {@code content}. */
  public static HttpFileCheck atProfilePath(String content) {
    return ImmutableHttpFileCheck.builder().expectedContent(content).build();
  }

  /** The path for this check under the given profile. */
  public String resolvePath(CaProfile profile) {
    return path().or(profile::httpFilePath).orElseThrow(() -> new IllegalArgumentException(
        "The http-file check has no path and profile " + profile.id() + " has no default file path"));
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.HTTP_FILE);
  }

  @Override
  public String moduleId() {
    return "http";
  }

  @Override
  public String kind() {
    return Method.HTTP_FILE.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "file " + path().orElse(PATH_PREFIX + "<profile default>") + " on " + domain + " holds "
        + Text.quote(expectedContent());
  }

  @Value.Check
  void check() {
    Checks.requireValue("file content", expectedContent());
    path().ifPresent(HttpFileCheck::requirePath);
  }

  static void requirePath(String p) {
    if (!p.startsWith(PATH_PREFIX) || p.length() == PATH_PREFIX.length()) {
      throw new IllegalArgumentException("The validation file path \"" + Text.escape(p)
          + "\" must be a file under " + PATH_PREFIX + " (BR 3.2.2.4.18)");
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '?' || c == '#' || c == '\\') {
        throw new IllegalArgumentException("The validation file path \"" + Text.escape(p)
            + "\" contains '" + Text.escape(String.valueOf(c)) + "'");
      }
    }
    if (p.contains("/../") || p.contains("/./") || p.endsWith("/..") || p.contains("//")) {
      throw new IllegalArgumentException(
          "The validation file path \"" + Text.escape(p) + "\" must be a plain path");
    }
  }
}
