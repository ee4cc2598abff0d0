package org.dvinspector;

import java.util.Optional;

/**
 * One thing the certificate authority will verify: a DNS record, an HTTP file, CAA. Each check
 * names the module that performs it; a request whose check needs a module the inspector lacks
 * fails at once with {@link MissingModuleException}.
 *
 * <p>Built-in checks: {@link DnsTxtCheck}, {@link DnsCnameCheck}, {@link AcmeDns01Check}, {@link
 * HttpFileCheck}, {@link AcmeHttp01Check}, {@link CaaCheck}. A module may define its own.
 */
public interface Check {
  /** The validation method this check predicts, or empty for CAA (checked whatever the method). */
  Optional<Method> method();

  /** Id of the module that runs this check: {@code dns}, {@code http} or {@code caa}. */
  String moduleId();

  /** A short stable kind label: {@code dns-txt}, {@code caa}, ... */
  String kind();

  /** One line describing the check for reports: what is expected where. */
  String describe(DomainName domain);
}
