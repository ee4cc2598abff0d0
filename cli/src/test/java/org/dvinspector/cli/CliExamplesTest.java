package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dvinspector.acme.AcmeAccountKey;
import org.dvinspector.testkit.DnsLab;
import org.dvinspector.testkit.HttpLab;
import org.dvinspector.testkit.HttpLabTls;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code dvi} example the documentation shows: the Examples of each {@code --help}
 * text, the commands in the code blocks of {@code README.md} and {@code cli/README.md}, the
 * commands quoted inline with an option, and the batch files of cli/README.md. The examples are
 * read from the documents themselves, so a new example is tested the day it is written.
 *
 * <p>The domains of the examples ({@code www.example.com}, {@code example.com}, {@code
 * shop.example.net}) live in a DNS lab and an HTTP lab on loopback, staged so that each example
 * is READY; {@code dvi check} reaches them through its network options, which this test appends.
 * Files the examples name ({@code account.pem}, {@code orders.jsonl}) are made in a temporary
 * directory.
 */
final class CliExamplesTest {
  private static final Path ROOT_README = Path.of("..", "README.md");
  private static final Path CLI_README = Path.of("README.md");
  private static final String TOKEN = "TOKEN";

  @TempDir static Path dir;
  private static DnsLab dns;
  private static HttpLab http;
  private static Path accountKey;
  private static final Map<String, Path> files = new java.util.HashMap<>();

  @BeforeAll
  static void startLabs() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    accountKey = dir.resolve("account.pem");
    Files.writeString(accountKey, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    String digest = AcmeAccountKey.read(accountKey).dns01TxtValue(TOKEN);
    dns = DnsLab.builder()
        .zone("example.com", z -> z
            .nameserver("ns1.example.com", "127.0.0.31")
            .nameserver("ns2.example.com", "127.0.0.32")
            .records(
                "_dnsauth.www TXT \"K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a\"",
                "www A 127.0.0.50",
                "@ A 127.0.0.50",
                "_acme-challenge TXT \"" + digest + "\"",
                "_validation-persist TXT \"letsencrypt.org;"
                    + " accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1\""))
        .zone("example.net", z -> z
            .nameserver("ns1.example.net", "127.0.0.33")
            .records("shop A 127.0.0.51"))
        .start();
    http = HttpLab.start("example.com", "shop.example.net");
    http.endpoint("127.0.0.50", HttpLabTls.CLOSED)
        .serve("/.well-known/pki-validation/fileauth.txt", "CONTENT");
    http.endpoint("127.0.0.51", HttpLabTls.CLOSED)
        .serve("/.well-known/pki-validation/fileauth.txt", "2024def");
  }

  @AfterAll
  static void stopLabs() {
    http.close();
    dns.close();
  }

  // ------------------------------------------------------------------ collecting the examples

  /** A command shown in the documentation, where it was found, and its words. */
  record Example(String source, String text, List<String> words) {}

  private static final Pattern CODE_SPAN = Pattern.compile("`((?:bin/)?dvi [^`]*)`");
  private static final Pattern QUOTED = Pattern.compile("'(dvi [^']*)'");

