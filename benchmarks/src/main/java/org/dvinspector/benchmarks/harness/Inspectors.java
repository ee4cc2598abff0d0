package org.dvinspector.benchmarks.harness;

import okhttp3.OkHttpClient;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.NetworkPolicy;
import org.dvinspector.caa.CaaModule;
import org.dvinspector.dns.DnsModule;
import org.dvinspector.http.HttpModule;

/** The inspectors the scenarios measure: the library's own modules, as a host would build them. */
final class Inspectors {
  private Inspectors() {}

  /** dns + caa: what a DNS validation and its CAA check need. */
  static DomainValidationInspector dnsAndCaa(NetworkPolicy policy) {
    return DomainValidationInspector.builder()
        .networkPolicy(policy)
        .addModule(new DnsModule())
        .addModule(new CaaModule())
        .build();
  }

  /** dns only. */
  static DomainValidationInspector dns(NetworkPolicy policy) {
    return DomainValidationInspector.builder()
        .networkPolicy(policy)
        .addModule(new DnsModule())
        .build();
  }

  /** dns + http + caa, the HTTP module trusting what {@code client} trusts (the lab CA). */
  static DomainValidationInspector full(NetworkPolicy policy, OkHttpClient client) {
    return DomainValidationInspector.builder()
        .networkPolicy(policy)
        .addModule(new DnsModule())
        .addModule(HttpModule.builder().client(client).build())
        .addModule(new CaaModule())
        .build();
  }
}
