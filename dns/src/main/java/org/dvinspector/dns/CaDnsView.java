package org.dvinspector.dns;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainName;
import org.dvinspector.spi.InspectionContext;

/**
 * DNS the way a CA sees it: the zone of a name found iteratively from the root servers (uncached),
 * and a question asked of every address of every authoritative nameserver directly, all at once.
 * Also the recursive view (what the user's own tools see).
 *
 * <p>Offered by the {@code dns} module as a capability: {@code
 * services.capability(CaDnsView.class)}. Every question is recorded as an {@link
 * org.dvinspector.Observation} in the context. Stages complete normally; network trouble is in the
 * answers' {@link ServerAnswer#outcome() outcomes}.
 */
public interface CaDnsView {
  /**
   * Finds the zone that holds {@code name}: the closest enclosing zone cut, with the nameservers
   * as the parent delegates them and as the zone lists them, and every address (A and AAAA) of
   * each.
   */
  CompletionStage<ZoneCut> findZone(DomainName name, InspectionContext context);

  /**
   * Asks {@code name}/{@code type} (a dnsjava {@link org.xbill.DNS.Type} value) of every address of
   * every nameserver of {@code zone}, concurrently; one answer per address (and transport when a
   * truncated UDP answer was retried over TCP, the TCP answer is the one returned).
   */
  CompletionStage<List<ServerAnswer>> askAuthoritative(
      ZoneCut zone, DomainName name, int type, InspectionContext context);

  /** Asks {@code name}/{@code type} of each configured recursive resolver. */
  CompletionStage<List<ServerAnswer>> askRecursive(
      DomainName name, int type, InspectionContext context);
}
