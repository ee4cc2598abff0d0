package org.dvinspector.caa;

import java.util.List;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.Method;
import org.dvinspector.spi.Text;
import org.immutables.value.Value;

/**
 * What the CA is about to do, as far as CAA is concerned: which CA (its issuer domain names),
 * whether the name is a wildcard, the ACME account and the validation method (RFC 8657).
 *
 * <pre>{@code
 * CaaIssuance issuance = CaaIssuance.builder()
 *     .addIssuerDomains("letsencrypt.org")
 *     .wildcard(false)
 *     .accountUri("https://acme-v02.api.letsencrypt.org/acme/acct/123")
 *     .validationMethod(Method.ACME_DNS_01)
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class CaaIssuance {
  /**
   * The issuer domain names that identify the CA (RFC 8659 §4.2), preferred one first; empty when
   * unknown, in which case a set with {@code issue} records cannot be judged.
   */
  public abstract List<String> issuerDomains();

  /** Whether the certificate name is a wildcard ({@code *.example.com}): {@code issuewild} applies. */
  @Value.Default
  public boolean wildcard() {
    return false;
  }

  /** The ACME account URI, compared with RFC 8657 {@code accounturi}; empty when unknown. */
  public abstract Optional<String> accountUri();

  /** The validation method, checked against RFC 8657 {@code validationmethods}; empty when unknown. */
  public abstract Optional<Method> validationMethod();

  /**
   * Whether suggested records should bind the CA to {@link #validationMethod()} even when no
   * existing record for the CA does (the caller asked for that method explicitly). When existing
   * records already bind methods, suggestions always bind, so nothing is loosened.
   */
  @Value.Default
  public boolean bindValidationMethod() {
    return false;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CaaIssuance}. */
  public static final class Builder extends ImmutableCaaIssuance.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    for (String d : issuerDomains()) {
      if (d.isBlank()) {
        throw new IllegalArgumentException("A CAA issuer domain name is empty");
      }
      DomainName.parse(d);
    }
    accountUri().ifPresent(u -> {
      if (u.isBlank() || u.chars().anyMatch(c -> c <= 0x20)) {
        throw new IllegalArgumentException("The account URI " + Text.quote(u) + " is not a URI");
      }
    });
  }
}
