package org.dvinspector.http.internal.tlsalpn;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.DomainName;
import org.dvinspector.FindingCode;
import org.dvinspector.spi.Text;
import org.jspecify.annotations.Nullable;

/**
 * Judges the certificate a server presented for tls-alpn-01 the way Let's Encrypt's validator
 * does (boulder va/tlsalpn.go at commit 2d00c8e27919fe945e53b2cf857838e68a1da111, {@code
 * validateTLSALPN01}), after RFC 8737 §3: self-signed; a subjectAltName holding exactly one
 * dNSName, the validated name byte for byte (boulder compares the extension's DER with the one it
 * expects, so another entry of any type, or other letter case, fails); a critical acmeIdentifier
 * extension whose value is a DER OCTET STRING of the 32-octet SHA-256 of the key authorization.
 * Every problem is reported, not only the first, so one look fixes them all.
 */
final class ChallengeCertificate {
  /** One thing wrong with the certificate. */
  record Problem(FindingCode code, String text, Map<String, String> attributes) {}

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private ChallengeCertificate() {}

  /**
   * The problems of {@code leaf} as the challenge certificate of {@code name} for {@code
   * expectedDigest}; empty when it passes.
   */
  static List<Problem> problems(X509Certificate leaf, DomainName name, byte[] expectedDigest) {
    List<Problem> out = new ArrayList<>();
    byte[] wrapped = leaf.getExtensionValue(AcmeChallenges.ACME_IDENTIFIER_OID);
    if (wrapped == null) {
      out.add(new Problem(FindingCode.TLS_ALPN_NOT_CHALLENGE_CERTIFICATE,
          "the certificate is an ordinary one, not a challenge certificate: " + describe(leaf)
              + ", without the acmeIdentifier extension",
          Map.of("certificate", describe(leaf))));
      return out;
    }
    Set<String> critical = leaf.getCriticalExtensionOIDs();
    if (critical == null || !critical.contains(AcmeChallenges.ACME_IDENTIFIER_OID)) {
      out.add(new Problem(FindingCode.TLS_ALPN_EXTENSION_NOT_CRITICAL,
          "the acmeIdentifier extension is not marked critical", Map.of()));
    }
    byte[] digest = unwrapDigest(wrapped);
    if (digest == null) {
      out.add(new Problem(FindingCode.TLS_ALPN_EXTENSION_MALFORMED,
          "the acmeIdentifier extension does not hold a DER OCTET STRING of 32 octets (extension"
              + " value " + hex(extnValue(wrapped), 80) + ")", Map.of()));
    } else if (!MessageDigest.isEqual(digest, expectedDigest)) {
      out.add(new Problem(FindingCode.TLS_ALPN_WRONG_DIGEST,
          "the acmeIdentifier extension holds " + hex(digest, 64) + " instead of "
              + hex(expectedDigest, 64) + ", the SHA-256 of this challenge's key authorization",
          Map.of("expected", hex(expectedDigest, 64), "found", hex(digest, 64))));
    }
    names(leaf, name, out);
    if (!selfSigned(leaf)) {
      out.add(new Problem(FindingCode.TLS_ALPN_NOT_SELF_SIGNED,
          "the certificate is not self-signed: issued by "
              + Text.quote(leaf.getIssuerX500Principal().getName(), 120),
          Map.of("issuer", leaf.getIssuerX500Principal().getName())));
    }
    return out;
  }

