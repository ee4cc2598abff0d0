package org.dvinspector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What to inspect: the domain, the CA (its {@link CaProfile}), and the {@link Check}s the CA will
 * make. Bad input is rejected when the request is built, with a message that says what is wrong.
 *
 * <pre>{@code
 * InspectionRequest request = InspectionRequest.builder()
 *     .domain("www.example.com")
 *     .profile(CaProfiles.BASELINE_REQUIREMENTS)
 *     .addChecks(DnsTxtCheck.of("_dnsauth", "2024token"), CaaCheck.forIssuers("digicert.com"))
 *     .build();
 * }</pre>
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
public abstract class InspectionRequest {
  /** The name the certificate will be for (may be a wildcard). */
  public abstract DomainName domain();

  /** The CA whose validation is predicted. */
  @Value.Default
  public CaProfile profile() {
    return CaProfiles.BASELINE_REQUIREMENTS;
  }

  /** The checks the CA will make; at least one. */
  public abstract List<Check> checks();

  /** When the CA issued the token or random value, to check it has not expired. */
  public abstract Optional<Instant> tokenCreatedAt();

  /** Overrides the network policy's deadline for this inspection. */
  public abstract Optional<Duration> deadline();

  /**
   * Whether DNS checks also ask every authoritative server as if from each of the CA's
   * perspective networks, with the EDNS Client Subnet option (RFC 7871), to find answers that
   * depend on the client's region (GeoDNS, DNS providers' "lines"). Empty (the default): yes when
   * the profile names {@linkplain CaProfile#perspectiveNetworks() perspective networks}; {@code
   * true} with a profile that names none uses {@link PerspectiveNetworks#representative()};
   * {@code false} never.
   */
  public abstract Optional<Boolean> ednsClientSubnet();

