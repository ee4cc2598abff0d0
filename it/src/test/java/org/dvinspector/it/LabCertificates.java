package org.dvinspector.it;

import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** Self-signed certificates made in the test: one for the lab's web names, one for Pebble's API. */
final class LabCertificates {
  private LabCertificates() {}

  /** For every lab web name (self-signed: CAs do not check certificates on http-01 redirects). */
  static HeldCertificate web() {
    return new HeldCertificate.Builder()
        .commonName("dvinspector it lab")
        .addSubjectAlternativeName("example.com")
        .addSubjectAlternativeName("*.example.com")
        .addSubjectAlternativeName("example.net")
        .addSubjectAlternativeName("*.example.net")
        .addSubjectAlternativeName("example.org")
        .addSubjectAlternativeName("*.example.org")
        .ecdsa256()
        .duration(2, TimeUnit.DAYS)
        .build();
  }

  /** For Pebble's ACME API on its loopback address. */
  static HeldCertificate pebble() {
    return new HeldCertificate.Builder()
        .commonName("pebble")
        .addSubjectAlternativeName(LabEnvironment.PEBBLE.getHostAddress())
        .ecdsa256()
        .duration(2, TimeUnit.DAYS)
        .build();
  }

  /** A client trust configuration that trusts exactly {@code certificate}. */
  static HandshakeCertificates trusting(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder()
        .addTrustedCertificate(certificate.certificate())
        .build();
  }
}
