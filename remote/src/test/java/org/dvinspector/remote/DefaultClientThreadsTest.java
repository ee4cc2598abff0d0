package org.dvinspector.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared client's calls run on daemon threads: a forgotten agent client never holds the JVM. */
final class DefaultClientThreadsTest {
  @Test
  void theDispatcherRunsCallsOnDaemonThreads() throws Exception {
    Thread t = AgentPerspective.DefaultClient.INSTANCE.dispatcher().executorService()
        .submit(Thread::currentThread).get(30, TimeUnit.SECONDS);
    assertThat(t.isDaemon()).isTrue();
    assertThat(t.getName()).startsWith("dvinspector-agent-client-");
  }
}
