package org.dvinspector.dns;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainName;
import org.dvinspector.spi.InspectionContext;

/**
 * DNS the way a CA sees it: the zone of a name found iteratively from the root servers, and a
 * question asked of every address of every authoritative nameserver directly, all at once. Also
 * the recursive view (what the user's own tools see).
 *
 * <p>Offered by the {@code dns} module as a capability: {@code
 * services.capability(CaDnsView.class)}. Within one inspection every module shares one
 * resolution: a question already asked of a server is not asked again, and delegations learned
 * by one check are used by the others. Every question is recorded as an {@link
 * org.dvinspector.Observation} in the context. Stages complete normally; network trouble is in
 * the answers' {@link ServerAnswer#outcome() outcomes} and the zone's {@link ZoneCut#failure()}.
 */
public interface CaDnsView {
  /**
   * Looks {@code name}/{@code type} up the CA's way: asks the question itself from the root down
   * (a referral on the way is the next zone cut), then of every address of every nameserver of
   * the zone that holds the name, as the parent delegates them and as the zone lists them.
   */
  CompletionStage<Lookup> lookup(DomainName name, RecordType type, InspectionContext context);

  /**
   * Finds the zone that holds {@code name}: the closest enclosing zone cut, with the nameservers
   * as the parent delegates them and as the zone lists them, and every address of each.
   */
  CompletionStage<ZoneCut> findZone(DomainName name, InspectionContext context);

  /**
   * Asks {@code name}/{@code type} of every address of every nameserver of {@code zone},
   * concurrently; one answer per address.
   */
  CompletionStage<List<ServerAnswer>> askAuthoritative(
      ZoneCut zone, DomainName name, RecordType type, InspectionContext context);

  /** Asks {@code name}/{@code type} of each configured recursive resolver. */
  CompletionStage<List<ServerAnswer>> askRecursive(
      DomainName name, RecordType type, InspectionContext context);
}
