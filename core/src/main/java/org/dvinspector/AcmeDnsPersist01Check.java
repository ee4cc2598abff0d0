package org.dvinspector;

import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.spi.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * ACME dns-persist-01 (draft-ietf-acme-dns-persist-01, BR 3.2.2.4.22 "DNS TXT Record with
 * Persistent Value"): a TXT record at {@code _validation-persist.<name>} (a wildcard's {@code *.}
 * removed) whose value is an RFC 8659 issue-value naming one of the CA's issuer domain names,
 * with {@code accounturi} equal to the account's URI, {@code policy=wildcard} when the name is a
 * wildcard, and no {@code persistUntil} in the past; read as {@link DnsPersistRecord} from every
 * authoritative server. There is no token: the record stays for later validations.
 *
 * <p>The CA's issuer domain names are the profile's CAA identities unless given here (the draft
 * lets a CA draw them from its directory's {@code caaIdentities}).
 */
@Value.Immutable
public abstract class AcmeDnsPersist01Check implements Check {
  /** The ACME account URI the record must name ({@code accounturi}). */
  public abstract String accountUri();

  /** The CA's issuer domain names; empty to use the profile's CAA identities. */
  public abstract List<String> issuerDomainNames();

  /** For the account {@code accountUri}, at the profile's issuer domain names. */
  public static AcmeDnsPersist01Check of(String accountUri) {
    return ImmutableAcmeDnsPersist01Check.builder().accountUri(accountUri).build();
  }

  /** For the account {@code accountUri} at a CA known by {@code issuerDomainNames}. */
  public static AcmeDnsPersist01Check of(String accountUri, String... issuerDomainNames) {
    return ImmutableAcmeDnsPersist01Check.builder().accountUri(accountUri)
        .addIssuerDomainNames(issuerDomainNames).build();
  }

  /** The issuer domain names to accept: these, or else the profile's CAA identities. */
  public List<String> effectiveIssuerDomainNames(CaProfile profile) {
    List<String> given = issuerDomainNames().isEmpty() ? profile.caaIdentities()
        : issuerDomainNames();
    List<String> out = new ArrayList<>();
    for (String d : given) {
      out.add(DnsPersistRecord.normalize(d));
    }
    return out;
  }

  /** The name the CA queries: {@code _validation-persist.<name without *.>}. */
  public DomainName recordName(DomainName domain) {
    return domain.withoutWildcard().child(DnsPersistRecord.LABEL);
  }

  /**
   * The value to publish for this account at the CA's first issuer domain name, with {@code
   * policy=wildcard} for a wildcard name; empty when no issuer domain name is known.
   */
  public Optional<String> suggestedValue(DomainName domain, CaProfile profile) {
    List<String> issuers = effectiveIssuerDomainNames(profile);
    return issuers.isEmpty() ? Optional.empty()
        : Optional.of(DnsPersistRecord.valueFor(issuers.get(0), accountUri(), domain.isWildcard()));
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.ACME_DNS_PERSIST_01);
  }

  @Override
  public String moduleId() {
    return "dns";
  }

  @Override
  public String kind() {
    return Method.ACME_DNS_PERSIST_01.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "TXT " + recordName(domain) + " names "
        + (issuerDomainNames().isEmpty() ? "the CA" : String.join(" or ", issuerDomainNames()))
        + " with accounturi=" + Text.escape(accountUri())
        + (domain.isWildcard() ? " and policy=wildcard" : "") + " (dns-persist-01)";
  }

  @Value.Check
  void check() {
    AcmeChallenges.requireAccountUri(accountUri());
    if (accountUri().indexOf(';') >= 0) {
      // RFC 8659 §4.2: a parameter value cannot hold ";", so no record could name this URI.
      throw new IllegalArgumentException("The account URI \"" + Text.escape(accountUri())
          + "\" holds \";\", which an issue-value parameter cannot hold");
    }
    for (String d : issuerDomainNames()) {
      if (d.isBlank()) {
        throw new IllegalArgumentException("An issuer domain name is empty");
      }
      DomainName.parse(d);
    }
    if (issuerDomainNames().size() > 10) {
      // draft-ietf-acme-dns-persist-01, Challenge Object: at most 10 issuer domain names.
      throw new IllegalArgumentException("At most 10 issuer domain names, got "
          + issuerDomainNames().size());
    }
  }
}
