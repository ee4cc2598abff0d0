package org.dvinspector.http.internal;

import java.util.Locale;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Recognises CDNs and caching proxies from response headers. A CDN in front of the site is a
 * common reason why the CA sees something else than the origin: nodes out of sync, a cached 404,
 * or a region the CA's vantage point reaches that the owner does not test from.
 */
final class CdnDetector {
  private CdnDetector() {}

  /** A recognised CDN and the header that gave it away (escaped). */
  static final class Cdn {
    final String name;
    final String evidence;

    Cdn(String name, String evidence) {
      this.name = name;
      this.evidence = evidence;
    }
  }

  /** The CDN that served a response, or null when none is recognised. */
  static @Nullable Cdn detect(Headers headers) {
    String server = lower(headers.get("Server"));
    String via = lower(headers.get("Via"));
    if (headers.get("CF-RAY") != null || server.equals("cloudflare")) {
      return found("Cloudflare", headers, headers.get("CF-RAY") != null ? "CF-RAY" : "Server");
    }
    if (headers.get("X-Amz-Cf-Id") != null || headers.get("X-Amz-Cf-Pop") != null
        || via.contains("cloudfront")) {
      return found("Amazon CloudFront", headers,
          headers.get("X-Amz-Cf-Id") != null ? "X-Amz-Cf-Id" : headers.get("X-Amz-Cf-Pop") != null
              ? "X-Amz-Cf-Pop" : "Via");
    }
    if (headers.get("X-Fastly-Request-ID") != null || headers.get("Fastly-Debug-Digest") != null
        || (lower(headers.get("X-Served-By")).startsWith("cache-") && via.contains("varnish"))) {
      return found("Fastly", headers,
          headers.get("X-Fastly-Request-ID") != null ? "X-Fastly-Request-ID" : "X-Served-By");
    }
    if (server.startsWith("akamai") || headers.get("X-Akamai-Transformed") != null
        || headers.get("Akamai-GRN") != null) {
      return found("Akamai", headers, server.startsWith("akamai") ? "Server"
          : headers.get("Akamai-GRN") != null ? "Akamai-GRN" : "X-Akamai-Transformed");
    }
    if (headers.get("X-Azure-Ref") != null) {
      return found("Azure Front Door", headers, "X-Azure-Ref");
    }
    if (headers.get("Ali-Swift-Global-Savetime") != null || headers.get("EagleId") != null
        || headers.get("X-Swift-SaveTime") != null) {
      return found("Alibaba Cloud CDN", headers, headers.get("EagleId") != null ? "EagleId"
          : headers.get("Ali-Swift-Global-Savetime") != null ? "Ali-Swift-Global-Savetime"
          : "X-Swift-SaveTime");
    }
    if (headers.get("X-Vercel-Id") != null || server.equals("vercel")) {
      return found("Vercel", headers, headers.get("X-Vercel-Id") != null ? "X-Vercel-Id" : "Server");
    }
    if (headers.get("X-NF-Request-ID") != null || server.equals("netlify")) {
      return found("Netlify", headers,
          headers.get("X-NF-Request-ID") != null ? "X-NF-Request-ID" : "Server");
    }
    if (headers.get("X-GitHub-Request-Id") != null && server.equals("github.com")) {
      return found("GitHub Pages", headers, "Server");
    }
    if (headers.get("X-Sucuri-ID") != null || server.startsWith("sucuri")) {
      return found("Sucuri", headers, headers.get("X-Sucuri-ID") != null ? "X-Sucuri-ID" : "Server");
    }
    if (headers.get("X-Iinfo") != null || lower(headers.get("X-CDN")).contains("incapsula")) {
      return found("Imperva", headers, headers.get("X-Iinfo") != null ? "X-Iinfo" : "X-CDN");
    }
    if (server.startsWith("bunnycdn") || headers.get("CDN-PullZone") != null) {
      return found("bunny.net", headers, server.startsWith("bunnycdn") ? "Server" : "CDN-PullZone");
    }
    if (server.startsWith("keycdn")) {
      return found("KeyCDN", headers, "Server");
    }
    if (via.contains("google") || server.equals("google frontend")) {
      return found("Google Cloud", headers, via.contains("google") ? "Via" : "Server");
    }
    if (headers.get("X-Cache") != null || headers.get("X-Cache-Status") != null) {
      return found("a caching proxy", headers,
          headers.get("X-Cache") != null ? "X-Cache" : "X-Cache-Status");
    }
    return null;
  }

  private static Cdn found(String name, Headers headers, String header) {
    String value = headers.get(header);
    return new Cdn(name, header + ": " + org.dvinspector.spi.Text.quote(value == null ? "" : value, 80));
  }

  private static String lower(@Nullable String s) {
    return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
  }
}
