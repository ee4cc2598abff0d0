package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code dvi demo --json | head -1}: once the reader has gone, the demo stops. */
final class DemoOutputClosedTest {
  /** Standard output whose reader goes away after the first line, like a pipe into head -1. */
  private static final class ClosingPipe extends Writer {
    final AtomicInteger lines = new AtomicInteger();
    final AtomicInteger writesAfterClose = new AtomicInteger();
    private boolean closed;

    @Override
    public synchronized void write(char[] buf, int off, int len) throws IOException {
      if (closed) {
        writesAfterClose.incrementAndGet();
        throw new IOException("Broken pipe");
      }
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n' && lines.incrementAndGet() == 1) {
          closed = true;
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void demoJsonStopsWhenItsOutputIsClosed() {
    ClosingPipe pipe = new ClosingPipe();
    StringWriter err = new StringWriter();
    CliEnvironment env = CliEnvironment.of(new PrintWriter(pipe, true), new PrintWriter(err, true),
        Map.of(), false);

    int code = Dvi.run(env, "demo", "--json");

    assertThat(code).isEqualTo(ExitCodes.OUTPUT_CLOSED);
    // The first report went out, the second write found the pipe closed, and nothing else was
    // written: the other scenarios' reports were never printed (nor the summary).
    assertThat(pipe.lines.get()).isEqualTo(1);
    assertThat(pipe.writesAfterClose.get()).isBetween(1, 3);
    assertThat(err.toString()).doesNotContain("Summary");
  }
}
