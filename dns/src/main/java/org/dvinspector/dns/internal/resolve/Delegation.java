package org.dvinspector.dns.internal.resolve;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;

/**
 * A zone cut: the zone's apex and its nameservers as the parent (or the root hints, or the cache)
 * names them.
 *
 * @param zone the apex
 * @param servers the nameservers
 * @param cause the observation of the referral that named them; 0 for root hints and the cache
 * @param parentVisible false when the parent's servers also serve the zone and answered from it,
 *     so the parent's own delegation was never seen
 * @param referral the parent's referral, when there was one (it may hold the DS records or the
 *     proof that there are none, RFC 4035 §3.1.4)
 * @param parent the delegation of the parent zone, when it is known
 */
record Delegation(Name zone, List<Server> servers, long cause, boolean parentVisible,
    @Nullable Asked referral, @Nullable Delegation parent) {
  Delegation {
    servers = List.copyOf(servers);
  }

  /** A delegation without a referral or parent on record (root hints, cache, probes). */
  Delegation(Name zone, List<Server> servers, long cause, boolean parentVisible) {
    this(zone, servers, cause, parentVisible, null, null);
  }

  /** The deeper zone {@code deeper}, served by these same servers, which answered from it. */
  Delegation hidden(Name deeper) {
    return new Delegation(deeper, servers, cause, false, null, this);
  }
}
