package org.dvinspector.it;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real {@code dvi} command as a separate process: the JVM running the tests, started again on
 * the test class path with {@code org.dvinspector.cli.Dvi} (the same classes the shaded
 * {@code cli/target/dvi.jar} holds), so an agent is a process of its own with its own network
 * options, as it would be on another machine.
 */
final class DviProcess {
  private DviProcess() {}

  /** {@code java -cp <test class path> org.dvinspector.cli.Dvi <args>}. */
  static List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.dvinspector.cli.Dvi");
    cmd.addAll(args);
    return cmd;
  }

  /** A key file readable by this user only. */
  static Path keyFile(Path dir, String key) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("agent.key");
    Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** Root hints naming the lab's fake root, for {@code --root-hints}. */
  static Path rootHints(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("lab.root");
    Files.writeString(file, ". 3600000 NS rootns.\nrootns. 3600000 A "
        + LabEnvironment.ROOT.getHostAddress() + "\n", StandardCharsets.US_ASCII);
    return file;
  }

  /**
   * The network options that point {@code dvi} at the lab: its fake root, its unbound, loopback
   * and private addresses allowed, the web lab's ports when they moved.
   */
  static List<String> labNetwork(Path rootHints) {
    List<String> args = new ArrayList<>(List.of("--root-hints", rootHints.toString(),
        "--resolver", LabEnvironment.RESOLVER.getHostAddress(), "--allow-private-addresses",
        "--timeout", "800ms", "--deadline", "15s"));
    if (!LabEnvironment.standardPorts()) {
      args.add("--port-map");
      args.add("80=" + LabEnvironment.HTTP_PORT + ",443=" + LabEnvironment.HTTPS_PORT);
    }
    return args;
  }

  /** A running {@code dvi agent}. */
  static final class Agent implements AutoCloseable {
    final String region;
    final String url;
    private final ServerProcess process;

    private Agent(String region, String url, ServerProcess process) {
      this.region = region;
      this.url = url;
      this.process = process;
    }

    /**
     * Starts {@code dvi agent} on {@code address:port} and waits until {@code /healthz}
     * answers.
     */
    static Agent start(Path dir, InetAddress address, int port, String region, String rir,
        Path keyFile, List<String> network) throws IOException {
      List<String> args = new ArrayList<>(List.of("agent",
          "--listen", address.getHostAddress() + ":" + port,
          "--key-file", keyFile.toString(), "--region", region, "--rir", rir));
      args.addAll(network);
      ServerProcess p = ServerProcess.start("dvi-agent-" + region, command(args),
          dir.resolve(region));
      String url = "http://" + address.getHostAddress() + ":" + port;
      OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
      p.awaitReady(Duration.ofSeconds(60), () -> {
        try (Response r = http.newCall(new Request.Builder().url(url + "/healthz").build())
            .execute()) {
          return r.code() == 200;
        }
      });
      return new Agent(region, url, p);
    }

    String log() {
      return process.logTail();
    }

    @Override
    public void close() {
      process.close();
    }
  }

  /** Runs {@code dvi <args>} to the end; returns its exit code and output. */
  static Result run(Path dir, List<String> args) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path out = Files.createTempFile(dir, "dvi-", ".out");
    Path err = Files.createTempFile(dir, "dvi-", ".err");
    Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("dvi " + args + " did not finish in 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** A finished command. */
  static final class Result {
    final int exitCode;
    final String out;
    final String err;

    Result(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
    }
  }
}
