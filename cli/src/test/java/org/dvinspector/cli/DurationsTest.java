package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class DurationsTest {
  @Test
  void parsesUnitsAndCombinations() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void parsesIsoDurations() {
    assertThat(Durations.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("pt1m")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void rejectsGarbageZeroAndUnknownUnits() {
    for (String bad : new String[] {"", "5", "5x", "s", "5s5", "0s", "-5s", "PTxS"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(CommandLine.TypeConversionException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void humanFormIsShort() {
    assertThat(Durations.human(Duration.ofMillis(250))).isEqualTo("250 ms");
    assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    assertThat(Durations.human(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(Durations.human(Duration.ofMinutes(190))).isEqualTo("3 h 10 min");
  }
}
