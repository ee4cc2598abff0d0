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
    return (Builder) new Builder().from(this);
  }

  /** Builds an {@link InspectionRequest}. */
  public static final class Builder extends ImmutableInspectionRequest.Builder {
    Builder() {}

    /**
     * Sets the domain from text, normalising it.
     *
     * @throws InvalidDomainNameException if it is not a valid domain name
     */
    public Builder domain(String domain) {
      domain(DomainName.parse(domain));
      return this;
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
