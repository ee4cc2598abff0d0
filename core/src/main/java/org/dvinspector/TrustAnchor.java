package org.dvinspector;

import org.dvinspector.spi.Text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A DNSSEC trust anchor: a key that validation trusts without proof, from which every chain of
 * trust starts (RFC 4033 §2, §3.1). It is written either as a DS record (owner, key tag,
 * algorithm, digest type and digest of the key, RFC 4034 §5) or as the DNSKEY record itself
 * (flags, protocol 3, algorithm, public key, RFC 4034 §2).
 *
 * <p>{@link #rootAnchors()} are the root zone's key-signing keys as IANA publishes them; the
 * {@link NetworkPolicy} uses them unless a lab gives its own (see {@link #parse(String)} for the
 * file formats). This type holds the anchor as text and numbers only; the {@code dns} module turns
 * it into records and checks keys against it.
 */
@Value.Immutable
public abstract class TrustAnchor {
  /** How the anchor is written. */
  public enum Kind {
    /** A DS record: the digest of the trusted key (RFC 4034 §5). */
    DS,
    /** A DNSKEY record: the trusted key itself (RFC 4034 §2). */
    DNSKEY
  }

  /** The DNSKEY flag that marks a zone key (RFC 4034 §2.1.1); only zone keys sign zone data. */
  public static final int ZONE_KEY_FLAG = 0x0100;
  /** The DNSKEY flag of a secure entry point, usually a key-signing key (RFC 4034 §2.1.1). */
  public static final int SEP_FLAG = 0x0001;
  /** The only DNSKEY protocol value (RFC 4034 §2.1.2). */
  public static final int PROTOCOL = 3;

  /** The zone the anchor is for, absolute and lower case: {@code .} for the root, {@code lab.}. */
  public abstract String zone();

  /** Whether the anchor is a DS or a DNSKEY. */
  public abstract Kind kind();

  /**
   * The key tag (RFC 4034 Appendix B): as written for a DS, computed from the key for a DNSKEY.
   */
  public abstract int keyTag();

  /** The key's DNSSEC algorithm number (8 RSA/SHA-256, 13 ECDSA P-256, ...). */
  public abstract int algorithm();

  /** A DS anchor's digest type (1 SHA-1, 2 SHA-256, 4 SHA-384); empty for a DNSKEY anchor. */
  public abstract OptionalInt digestType();

  /** A DS anchor's digest, upper-case hexadecimal; empty for a DNSKEY anchor. */
  public abstract Optional<String> digest();

  /** A DNSKEY anchor's flags (257 for a key-signing key); empty for a DS anchor. */
  public abstract OptionalInt flags();

  /** A DNSKEY anchor's public key, Base64 as in a zone file; empty for a DS anchor. */
  public abstract Optional<String> publicKey();

  /**
   * From when the anchor is to be trusted, when its source says (IANA's {@code validFrom}).
   * Validation ignores an anchor outside its validity.
   */
  public abstract Optional<Instant> validFrom();

  /** Until when the anchor is to be trusted, when its source says (IANA's {@code validUntil}). */
  public abstract Optional<Instant> validUntil();

  /** Whether the anchor is to be trusted at {@code now} (inside its validity, when it has one). */
  public boolean isValidAt(Instant now) {
    return validFrom().map(f -> !now.isBefore(f)).orElse(true)
        && validUntil().map(u -> now.isBefore(u)).orElse(true);
  }

  /** The anchor as one zone-file line, e.g. {@code . IN DS 20326 8 2 E06D44B8...}. */
  public String presentation() {
    if (kind() == Kind.DS) {
      return zone() + " IN DS " + keyTag() + " " + algorithm() + " "
          + digestType().orElseThrow() + " " + digest().orElseThrow();
    }
    return zone() + " IN DNSKEY " + flags().orElseThrow() + " " + PROTOCOL + " " + algorithm()
        + " " + publicKey().orElseThrow();
  }

  @Override
  public String toString() {
    return presentation();
  }

  /**
   * A DS anchor.
   *
   * @param zone the zone, e.g. {@code "."} (a trailing dot is added when missing)
   * @param digestHex the digest in hexadecimal (case and spaces do not matter)
   * @throws IllegalArgumentException if a value is out of range or the digest is not hexadecimal
   *     or has the wrong length for a SHA-1, SHA-256 or SHA-384 digest
   */
  public static TrustAnchor ds(String zone, int keyTag, int algorithm, int digestType,
      String digestHex) {
    return ImmutableTrustAnchor.builder()
        .zone(TrustAnchorParser.zoneName(zone))
        .kind(Kind.DS)
        .keyTag(keyTag)
        .algorithm(algorithm)
        .digestType(digestType)
        .digest(digestHex.replaceAll("\\s+", "").toUpperCase(Locale.ROOT))
        .build();
  }

  /**
   * A DNSKEY anchor; its key tag is computed from the key (RFC 4034 Appendix B).
   *
   * @param publicKeyBase64 the public key as in a zone file (spaces do not matter)
   * @throws IllegalArgumentException if the flags lack the zone-key bit, a value is out of range,
   *     or the key is not Base64
   */
  public static TrustAnchor dnskey(String zone, int flags, int algorithm, String publicKeyBase64) {
    String key = publicKeyBase64.replaceAll("\\s+", "");
    byte[] raw = TrustAnchorParser.base64(key);
    return ImmutableTrustAnchor.builder()
        .zone(TrustAnchorParser.zoneName(zone))
        .kind(Kind.DNSKEY)
        .keyTag(keyTag(flags, algorithm, raw))
        .algorithm(algorithm)
        .flags(flags)
        .publicKey(key)
        .build();
  }

  /** The same anchor, trusted only from {@code from} (inclusive) until {@code until} (exclusive). */
  public TrustAnchor withValidity(Optional<Instant> from, Optional<Instant> until) {
    return ImmutableTrustAnchor.builder().from(this).validFrom(from).validUntil(until).build();
  }

  /**
   * Reads trust anchors from text in one of the forms resolvers use:
   *
   * <ul>
   *   <li>zone-file lines (RFC 1035 §5.1) of DS or DNSKEY records, with comments, parentheses,
   *       optional TTL and class, {@code $ORIGIN} and {@code $TTL}: the form of BIND's and
   *       unbound's anchor files ({@code . IN DS 20326 8 2 E06D...});
   *   <li>IANA's {@code root-anchors.xml} (RFC 9718): every {@code KeyDigest} becomes a DS
   *       anchor with its {@code validFrom} and {@code validUntil}.
   * </ul>
   *
   * @throws IllegalArgumentException naming the line (or element) that is wrong, or when the text
   *     holds no anchor at all
   */
  public static List<TrustAnchor> parse(String text) {
    return TrustAnchorParser.parse(text);
  }

  /**
   * The root zone's trust anchors shipped with this version: KSK-2017 (key tag 20326) and
   * KSK-2024 (key tag 38696, which signs the root from 2026-10-11), as DS records with the SHA-256
   * digests IANA publishes in {@code https://data.iana.org/root-anchors/root-anchors.xml}. The
   * resource {@code org/dvinspector/root-anchors.zone} holds them; {@code
   * scripts/update-root-anchors.sh} refreshes it when IANA publishes a new key.
   */
  public static List<TrustAnchor> rootAnchors() {
    return RootAnchorsHolder.ROOT;
  }

  /** Loads the shipped root anchors once, when first asked. */
  private static final class RootAnchorsHolder {
    static final List<TrustAnchor> ROOT = load();

    private static List<TrustAnchor> load() {
      try (InputStream in = TrustAnchor.class.getResourceAsStream("root-anchors.zone")) {
        if (in == null) {
          throw new IllegalStateException("root-anchors.zone is missing from dvinspector-core");
        }
        return List.copyOf(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the shipped root trust anchors", e);
      }
    }
  }

  /** The key tag of a DNSKEY (RFC 4034 Appendix B), from its RDATA fields. */
  static int keyTag(int flags, int algorithm, byte[] key) {
    byte[] rdata = new byte[4 + key.length];
    rdata[0] = (byte) (flags >>> 8);
    rdata[1] = (byte) flags;
    rdata[2] = (byte) PROTOCOL;
    rdata[3] = (byte) algorithm;
    System.arraycopy(key, 0, rdata, 4, key.length);
    if (algorithm == 1) {
      // RSA/MD5 keys use another tag: the 3rd- and 2nd-last octets of the modulus (Appendix B.1).
      return key.length < 3 ? 0
          : ((key[key.length - 3] & 0xff) << 8) | (key[key.length - 2] & 0xff);
    }
    long ac = 0;
    for (int i = 0; i < rdata.length; i++) {
      ac += (i & 1) == 1 ? (rdata[i] & 0xff) : (rdata[i] & 0xff) << 8;
    }
    ac += (ac >> 16) & 0xffff;
    return (int) (ac & 0xffff);
  }

  @Value.Check
  void check() {
    if (keyTag() < 0 || keyTag() > 0xffff) {
      throw new IllegalArgumentException("A key tag is 0-65535, got " + keyTag());
    }
    if (algorithm() < 0 || algorithm() > 255) {
      throw new IllegalArgumentException("A DNSSEC algorithm is 0-255, got " + algorithm());
    }
    if (kind() == Kind.DS) {
      int type = digestType().orElseThrow(
          () -> new IllegalArgumentException("A DS trust anchor needs a digest type"));
      String d = digest().orElseThrow(
          () -> new IllegalArgumentException("A DS trust anchor needs a digest"));
      if (type < 0 || type > 255) {
        throw new IllegalArgumentException("A DS digest type is 0-255, got " + type);
      }
      if (d.isEmpty() || !d.matches("[0-9A-F]+") || d.length() % 2 != 0) {
        throw new IllegalArgumentException("A DS digest is hexadecimal with whole octets, got "
            + Text.quote(d));
      }
      int expected = switch (type) {
        case 1 -> 20;
        case 2 -> 32;
        case 4 -> 48;
        default -> -1;
      };
      if (expected > 0 && d.length() != expected * 2) {
        throw new IllegalArgumentException("A digest of type " + type + " has " + expected
            + " octets, got " + d.length() / 2);
      }
      if (flags().isPresent() || publicKey().isPresent()) {
        throw new IllegalArgumentException("A DS trust anchor has no flags or public key");
      }
    } else {
      int f = flags().orElseThrow(
          () -> new IllegalArgumentException("A DNSKEY trust anchor needs flags"));
      if (f < 0 || f > 0xffff || (f & ZONE_KEY_FLAG) == 0) {
        throw new IllegalArgumentException("A DNSKEY trust anchor must be a zone key (flags with"
            + " bit 7 set, e.g. 257), got flags " + f);
      }
      if (publicKey().orElse("").isEmpty()) {
        throw new IllegalArgumentException("A DNSKEY trust anchor needs a public key");
      }
      if (digestType().isPresent() || digest().isPresent()) {
        throw new IllegalArgumentException("A DNSKEY trust anchor has no digest");
      }
    }
    if (validFrom().isPresent() && validUntil().isPresent()
        && !validUntil().get().isAfter(validFrom().get())) {
      throw new IllegalArgumentException("validUntil must be after validFrom for " + zone());
    }
  }

  /** Decodes a Base64 key, for callers that need the octets. */
  public byte[] publicKeyBytes() {
    return TrustAnchorParser.base64(publicKey().orElseThrow(
        () -> new IllegalStateException("A DS anchor has no public key")));
  }

  /** Decodes the hexadecimal digest, for callers that need the octets. */
  public byte[] digestBytes() {
    String d = digest().orElseThrow(() -> new IllegalStateException("A DNSKEY anchor has no digest"));
    byte[] out = new byte[d.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(d.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
