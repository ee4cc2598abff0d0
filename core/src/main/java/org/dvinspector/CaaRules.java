package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.Locale;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Where a CA is stricter than RFC 8659 when it evaluates CAA records. The defaults follow the RFC;
 * Let's Encrypt's profile turns the strict options on.
 */
@Value.Immutable
public abstract class CaaRules {
  /** Treat any non-zero flag bit as critical (stricter than any CA whose code is published). */
  @Value.Default
  public boolean anyFlagIsCritical() {
    return false;
  }

  /**
   * The flag bits that make a record critical, as a mask over the flags byte: 128 (the Issuer
   * Critical flag, RFC 8659 §4.1) by default; Let's Encrypt also treats bit value 1 as critical
   * (129), because many publishers set it by mistake. {@link #anyFlagIsCritical()} makes it 255.
   */
  @Value.Default
  public int criticalFlagMask() {
    return anyFlagIsCritical() ? 0xFF : 0x80;
  }

  /** Reject parameter tags containing a hyphen (Let's Encrypt does). */
  @Value.Default
  public boolean rejectHyphenInParameterTags() {
    return false;
  }

  /** Compare the issuer domain exactly (byte for byte) instead of case-insensitively. */
  @Value.Default
  public boolean exactIssuerMatch() {
    return false;
  }

  /**
   * Property tags the CA recognizes beyond {@code issue}, {@code issuewild} and {@code iodef}, in
   * lower case: a critical record with one of them does not forbid issuance (Let's Encrypt
   * recognizes {@code issuemail}, RFC 9495, and {@code issuevmc}).
   */
  public abstract Set<String> recognizedTags();

  /** Whether the CA supports RFC 8657 {@code accounturi} / {@code validationmethods}. */
  @Value.Default
  public boolean supportsRfc8657() {
    return true;
  }

  /** RFC 8659 behaviour. */
  public static CaaRules rfc() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CaaRules}. */
  public static final class Builder extends ImmutableCaaRules.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    for (String tag : recognizedTags()) {
      if (!tag.equals(tag.toLowerCase(Locale.ROOT)) || tag.isEmpty()) {
        throw new IllegalArgumentException("recognizedTags are lower-case tags, got \""
            + Text.escape(tag) + "\"");
      }
    }
    if ((criticalFlagMask() & 0x80) == 0 || criticalFlagMask() > 0xFF) {
      throw new IllegalArgumentException("criticalFlagMask must be a flags byte that includes the"
          + " Issuer Critical flag (128), got " + criticalFlagMask());
    }
  }
}
