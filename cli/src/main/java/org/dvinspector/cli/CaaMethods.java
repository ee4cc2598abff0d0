package org.dvinspector.cli;

import java.util.Optional;
import org.dvinspector.Method;

/**
 * {@code --caa-method}: the validation method the CA will use, for RFC 8657 {@code
 * validationmethods} in CAA when the request has no check of that method (a CAA-only check).
 */
final class CaaMethods {
  private CaaMethods() {}

  /** What {@code --caa-method} accepts, for help and errors. */
  static final String ACCEPTED = "an ACME challenge type (http-01, dns-01, tls-alpn-01, ...) or a"
      + " method label (dns-txt, dns-cname, http-file, acme-http-01, ...; see dvi check --help)";

  /** The method given, if any. */
  static Optional<Method> validationMethod(RequestSpec spec) {
    String text = spec.text(RequestField.CAA_METHOD);
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(parse(text));
  }

  /** {@code http-01} or {@code acme-http-01}, {@code dns-txt}, ... in any case. */
  static Method parse(String text) {
    String t = text.strip();
    try {
      return Method.fromAcmeChallengeType(t);
    } catch (IllegalArgumentException notAcme) {
      try {
        return Method.fromLabel(t);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--caa-method '" + Style.safe(t) + "' is not " + ACCEPTED);
      }
    }
  }
}
