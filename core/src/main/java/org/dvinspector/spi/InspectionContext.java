package org.dvinspector.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.dvinspector.CaProfile;
import org.dvinspector.DomainName;
import org.dvinspector.Finding;
import org.dvinspector.InspectionRequest;
import org.dvinspector.Observation;

/** One inspection, as seen by a module running one of its checks. Thread-safe. */
public interface InspectionContext {
  /** The request. */
  InspectionRequest request();

  /** The domain of the request. */
  default DomainName domain() {
    return request().domain();
  }

  /** The CA profile of the request. */
  default CaProfile profile() {
    return request().profile();
  }

  /** The inspector's collaborators. */
  ModuleServices services();

  /** When the inspector stops waiting for results. */
  Instant deadline();

  /**
   * When the inspection started, on the {@link System#nanoTime()} scale: modules that time their
   * questions themselves set an observation's {@linkplain Observation#startOffset() start offset}
   * from it.
   */
  long startNanos();

  /** Time left until the deadline (zero when past). */
  Duration remaining();

  /** Whether the inspection is over (deadline passed); further reports are ignored. */
  boolean isClosed();

  /**
   * Records an observation and returns it as recorded: with its {@linkplain Observation#id()
   * number} (to name it as a {@linkplain Observation#causes() cause} of later questions) and its
   * start offset (counted back from now by its latency when it has none). After the inspection is
   * over the observation is not recorded and is returned with number {@code 0}.
   */
  Observation observe(Observation observation);

  /** Records a finding. */
  void report(Finding finding);

  /**
   * What {@code owner} keeps for this inspection, made by {@code create} on first use: the state a
   * module's checks share within one inspection (the DNS modules' one resolution), which goes
   * when the inspection does. Concurrent callers with the same owner get the same value; {@code
   * create} must not call this method itself.
   *
   * @throws ClassCastException if {@code owner} already keeps a value of another type
   */
  <T> T shared(Object owner, Class<T> type, Supplier<? extends T> create);
}
