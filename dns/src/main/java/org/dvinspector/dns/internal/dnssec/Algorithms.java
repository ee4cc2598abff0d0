package org.dvinspector.dns.internal.dnssec;

import java.util.Set;
import org.xbill.DNS.DNSSEC;

/**
 * What this validator implements and the limits it keeps, as the CAs' validating resolvers do.
 *
 * <p>Algorithms (RFC 8624 §3.1 "MUST" and "RECOMMENDED" for validation): RSASHA1 (5),
 * RSASHA1-NSEC3-SHA1 (7), RSASHA256 (8), RSASHA512 (10), ECDSAP256SHA256 (13), ECDSAP384SHA384
 * (14) and ED25519 (15), all verified by dnsjava with the JDK's providers. Others (RSAMD5, DSA,
 * GOST, ED448, private algorithms) are unsupported: a zone signed only with them is insecure,
 * not bogus (RFC 4035 §5.2, RFC 6840 §5.2). Unbound, which Let's Encrypt runs, still validates
 * the SHA-1 algorithms by default, so they stay supported here.
 *
 * <p>DS digests: SHA-1 (1), SHA-256 (2), SHA-384 (4). When a DS RRset has a SHA-256 or SHA-384
 * digest, its SHA-1 digests are ignored (RFC 4509 §3), so a downgrade to SHA-1 is not possible.
 */
public final class Algorithms {
  /** The DNSSEC algorithms validated. */
  public static final Set<Integer> SUPPORTED_ALGORITHMS = Set.of(
      DNSSEC.Algorithm.RSASHA1, DNSSEC.Algorithm.RSA_NSEC3_SHA1, DNSSEC.Algorithm.RSASHA256,
      DNSSEC.Algorithm.RSASHA512, DNSSEC.Algorithm.ECDSAP256SHA256,
      DNSSEC.Algorithm.ECDSAP384SHA384, DNSSEC.Algorithm.ED25519);

  /** The DS digest types computed. */
  public static final Set<Integer> SUPPORTED_DIGESTS =
      Set.of(DNSSEC.Digest.SHA1, DNSSEC.Digest.SHA256, DNSSEC.Digest.SHA384);

  /**
   * NSEC3 records with more iterations than this make the answer insecure. RFC 9276 §3.2 lets
   * validators treat any iteration count above 0 as insecure and asks them to do so above 100;
   * what matters here is what the CAs' resolvers do: unbound's default {@code
   * val-nsec3-keysize-iterations} ("1024 150 2048 150 4096 150") and BIND 9.18 treat counts
   * above 150 as insecure, so a zone with 101-150 iterations still validates at Let's Encrypt.
   * The signatures over such NSEC3 records are still checked (RFC 9276 §3.2, RFC 5155 §10.3).
   */
  public static final int MAX_NSEC3_ITERATIONS = 150;

  /** The only NSEC3 hash algorithm (RFC 5155 §11): SHA-1. */
  public static final int NSEC3_SHA1 = 1;

  /**
   * Most signature checks for one RRset (each key × signature pair costs a public-key operation):
   * validators cap this against CVE-2023-50387 ("KeyTrap"), unbound at 8 per RRset. A zone needs
   * one or two; an RRset that needs more is bogus.
   */
  public static final int MAX_SIGNATURE_CHECKS = 8;

  private Algorithms() {}

  /** Whether {@code algorithm} is validated. */
  public static boolean supportsAlgorithm(int algorithm) {
    return SUPPORTED_ALGORITHMS.contains(algorithm);
  }

  /** Whether DS digest type {@code digest} is computed. */
  public static boolean supportsDigest(int digest) {
    return SUPPORTED_DIGESTS.contains(digest);
  }

  /** A name for people, e.g. {@code 13 (ECDSAP256SHA256)}. */
  static String algorithmName(int algorithm) {
    String s = DNSSEC.Algorithm.string(algorithm);
    return s == null || s.equals(Integer.toString(algorithm)) ? Integer.toString(algorithm)
        : algorithm + " (" + s + ")";
  }
}
