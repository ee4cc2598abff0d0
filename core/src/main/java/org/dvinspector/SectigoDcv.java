package org.dvinspector;


import org.dvinspector.acme.AcmeChallenges;
import org.dvinspector.spi.Text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Sectigo's CSR-hash validation values: the file method's name and content and the CNAME
 * method's record, derived from the MD5 and SHA-256 of the DER-encoded CSR (and, when Sectigo
 * issues one because a key is reused, a unique value).
 *
 * <ul>
 *   <li>File: {@code /.well-known/pki-validation/<MD5, upper-case hex>.txt} holding three lines:
 *       the SHA-256 (upper-case hex), {@code sectigo.com}, and the unique value when there is one.
 *   <li>CNAME: {@code _<MD5>.<name>} pointing to {@code <SHA-256 first 32 hex>.<last 32
 *       hex>.[<unique value>.]sectigo.com}.
 * </ul>
 *
 * <p>Sources disagree in details: Sectigo's own pages show the hashes upper-case and name {@code
 * sectigo.com} on the second line; older reseller documents (from before the 2018 rename) show
 * {@code comodoca.com} and lower-case hashes. This class follows Sectigo's current pages; {@link
 * #withSecondLine(String)} selects another second line.
 *
 * <pre>{@code
 * SectigoDcv dcv = SectigoDcv.fromCsr(csrPem);              // or SectigoDcv.of(md5, sha256)
 * request.addChecks(dcv.httpFileCheck(), CaaCheck.forProfile()).profile(CaProfiles.SECTIGO);
 * }</pre>
 */
public final class SectigoDcv {
  /** The second line of the file, and the domain CNAME targets end in. */
  public static final String CA_DOMAIN = "sectigo.com";

  private final String md5;
  private final String sha256;
  private final @Nullable String uniqueValue;
  private final String secondLine;

  private SectigoDcv(String md5, String sha256, @Nullable String uniqueValue, String secondLine) {
    this.md5 = md5;
    this.sha256 = sha256;
    this.uniqueValue = uniqueValue;
    this.secondLine = secondLine;
  }

  /**
   * From the hashes Sectigo shows for the order (hex, any case).
   *
   * @throws IllegalArgumentException if they are not 32 and 64 hex digits
   */
  public static SectigoDcv of(String md5Hex, String sha256Hex) {
    return new SectigoDcv(hex("MD5", md5Hex, 32), hex("SHA-256", sha256Hex, 64), null, CA_DOMAIN);
  }

  /**
   * From the CSR, PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}) or base64 DER: the hashes
   * are of the DER encoding.
   *
   * @throws IllegalArgumentException if the text is not a PEM or base64 CSR
   */
  public static SectigoDcv fromCsr(String csr) {
    String body = csr.strip();
    if (body.startsWith("-----BEGIN")) {
      int start = body.indexOf('\n');
      int end = body.indexOf("-----END");
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("The CSR PEM has no body between its BEGIN and END lines");
      }
      body = body.substring(start + 1, end);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The CSR is not PEM or base64 DER: " + e.getMessage(), e);
    }
    if (der.length < 2 || der[0] != 0x30) {
      throw new IllegalArgumentException("The CSR does not decode to a DER SEQUENCE");
    }
    return fromCsrDer(der);
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return java.security.MessageDigest.getInstance(algorithm).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  private static String upperHex(byte[] b) {
    return java.util.HexFormat.of().withUpperCase().formatHex(b);
  }

  /** From the DER-encoded CSR. */
  public static SectigoDcv fromCsrDer(byte[] der) {
    return new SectigoDcv(
        upperHex(digest("MD5", der)),
        upperHex(digest("SHA-256", der)),
        null,
        CA_DOMAIN);
  }

  /**
   * With the unique value Sectigo gives when a key is reused (third file line, extra CNAME label).
   *
   * @throws IllegalArgumentException if the value is empty or not a valid DNS label
   */
  public SectigoDcv withUniqueValue(String value) {
    String v = value.strip();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("The Sectigo unique value is empty");
    }
    Checks.requireLabel(v);
    return new SectigoDcv(md5, sha256, v, secondLine);
  }

  /** With another second file line (e.g. {@code comodoca.com}, as older documents show). */
  public SectigoDcv withSecondLine(String line) {
    String l = line.strip();
    if (l.isEmpty() || l.contains("\n")) {
      throw new IllegalArgumentException("The second line must be one non-empty line");
    }
    return new SectigoDcv(md5, sha256, uniqueValue, l);
  }

  /** The MD5 of the CSR, upper-case hex. */
  public String md5() {
    return md5;
  }

  /** The SHA-256 of the CSR, upper-case hex. */
  public String sha256() {
    return sha256;
  }

  /** The unique value, when Sectigo gave one. */
  public Optional<String> uniqueValue() {
    return Optional.ofNullable(uniqueValue);
  }

  /** The file's path: {@code /.well-known/pki-validation/<MD5>.txt}. */
  public String filePath() {
    return HttpFileCheck.PATH_PREFIX + md5 + ".txt";
  }

  /** The file's content: SHA-256, {@code sectigo.com}, and the unique value, one per line. */
  public String fileContent() {
    return sha256 + "\n" + secondLine + (uniqueValue == null ? "" : "\n" + uniqueValue);
  }

  /** The CNAME record's label: {@code _<MD5>}. */
  public String cnameLabel() {
    return "_" + md5.toLowerCase(Locale.ROOT);
  }

  /** The CNAME target: {@code <SHA-256 in two 32-digit labels>.[<unique>.]sectigo.com}. */
  public String cnameTarget() {
    String h = sha256.toLowerCase(Locale.ROOT);
    return h.substring(0, 32) + "." + h.substring(32) + "."
        + (uniqueValue == null ? "" : uniqueValue.toLowerCase(Locale.ROOT) + ".") + CA_DOMAIN;
  }

  /** The file check ({@link Method#HTTP_FILE}). */
  public HttpFileCheck httpFileCheck() {
    return HttpFileCheck.of(filePath(), fileContent());
  }

  /** The CNAME check ({@link Method#DNS_CNAME}). */
  public DnsCnameCheck dnsCnameCheck() {
    return DnsCnameCheck.of(cnameLabel(), cnameTarget());
  }

  private static String hex(String what, String value, int digits) {
    String v = value.strip();
    if (v.length() != digits || !v.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      throw new IllegalArgumentException("The " + what + " \"" + Text.escape(v) + "\" is not "
          + digits + " hex digits");
    }
    return v.toUpperCase(Locale.ROOT);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SectigoDcv d
        && md5.equals(d.md5) && sha256.equals(d.sha256) && Objects.equals(uniqueValue, d.uniqueValue)
        && secondLine.equals(d.secondLine);
  }

  @Override
  public int hashCode() {
    return Objects.hash(md5, sha256, uniqueValue, secondLine);
  }

  @Override
  public String toString() {
    return "SectigoDcv[" + md5 + "]";
  }
}
