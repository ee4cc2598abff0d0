package org.dvinspector.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

final class QueryGateTest {
  /** Runs queued tasks on the calling thread: the test controls every step. */
  private final QueryGate gate = new QueryGate(2, Runnable::run);

  @Test
  void startsAtMostTheLimitAndQueuesTheRestWithoutBlocking() {
    List<CompletableFuture<String>> running = new ArrayList<>();
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      results.add(gate.submit(() -> {
        CompletableFuture<String> f = new CompletableFuture<>();
        running.add(f);
        return f;
      }));
    }

    assertThat(running).hasSize(2);
    assertThat(gate.active()).isEqualTo(2);
    assertThat(gate.waiting()).isEqualTo(1);
    assertThat(results).noneMatch(CompletableFuture::isDone);
  }

  @Test
  void aFinishedTaskHandsItsPermitToTheNextOne() {
    List<CompletableFuture<String>> running = new ArrayList<>();
    List<CompletableFuture<String>> results = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      results.add(gate.submit(() -> {
        CompletableFuture<String> f = new CompletableFuture<>();
        running.add(f);
        return f;
      }));
    }

    running.get(0).complete("first");

    assertThat(results.get(0)).isCompletedWithValue("first");
    assertThat(running).hasSize(3);
    assertThat(gate.active()).isEqualTo(2);
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void aFailingTaskReleasesItsPermit() {
    CompletableFuture<String> failed = gate.submit(() -> {
      throw new IllegalStateException("boom");
    });

    assertThat(failed).isCompletedExceptionally();
    assertThat(gate.active()).isZero();
  }
}
