package org.dvinspector.dns.internal.dnssec;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.utils.base32;

/**
 * Test data for the validator: keys from the JDK's generators, signatures from dnsjava's {@link
 * DNSSEC#sign}, NSEC and NSEC3 chains built here by hand. Deliberately independent of the
 * testkit's zone signer, so a bug there cannot hide a bug in the validator.
 */
final class TestSigner {
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  static final Instant INCEPTION = NOW.minus(Duration.ofDays(1));
  static final Instant EXPIRATION = NOW.plus(Duration.ofDays(14));
  private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

  private TestSigner() {}

  /** A zone's key: its DNSKEY record and private key. */
  record Key(DNSKEYRecord dnskey, KeyPair pair) {
    int tag() {
      return dnskey.getFootprint();
    }

    DSRecord ds(int digest) {
      return new DSRecord(dnskey.getName(), DClass.IN, 3600, digest, dnskey);
    }

    DSRecord ds() {
      return ds(DNSSEC.Digest.SHA256);
    }
  }

  static Name name(String s) {
    try {
      return Name.fromString(s.endsWith(".") ? s : s + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * A key for {@code zone} with {@code flags} (257 KSK, 256 ZSK). Key pairs are cached by
   * algorithm and slot so RSA keys are generated once per test run; {@code slot} picks another.
   */
  static Key key(String zone, int algorithm, int flags, int slot) {
    KeyPair pair = PAIRS.computeIfAbsent(algorithm + "/" + slot, k -> generate(algorithm));
    try {
      DNSKEYRecord dnskey = new DNSKEYRecord(name(zone), DClass.IN, 3600, flags,
          DNSKEYRecord.Protocol.DNSSEC, algorithm, pair.getPublic());
      return new Key(dnskey, pair);
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }

  static Key ksk(String zone, int algorithm) {
    return key(zone, algorithm, DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY, 0);
  }

  static Key zsk(String zone, int algorithm) {
    return key(zone, algorithm, DNSKEYRecord.Flags.ZONE_KEY, 1);
  }

  static KeyPair generate(int algorithm) {
    try {
      KeyPairGenerator g;
      switch (algorithm) {
        case DNSSEC.Algorithm.RSASHA256, DNSSEC.Algorithm.RSASHA512, DNSSEC.Algorithm.RSASHA1 -> {
          g = KeyPairGenerator.getInstance("RSA");
          g.initialize(2048);
        }
        case DNSSEC.Algorithm.ECDSAP256SHA256 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        case DNSSEC.Algorithm.ECDSAP384SHA384 -> {
          g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp384r1"));
        }
        case DNSSEC.Algorithm.ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
        case DNSSEC.Algorithm.ED448 -> g = KeyPairGenerator.getInstance("Ed448");
        default -> throw new IllegalArgumentException("no generator for algorithm " + algorithm);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static RRSIGRecord sign(RRset set, Key key, Instant inception, Instant expiration) {
    try {
      return DNSSEC.sign(set, key.dnskey(), key.pair().getPrivate(), inception, expiration);
    } catch (DNSSEC.DNSSECException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code records} as one RRset signed by {@code keys} over the default window. */
  static RRset signed(List<? extends Record> records, Key... keys) {
    return signedWindow(records, INCEPTION, EXPIRATION, keys);
  }

  static RRset signedWindow(List<? extends Record> records, Instant inception, Instant expiration,
      Key... keys) {
    RRset set = new RRset();
    records.forEach(set::addRR);
    RRset plain = new RRset(set);
    for (Key k : keys) {
      set.addRR(sign(plain, k, inception, expiration));
    }
    return set;
  }

  static RRset unsigned(List<? extends Record> records) {
    RRset set = new RRset();
    records.forEach(set::addRR);
    return set;
  }

  /** The signed DNSKEY RRset of a zone with a KSK and a ZSK, signed by the KSK. */
  static RRset dnskeys(Key ksk, Key zsk) {
    return signed(List.of(ksk.dnskey(), zsk.dnskey()), ksk);
  }

  static Record record(String text) {
    try {
      String[] f = text.trim().split("\\s+", 4);
      return Record.fromString(name(f[0]), Type.value(f[2]), DClass.IN, Long.parseLong(f[1]),
          f[3], Name.root);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /**
   * The NSEC chain of a zone whose names and types are given (RRSIG and NSEC added to each
   * bitmap), in canonical order, the last pointing back to the apex (RFC 4034 §4.1.1).
   */
  static List<NSECRecord> nsecChain(Name apex, Map<Name, int[]> names) {
    List<Map.Entry<Name, int[]>> sorted = new ArrayList<>(new TreeMap<>(names).entrySet());
    List<NSECRecord> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Name owner = sorted.get(i).getKey();
      Name next = i + 1 < sorted.size() ? sorted.get(i + 1).getKey() : apex;
      TreeSet<Integer> types = new TreeSet<>();
      for (int t : sorted.get(i).getValue()) {
        types.add(t);
      }
      types.add(Type.NSEC);
      types.add(Type.RRSIG); // the NSEC itself is signed, at a delegation too
      out.add(new NSECRecord(owner, DClass.IN, 300, next,
          types.stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  /** The hash of {@code name} as NSEC3 with SHA-1, {@code iterations} and {@code salt}. */
  static byte[] nsec3Hash(Name name, int iterations, byte[] salt) {
    try {
      NSEC3Record probe = new NSEC3Record(name, DClass.IN, 0, 1, 0, iterations, salt,
          new byte[20], new int[0]);
      return probe.hashName(name);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The NSEC3 chain of a zone (names with their types; empty non-terminals must be listed with
   * no types). Names in {@code optedOut} are left out and the spans get the opt-out flag.
   */
  static List<NSEC3Record> nsec3Chain(Name apex, Map<Name, int[]> names, int iterations,
      byte[] salt, boolean optOut) {
    base32 b32 = new base32(base32.Alphabet.BASE32HEX, false, false);
    TreeMap<String, Map.Entry<Name, byte[]>> byHash = new TreeMap<>();
    for (Name n : names.keySet()) {
      byte[] h = nsec3Hash(n, iterations, salt);
      byHash.put(b32.toString(h), Map.entry(n, h));
    }
    List<Map.Entry<String, Map.Entry<Name, byte[]>>> chain = new ArrayList<>(byHash.entrySet());
    List<NSEC3Record> out = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      Name name = chain.get(i).getValue().getKey();
      byte[] next = chain.get((i + 1) % chain.size()).getValue().getValue();
      TreeSet<Integer> types = new TreeSet<>();
      for (int t : names.getOrDefault(name, new int[0])) {
        types.add(t);
      }
      if (!types.isEmpty()) {
        types.add(Type.RRSIG);
      }
      try {
        Name owner = Name.concatenate(Name.fromString(chain.get(i).getKey().toLowerCase()), apex);
        out.add(new NSEC3Record(owner, DClass.IN, 300, 1, optOut ? 1 : 0, iterations, salt,
            Arrays.copyOf(next, next.length),
            types.stream().mapToInt(Integer::intValue).toArray()));
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }
    return out;
  }

  /** Each record as its own RRset (NSEC/NSEC3 owners differ), signed by {@code key}. */
  static List<RRset> signedEach(List<? extends Record> records, Key key) {
    List<RRset> out = new ArrayList<>();
    for (Record r : records) {
      out.add(signed(List.of(r), key));
    }
    return out;
  }

  /** A response message with the given RRsets (RRSIGs included) in the sections. */
  static Message message(int rcode, List<RRset> answer, List<RRset> authority) {
    Message m = new Message();
    m.getHeader().setRcode(rcode);
    add(m, answer, Section.ANSWER);
    add(m, authority, Section.AUTHORITY);
    return m;
  }

  private static void add(Message m, List<RRset> sets, int section) {
    for (RRset s : sets) {
      for (Record r : s.rrs(false)) {
        m.addRecord(r, section);
      }
      for (RRSIGRecord sig : s.sigs()) {
        m.addRecord(sig, section);
      }
    }
  }
}
