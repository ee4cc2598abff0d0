package org.dvinspector;

import org.immutables.value.Value;

/**
 * Where a CA is stricter than RFC 8659 when it evaluates CAA records. The defaults follow the RFC;
 * Let's Encrypt's profile turns the strict options on.
 */
@Value.Immutable
public abstract class CaaRules {
  /** Treat any non-zero flag bit as critical (Let's Encrypt treats flag value 1 as critical). */
  @Value.Default
  public boolean anyFlagIsCritical() {
    return false;
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
}
