package org.dvinspector.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of every thread of this process, JVM threads included (garbage collector, JIT
 * compilers), read from {@code /proc/self/task/<tid>/stat} on Linux and grouped by what the
 * thread does. It shows where a phase's process CPU time went, which the JMX beans cannot: they
 * do not see the collector's and the compilers' threads. Resolution: one clock tick (10 ms).
 */
final class ThreadCpu {
  private static final Path TASKS = Path.of("/proc/self/task");
  /** Clock ticks per second ({@code getconf CLK_TCK}; 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  private final Map<String, Long> ticksByTid;
  private final Map<String, String> nameByTid;

  private ThreadCpu(Map<String, Long> ticksByTid, Map<String, String> nameByTid) {
    this.ticksByTid = ticksByTid;
    this.nameByTid = nameByTid;
  }

  /** The CPU ticks of every live thread now (empty where /proc does not exist). */
  static ThreadCpu snapshot() {
    Map<String, Long> ticks = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    if (!Files.isDirectory(TASKS)) {
      return new ThreadCpu(ticks, names);
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          // Fields after "pid (comm) ": state is field 3, utime field 14, stime field 15.
          String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long t = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
          String tid = task.getFileName().toString();
          ticks.put(tid, t);
          names.put(tid, name);
        } catch (IOException | RuntimeException e) {
          // the thread ended while being read: its time is lost either way
        }
      }
    } catch (IOException e) {
      return new ThreadCpu(ticks, names);
    }
    return new ThreadCpu(ticks, names);
  }

  /**
   * Milliseconds of CPU each group of threads used between {@code before} and this snapshot
   * (threads that ended in between are not counted).
   */
  Map<String, Long> millisSince(ThreadCpu before) {
    Map<String, Long> out = new TreeMap<>();
    ticksByTid.forEach((tid, t) -> {
      long used = t - before.ticksByTid.getOrDefault(tid, 0L);
      if (used > 0) {
        out.merge(group(nameByTid.getOrDefault(tid, "?")), used * 1000 / TICKS_PER_SECOND, Long::sum);
      }
    });
    return out;
  }

  /** The group of a thread, by its (15-character) name. */
  static String group(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("dvinspector")) {
      return "inspector";
    }
    if (n.startsWith("dnsjava")) {
      return "dnsjava-io";
    }
    if (n.startsWith("okhttp") || n.startsWith("mockwebserver")) {
      return "http";
    }
    if (n.startsWith("gc ") || n.startsWith("g1 ") || n.contains("gc thread") || n.startsWith("vm ")) {
      return "gc+vm";
    }
    if (n.contains("compiler")) {
      return "jit";
    }
    // The launcher's main thread keeps the process name, "java".
    if (n.equals("java") || n.startsWith("main") || n.startsWith("floor") || n.startsWith("harness")) {
      return "harness";
    }
    return n.replaceAll("[0-9]+", "N"); // anything else under its own name
  }

  /** {@code inspector 5120 ms, jit 800 ms, ...}, largest first. */
  static String describe(Map<String, Long> millis) {
    StringBuilder b = new StringBuilder();
    millis.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> {
          if (b.length() > 0) {
            b.append(", ");
          }
          b.append(e.getKey()).append(' ').append(e.getValue()).append(" ms");
        });
    return b.toString();
  }
}
