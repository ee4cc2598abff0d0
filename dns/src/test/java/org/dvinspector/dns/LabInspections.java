package org.dvinspector.dns;

import java.time.Duration;
import java.util.List;
import org.dvinspector.CaProfile;
import org.dvinspector.CaProfiles;
import org.dvinspector.Check;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.Observation;
import org.dvinspector.testkit.DnsLab;

/** Runs inspections with the dns module against a DNS lab. */
final class LabInspections {
  private LabInspections() {}

  /**
   * Inspects {@code domain} with {@link #policy(DnsLab)}.
   */
  static InspectionReport inspect(DnsLab lab, String domain, Check... checks) {
    return inspect(policy(lab).build(), domain, checks);
  }

  /**
   * The lab's policy with a 1 s timeout and two attempts per query: the first queries of a fresh
   * JVM on a busy shared machine can miss a shorter timeout while classes load. Tests where a
   * server never answers set shorter timeouts themselves.
   */
  static NetworkPolicy.Builder policy(DnsLab lab) {
    NetworkPolicy.Builder b = lab.networkPolicy();
    b.queryTimeout(Duration.ofSeconds(1)).queryAttempts(2);
    return b;
  }

  /** {@link #policy(DnsLab)} with 500 ms timeouts, for tests where a server never answers. */
  static NetworkPolicy shortTimeouts(DnsLab lab) {
    return policy(lab).queryTimeout(Duration.ofMillis(500)).build();
  }

  /** Inspects {@code domain} with {@code policy}. */
  static InspectionReport inspect(NetworkPolicy policy, String domain, Check... checks) {
    return inspect(policy, CaProfiles.BASELINE_REQUIREMENTS, domain, checks);
  }

  /** Inspects {@code domain} with {@code policy} for the CA of {@code profile}. */
  static InspectionReport inspect(NetworkPolicy policy, CaProfile profile, String domain,
      Check... checks) {
    try (DomainValidationInspector inspector = DomainValidationInspector.builder()
        .addModule(new DnsModule())
        .addModule(new ProbeModule())
        .networkPolicy(policy)
        .build()) {
      return inspector.inspect(InspectionRequest.builder()
          .domain(domain)
          .profile(profile)
          .addChecks(checks)
          .build());
    }
  }

  /** The observations whose query is {@code query} (e.g. {@code TXT _dnsauth.example.test}). */
  static List<Observation> observations(InspectionReport report, String query) {
    return report.observations().stream().filter(o -> o.query().equals(query)).toList();
  }
}
