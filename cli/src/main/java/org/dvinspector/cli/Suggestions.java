package org.dvinspector.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * "Did you mean" for an unknown command or option: the closest known name by edit distance, when
 * it is close enough to be a typo (or the word is a prefix of exactly one name).
 */
final class Suggestions {
  private Suggestions() {}

  /** The usage message for {@code e}, with a suggestion when one fits. */
  static String message(CommandLine.ParameterException e, String message) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return message;
    }
    String word = u.getUnmatched().get(0);
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    boolean option = word.startsWith("-");
    if (!option && spec.subcommands().isEmpty()) {
      return message;
    }
    String typed = option && word.indexOf('=') > 0 ? word.substring(0, word.indexOf('=')) : word;
    List<String> names = option ? optionNames(spec) : new ArrayList<>(spec.subcommands().keySet());
    String head = option ? message : "Unknown command '" + typed + "'";
    return closest(typed, names).map(s -> head + "; did you mean '" + s + "'?").orElse(head);
  }

  private static List<String> optionNames(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      for (String n : o.names()) {
        names.add(n);
        if (o.negatable() && n.startsWith("--")) {
          names.add("--no-" + n.substring(2));
        }
      }
    }
    return names;
  }

  /** The closest name, if it is within a typo's distance or the only one {@code typed} starts. */
  static Optional<String> closest(String typed, List<String> names) {
    String t = typed.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(t, n.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = n;
      }
    }
    int core = t.replaceFirst("^-+", "").length();
    int allowed = Math.max(1, Math.min(3, core / 3));
    if (best != null && bestDistance > 0 && bestDistance <= allowed) {
      return Optional.of(best);
    }
    List<String> prefixed = new ArrayList<>();
    for (String n : names) {
      if (core >= 3 && n.toLowerCase(Locale.ROOT).startsWith(t)) {
        prefixed.add(n);
      }
    }
    return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
  }

  /** Damerau-Levenshtein distance (optimal string alignment): a swap of two letters is one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
