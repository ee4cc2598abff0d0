package org.dvinspector.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmarked inputs normalise as expected, so the benchmark measures real parses. */
final class DomainNameBenchmarkTest {
  @Test
  void benchmarkedInputsNormalise() {
    DomainNameBenchmark b = new DomainNameBenchmark();

    assertThat(b.parseAscii().ascii()).isEqualTo("www.shop.example.com");
    assertThat(b.parseUnderscore().ascii()).isEqualTo("_dnsauth.www.example.com");
    assertThat(b.parseIdnUnicode().ascii()).isEqualTo("www.xn--bcher-kva.xn--r8jz45g.example");
    assertThat(b.parseIdnALabels()).isEqualTo(b.parseIdnUnicode());
    assertThat(b.parseWildcard().isWildcard()).isTrue();
  }
}
