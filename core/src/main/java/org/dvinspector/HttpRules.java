package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How a CA fetches validation URLs: schemes and their order, accepted statuses, body cap,
 * trimming, redirects, address families, and the request's identity (User-Agent and headers).
 */
@Value.Immutable
public abstract class HttpRules {
  /**
   * Schemes the file method (BR 3.2.2.4.18) is tried on, in the CA's order: with {@link
   * #fileRequiresAllSchemes()} off the CA stops at the first that passes (DigiCert fetches https,
   * then http only when https fails).
   */
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

  /**
   * Whether the file method searches any response below 400 (2xx, and a 3xx it does not follow):
   * DigiCert's file client reports an error only for status 400 and above and searches every other
   * body. Implies {@link #fileAcceptsAny2xx()}.
   */
  @Value.Default
  public boolean fileAcceptsAnyStatusBelow400() {
    return false;
  }

  /**
   * The largest body the CA accepts, in bytes: for ACME's exact comparison a larger body fails;
   * for the file method the value must be within the first this many bytes. (Let's Encrypt reads
   * 128 bytes and refuses a body that fills them: 127.)
   */
  @Value.Default
  public int bodyCapBytes() {
    return 4096;
  }

  /** Whether trailing whitespace is trimmed before comparing (Let's Encrypt trims it). */
  @Value.Default
  public boolean trimTrailingWhitespace() {
    return true;
  }

  /**
   * With {@link #trimTrailingWhitespace()}: the only characters trimmed from the end (Pebble 2.4:
   * {@code "\n\r\t"}); when empty, every whitespace character is, as Go's {@code
   * unicode.IsSpace} defines it (Let's Encrypt).
   */
  public abstract Optional<String> trimmedTrailingCharacters();

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

  /**
   * Whether the CA connects over IPv6 at all: DigiCert's file client resolves A records only, so
   * AAAA addresses are never fetched.
   */
  @Value.Default
  public boolean usesIpv6() {
    return true;
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

  /**
   * Whether a certificate that does not cover the host name fails the HTTPS fetch even though the
   * CA accepts any issuer (DigiCert's file client trusts every certificate but keeps the host name
   * check). Implied by {@link #httpsCertificateMustBeValid()}.
   */
  @Value.Default
  public boolean httpsHostnameMustMatch() {
    return httpsCertificateMustBeValid();
  }

  /**
   * Whether the CA connects to non-public (private, loopback, reserved) addresses too: Pebble, a
   * test CA, connects to whatever the name or a redirect names; production CAs never do. When
   * the inspector's network policy forbids such an address, the result is then unknown rather
   * than a failure.
   */
  @Value.Default
  public boolean connectsToNonPublicAddresses() {
    return false;
  }

  /**
   * The User-Agent the CA's validator sends; empty when it is not known (the inspector then sends
   * its own). A firewall or WAF rule that blocks this agent blocks the CA.
   */
  public abstract Optional<String> userAgent();

  /** Other request headers the CA's validator sends (e.g. Accept, for any media type). */
  public abstract Map<String, String> requestHeaders();

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
    userAgent().ifPresent(ua -> requireHeaderValue("userAgent", ua));
    requestHeaders().forEach((name, value) -> {
      if (name.isEmpty() || !name.chars().allMatch(HttpRules::isTokenChar)) {
        throw new IllegalArgumentException("Invalid request header name \"" + Text.escape(name)
            + "\"");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("host") || lower.equals("user-agent") || lower.equals("content-length")
          || lower.equals("transfer-encoding") || lower.equals("connection")) {
        throw new IllegalArgumentException("Request header " + name + " is set by the client"
            + (lower.equals("user-agent") ? "; use userAgent()" : ""));
      }
      requireHeaderValue(name, value);
    });
  }

  private static void requireHeaderValue(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        throw new IllegalArgumentException(what + " holds a character not allowed in an HTTP"
            + " header value: \"" + Text.escape(value) + "\"");
      }
    }
  }

  /** RFC 9110 §5.6.2 token characters. */
  private static boolean isTokenChar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
