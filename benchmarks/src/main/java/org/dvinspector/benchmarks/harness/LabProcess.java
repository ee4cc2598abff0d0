package org.dvinspector.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A lab in a child JVM that says {@code READY <port>} on its standard output once it listens,
 * then answers one line per command line, and ends on {@code quit}: {@link LabMain} and {@link
 * HostileLabMain}. Keeps the lab's CPU time, heap and sockets out of the measured process.
 */
final class LabProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private LabProcess(Process process, BufferedReader out, Writer in, int port) {
    this.process = process;
    this.out = out;
    this.in = in;
    this.port = port;
  }

  /** Starts {@code cmd} and waits until it says it listens. */
  static LabProcess start(List<String> cmd) {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the lab process " + cmd, e);
    }
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
    try {
      String line = out.readLine();
      if (line == null || !line.startsWith("READY ")) {
        p.destroyForcibly();
        throw new IllegalStateException("The lab process did not start (said " + line + ")");
      }
      return new LabProcess(p, out, in, Integer.parseInt(line.substring(6).trim()));
    } catch (IOException e) {
      p.destroyForcibly();
      throw new UncheckedIOException("Cannot read from the lab process", e);
    }
  }

  /** The lab's DNS port. */
  int port() {
    return port;
  }

  /** Sends one command line and returns the lab's one-line reply. */
  synchronized String command(String command) {
    try {
      in.write(command + "\n");
      in.flush();
      String reply = out.readLine();
      if (reply == null) {
        throw new IllegalStateException("The lab process ended");
      }
      return reply;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot talk to the lab process", e);
    }
  }

  /** Asks the lab to quit and waits for it (at most 20 s, then kills it). */
  @Override
  public void close() {
    try {
      in.write("quit\n");
      in.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
