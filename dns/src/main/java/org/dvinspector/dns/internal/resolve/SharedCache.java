package org.dvinspector.dns.internal.resolve;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dvinspector.dns.internal.dnssec.ZoneKeys;
import org.xbill.DNS.Name;

/**
 * Referrals kept across the inspections of one inspector, as a CA's resolver keeps them: only
 * for the root and for zones that are public suffixes (top-level and registry zones), never for a
 * registrable domain or anything below it, so a change a customer just made is always seen. Each
 * entry lives as long as the referral's TTL allows (at most a day) and the cache holds at most
 * {@value #MAX_ENTRIES} zones.
 */
final class SharedCache {
  static final int MAX_ENTRIES = 4096;
  private static final long MAX_TTL_SECONDS = 86_400;

  /** A cached nameserver: its name and addresses. */
  record CachedServer(Name name, List<InetAddress> addresses) {
    CachedServer {
      addresses = List.copyOf(addresses);
    }
  }

  private record Entry(List<CachedServer> servers, long expiresNanos) {}

  private final Map<Name, Entry> entries = new ConcurrentHashMap<>();

  private record KeysEntry(ZoneKeys keys, long expiresNanos) {}

  private final Map<Name, KeysEntry> keys = new ConcurrentHashMap<>();

  /** The validated keys of {@code zone} (the root or a public suffix), when kept and fresh. */
  Optional<ZoneKeys> keys(Name zone) {
    KeysEntry e = keys.get(zone);
    if (e == null) {
      return Optional.empty();
    }
    if (System.nanoTime() - e.expiresNanos >= 0) {
      keys.remove(zone, e);
      return Optional.empty();
    }
    return Optional.of(e.keys);
  }

  /** Keeps the validated keys of {@code zone} for {@code ttlSeconds} (at most an hour). */
  void putKeys(Name zone, ZoneKeys k, long ttlSeconds) {
    long ttl = Math.min(ttlSeconds, 3600);
    if (ttl <= 0 || (keys.size() >= MAX_ENTRIES && !keys.containsKey(zone))) {
      return;
    }
    keys.put(zone, new KeysEntry(k, System.nanoTime() + ttl * 1_000_000_000L));
  }

  /** The cached servers of {@code zone}, when cached and not expired. */
  Optional<List<CachedServer>> get(Name zone) {
    Entry e = entries.get(zone);
    if (e == null) {
      return Optional.empty();
    }
    if (System.nanoTime() - e.expiresNanos >= 0) {
      entries.remove(zone, e);
      return Optional.empty();
    }
    return Optional.of(e.servers);
  }

  /** Keeps {@code servers} of {@code zone} for {@code ttlSeconds} (nothing when 0). */
  void put(Name zone, List<CachedServer> servers, long ttlSeconds) {
    long ttl = Math.min(ttlSeconds, MAX_TTL_SECONDS);
    if (ttl <= 0 || servers.isEmpty()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES && !entries.containsKey(zone)) {
      long now = System.nanoTime();
      entries.values().removeIf(e -> now - e.expiresNanos >= 0);
      if (entries.size() >= MAX_ENTRIES) {
        return; // full of live entries: this referral is simply asked again next time
      }
    }
    entries.put(zone, new Entry(List.copyOf(servers), System.nanoTime() + ttl * 1_000_000_000L));
  }

  /** Forgets everything. */
  void clear() {
    entries.clear();
    keys.clear();
  }

  int size() {
    return entries.size();
  }
}
