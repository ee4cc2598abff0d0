package org.dvinspector;

import org.dvinspector.spi.Text;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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

  /** How the CA looks up and matches its DNS validation records. */
  @Value.Default
  public DnsRules dnsRules() {
    return DnsRules.defaults();
  }

  /**
   * Whether the CA validates DNSSEC on its DNS lookups for domain validation and CAA. True for
   * every CA bound by the Baseline Requirements since 2026-03-15 (ballot SC-085: the primary
   * network perspective validates DNSSEC, BR 3.2.2.4 and 4.2.2.1); a custom profile for a CA or
   * environment that does not validate turns it off, and then a bogus chain is not an error.
   */
  @Value.Default
  public boolean validatesDnssec() {
    return true;
  }

  /** How long a random value or token may be used (BR 3.2.2.4: at most 30 days). */
  @Value.Default
  public Duration tokenLifetime() {
    return Duration.ofDays(30);
  }

  /**
   * The fewest characters a random value may have for the CA to accept it (DigiCert: 22, the
   * fewest base-62 characters that carry 128 bits); empty when the CA checks no length. A shorter
   * value is not the one the CA issued: the CA refuses to validate with it.
   */
  public abstract OptionalInt minRandomValueLength();

  /** Default path of the file method, e.g. {@code /.well-known/pki-validation/fileauth.txt}. */
  public abstract Optional<String> httpFilePath();

  /** Labels under which the CA looks for its TXT record; empty string means the name itself. */
  public abstract List<String> dnsTxtLabels();

  /**
   * How the TXT value is written, with {@code {value}} standing for the CA's random value: {@code
   * {value}} for most CAs, {@code globalsign-domain-verification={value}} for GlobalSign.
   */
  @Value.Default
  public String dnsTxtValueTemplate() {
    return VALUE_PLACEHOLDER;
  }

  /**
   * The label of the CNAME method when it is fixed (DigiCert: {@code _dnsauth}); empty when the CA
   * derives it per order (Sectigo: {@code _<MD5 of the CSR>}, see {@link SectigoDcv}).
   */
  public abstract Optional<String> dnsCnameLabel();

  /**
   * The domain the CA's CNAME targets end in (DigiCert: {@code dcv.digicert.com}; Sectigo: {@code
   * sectigo.com}); empty when the CA has no CNAME method.
   */
  public abstract Optional<String> dnsCnameTargetSuffix();

  /**
   * Keywords in a name that make the CA review the order by hand or refuse it. A keyword matches
   * when it appears anywhere inside a label of the name, the top-level label included (the seed's
   * console says names that "contain" them; it lists {@code org} and {@code jp}, which are whole
   * TLDs, and {@code pay}, {@code bank}, {@code live}, which appear inside labels such as {@code
   * mybank}). The match is case-insensitive on the A-label form.
   */
  public abstract List<String> sensitiveKeywords();

  /** Where the facts in this profile come from (documents, dates); free text for people. */
  public abstract List<String> sources();

  /**
   * Client networks that stand for the CA's network perspectives, by region and registry: the
   * CA's published egress networks where it publishes them, representative networks otherwise
   * (see {@link PerspectiveNetworks} for how the built-in lists are chosen and where each network
   * comes from). Authoritative servers are asked again as if from each of them with the EDNS
   * Client Subnet option (RFC 7871), to see answers that depend on the client's region; a
   * profile that names none does not ask so by default (see {@link
   * InspectionRequest#ednsClientSubnet()}).
   */
  public abstract List<PerspectiveNetwork> perspectiveNetworks();

  /** The placeholder for the CA's random value in {@link #dnsTxtValueTemplate()}. */
  public static final String VALUE_PLACEHOLDER = "{value}";

  /**
   * The TXT value this CA expects for its random value: the value put into {@link
   * #dnsTxtValueTemplate()}. A value that already has the template's fixed text (e.g. a full
   * {@code globalsign-domain-verification=...} string copied from the CA) is returned unchanged.
   */
  public String dnsTxtValue(String randomValue) {
    String template = dnsTxtValueTemplate();
    int at = template.indexOf(VALUE_PLACEHOLDER);
    String prefix = template.substring(0, at);
    String suffix = template.substring(at + VALUE_PLACEHOLDER.length());
    String v = randomValue.strip();
    if (!prefix.isEmpty() && v.startsWith(prefix) && v.endsWith(suffix)) {
      return v;
    }
    return prefix + v + suffix;
  }

  /**
   * The DNS TXT check this CA makes for its random value: the value in this profile's format at
   * the first of its {@linkplain #dnsTxtLabels() TXT labels}.
   *
   * @throws IllegalArgumentException if the profile does not offer {@link Method#DNS_TXT} or the
   *     value is empty
   */
  public DnsTxtCheck dnsTxtCheck(String randomValue) {
    requireOffered(Method.DNS_TXT);
    if (dnsTxtLabels().isEmpty()) {
      throw new IllegalArgumentException("Profile " + id() + " lists no TXT record label");
    }
    String label = dnsTxtLabels().get(0);
    String value = dnsTxtValue(randomValue);
    return label.isEmpty() ? DnsTxtCheck.atDomain(value) : DnsTxtCheck.of(label, value);
  }

  /**
   * The DNS CNAME check this CA makes: its {@linkplain #dnsCnameLabel() label} pointing to {@code
   * target}, which must end in the CA's {@linkplain #dnsCnameTargetSuffix() target domain}.
   *
   * @throws IllegalArgumentException if the profile does not offer {@link Method#DNS_CNAME}, has
   *     no fixed label, or the target is not under the CA's domain
   */
  public DnsCnameCheck dnsCnameCheck(String target) {
    requireOffered(Method.DNS_CNAME);
    String label = dnsCnameLabel().orElseThrow(() -> new IllegalArgumentException(
        "Profile " + id() + " has no fixed CNAME label; build the DnsCnameCheck from the order's"
            + " values (for Sectigo see SectigoDcv)"));
    DomainName t = DomainName.parse(target);
    dnsCnameTargetSuffix().ifPresent(suffix -> {
      if (!t.isSubdomainOf(DomainName.parse(suffix)) || t.equals(DomainName.parse(suffix))) {
        throw new IllegalArgumentException("The CNAME target " + t + " is not under " + suffix
            + ", where " + displayName() + " CNAME targets are");
      }
    });
    return DnsCnameCheck.of(label, t.ascii());
  }

  /**
   * The HTTP file check this CA makes: its {@linkplain #httpFilePath() file} holding the random
   * value.
   *
   * @throws IllegalArgumentException if the profile does not offer {@link Method#HTTP_FILE} or
   *     has no fixed file path
   */
  public HttpFileCheck httpFileCheck(String randomValue) {
    requireOffered(Method.HTTP_FILE);
    String path = httpFilePath().orElseThrow(() -> new IllegalArgumentException(
        "Profile " + id() + " has no fixed file path; build the HttpFileCheck from the order's"
            + " values (for Sectigo see SectigoDcv)"));
    return HttpFileCheck.of(path, randomValue.strip());
  }

  private void requireOffered(Method method) {
    if (!offeredMethods().contains(method)) {
      throw new IllegalArgumentException(displayName() + " does not offer the " + method.label()
          + " method");
    }
  }

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
    if (minRandomValueLength().isPresent() && minRandomValueLength().getAsInt() < 1) {
      throw new IllegalArgumentException("minRandomValueLength must be positive");
    }
    for (String identity : caaIdentities()) {
      DomainName.parse(identity);
    }
    String template = dnsTxtValueTemplate();
    int at = template.indexOf(VALUE_PLACEHOLDER);
    if (at < 0 || template.indexOf(VALUE_PLACEHOLDER, at + 1) >= 0) {
      throw new IllegalArgumentException("dnsTxtValueTemplate \"" + Text.escape(template)
          + "\" must contain " + VALUE_PLACEHOLDER + " exactly once");
    }
    for (String label : dnsTxtLabels()) {
      if (!label.isEmpty()) {
        Checks.requireLabel(label);
      }
    }
    dnsCnameLabel().ifPresent(Checks::requireLabel);
    dnsCnameTargetSuffix().ifPresent(DomainName::parse);
    for (String keyword : sensitiveKeywords()) {
      if (keyword.isBlank()) {
        throw new IllegalArgumentException("A sensitive keyword of profile " + id() + " is empty");
      }
    }
  }

  @Override
  public String toString() {
    return "CaProfile[" + id() + "]";
  }
}
