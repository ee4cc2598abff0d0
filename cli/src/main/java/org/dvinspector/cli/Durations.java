package org.dvinspector.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as people type them: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h30m}, {@code PT5S}. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  /** No duration option needs more than a year; longer values would overflow timers anyway. */
  static final Duration MAX = Duration.ofDays(366);

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws CommandLine.TypeConversionException with a message saying what is accepted
   */
  static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.length() > 40) {
      throw invalid(text);
    }
    if (t.startsWith("pt") || t.startsWith("p")) {
      try {
        return positive(text, Duration.parse(text.strip().toUpperCase(Locale.ROOT)));
      } catch (DateTimeParseException | ArithmeticException e) {
        throw invalid(text);
      }
    }
    if (t.isEmpty()) {
      throw invalid(text);
    }
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw invalid(text);
      }
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw tooLong(text);
      }
      try {
        switch (m.group(2)) {
          case "ms":
            total = total.plusMillis(n);
            break;
          case "s":
            total = total.plusSeconds(n);
            break;
          case "m":
            total = total.plusMinutes(n);
            break;
          case "h":
            total = total.plusHours(n);
            break;
          default:
            total = total.plusDays(n);
            break;
        }
      } catch (ArithmeticException e) {
        throw tooLong(text);
      }
      end = m.end();
    }
    if (end != t.length()) {
      throw invalid(text);
    }
    return positive(text, total);
  }

  /** A short human form: {@code 250 ms}, {@code 5 s}, {@code 2 min 5 s}, {@code 3 h 10 min}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return (ms % 1000 == 0 || s >= 10) ? s + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    if (s < 3600) {
      return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
    long h = s / 3600;
    long min = (s % 3600) / 60;
    if (h >= 48 && min == 0 && h % 24 == 0) {
      return (h / 24) + " d";
    }
    return h + " h" + (min == 0 ? "" : " " + min + " min");
  }

  private static Duration positive(String text, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new CommandLine.TypeConversionException(
          "'" + Style.safe(Dvi.abbreviate(text, 60)) + "' is not a positive duration");
    }
    if (d.compareTo(MAX) > 0) {
      throw tooLong(text);
    }
    return d;
  }

  /**
   * Checks an option's own upper bound.
   *
   * @throws UsageException naming the option and the bound
   */
  static Duration atMost(String option, Duration d, Duration max) {
    if (d.compareTo(max) > 0) {
      throw new UsageException(option + " " + human(d) + " is too long; at most " + human(max));
    }
    return d;
  }

  private static CommandLine.TypeConversionException tooLong(String text) {
    return new CommandLine.TypeConversionException("'" + Style.safe(Dvi.abbreviate(text, 60))
        + "' is too long a duration; at most " + MAX.toDays() + " days");
  }

  private static CommandLine.TypeConversionException invalid(String text) {
    return new CommandLine.TypeConversionException("'" + Style.safe(Dvi.abbreviate(text, 60))
        + "' is not a duration; use e.g. 500ms, 5s, 10m, 1h30m or PT5S");
  }
}
