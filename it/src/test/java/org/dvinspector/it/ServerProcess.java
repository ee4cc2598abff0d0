package org.dvinspector.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One server process started by a test: its output goes to a log file in its own directory, it is
 * polled until ready within a bounded time, and {@link #close()} stops it and everything it
 * forked. A shutdown hook stops whatever a failed test left running.
 */
final class ServerProcess implements AutoCloseable {
  private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (ServerProcess p : List.copyOf(LIVE)) {
        p.close();
      }
    }, "it-server-reaper"));
  }

  /** Thrown by a probe when the server will never become ready (e.g. a zone failed to load). */
  static final class WillNotStart extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WillNotStart(String message) {
      super(message);
    }
  }

  /** A readiness probe: true when the server answers as expected. */
  @FunctionalInterface
  interface Probe {
    boolean ready() throws Exception;
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} in {@code dir} with {@code env} added to the inherited environment; an
   * empty value removes the variable.
   */
  static ServerProcess start(String name, List<String> command, Path dir, Map<String, String> env)
      throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    env.forEach((k, v) -> {
      if (v.isEmpty()) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    ServerProcess p = new ServerProcess(name, pb.start(), log);
    LIVE.add(p);
    return p;
  }

  /** Starts {@code command} with the inherited environment. */
  static ServerProcess start(String name, List<String> command, Path dir) throws IOException {
    return start(name, command, dir, Map.of());
  }

  /**
   * Polls {@code probe} every 50 ms until it says ready; fails with the server's log when the
   * process exits or {@code timeout} passes.
   */
  ServerProcess awaitReady(Duration timeout, Probe probe) {
    long end = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue()
            + " before it was ready; log:\n" + logTail());
      }
      try {
        if (probe.ready()) {
          return this;
        }
      } catch (WillNotStart e) {
        close();
        throw new IllegalStateException(name + ": " + e.getMessage() + "; log:\n" + logTail(), e);
      } catch (Exception e) {
        last = e;
      }
      sleep(50);
    }
    close();
    throw new IllegalStateException(name + " was not ready within " + timeout
        + (last == null ? "" : " (last probe error: " + last + ")") + "; log:\n" + logTail());
  }

  /** The process id. */
  long pid() {
    return process.pid();
  }

  /** Whether the server still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends a signal by name ({@code HUP}, ...) with kill(1), waiting for kill to finish. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .redirectErrorStream(true).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS)) {
      kill.destroyForcibly();
      throw new IOException("kill -" + signal + " did not finish");
    }
  }

  /** The server's output so far (the last 4000 characters). */
  String logTail() {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Stops the server and every process it forked: SIGTERM, then SIGKILL after 5 seconds. */
  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    process.descendants().forEach(all::add);
    all.add(process.toHandle());
    for (ProcessHandle h : all) {
      h.destroy();
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle h : all) {
      long left = end - System.nanoTime();
      try {
        h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    try {
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(this);
  }

  @Override
  public String toString() {
    return name + "[pid " + process.pid() + "]";
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
