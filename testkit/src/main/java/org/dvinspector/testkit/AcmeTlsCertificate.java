package org.dvinspector.testkit;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.testkit.internal.Der;
import org.jspecify.annotations.Nullable;

/**
 * A tls-alpn-01 challenge certificate and its key (RFC 8737 §3): self-signed, one
 * subjectAltName (the name validated) and the critical id-pe-acmeIdentifier extension holding the
 * SHA-256 digest of the key authorization as a DER OCTET STRING. The builder gets each part wrong
 * on purpose, for tests: other or extra names, another digest, a non-critical or malformed
 * extension, none at all, or a certificate signed by another key.
 *
 * <pre>{@code
 * AcmeTlsCertificate good = AcmeTlsCertificate.forChallenge("www.example.com", keyAuthorization);
 * AcmeTlsCertificate stale = AcmeTlsCertificate.builder("www.example.com", oldKeyAuthorization)
 *     .critical(false).build();
 * }</pre>
 *
 * <p>The certificate is written with the testkit's own DER encoder (the JDK cannot add an
 * arbitrary extension) and read back with the JDK's {@link CertificateFactory}, so what a server
 * sends is what the JDK, and a CA, parses. Keys are ECDSA P-256.
 */
public final class AcmeTlsCertificate {
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final KeyPair keyPair;

  private AcmeTlsCertificate(X509Certificate certificate, KeyPair keyPair) {
    this.certificate = certificate;
    this.privateKey = keyPair.getPrivate();
    this.keyPair = keyPair;
  }

  /** The correct challenge certificate for {@code name} and {@code keyAuthorization}. */
  public static AcmeTlsCertificate forChallenge(String name, String keyAuthorization) {
    return builder(name, keyAuthorization).build();
  }

  /** A builder starting from the correct certificate. */
  public static Builder builder(String name, String keyAuthorization) {
    return new Builder(name, keyAuthorization);
  }

  /** The certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Its private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** Its key pair (to sign another certificate with, for a chain). */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** Builds an {@link AcmeTlsCertificate}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String keyAuthorization;
    private final List<String> dnsNames = new ArrayList<>();
    private final List<InetAddress> ipAddresses = new ArrayList<>();
    private byte @Nullable [] digest;
    private byte @Nullable [] rawExtensionValue;
    private boolean critical = true;
    private boolean acmeIdentifier = true;
    private @Nullable KeyPair issuerKey;
    private String issuerName = "ACME tls-alpn-01 challenge";
    private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(7));

    Builder(String name, String keyAuthorization) {
      this.name = Objects.requireNonNull(name, "name");
      this.keyAuthorization = Objects.requireNonNull(keyAuthorization, "keyAuthorization");
      dnsNames.add(name);
    }

    /** Replaces the subjectAltName's DNS names (default: the name validated). */
    public Builder dnsNames(String... names) {
      dnsNames.clear();
      dnsNames.addAll(List.of(names));
      return this;
    }

    /** Adds a DNS name to the subjectAltName. */
    public Builder addDnsName(String dnsName) {
      dnsNames.add(dnsName);
      return this;
    }

    /** Adds an IP address (a literal) to the subjectAltName. */
    public Builder addIpAddress(String literal) {
      try {
        ipAddresses.add(InetAddress.getByName(literal));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Not an IP address literal: " + literal, e);
      }
      return this;
    }

    /** The acmeIdentifier digest instead of SHA-256 of the key authorization. */
    public Builder digest(byte[] digest) {
      this.digest = digest.clone();
      return this;
    }

    /** The acmeIdentifier's extnValue octets as given, not a DER OCTET STRING of the digest. */
    public Builder rawAcmeIdentifierValue(byte[] extnValue) {
      this.rawExtensionValue = extnValue.clone();
      return this;
    }

    /** Whether the acmeIdentifier extension is marked critical (RFC 8737: it must be). */
    public Builder critical(boolean critical) {
      this.critical = critical;
      return this;
    }

    /** Leaves the acmeIdentifier extension out. */
    public Builder withoutAcmeIdentifier() {
      this.acmeIdentifier = false;
      return this;
    }

    /** Signs the certificate with another key, as issuer {@code issuerName}: not self-signed. */
    public Builder signedBy(KeyPair issuerKey, String issuerName) {
      this.issuerKey = issuerKey;
      this.issuerName = issuerName;
      return this;
    }

    /** The validity period (default: from an hour ago for a week). */
    public Builder validity(Instant notBefore, Instant notAfter) {
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    /** The certificate and a fresh P-256 key. */
    public AcmeTlsCertificate build() {
      try {
        KeyPair keys = ecKeyPair();
        KeyPair signer = issuerKey != null ? issuerKey : keys;
        byte[] subject = name("ACME tls-alpn-01 challenge");
        byte[] issuer = issuerKey != null ? name(issuerName) : subject;
        byte[] algorithm = Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
        List<byte[]> extensions = new ArrayList<>();
        List<byte[]> generalNames = new ArrayList<>();
        for (String d : dnsNames) {
          generalNames.add(Der.implicit(2, d.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        for (InetAddress a : ipAddresses) {
          generalNames.add(Der.implicit(7, a.getAddress()));
        }
        if (!generalNames.isEmpty()) {
          extensions.add(Der.sequence(Der.oid("2.5.29.17"),
              Der.octetString(Der.sequence(generalNames.toArray(new byte[0][])))));
        }
        if (acmeIdentifier) {
          byte[] value = rawExtensionValue != null ? rawExtensionValue
              : Der.octetString(digest != null ? digest
                  : AcmeChallenges.tlsAlpn01Digest(keyAuthorization));
          extensions.add(critical
              ? Der.sequence(Der.oid(AcmeChallenges.ACME_IDENTIFIER_OID), Der.bool(true),
                  Der.octetString(value))
              : Der.sequence(Der.oid(AcmeChallenges.ACME_IDENTIFIER_OID), Der.octetString(value)));
        }
        byte[] tbs = Der.sequence(
            Der.explicit(0, Der.integer(BigInteger.valueOf(2))),
            Der.integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
            algorithm,
            issuer,
            Der.sequence(Der.utcTime(notBefore), Der.utcTime(notAfter)),
            subject,
            keys.getPublic().getEncoded(),
            extensions.isEmpty() ? new byte[0]
                : Der.explicit(3, Der.sequence(extensions.toArray(new byte[0][]))));
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(signer.getPrivate());
        s.update(tbs);
        byte[] der = Der.sequence(tbs, algorithm, Der.bitString(s.sign()));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(der));
        return new AcmeTlsCertificate(cert, keys);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot make the test certificate", e);
      }
    }

    private static byte[] name(String commonName) {
      return Der.sequence(Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(commonName))));
    }
  }

  /** A fresh ECDSA P-256 key pair. */
  static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
