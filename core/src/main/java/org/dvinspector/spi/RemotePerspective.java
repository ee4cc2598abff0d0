package org.dvinspector.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dvinspector.DomainValidationInspector;
import org.dvinspector.InspectionRequest;
import org.dvinspector.PerspectiveOutcome;
import org.dvinspector.Rir;

/**
 * A remote vantage point (BR 3.2.2.9 "Network Perspective") that runs the same checks from
 * elsewhere: a host's agent in another region or network, reached however the host likes (an
 * HTTPS call to a service, a message queue, ...). {@link
 * org.dvinspector.MultiPerspectiveInspector} runs every remote perspective alongside the primary
 * inspection and predicts whether the CA's quorum would pass.
 *
 * <p>Implementations must not block the calling thread on I/O and should complete within {@code
 * budget}; a perspective that has not answered by then counts as not corroborating. Failures
 * should complete the stage with {@link PerspectiveOutcome#failed}; an exceptional completion is
 * treated the same way.
 */
public interface RemotePerspective {
  /** A stable, distinct name for reports, e.g. {@code eu-central}. */
  String name();

  /** The Regional Internet Registry whose service region the perspective is in, when known. */
  Optional<Rir> rir();

  /** Runs the request's checks from this perspective, answering within {@code budget}. */
  CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget);

  /**
   * A perspective served by another inspector, typically one whose {@linkplain
   * org.dvinspector.NetworkPolicy network policy} uses that vantage point's resolvers or routes
   * (tests point it at a second loopback lab). The host keeps ownership of {@code inspector}.
   */
  static RemotePerspective of(String name, Rir rir, DomainValidationInspector inspector) {
    Objects.requireNonNull(rir, "rir");
    return of(name, Optional.of(rir), inspector);
  }

  /** Like {@link #of(String, Rir, DomainValidationInspector)}, for a perspective of unknown region. */
  static RemotePerspective of(String name, Optional<Rir> rir, DomainValidationInspector inspector) {
    Objects.requireNonNull(inspector, "inspector");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A remote perspective needs a name");
    }
    return new RemotePerspective() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<Rir> rir() {
        return rir;
      }

      @Override
      public CompletionStage<PerspectiveOutcome> inspect(InspectionRequest request, Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
          return CompletableFuture.completedFuture(
              PerspectiveOutcome.failed(name, rir, "no time left before the deadline"));
        }
        InspectionRequest bounded = request.deadline().isPresent()
            && request.deadline().get().compareTo(budget) <= 0 ? request
            : request.toBuilder().deadline(budget).build();
        return inspector.inspectAsync(bounded)
            .thenApply(report -> PerspectiveOutcome.fromReport(name, rir, report));
      }

      @Override
      public String toString() {
        return "RemotePerspective[" + name + "]";
      }
    };
  }
}
