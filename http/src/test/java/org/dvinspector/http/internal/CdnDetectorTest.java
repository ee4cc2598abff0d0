package org.dvinspector.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

final class CdnDetectorTest {
  private static String name(String... namesAndValues) {
    CdnDetector.Cdn cdn = CdnDetector.detect(Headers.of(namesAndValues));
    return cdn == null ? "none" : cdn.name;
  }

  @Test
  void recognisesCommonCdnsByTheirHeaders() {
    assertThat(name("CF-RAY", "8a1b2c3d4e5f-AMS")).isEqualTo("Cloudflare");
    assertThat(name("Via", "1.1 abc.cloudfront.net (CloudFront)", "X-Amz-Cf-Pop", "FRA56"))
        .isEqualTo("Amazon CloudFront");
    assertThat(name("X-Served-By", "cache-fra1234", "Via", "1.1 varnish")).isEqualTo("Fastly");
    assertThat(name("Server", "AkamaiGHost")).isEqualTo("Akamai");
    assertThat(name("X-Azure-Ref", "0abc")).isEqualTo("Azure Front Door");
    assertThat(name("EagleId", "abc", "Server", "Tengine")).isEqualTo("Alibaba Cloud CDN");
  }

  @Test
  void fallsBackToAGenericCachingProxy() {
    assertThat(name("X-Cache", "HIT")).isEqualTo("a caching proxy");
  }

  @Test
  void recognisesNothingOnAPlainServer() {
    assertThat(name("Server", "nginx/1.25.3", "Content-Type", "text/plain")).isEqualTo("none");
  }

  @Test
  void escapesTheHeaderValueInItsEvidence() {
    CdnDetector.Cdn cdn =
        java.util.Objects.requireNonNull(CdnDetector.detect(
            new Headers.Builder().addUnsafeNonAscii("CF-RAY", "abc\u202edef").build()));
    assertThat(cdn.evidence).doesNotContain("\u202e").contains("\\u202e");
  }
}
