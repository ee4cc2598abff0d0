package org.dvinspector;

import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a CA looks up and matches its DNS validation records (BR 3.2.2.4.7 "DNS Change", RFC 8555
 * §8.4 dns-01): how a TXT record's value is compared with the expected one, which names it looks
 * at, whether aliases in the answer are searched, and how long one lookup may take.
 *
 * <p>The defaults are RFC 8555's reading, which Let's Encrypt applies: the strings of one TXT
 * record joined equal the value exactly; only the validation name; no lookup budget worth
 * modelling (the CA's resolvers retry for several seconds). {@code core/PROFILES.md} shows each
 * built-in profile's rules with their sources.
 */
@Value.Immutable
public abstract class DnsRules {
  /** How the value of a TXT record is compared with the expected value. */
  public enum TxtMatching {
    /**
     * The strings of one TXT record, joined without a separator, equal the value (RFC 8555 §8.4,
     * RFC 7208 §3.3 for the joining; Let's Encrypt's validator joins each record's strings).
     */
    JOINED_EQUALS,
    /**
     * One string of a TXT record equals the value; the strings of a record are not joined, so a
     * value split over two strings fails (Pebble 2.4).
     */
    ANY_STRING_EQUALS,
    /**
     * The value occurs, with the same case, somewhere in one record's presentation text: each
     * string in double quotes with {@code "} and {@code \} escaped by a backslash, and other bytes
     * outside printable ASCII as {@code \DDD}, the strings separated by one space. Surrounding text
     * or quotes typed into the value pass; a value split over two strings fails (DigiCert's
     * library: dnsjava's {@code TXTRecord.rdataToString()} searched with {@code String.contains}).
     */
    RECORD_TEXT_CONTAINS
  }

  /** How a TXT record's value is compared with the expected value. */
  @Value.Default
  public TxtMatching txtMatching() {
    return TxtMatching.JOINED_EQUALS;
  }

  /**
   * Whether a {@code dns-txt} check with a label (e.g. {@code _dnsauth}) also passes when the
   * value is at the domain itself: the CA looks at {@code <label>.<domain>} first and, when the
   * value is not there, at {@code <domain>} (DigiCert's DNS Change validation).
   */
  @Value.Default
  public boolean txtAlsoAtDomain() {
    return false;
  }

  /**
   * Whether the CA searches the CNAME records of its resolver's answer too: a TXT question at an
   * alias returns the CNAME, and the value found in the CNAME's target name passes (DigiCert: every
   * record of the answer section is searched). Only meaningful with {@link
   * TxtMatching#RECORD_TEXT_CONTAINS}.
   */
  @Value.Default
  public boolean searchesAliasTargets() {
    return false;
  }

  /**
   * The CA's time for one lookup, every retry included, when it is short enough that a slow or dead
   * authoritative server can make the CA fail while other servers answer (DigiCert: 2 s). Empty
   * when the CA's resolvers retry long enough for another server to answer.
   */
  public abstract Optional<Duration> lookupBudget();

  /** RFC 8555's rules (see the class comment). */
  public static DnsRules defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these rules. */
  public Builder toBuilder() {
    return (Builder) new Builder().from(this);
  }

  /** Builds {@link DnsRules}. */
  public static final class Builder extends ImmutableDnsRules.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    lookupBudget().ifPresent(b -> {
      if (b.isNegative() || b.isZero()) {
        throw new IllegalArgumentException("lookupBudget must be positive");
      }
    });
    if (searchesAliasTargets() && txtMatching() != TxtMatching.RECORD_TEXT_CONTAINS) {
      throw new IllegalArgumentException(
          "searchesAliasTargets needs txtMatching RECORD_TEXT_CONTAINS (only a search of the"
              + " answer's text finds the value in a CNAME target)");
    }
  }
}
