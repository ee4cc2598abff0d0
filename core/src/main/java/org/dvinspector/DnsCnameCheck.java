package org.dvinspector;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * BR 3.2.2.4.7 with a CNAME record: the name (or an underscore label above it) must be an alias
 * of the CA's target, e.g. DigiCert's {@code _dnsauth.example.com CNAME <random>.dcv.digicert.com}.
 */
@Value.Immutable
public abstract class DnsCnameCheck implements Check {
  /** The label prepended to the domain, e.g. {@code _dnsauth}; empty for the domain itself. */
  public abstract Optional<String> label();

  /** The CNAME target the CA expects. */
  public abstract DomainName expectedTarget();

  /** CNAME {@code label.<domain>} to {@code target}. */
  public static DnsCnameCheck of(String label, String target) {
    return ImmutableDnsCnameCheck.builder()
        .label(label)
        .expectedTarget(DomainName.parse(target))
        .build();
  }

  /** CNAME at the domain itself to {@code target}. */
  public static DnsCnameCheck atDomain(String target) {
    return ImmutableDnsCnameCheck.builder().expectedTarget(DomainName.parse(target)).build();
  }

  /** The name the CA queries. */
  public DomainName recordName(DomainName domain) {
    DomainName base = domain.withoutWildcard();
    return label().map(base::child).orElse(base);
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.DNS_CNAME);
  }

  @Override
  public String moduleId() {
    return "dns";
  }

  @Override
  public String kind() {
    return Method.DNS_CNAME.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "CNAME " + recordName(domain) + " -> " + expectedTarget();
  }

  @Value.Check
  void check() {
    label().ifPresent(Checks::requireLabel);
  }
}
