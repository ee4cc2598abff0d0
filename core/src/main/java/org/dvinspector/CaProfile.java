package org.dvinspector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What one certificate authority checks and how: the methods it offers and where each looks,
 * its HTTP rules, its CAA identities and strictness, how long its tokens live, and the keywords
 * that make it review an order by hand.
 *
 * <p>Profiles are data: {@link CaProfiles} holds the built-in ones, and a host can build its own
 * or derive one from a built-in with {@link #toBuilder()}.
 */
@Value.Immutable
public abstract class CaProfile {
  /** Stable id, e.g. {@code baseline}, {@code letsencrypt}, {@code digicert}. */
  public abstract String id();

  /** Name for people, e.g. "Let's Encrypt". */
  public abstract String displayName();

  /** The methods the CA offers. */
  public abstract Set<Method> offeredMethods();

  /** Issuer domain names that identify the CA in CAA records (RFC 8659 §4.2). */
  public abstract List<String> caaIdentities();

  /** How the CA evaluates CAA beyond RFC 8659. */
  @Value.Default
  public CaaRules caaRules() {
    return CaaRules.rfc();
  }

  /** How the CA fetches validation URLs. */
  @Value.Default
  public HttpRules httpRules() {
    return HttpRules.defaults();
  }

  /** How long a random value or token may be used (BR 3.2.2.4: at most 30 days). */
  @Value.Default
  public Duration tokenLifetime() {
    return Duration.ofDays(30);
  }

  /** Default path of the file method, e.g. {@code /.well-known/pki-validation/fileauth.txt}. */
  public abstract Optional<String> httpFilePath();

  /** Labels under which the CA looks for its TXT record; empty string means the name itself. */
  public abstract List<String> dnsTxtLabels();

  /** Keywords in a name that make the CA review the order by hand or refuse it. */
  public abstract List<String> sensitiveKeywords();

  /** Where the facts in this profile come from (documents, dates); free text for people. */
  public abstract List<String> sources();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this profile, to derive a variant. */
  public Builder toBuilder() {
    return (Builder) new Builder().from(this);
  }

  /** Builds a {@link CaProfile}. */
  public static final class Builder extends ImmutableCaProfile.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    if (id().isBlank()) {
      throw new IllegalArgumentException("A CA profile needs an id");
    }
    if (tokenLifetime().isNegative() || tokenLifetime().isZero()) {
      throw new IllegalArgumentException("tokenLifetime must be positive");
    }
    httpFilePath().ifPresent(HttpFileCheck::requirePath);
    for (String identity : caaIdentities()) {
      DomainName.parse(identity);
    }
  }

  @Override
  public String toString() {
    return "CaProfile[" + id() + "]";
  }
}
