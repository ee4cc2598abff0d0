package org.dvinspector;

import java.util.Set;
import org.immutables.value.Value;

/** How a CA follows HTTP redirects when it fetches a validation URL. */
@Value.Immutable
public abstract class RedirectPolicy {
  /** Whether redirects are followed at all. */
  public abstract boolean follow();

  /** Statuses followed, e.g. 301, 302, 307, 308. */
  public abstract Set<Integer> statuses();

  /** Target schemes allowed ({@code http}, {@code https}). */
  public abstract Set<String> schemes();

  /** Target ports allowed (e.g. 80 and 443). */
  public abstract Set<Integer> ports();

  /** Most redirects followed. */
  public abstract int maxRedirects();

  /**
   * Whether a Location with a scheme and host ({@code https://example.com/x}) is followed; when
   * false only relative ones are ({@code /x}, or {@code //host/x}, which has no scheme). DigiCert's
   * redirect check compares the target's registered domain with that of the request URI, which its
   * HTTP client gives without a host, so every absolute target is refused in practice.
   */
  @Value.Default
  public boolean followsAbsoluteTargets() {
    return true;
  }

  /** No redirect is followed: any redirect fails validation. */
  public static RedirectPolicy none() {
    return ImmutableRedirectPolicy.builder().follow(false).maxRedirects(0).build();
  }

  /**
   * The rules of RFC 8555 clients as SPEC §6 states them: 301, 302, 307, 308; http or https; ports
   * 80 and 443; at most 10 redirects. (Let's Encrypt's validator follows one more: see {@link
   * CaProfiles#LETS_ENCRYPT}.)
   */
  public static RedirectPolicy acme() {
    return ImmutableRedirectPolicy.builder()
        .follow(true)
        .addStatuses(301, 302, 307, 308)
        .addSchemes("http", "https")
        .addPorts(80, 443)
        .maxRedirects(10)
        .build();
  }

  /**
   * What the Baseline Requirements allow a CA that follows redirects (BR 3.2.2.4.18 and .19):
   * 301, 302, 307 or 308; to http or https URLs; on an Authorized Port (80, 443, 25 or 22, BR
   * 1.6.1). The BR set no limit on the number of redirects; 10 (Let's Encrypt's) bounds the walk.
   */
  public static RedirectPolicy baselineRequirements() {
    return ImmutableRedirectPolicy.builder()
        .follow(true)
        .addStatuses(301, 302, 307, 308)
        .addSchemes("http", "https")
        .addPorts(80, 443, 25, 22)
        .maxRedirects(10)
        .build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return (Builder) new Builder().from(this);
  }

  /** Builds a {@link RedirectPolicy}. */
  public static final class Builder extends ImmutableRedirectPolicy.Builder {
    Builder() {}
  }

  @Value.Check
  void check() {
    if (maxRedirects() < 0) {
      throw new IllegalArgumentException("maxRedirects must be >= 0");
    }
  }
}
