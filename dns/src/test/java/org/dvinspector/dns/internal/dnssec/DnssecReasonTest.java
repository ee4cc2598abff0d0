package org.dvinspector.dns.internal.dnssec;

import static org.assertj.core.api.Assertions.assertThat;

import org.dvinspector.FindingCode;
import org.dvinspector.Severity;
import org.junit.jupiter.api.Test;

/** Every reason maps to a finding of the right severity, and every DNSSEC code is reachable. */
final class DnssecReasonTest {
  @Test
  void bogusIsAnErrorInsecureAndUnvalidatedAreInfoSecureAndIndeterminateNothing() {
    for (DnssecReason r : DnssecReason.values()) {
      switch (r.security()) {
        case BOGUS -> assertThat(r.findingCode()).as(r.name())
            .hasValueSatisfying(c -> assertThat(c.defaultSeverity()).isEqualTo(Severity.ERROR));
        case INSECURE -> assertThat(r.findingCode()).as(r.name())
            .hasValueSatisfying(c -> assertThat(c.defaultSeverity()).isEqualTo(Severity.INFO));
        default -> assertThat(r.findingCode()).as(r.name()).isEmpty();
      }
    }
  }

  @Test
  void everyDnssecCodeButTheStaleServerWarningComesFromAReason() {
    for (FindingCode c : FindingCode.values()) {
      if (!c.name().startsWith("DNSSEC_") || c == FindingCode.DNSSEC_STALE_ON_SERVER) {
        continue; // the stale-server warning compares servers: the findings layer's job
      }
      assertThat(java.util.Arrays.stream(DnssecReason.values())
          .anyMatch(r -> r.findingCode().filter(c::equals).isPresent())).as(c.name()).isTrue();
    }
  }
}
