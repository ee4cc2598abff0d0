package org.dvinspector.caa;

import java.util.Locale;
import org.dvinspector.CaaRules;
import org.dvinspector.DomainName;
import org.dvinspector.spi.Text;
import org.immutables.value.Value;

/**
 * One CAA resource record's data (RFC 8659 §4.1): the flags octet, the property tag and the
 * property value, exactly as served.
 *
 * <p>Tag and value hold the record's octets one character per octet (ISO-8859-1), so nothing a
 * server sends is lost or reinterpreted; anything outside printable ASCII makes an {@code issue}
 * value unparsable, as RFC 8659 §4.2 requires.
 */
@Value.Immutable
public abstract class CaaRecord {
  /** The Issuer Critical flag (bit 0, value 128; RFC 8659 §4.1). */
  public static final int CRITICAL_FLAG = 128;

  /** The flags octet, 0 to 255. */
  @Value.Parameter
  public abstract int flags();

  /** The property tag as served (case preserved), e.g. {@code issue}. */
  @Value.Parameter
  public abstract String tag();

  /** The property value, one character per octet. */
  @Value.Parameter
  public abstract String value();

  /**
   * Creates a record.
   *
   * @throws IllegalArgumentException if the flags are not an octet, the tag is empty or longer
   *     than 255 octets, or the value holds a character above U+00FF
   */
  public static CaaRecord of(int flags, String tag, String value) {
    return ImmutableCaaRecord.of(flags, tag, value);
  }

  /**
   * Parses the presentation form {@code <flags> <tag> <value>} as written in a zone file, e.g.
   * {@code 0 issue "letsencrypt.org"}. The value is either a quoted string (with {@code \"},
   * {@code \\} and {@code \DDD} escapes) or one unquoted word.
   *
   * @throws IllegalArgumentException if the text is not in that form
   */
  public static CaaRecord parse(String text) {
    return PresentationFormat.parse(text);
  }

  /** The tag in lower case: RFC 8659 §4.1 makes tag matching case-insensitive. */
  @Value.Derived
  public String tagKey() {
    return tag().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether the CA treats this record as critical: a flag bit of the CA's {@linkplain
   * CaaRules#criticalFlagMask() critical mask} is set (the Issuer Critical flag 128; Let's Encrypt
   * also bit value 1, a widespread mistake).
   */
  public boolean isCritical(CaaRules rules) {
    return (flags() & rules.criticalFlagMask()) != 0;
  }

  /**
   * The record in presentation form: {@code 0 issue "letsencrypt.org"}. Octets outside printable
   * ASCII are written as {@code \DDD} and quotes and backslashes are escaped, so the result is
   * one printable line, safe to show as it is.
   */
  public String presentation() {
    return flags() + " " + PresentationFormat.word(tag()) + " " + PresentationFormat.quote(value());
  }

  /**
   * The record as a zone-file line at {@code owner}: {@code example.com. CAA 0 issue
   * "letsencrypt.org"}.
   */
  public String zoneLine(DomainName owner) {
    return owner.fqdn() + " CAA " + presentation();
  }

  @Value.Check
  void check() {
    if (flags() < 0 || flags() > 255) {
      throw new IllegalArgumentException("CAA flags must be an octet (0-255), got " + flags());
    }
    if (tag().isEmpty()) {
      throw new IllegalArgumentException("A CAA tag must not be empty (RFC 8659 §4.1)");
    }
    if (tag().length() > 255) {
      throw new IllegalArgumentException("A CAA tag is at most 255 octets long");
    }
    requireOctets("tag", tag());
    requireOctets("value", value());
  }

  private static void requireOctets(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xff) {
        throw new IllegalArgumentException("A CAA " + what
            + " holds octets (characters up to U+00FF), got " + Text.quote(text));
      }
    }
  }

  /** The presentation form, as {@link #presentation()}. */
  @Override
  public String toString() {
    return presentation();
  }
}
