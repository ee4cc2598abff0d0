package org.dvinspector.dns.internal.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dvinspector.DomainName;
import org.dvinspector.dns.DnsRecord;
import org.dvinspector.dns.RecordType;

/**
 * Where an alias in an answer leads, as a CA's resolver follows it: a DNAME at an ancestor of the
 * name redirects it (RFC 6672 §2.2: the owner's suffix replaced by the DNAME's target), whether
 * or not the server synthesized the CNAME; otherwise a CNAME at the name itself.
 *
 * <p>Let's Encrypt's resolver, Unbound, synthesizes the CNAME itself when a DNAME comes without
 * the matching one, and replaces a CNAME that does not match the DNAME (NLnetLabs/unbound
 * {@code iterator/iter_scrub.c}, {@code scrub_normalize} and {@code synth_cname}, at commit
 * {@code 0001a42efce544d88eb42a821c97fca9551aa322}): the DNAME decides.
 */
final class Aliases {
  private Aliases() {}

  /** The name {@code name} is an alias of in {@code answer}, if any. */
  static Optional<DomainName> target(DomainName name, List<DnsRecord> answer) {
    Optional<DomainName> synthesized = fromDname(name, answer);
    if (synthesized.isPresent()) {
      return synthesized;
    }
    for (DnsRecord rec : answer) {
      if (rec.is(RecordType.CNAME) && rec.isOwnedBy(name.ascii())) {
        Optional<DomainName> t = rec.target().flatMap(DomainName::tryParse);
        if (t.isPresent()) {
          return t;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The CNAME target a DNAME above {@code name} synthesizes; empty when no DNAME applies or the
   * result is not a valid name (longer than 253 octets: the server should have said YXDOMAIN).
   */
  static Optional<DomainName> fromDname(DomainName name, List<DnsRecord> answer) {
    String n = name.ascii().toLowerCase(Locale.ROOT);
    for (DnsRecord rec : answer) {
      if (!rec.is(RecordType.DNAME) || rec.target().isEmpty()) {
        continue;
      }
      String owner = rec.name().toLowerCase(Locale.ROOT);
      // Only a strict ancestor: a DNAME never redirects its own owner name (RFC 6672 §2.3).
      String suffix = owner.equals(".") ? "" : "." + owner;
      if (owner.equals(".") ? n.isEmpty() : !n.endsWith(suffix)) {
        continue;
      }
      String prefix = n.substring(0, n.length() - suffix.length());
      if (prefix.isEmpty()) {
        continue;
      }
      String target = rec.target().get();
      return DomainName.tryParse(target.equals(".") ? prefix : prefix + "." + target);
    }
    return Optional.empty();
  }
}
