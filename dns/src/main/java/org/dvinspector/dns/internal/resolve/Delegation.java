package org.dvinspector.dns.internal.resolve;

import java.util.List;
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
 */
record Delegation(Name zone, List<Server> servers, long cause, boolean parentVisible) {
  Delegation {
    servers = List.copyOf(servers);
  }

  Delegation hidden(Name deeper) {
    return new Delegation(deeper, servers, cause, false);
  }
}
