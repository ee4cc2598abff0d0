package org.dvinspector.spi;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.dvinspector.NetworkPolicy;

/** The inspector's collaborators, given to each module when it starts. */
public interface ModuleServices {
  /** The network policy: resolvers, root servers, timeouts, address rules, endpoint mapping. */
  NetworkPolicy networkPolicy();

  /** The clock (injectable for tests). */
  Clock clock();

  /** The executor for completions and CPU work; never block it on I/O. */
  Executor executor();

  /** A scheduler for timeouts and delays; run only short tasks on it. */
  ScheduledExecutorService scheduler();

  /** A capability offered by another module of the same inspector, if any module offers it. */
  <T> Optional<T> capability(Class<T> type);
}
