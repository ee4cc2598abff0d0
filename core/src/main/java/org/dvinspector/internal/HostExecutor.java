package org.dvinspector.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.dvinspector.Finding;
import org.dvinspector.FindingCode;
import org.dvinspector.Perspective;
import org.dvinspector.spi.Text;

/**
 * The executor every stage handed to the host completes on: the host's own, or the inspector's
 * worker pool when the host gave none. A task it refuses still runs (on the calling thread), and
 * the refusal becomes a finding that names the host's executor: a full or shut-down host executor
 * is the host's resource, never the domain's fault nor a bug of the inspector.
 */
public final class HostExecutor implements Executor {
  private final Executor executor;
  private final boolean owned;

  /** Wraps {@code executor}; {@code owned} when the inspector created it. */
  public HostExecutor(Executor executor, boolean owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** Whether the inspector created the executor (no executor was given). */
  public boolean owned() {
    return owned;
  }

  /** The wrapped executor. */
  public Executor delegate() {
    return executor;
  }

  /**
   * Runs {@code task} on the executor; if the executor refuses it, tells {@code onRejected} first
   * and then runs the task on the calling thread, so the work is never lost.
   */
  public void execute(Runnable task, Consumer<RejectedExecutionException> onRejected) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      onRejected.accept(e);
      task.run();
    }
  }

  /** Runs {@code task} on the executor, or on the calling thread if the executor refuses it. */
  @Override
  public void execute(Runnable task) {
    execute(task, e -> {});
  }

  /** How a message names the executor, e.g. {@code the host's executor (ThreadPoolExecutor ...)}. */
  public String describe() {
    if (owned) {
      return "the inspector's own worker pool";
    }
    return "the host's executor (" + Text.escape(executor.getClass().getName()) + ": "
        + Text.quote(String.valueOf(executor), 160) + ")";
  }

  /**
   * The finding for a task the executor refused while {@code what} (e.g. "the dns-txt check")
   * was running.
   */
  public Finding rejected(String what, RejectedExecutionException e) {
    String detail = e.getMessage() == null ? "" : ": " + Text.quote(e.getMessage(), 160);
    return Finding.builder(FindingCode.INSPECTOR_LIMIT_REACHED)
        .message("Work for " + what + " was rejected by " + describe()
            + " (RejectedExecutionException" + detail + "); the result is unknown")
        .remedy(owned
            ? "The inspector was closed while it was running; inspect again with an open inspector."
            : "Give DomainValidationInspector.Builder.executor(...) an executor that accepts every"
                + " task (an unbounded queue), or lower maxConcurrentInspections so its queue does"
                + " not fill. The domain was not judged.")
        .evidence(Perspective.inspector(), "rejected by " + describe())
        .build();
  }
}
