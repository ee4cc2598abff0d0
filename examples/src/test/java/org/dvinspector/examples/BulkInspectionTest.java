package org.dvinspector.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dvinspector.CaProfiles;
import org.dvinspector.DnsTxtCheck;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionReport;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.LabInspectors;
import org.junit.jupiter.api.Test;

/** The README's bulk example: submit everything at once, the inspector admits a few at a time. */
final class BulkInspectionTest {
  @Test
  void everyRequestSubmittedAtOnceGetsItsReport() throws Exception {
    int names = 300;
    try (DnsLab lab = DnsLab.builder()
        .zone("bulk.example", z -> {
          z.nameserver("ns1.bulk.example", "127.0.0.91")
              .nameserver("ns2.bulk.example", "127.0.0.92");
          for (int i = 0; i < names; i++) {
            z.records("_dnsauth.www" + i + " TXT \"K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf-" + i + "\"");
          }
        })
        .start()) {
      List<InspectionRequest> requests = new ArrayList<>();
      for (int i = 0; i < names; i++) {
        requests.add(InspectionRequest.builder()
            .domain("www" + i + ".bulk.example")
            .profile(CaProfiles.DIGICERT)
            .addChecks(DnsTxtCheck.of("_dnsauth", "K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf-" + i))
            .build());
      }

      try (DomainValidationInspector inspector = LabInspectors.builder(lab)
          .maxConcurrentInspections(16)               // at most 16 at once; the rest wait their turn
          .admissionTimeout(Duration.ofMinutes(10))   // how long a request may wait for its turn
          .build()) {
        List<CompletableFuture<InspectionReport>> reports = requests.stream()
            .map(r -> inspector.inspectAsync(r).toCompletableFuture())
            .toList();
        CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new))
            .get(10, TimeUnit.MINUTES);

        assertThat(reports).extracting(f -> f.join().verdict()).containsOnly(Verdict.READY);
      }
    }
  }
}