  static List<Example> examples() throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    List<Example> out = new ArrayList<>();
    for (String[] help : new String[][] {{"--help"}, {"check", "--help"}, {"demo", "--help"},
        {"generate-completion", "--help"}}) {
      CliRun r = CliRun.run(help);
      String source = "dvi " + String.join(" ", help);
      int at = r.out.indexOf("Examples:");
      if (at >= 0) {
        for (String command : joinContinuations(r.out.substring(at).lines().skip(1).toList())) {
          add(out, seen, source, command);
        }
      }
      Matcher m = QUOTED.matcher(r.out);
      while (m.find()) {
        add(out, seen, source, m.group(1));
      }
    }
    for (Path doc : List.of(ROOT_README, CLI_README)) {
      boolean inBlock = false;
      List<String> block = new ArrayList<>();
      for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
        if (line.startsWith("```")) {
          if (inBlock) {
            for (String command : joinContinuations(block)) {
              String c = commandIn(command);
              if (c != null) {
                add(out, seen, doc.toString(), c);
              }
            }
            block.clear();
          }
          inBlock = !inBlock;
          continue;
        }
        if (inBlock) {
          block.add(line);
          continue;
        }
        if (line.startsWith("#")) {
          continue; // a heading names a command, it does not show one
        }
        Matcher m = CODE_SPAN.matcher(line);
        while (m.find()) {
          // Inline mentions are examples when they show an option or an argument.
          if (m.group(1).contains(" -") || m.group(1).split(" ").length > 2) {
            add(out, seen, doc + " (inline)", m.group(1));
          }
        }
      }
    }
    return out;
  }

  /** Shell lines with trailing backslashes joined into one command each. */
  private static List<String> joinContinuations(List<String> lines) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String l : lines) {
      String t = l.strip();
      if (t.endsWith("\\")) {
        current.append(t.substring(0, t.length() - 1).strip()).append(' ');
      } else {
        current.append(t);
        if (!current.toString().isBlank()) {
          out.add(current.toString().strip());
        }
        current.setLength(0);
      }
    }
    return out;
  }

  /** The dvi command a shell line runs, if any ({@code $ bin/dvi ...}, {@code ... && bin/dvi}). */
  private static @Nullable String commandIn(String line) {
    String l = line.replaceFirst("\\s+#.*$", "").strip();
    if (l.startsWith("$ ")) {
      l = l.substring(2);
    }
    int sub = l.indexOf("<(");
    if (sub >= 0 && l.indexOf(')', sub) > 0) {
      l = l.substring(sub + 2, l.indexOf(')', sub));
    }
    int and = l.lastIndexOf("&& ");
    if (and >= 0) {
      l = l.substring(and + 3);
    }
    return l.startsWith("dvi ") || l.startsWith("bin/dvi ") ? l : null;
  }

  private static void add(List<Example> out, Set<String> seen, String source, String text) {
    String t = text.strip().replaceFirst("^bin/", "");
    // A placeholder for any command: each command.
    List<String> variants = t.contains("COMMAND")
        ? List.of(t.replace("COMMAND", "check"), t.replace("COMMAND", "demo"))
        : List.of(t.replace("dvi demo NAME", "dvi demo record-missing"));
    for (String v : variants) {
      // The same command shown twice (a pipe or redirection aside) runs once.
      if (seen.add(String.join(" ", words(v)))) {
        out.add(new Example(source, v, words(v)));
      }
    }
  }

  /** Shell words: spaces separate, single quotes group; a redirection and what follows go. */
  private static List<String> words(String command) {
    List<String> w = new ArrayList<>();
    Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(command);
    while (m.find()) {
      String word = m.group(1) != null ? m.group(1) : m.group(2);
      if (word.equals(">") || word.equals("|") || word.equals("&")) {
        break;
      }
      w.add(word);
    }
    return w.subList(1, w.size()); // without "dvi"
  }

  // ------------------------------------------------------------------ running them

  @Test
  void theDocumentsShowTheExamplesThisTestExpects() throws IOException {
    List<String> texts = examples().stream().map(Example::text).toList();
    assertThat(texts).contains(
        "dvi check www.example.com --profile digicert --dns-txt K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a"
            + " --txt-label _dnsauth",
        "dvi check example.com --http-file fileauth.txt=CONTENT --watch",
        "dvi check --input orders.jsonl --concurrency 16 > reports.jsonl",
        "dvi check www.example.com --profile digicert --dns-txt K7d2Qm9Xw4Lp8Rt1Vy6Zb3Nc5Hf0Jg2a",
        "dvi demo --list", "dvi demo --serve", "dvi generate-completion", "dvi --version");
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentedExampleRuns() throws IOException {
    return examples().stream().map(e -> DynamicTest.dynamicTest(
        e.text() + "  [" + e.source() + "]", () -> run(e)));
  }

  private static void run(Example e) throws Exception {
    List<String> words = new ArrayList<>();
    for (String w : e.words()) {
      words.add(file(w));
    }
    if (words.equals(List.of("demo", "--serve"))) {
      serveUntilInterrupted();
      return;
    }
    if (!words.isEmpty() && words.get(0).equals("agent")) {
      // A service: it runs until Ctrl-C. In the background ("&") it serves the examples after
      // it; otherwise it is stopped once it listens.
      Agent agent = startAgent(words);
      if (!e.text().strip().endsWith("&")) {
        agent.stop();
      }
      return;
    }
    for (int i = 0; i < words.size(); i++) {
      // The agents' addresses, as the background agents started above really listen.
      for (Map.Entry<String, String> m : agentAddresses.entrySet()) {
        words.set(i, words.get(i).replace("//" + m.getKey(), "//" + m.getValue()));
      }
    }
    if (!words.isEmpty() && words.get(0).equals("check") && !words.contains("--help")) {
      words.addAll(network());
      if (words.contains("--watch")) {
        // READY at the first attempt ends the watch; the bound only protects the build.
        words.addAll(List.of("--interval", "200ms", "--watch-timeout", "60s"));
      }
    }
    CliRun r = CliRun.run(words.toArray(new String[0]));
    assertThat(r.exitCode).as("exit code of %s (%s)%n%s", e.text(), e.source(), r).isZero();
  }

  /** The files the examples name, made on first use. */
  private static String file(String word) throws IOException {
    switch (word) {
      case "account.pem":
      case "key.pem":
        return accountKey.toString();
      case "orders.jsonl":
        return batchFile("orders.jsonl", "{\"domain\"");
      case "agent.key":
        return agentKey().toString();
      case "perspectives.json":
        return perspectivesConfig().toString();
      default:
        return word;
    }
  }

  private static String batchFile(String name, String firstChar) throws IOException {
    Path p = files.get(name);
    if (p == null) {
      p = dir.resolve(name);
      Files.writeString(p, String.join("\n", batchBlock(firstChar)) + "\n");
      files.put(name, p);
    }
    return p.toString();
  }

  /** The lines of the cli/README.md code block whose first line starts with {@code start}. */
  private static List<String> batchBlock(String start) throws IOException {
    List<String> block = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(CLI_README, StandardCharsets.UTF_8)) {
      if (line.startsWith("```")) {
        if (in && !block.isEmpty() && block.get(0).startsWith(start)) {
          return block;
        }
        block = new ArrayList<>();
        in = !in;
      } else if (in) {
        block.add(line);
      }
    }
    throw new AssertionError("cli/README.md has no code block starting with " + start);
  }

  @Test
  void theBatchFilesOfTheReadmeRunAsShown() throws IOException {
    for (String[] block : new String[][] {{"batch.jsonl", "{\"domain\""}, {"batch.csv", "domain,"}}) {
      List<String> args = new ArrayList<>(List.of("check", "--input", batchFile(block[0], block[1])));
      args.addAll(network());
      CliRun r = CliRun.run(args.toArray(new String[0]));
      assertThat(r.exitCode).as("%s%n%s", block[0], r).isZero();
      assertThat(r.out.lines().filter(l -> l.startsWith("{"))).hasSize(
          batchBlock(block[1]).size() - (block[1].equals("domain,") ? 1 : 0));
    }
  }

  /** Where {@code dvi check} finds the labs: root hints, resolver, port 53, the web endpoints. */
  private static List<String> network() {
    List<String> args = new ArrayList<>(LabNetwork.options(dns, dir));
    // Generous bounds: every example must be READY even on a loaded CI machine.
    replaceValue(args, "--timeout", "3s");
    replaceValue(args, "--deadline", "20s");
    for (Map.Entry<InetSocketAddress, InetSocketAddress> r : http.routes().entrySet()) {
      args.add("--route");
      args.add(hostPort(r.getKey()) + "=" + hostPort(r.getValue()));
    }
    return args;
  }

  private static void replaceValue(List<String> args, String option, String value) {
    int i = args.indexOf(option);
    if (i >= 0) {
      args.set(i + 1, value);
    } else {
      args.addAll(List.of(option, value));
    }
  }

  private static String hostPort(InetSocketAddress a) {
    return a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  // ------------------------------------------------------------------ dvi agent

  /** Where each documented agent address really listens (a free port on a loopback address). */
  private static final Map<String, String> agentAddresses = new java.util.LinkedHashMap<>();
  private static final List<Agent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();

  @AfterAll
  static void stopAgents() throws Exception {
    for (Agent a : agents) {
      a.stop();
    }
  }

  /** {@code openssl rand -hex 32 > agent.key}, as the README has it. */
  private static Path agentKey() throws IOException {
    Path key = dir.resolve("agent.key");
    if (!Files.exists(key)) {
      byte[] random = new byte[32];
      new java.security.SecureRandom().nextBytes(random);
      StringBuilder hex = new StringBuilder();
      for (byte b : random) {
        hex.append(String.format("%02x", b & 0xff));
      }
      Files.writeString(key, hex + "\n");
    }
    return key;
  }

  /** {@code echo '{"agent:*": {"keyFile": "agent.key"}}' > perspectives.json}. */
  private static Path perspectivesConfig() throws IOException {
    agentKey();
    Path config = dir.resolve("perspectives.json");
    Files.writeString(config, "{\"agent:*\": {\"keyFile\": \"agent.key\"}}\n");
    return config;
  }

  /** A {@code dvi agent} running in this JVM, as in another terminal. */
  private record Agent(Thread thread, CompletableFuture<Integer> code) {
    void stop() throws Exception {
      if (!code.isDone()) {
        thread.interrupt();
      }
      assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.INTERRUPTED);
    }
  }

  /**
   * Starts the agent of an example on a free port of a loopback address (the documented one, or
   * 127.0.0.1 for 0.0.0.0: tests listen on loopback only), with the labs' network options, and
   * waits until it listens.
   */
  private static Agent startAgent(List<String> words) throws Exception {
    List<String> args = new ArrayList<>(words);
    int listen = args.indexOf("--listen");
    String documented = listen >= 0 ? args.get(listen + 1) : "127.0.0.1:8453";
    String host = documented.substring(0, documented.lastIndexOf(':'));
    if (host.equals("0.0.0.0") || host.equals("[::]")) {
      host = "127.0.0.1";
    }
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName(host))) {
      port = free.getLocalPort();
    }
    String actual = host + ":" + port;
    if (listen >= 0) {
      args.set(listen + 1, actual);
    } else {
      args.addAll(List.of("--listen", actual));
    }
    args.addAll(network());
    agentAddresses.put(documented, actual);
    StringWriter err = new StringWriter();
    CliEnvironment env = CliEnvironment.of(new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true), Map.of(), false);
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread t = new Thread(() -> code.complete(Dvi.run(env, args.toArray(new String[0]))),
        "dvi-agent-" + actual);
    t.setDaemon(true);
    t.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!err.toString().contains("listening on") && !code.isDone()
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(err.toString()).as("dvi %s%n%s", String.join(" ", args), err)
        .contains("listening on");
    Agent agent = new Agent(t, code);
    agents.add(agent);
    return agent;
  }

  /** {@code dvi demo --serve}: it serves until Ctrl-C; here, until its thread is interrupted. */
  private static void serveUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliEnvironment env = CliEnvironment.of(new PrintWriter(out, true), new PrintWriter(err, true),
        Map.of(), false);
    CompletableFuture<Integer> code = new CompletableFuture<>();
    Thread t = new Thread(() -> code.complete(Dvi.run(env, "demo", "--serve")), "dvi-demo-serve");
    t.setDaemon(true);
    t.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!err.toString().contains("Press Ctrl-C to stop the lab") && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(err.toString()).contains("dvi check").contains("--root-hints");
    t.interrupt();
    assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(ExitCodes.INTERRUPTED);
  }
}