  private static void names(X509Certificate leaf, DomainName name, List<Problem> out) {
    List<String> entries = new ArrayList<>();
    List<String> dnsNames = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() < 2) {
            continue;
          }
          Object type = san.get(0);
          String value = String.valueOf(san.get(1));
          if (Integer.valueOf(DNS_NAME).equals(type)) {
            dnsNames.add(value);
            entries.add(value);
          } else if (Integer.valueOf(IP_ADDRESS).equals(type)) {
            entries.add("IP " + value);
          } else {
            entries.add(value);
          }
        }
      }
    } catch (CertificateParsingException e) {
      out.add(new Problem(FindingCode.TLS_ALPN_WRONG_NAME,
          "the subjectAltName extension does not parse", Map.of()));
      return;
    }
    String expected = name.ascii();
    boolean exact = dnsNames.contains(expected);
    String shown = entries.isEmpty() ? "no subjectAltName" : Text.escape(String.join(", ",
        entries.subList(0, Math.min(6, entries.size())))
        + (entries.size() > 6 ? " and " + (entries.size() - 6) + " more" : ""));
    if (exact && entries.size() > 1) {
      List<String> extra = new ArrayList<>(entries);
      extra.remove(expected);
      out.add(new Problem(FindingCode.TLS_ALPN_EXTRA_NAMES,
          "the certificate names " + (entries.size() - 1) + " more than " + expected + " ("
              + Text.escape(String.join(", ", extra.subList(0, Math.min(5, extra.size()))))
              + "); the challenge certificate must name only the name validated",
          Map.of("names", String.join(",", entries))));
    } else if (!exact) {
      boolean otherCase = dnsNames.stream().anyMatch(d -> d.equalsIgnoreCase(expected));
      out.add(new Problem(FindingCode.TLS_ALPN_WRONG_NAME,
          (entries.isEmpty() ? "the certificate has no subjectAltName"
              : "the certificate is for " + shown + ", not " + expected)
              + (otherCase ? " (only the letter case differs; Let's Encrypt compares the name"
                  + " byte for byte)" : ""),
          Map.of("names", String.join(",", entries))));
    }
  }

  private static boolean selfSigned(X509Certificate c) {
    if (!Arrays.equals(c.getSubjectX500Principal().getEncoded(),
        c.getIssuerX500Principal().getEncoded())) {
      return false;
    }
    try {
      c.verify(c.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The digest inside {@link X509Certificate#getExtensionValue}'s result: that is the DER OCTET
   * STRING wrapping extnValue, and extnValue must itself be exactly {@code 04 20 <32 octets>}.
   */
  static byte @Nullable [] unwrapDigest(byte[] wrapped) {
    byte[] extnValue = extnValue(wrapped);
    if (extnValue.length != 34 || extnValue[0] != 0x04 || extnValue[1] != 0x20) {
      return null;
    }
    return Arrays.copyOfRange(extnValue, 2, 34);
  }

  /** The content of a DER OCTET STRING (short or long form length); empty when not one. */
  static byte[] extnValue(byte[] octetString) {
    if (octetString.length < 2 || octetString[0] != 0x04) {
      return new byte[0];
    }
    int len = octetString[1] & 0xff;
    int at = 2;
    if (len >= 0x80) {
      int bytes = len & 0x7f;
      if (bytes == 0 || bytes > 3 || octetString.length < 2 + bytes) {
        return new byte[0];
      }
      len = 0;
      for (int i = 0; i < bytes; i++) {
        len = (len << 8) | (octetString[2 + i] & 0xff);
      }
      at = 2 + bytes;
    }
    if (at + len != octetString.length) {
      return new byte[0];
    }
    return Arrays.copyOfRange(octetString, at, at + len);
  }

  /** The subject names (or subject) and issuer of a certificate, escaped, for messages. */
  static String describe(X509Certificate c) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(DNS_NAME).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // fall back to the subject
    }
    String who = names.isEmpty() ? c.getSubjectX500Principal().getName()
        : String.join(", ", names.subList(0, Math.min(4, names.size())))
            + (names.size() > 4 ? " and " + (names.size() - 4) + " more" : "");
    String issuer = c.getIssuerX500Principal().equals(c.getSubjectX500Principal())
        ? "self-signed" : "issued by " + commonName(c.getIssuerX500Principal().getName());
    return "certificate for " + Text.quote(who, 120) + " (" + Text.escape(issuer) + ")";
  }

  private static String commonName(String dn) {
    for (String part : dn.split(",")) {
      String p = part.strip();
      if (p.toUpperCase(Locale.ROOT).startsWith("CN=")) {
        return p.substring(3);
      }
    }
    return dn;
  }

  static String hex(byte[] b, int max) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      if (s.length() >= max) {
        s.append("…");
        break;
      }
      s.append(String.format(Locale.ROOT, "%02x", x & 0xff));
    }
    return s.toString();
  }
}