  /**
   * The client networks DNS checks ask from with the EDNS Client Subnet option, as {@link
   * #ednsClientSubnet()} decides; empty when they do not.
   */
  public List<PerspectiveNetwork> clientSubnetNetworks() {
    List<PerspectiveNetwork> named = profile().perspectiveNetworks();
    boolean on = ednsClientSubnet().orElse(!named.isEmpty());
    if (!on) {
      return List.of();
    }
    return named.isEmpty() ? PerspectiveNetworks.representative() : named;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request. */
  public Builder toBuilder() {
    return new Builder().from(this);
  }

  /**
   * Builds an {@link InspectionRequest}: the domain (required), the CA profile (default: the
   * Baseline Requirements alone), at least one check, and optionally the token's creation time and
   * a deadline. Not thread-safe; {@link #build()} checks the whole request and says what is wrong.
   *
   * <pre>{@code
   * InspectionRequest request = InspectionRequest.builder()
   *     .domain("www.example.com")
   *     .profile(CaProfiles.DIGICERT)
   *     .addChecks(DnsTxtCheck.of("_dnsauth", "2024token"), CaaCheck.forProfile())
   *     .tokenCreatedAt(Instant.parse("2026-01-31T10:00:00Z"))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final ImmutableInspectionRequest.Builder delegate =
        ImmutableInspectionRequest.generatedBuilder();

    Builder() {}

    /**
     * The name the certificate will be for, from text: case, a trailing dot and U-labels are
     * normalised (see {@link DomainName#parse(String)}); {@code *.} makes it a wildcard.
     *
     * @throws InvalidDomainNameException if it is not a valid domain name
     */
    public Builder domain(String domain) {
      return domain(DomainName.parse(domain));
    }

    /** The name the certificate will be for. Required. */
    public Builder domain(DomainName domain) {
      delegate.domain(domain);
      return this;
    }

    /**
     * The CA whose validation is predicted: which methods it offers, where it looks, how it
     * matches, its CAA identities and token lifetime. Default {@link
     * CaProfiles#BASELINE_REQUIREMENTS}; see {@link CaProfiles} for the built-in ones and {@link
     * CaProfiles#byAcmeDirectory(java.net.URI)} to pick one from an ACME directory URL.
     */
    public Builder profile(CaProfile profile) {
      delegate.profile(profile);
      return this;
    }

    /**
     * Adds a check the CA will make, e.g. {@link DnsTxtCheck#of(String, String)}, {@link
     * HttpFileCheck#of(String, String)}, {@link AcmeHttp01Check}, {@link AcmeDns01Check} or
     * {@link CaaCheck#forProfile()}. Checks run concurrently; the report keeps their order.
     */
    public Builder addChecks(Check check) {
      delegate.addChecks(check);
      return this;
    }

    /** Adds several checks (see {@link #addChecks(Check)}). */
    public Builder addChecks(Check... checks) {
      delegate.addChecks(checks);
      return this;
    }

    /** Adds every check of {@code checks} (see {@link #addChecks(Check)}). */
    public Builder addAllChecks(Iterable<? extends Check> checks) {
      delegate.addAllChecks(checks);
      return this;
    }

    /** Replaces the checks added so far with {@code checks}. */
    public Builder checks(Iterable<? extends Check> checks) {
      delegate.checks(checks);
      return this;
    }

    /**
     * When the CA issued the token or random value: a token older than the profile's {@linkplain
     * CaProfile#tokenLifetime() lifetime} (BR 3.2.2.4: at most 30 days) is reported as {@link
     * FindingCode#TOKEN_EXPIRED}.
     */
    public Builder tokenCreatedAt(Instant createdAt) {
      delegate.tokenCreatedAt(createdAt);
      return this;
    }

    /** Like {@link #tokenCreatedAt(Instant)}; empty clears it. */
    public Builder tokenCreatedAt(Optional<? extends Instant> createdAt) {
      delegate.tokenCreatedAt(createdAt);
      return this;
    }

    /**
     * This inspection's deadline, instead of the {@linkplain NetworkPolicy#deadline() network
     * policy's}; it counts from the moment the inspector admits the inspection. Must be positive.
     */
    public Builder deadline(Duration deadline) {
      delegate.deadline(deadline);
      return this;
    }

    /** Like {@link #deadline(Duration)}; empty uses the network policy's. */
    public Builder deadline(Optional<? extends Duration> deadline) {
      delegate.deadline(deadline);
      return this;
    }

    /**
     * Whether DNS checks also ask from the CA's perspective networks with the EDNS Client Subnet
     * option; see {@link InspectionRequest#ednsClientSubnet()}. Unset: yes when the profile names
     * perspective networks.
     */
    public Builder ednsClientSubnet(boolean ask) {
      delegate.ednsClientSubnet(ask);
      return this;
    }

    /** Like {@link #ednsClientSubnet(boolean)}; empty leaves the choice to the profile. */
    public Builder ednsClientSubnet(Optional<Boolean> ask) {
      delegate.ednsClientSubnet(ask);
      return this;
    }

    /**
     * Copies every value of {@code request}: its domain, profile and deadline replace the ones
     * set; its checks are added to the ones added so far.
     */
    public Builder from(InspectionRequest request) {
      delegate.from(request);
      return this;
    }

    /**
     * The request.
     *
     * @throws IllegalStateException if no domain was given
     * @throws IllegalArgumentException if the request is not valid (no check, a certificate name
     *     with an underscore, an HTTP file check without a path for the profile, a deadline that is
     *     not positive), saying what is wrong
     */
    public InspectionRequest build() {
      return delegate.build();
    }
  }

  @Value.Check
  void check() {
    if (checks().isEmpty()) {
      throw new IllegalArgumentException(
          "The request for " + domain() + " has no checks; add at least one (e.g. DnsTxtCheck)");
    }
    if (!domain().isHostname()) {
      throw new IllegalArgumentException("The certificate name " + domain()
          + " contains an underscore; certificate names must be host names (BR 7.1.4.2)");
    }
    for (Check c : checks()) {
      if (c instanceof HttpFileCheck) {
        ((HttpFileCheck) c).resolvePath(profile());
      } else if (c instanceof AcmeDnsPersist01Check persist
          && persist.effectiveIssuerDomainNames(profile()).isEmpty()) {
        throw new IllegalArgumentException("The dns-persist-01 check needs the CA's issuer domain"
            + " name: give it to the check, or use a profile that names the CA (profile "
            + profile().id() + " has no CAA identity)");
      } else if (c instanceof DomainContactCheck contact
          && contact.authorizationDomainName().isPresent()
          && !DomainContacts.authorizationDomainNames(domain())
              .contains(contact.authorizationDomainName().get())) {
        throw new IllegalArgumentException("The Authorization Domain Name "
            + contact.authorizationDomainName().get() + " is neither " + domain().withoutWildcard()
            + " nor a name above it down to its registrable domain (BR 1.6.1, 3.2.2.4)");
      }
    }
    deadline().ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("The deadline must be positive, got " + d);
      }
    });
  }
}
