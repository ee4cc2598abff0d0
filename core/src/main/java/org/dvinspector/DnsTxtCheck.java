package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * BR 3.2.2.4.7 "DNS Change" with a TXT record: the expected value at the domain itself or at one
 * underscore label above it ({@code _dnsauth.example.com}). For a wildcard name the record sits
 * under the name without {@code *.}.
 */
@Value.Immutable
public abstract class DnsTxtCheck implements Check {
  /** The label prepended to the domain, e.g. {@code _dnsauth}; empty for the domain itself. */
  public abstract Optional<String> label();

  /** The value the CA expects in one TXT record (its strings joined). */
  public abstract String expectedValue();

  /** TXT {@code value} at {@code label.<domain>}. */
  public static DnsTxtCheck of(String label, String value) {
    return ImmutableDnsTxtCheck.builder().label(label).expectedValue(value).build();
  }

  /** TXT {@code value} at the domain itself. */
  public static DnsTxtCheck atDomain(String value) {
    return ImmutableDnsTxtCheck.builder().expectedValue(value).build();
  }

  /** The name the CA queries. */
  public DomainName recordName(DomainName domain) {
    DomainName base = domain.withoutWildcard();
    return label().map(base::child).orElse(base);
  }

  @Override
  public Optional<Method> method() {
    return Optional.of(Method.DNS_TXT);
  }

  @Override
  public String moduleId() {
    return "dns";
  }

  @Override
  public String kind() {
    return Method.DNS_TXT.label();
  }

  @Override
  public String describe(DomainName domain) {
    return "TXT " + recordName(domain) + " = " + Text.quote(expectedValue());
  }

  @Value.Check
  void check() {
    Checks.requireValue("TXT value", expectedValue());
    label().ifPresent(Checks::requireLabel);
  }
}
