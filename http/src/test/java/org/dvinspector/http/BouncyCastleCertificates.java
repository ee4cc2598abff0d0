package org.dvinspector.http;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * tls-alpn-01 challenge certificates made by BouncyCastle, an implementation independent of the
 * testkit's own encoder, so the inspector is not only checked against certificates its own
 * project wrote (RFC 8737 §3: self-signed, subjectAltName, critical acmeIdentifier holding a DER
 * OCTET STRING of the SHA-256 digest).
 */
final class BouncyCastleCertificates {
  private BouncyCastleCertificates() {}

  static final ASN1ObjectIdentifier ACME_IDENTIFIER = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.31");

  /** A certificate and its key. */
  record Made(X509Certificate certificate, KeyPair keys) {}

  /**
   * A self-signed challenge certificate with these DNS names and IP addresses in its
   * subjectAltName and {@code digest} in a critical acmeIdentifier extension.
   */
  @SuppressWarnings("JavaUtilDate") // BouncyCastle's builder takes Date
  static Made challenge(List<String> dnsNames, List<String> ipAddresses, byte[] digest) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = g.generateKeyPair();
      X500Name subject = new X500Name("CN=BouncyCastle challenge");
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, BigInteger.TEN,
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
          subject, keys.getPublic());
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
      ipAddresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a)));
      b.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(names.toArray(new GeneralName[0])));
      b.addExtension(ACME_IDENTIFIER, true, new DEROctetString(digest));
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
      return new Made(new JcaX509CertificateConverter().getCertificate(b.build(signer)), keys);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
