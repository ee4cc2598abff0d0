package org.dvinspector;

import java.util.List;
import org.immutables.value.Value;

/** How a CA fetches validation URLs: schemes, accepted statuses, body cap, redirects, IPv6. */
@Value.Immutable
public abstract class HttpRules {
  /** Schemes the file method (BR 3.2.2.4.18) is tried on, in order. */
  @Value.Default
  public List<String> fileSchemes() {
    return List.of("http", "https");
  }

  /**
   * Whether the file must be reachable over every one of {@link #fileSchemes()} (the seed's CA
   * console asks for both) rather than any one.
   */
  @Value.Default
  public boolean fileRequiresAllSchemes() {
    return false;
  }

  /** Whether any 2xx passes for the file method (BR); otherwise only 200. ACME always needs 200. */
  @Value.Default
  public boolean fileAcceptsAny2xx() {
    return true;
  }

  /** How many bytes of the body the CA reads (Let's Encrypt: 128 for http-01). */
  @Value.Default
  public int bodyCapBytes() {
    return 4096;
  }

  /** Whether trailing whitespace is trimmed before comparing (Let's Encrypt trims it). */
  @Value.Default
  public boolean trimTrailingWhitespace() {
    return true;
  }

  /** Redirect rules for the file method. */
  @Value.Default
  public RedirectPolicy fileRedirects() {
    return RedirectPolicy.acme();
  }

  /** Redirect rules for ACME http-01. */
  @Value.Default
  public RedirectPolicy acmeRedirects() {
    return RedirectPolicy.acme();
  }

  /** Whether the CA connects over IPv6 first when the name has AAAA records. */
  @Value.Default
  public boolean ipv6First() {
    return true;
  }

  /** Whether the CA falls back to IPv4 when the IPv6 connection fails. */
  @Value.Default
  public boolean ipv4Fallback() {
    return true;
  }

  /** Whether an HTTPS certificate problem fails validation (else it is only reported). */
  @Value.Default
  public boolean httpsCertificateMustBeValid() {
    return false;
  }

  /** The generic defaults. */
  public static HttpRules defaults() {
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

  /** Builds {@link HttpRules}. */
  public static final class Builder extends ImmutableHttpRules.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    if (bodyCapBytes() <= 0) {
      throw new IllegalArgumentException("bodyCapBytes must be positive");
    }
    for (String s : fileSchemes()) {
      if (!s.equals("http") && !s.equals("https")) {
        throw new IllegalArgumentException("Unknown scheme \"" + Text.escape(s) + "\"");
      }
    }
  }
}
