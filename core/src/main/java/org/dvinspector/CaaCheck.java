package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * CAA (RFC 8659, RFC 8657): would the relevant CAA record set let the CA issue for the name? The
 * CA's identities (issuer domain names) come from the profile unless given here.
 */
@Value.Immutable
// The package style, plus: the generated builder neither extends the hand-written Builder below
// (Immutables takes a nested class named Builder as its base; this one delegates instead, so its
// methods carry their own Javadoc) nor hides builder() (it is generatedBuilder()).
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = false),
    allowedClasspathAnnotations = {Override.class},
    typeInnerBuilder = "NoInnerBuilderToExtend",
    builder = "generatedBuilder")
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
    return ImmutableCaaCheck.generatedBuilder().build();
  }

  /** CAA for explicit issuer domain names. */
  public static CaaCheck forIssuers(String... issuerDomains) {
    return ImmutableCaaCheck.generatedBuilder().addIssuerDomains(issuerDomains).build();
  }

  /** A builder for the other options. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link CaaCheck} with RFC 8657 parameters. Not thread-safe.
   *
   * <pre>{@code
   * CaaCheck caa = CaaCheck.builder()
   *     .addIssuerDomains("letsencrypt.org")
   *     .accountUri("https://acme-v02.api.letsencrypt.org/acme/acct/123456")
   *     .validationMethod(Method.ACME_DNS_01)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final ImmutableCaaCheck.Builder delegate = ImmutableCaaCheck.generatedBuilder();

    Builder() {}

    /**
     * An issuer domain name that identifies the CA in CAA {@code issue}/{@code issuewild} records
     * (e.g. {@code letsencrypt.org}). Without any, the request profile's {@linkplain
     * CaProfile#caaIdentities() identities} are used.
     */
    public Builder addIssuerDomains(String issuerDomain) {
      delegate.addIssuerDomains(issuerDomain);
      return this;
    }

    /** Several issuer domain names (see {@link #addIssuerDomains(String)}). */
    public Builder addIssuerDomains(String... issuerDomains) {
      delegate.addIssuerDomains(issuerDomains);
      return this;
    }

    /** Every issuer domain name of {@code issuerDomains} (see {@link #addIssuerDomains(String)}). */
    public Builder addAllIssuerDomains(Iterable<String> issuerDomains) {
      delegate.addAllIssuerDomains(issuerDomains);
      return this;
    }

    /** Replaces the issuer domain names added so far. */
    public Builder issuerDomains(Iterable<String> issuerDomains) {
      delegate.issuerDomains(issuerDomains);
      return this;
    }

    /**
     * The ACME account URI, matched against RFC 8657 {@code accounturi} parameters: a record that
     * names another account does not authorize this one.
     */
    public Builder accountUri(String accountUri) {
      delegate.accountUri(accountUri);
      return this;
    }

    /** Like {@link #accountUri(String)}; empty clears it. */
    public Builder accountUri(Optional<String> accountUri) {
      delegate.accountUri(accountUri);
      return this;
    }

    /**
     * The validation method the CA will use, matched against RFC 8657 {@code validationmethods};
     * by default the method of the request's other checks. Needed for a request whose only check
     * is CAA.
     */
    public Builder validationMethod(Method method) {
      delegate.validationMethod(method);
      return this;
    }

    /** Like {@link #validationMethod(Method)}; empty uses the request's other checks. */
    public Builder validationMethod(Optional<Method> method) {
      delegate.validationMethod(method);
      return this;
    }

    /** Copies every value of {@code check}; its issuer domains are added to the ones given. */
    public Builder from(CaaCheck check) {
      delegate.from(check);
      return this;
    }

    /**
     * The check.
     *
     * @throws IllegalArgumentException if an issuer domain name or the account URI is not valid
     */
    public CaaCheck build() {
      return delegate.build();
    }
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
