package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.dvinspector.Verdict;
import org.junit.jupiter.api.Test;

final class ProgressTest {
  @Test
  void plainOutputPrintsOneLinePerTenth() {
    StringWriter err = new StringWriter();
    Progress p = new Progress(new PrintWriter(err, true), false, 100);
    p.start();
    for (int i = 0; i < 100; i++) {
      p.completed(i % 10 == 0 ? Verdict.NOT_READY : Verdict.READY);
    }
    p.finish();
    String[] lines = err.toString().split("\n");
    assertThat(lines).hasSize(11);
    assertThat(lines[0]).isEqualTo("dvi: checking 100 requests...");
    assertThat(lines[1]).isEqualTo("dvi: 10/100 done (10%): 9 ready, 1 not ready, 0 unknown");
    assertThat(lines[10]).isEqualTo("dvi: 100/100 done (100%): 90 ready, 10 not ready, 0 unknown");
    assertThat(err.toString()).doesNotContain("\r");
  }

  @Test
  void terminalOutputRedrawsOneLine() {
    StringWriter err = new StringWriter();
    Progress p = new Progress(new PrintWriter(err, true), true, 4);
    p.start();
    for (int i = 0; i < 4; i++) {
      p.completed(Verdict.READY);
    }
    p.finish();
    String text = err.toString();
    assertThat(text).startsWith("\r[..............................] 0/4 done");
    assertThat(text).contains("\r[##############################] 4/4 done (100%): 4 ready");
    assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
  }
}
