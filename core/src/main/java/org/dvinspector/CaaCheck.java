package org.dvinspector;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * CAA (RFC 8659, RFC 8657): would the relevant CAA record set let the CA issue for the name? The
 * CA's identities (issuer domain names) come from the profile unless given here.
 */
@Value.Immutable
public abstract class CaaCheck implements Check {
  /** Issuer domain names that identify the CA; empty to use the profile's. */
  public abstract List<String> issuerDomains();

  /** The ACME account URI, for RFC 8657 {@code accounturi}. */
  public abstract Optional<String> accountUri();

  /**
   * The validation method, for RFC 8657 {@code validationmethods}; empty to use the method of the
   * request's other checks.
   */
  public abstract Optional<Method> validationMethod();

  /** CAA for the profile's identities. */
  public static CaaCheck forProfile() {
    return ImmutableCaaCheck.builder().build();
  }

  /** CAA for explicit issuer domain names. */
  public static CaaCheck forIssuers(String... issuerDomains) {
    return ImmutableCaaCheck.builder().addIssuerDomains(issuerDomains).build();
  }

  /** A builder for the other options. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CaaCheck}. */
  public static final class Builder extends ImmutableCaaCheck.Builder {
    Builder() {}
  }

  /** The issuer domains to evaluate: these, or else the profile's. */
  public List<String> effectiveIssuerDomains(CaProfile profile) {
    return issuerDomains().isEmpty() ? profile.caaIdentities() : issuerDomains();
  }

  @Override
  public Optional<Method> method() {
    return Optional.empty();
  }

  @Override
  public String moduleId() {
    return "caa";
  }

  @Override
  public String kind() {
    return "caa";
  }

  @Override
  public String describe(DomainName domain) {
    return "CAA for " + domain + (issuerDomains().isEmpty() ? "" : " issuer " + issuerDomains());
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
        throw new IllegalArgumentException("The account URI \"" + Text.escape(u) + "\" is not a URI");
      }
    });
  }
}
