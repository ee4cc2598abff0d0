package org.dvinspector.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of the harness: scenario names, {@code --key=value} options and {@code
 * --flag}s. Every size and latency of a scenario is an option, so a smoke run can be made tiny.
 */
public final class Options {
  private final List<String> positional;
  private final Map<String, String> values;

  private Options(List<String> positional, Map<String, String> values) {
    this.positional = List.copyOf(positional);
    this.values = Map.copyOf(values);
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException for a malformed option or one not in {@code known}
   */
  public static Options parse(Set<String> known, String... args) {
    List<String> positional = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        positional.add(a);
        continue;
      }
      int eq = a.indexOf('=');
      String key = eq < 0 ? a.substring(2) : a.substring(2, eq);
      String value = eq < 0 ? "true" : a.substring(eq + 1);
      if (!known.contains(key)) {
        throw new IllegalArgumentException("Unknown option --" + key + "; known: " + known);
      }
      values.put(key, value);
    }
    return new Options(positional, values);
  }

  /** The arguments that are not options (scenario names). */
  public List<String> positional() {
    return positional;
  }

  /** Whether {@code --key} was given. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** {@code --key} as a flag: true when given without a value or as {@code true}. */
  public boolean flag(String key) {
    return Boolean.parseBoolean(values.getOrDefault(key, "false"));
  }

  /** {@code --key} as a positive integer, {@code def} when absent. */
  public int positive(String key, int def) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    int n;
    try {
      n = Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " needs a whole number, got " + v, e);
    }
    if (n < 1) {
      throw new IllegalArgumentException("--" + key + " must be at least 1, got " + n);
    }
    return n;
  }

  /** {@code --key} as a non-negative integer, {@code def} when absent. */
  public int nonNegative(String key, int def) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    int n;
    try {
      n = Integer.parseInt(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " needs a whole number, got " + v, e);
    }
    if (n < 0) {
      throw new IllegalArgumentException("--" + key + " must not be negative, got " + n);
    }
    return n;
  }

  /** {@code --key} in milliseconds (a whole number), {@code defMillis} when absent. */
  public Duration millis(String key, long defMillis) {
    return Duration.ofMillis(nonNegative(key, (int) defMillis));
  }

  /** The options again as arguments, for a child process. */
  public List<String> toArgs() {
    List<String> out = new ArrayList<>(positional);
    values.forEach((k, v) -> out.add("--" + k + "=" + v));
    return out;
  }
}
