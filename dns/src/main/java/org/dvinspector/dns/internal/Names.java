package org.dvinspector.dns.internal;

import java.util.Optional;
import org.dvinspector.DomainName;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Conversions between {@link DomainName} and dnsjava's {@link Name}. */
public final class Names {
  private Names() {}

  /** The absolute dnsjava name of {@code name}. */
  public static Name toName(DomainName name) {
    return absolute(name.fqdn());
  }

  /** The absolute dnsjava name of {@code text} (a trailing dot is optional). */
  public static Name absolute(String text) {
    try {
      return Name.fromString(text, Name.root).canonicalize();
    } catch (TextParseException e) {
      // Callers pass names that are already valid DNS syntax.
      throw new IllegalArgumentException("Not a DNS name: " + text, e);
    }
  }

  /** The name learned from the network as a {@link DomainName}, when it is a valid one. */
  public static Optional<DomainName> toDomain(Name name) {
    if (name.labels() <= 1) {
      return Optional.empty();
    }
    return DomainName.tryParse(name.toString(true));
  }

  /** The name for messages: {@code .} for the root, otherwise without the trailing dot. */
  public static String show(Name name) {
    return name.equals(Name.root) ? "." : name.toString(true);
  }
}
