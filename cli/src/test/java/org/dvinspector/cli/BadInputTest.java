package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad value on the command line gets exit code 64 and one line on stderr, never a stack
 * trace, never an unbounded read, never a DNS lookup of an attacker-chosen string.
 */
final class BadInputTest {
  @TempDir static Path dir;
  static Path garbage;
  static Path longLine;
  static Path utf16;
  static Path nulBytes;
  static Path bigFile;

  @BeforeAll
  static void files() throws IOException {
    byte[] random = new byte[64 * 1024];
    new Random(42).nextBytes(random);
    garbage = Files.write(dir.resolve("garbage.bin"), random);
    char[] line = new char[10 * 1024 * 1024];
    Arrays.fill(line, 'a');
    longLine = Files.writeString(dir.resolve("long.jsonl"), "{\"domain\":\"" + new String(line)
        + "\"}\n");
    utf16 = dir.resolve("utf16.csv");
    Files.write(utf16, "domain,dns-txt\nexample.com,x\n".getBytes(StandardCharsets.UTF_16));
    nulBytes = Files.write(dir.resolve("nul.csv"),
        "domain,dns-txt\nexample.com,x\n".getBytes(StandardCharsets.UTF_16LE));
    bigFile = dir.resolve("big.pem");
    try (OutputStream out = Files.newOutputStream(bigFile)) {
      byte[] chunk = new byte[1024 * 1024];
      Arrays.fill(chunk, (byte) 'A');
      for (int i = 0; i < 3; i++) {
        out.write(chunk);
      }
    }
  }

  static Stream<Arguments> badCommandLines() {
    List<Arguments> all = new ArrayList<>();
    String[] files = {"/dev/zero", "/dev/urandom", dir.toString(), garbage.toString(),
        longLine.toString(), utf16.toString(), nulBytes.toString(), bigFile.toString(),
        dir.resolve("missing").toString()};
    for (String f : files) {
      all.add(Arguments.of("--root-hints " + f, new String[] {
          "check", "example.com", "--dns-txt", "x", "--root-hints", f}));
      all.add(Arguments.of("--account-key " + f, new String[] {
          "check", "example.com", "--acme-http-01", "tok", "--account-key", f}));
      all.add(Arguments.of("--input " + f, new String[] {"check", "--input", f}));
    }
    String[][] others = {
        {"check", "example.com", "--dns-txt", "x", "--deadline", "99999999999d"},
        {"check", "example.com", "--dns-txt", "x", "--deadline", "9223372036854775807s"},
        {"check", "example.com", "--dns-txt", "x", "--deadline", "P99999999999D"},
        {"check", "example.com", "--dns-txt", "x", "--deadline", "2h"},
        {"check", "example.com", "--dns-txt", "x", "--timeout", "200000d"},
        {"check", "example.com", "--dns-txt", "x", "--timeout", "10m"},
        {"check", "example.com", "--dns-txt", "x", "--watch", "--interval", "2h"},
        {"check", "example.com", "--dns-txt", "x", "--route", "999.1.1.1:80=127.0.0.1:8080"},
        {"check", "example.com", "--dns-txt", "x", "--route", "192.0.2.1:80=300.0.0.1:8080"},
        {"check", "example.com", "--dns-txt", "x", "--resolver", "999.1.1.1"},
        {"check", "example.com", "--dns-txt", "x", "--resolver", "010.1.1.1"},
        {"check", "example.com", "--dns-txt", "x", "--resolver", "1:2:3:4:5:6:7:8:9"},
        {"check", "example.com", "--dns-txt", "x", "--resolver", "evil.example.com"},
        {"check", "example.com", "--dns-txt", "x", "--port-map", "53=99999"},
        {"check", "example.com", "--dns-txt", "x", "--token-created", "9999-12-31T00:00:00Z"},
        {"check", "example.com", "--dns-txt", "x", "--concurrency", "0"},
        {"check", "example.com", "--dns-txt", "x", "--concurrency", "-1"},
        {"check", "a".repeat(100_000) + ".com", "--dns-txt", "x"},
        {"check", "exa\u200bmple.com", "--dns-txt", "x"},
        {"check", "\ud83d\ude00.com", "--dns-txt", "x"},
        {"check", "p\u0430ypal.com", "--dns-txt", "x"},
        {"check", "\u202eevil.com\u001b[2J", "--dns-txt", "x"},
        {"demo", "--deadline", "99999999999d"},
    };
    for (String[] o : others) {
      all.add(Arguments.of(String.join(" ", o).substring(0, Math.min(80,
          String.join(" ", o).length())), o));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandLines")
  void exitsWith64AndOneEscapedLineOnStderr(String label, String[] args) {
    CliRun run = CliRun.run(args);

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out).isEmpty();
    assertThat(run.errLines()).as(run.toString()).hasSize(1);
    String line = run.errLines()[0];
    assertThat(line).doesNotContain("Exception", "\tat ", "internal error")
        .hasSizeLessThanOrEqualTo(1200);
    assertThat(HostileHttpBattery.firstUnsafe("stderr", line, false)).isNull();
  }

  @Test
  void invalidIpv4LiteralsAreRefusedBeforeAnyLookup() {
    // The JDK would ask DNS for "999.1.1.1" (not a literal to it); the octets are checked first.
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--resolver", "999.1.1.1")
        .err).contains("is not a valid IPv4 address");
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--route",
        "999.1.1.1:80=127.0.0.1:8080").err).contains("is not a valid IPv4 address");
  }

  @Test
  void durationBoundsSayWhatIsAllowed() {
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--deadline", "99999999999d")
        .err).contains("too long a duration; at most 366 days");
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--timeout", "200000d").err)
        .contains("too long a duration");
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--timeout", "10m").err)
        .contains("--timeout 10 min is too long; at most 5 min");
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--deadline", "2h").err)
        .contains("--deadline 2 h is too long; at most 1 h");
  }

  @Test
  void filesSayWhatIsWrongWithThem() {
    assertThat(CliRun.run("check", "--input", "/dev/zero").err).contains("(or never ends)");
    assertThat(CliRun.run("check", "--input", utf16.toString()).err).contains("UTF-16");
    assertThat(CliRun.run("check", "--input", garbage.toString()).err)
        .containsAnyOf("binary data", "not UTF-8");
    assertThat(CliRun.run("check", "--input", longLine.toString()).err)
        .contains("line 1: longer than 65536 characters");
    assertThat(CliRun.run("check", "--input", dir.toString()).err).contains("is a directory");
  }

  @Test
  void rootHintsCannotIncludeOtherFilesOrGenerateRecords() throws IOException {
    Path include = Files.writeString(dir.resolve("include.root"), "$INCLUDE /dev/zero\n");
    CliRun run = CliRun.run("check", "example.com", "--dns-txt", "x", "--root-hints",
        include.toString());
    assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines()).hasSize(1);
    Path generate = Files.writeString(dir.resolve("generate.root"),
        ". 3600000 NS a.root-servers.net.\n$GENERATE 1-4294967295 a$ A 192.0.2.1\n");
    run = CliRun.run("check", "example.com", "--dns-txt", "x", "--root-hints",
        generate.toString());
    assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err).contains("$GENERATE is not supported");
  }

  @Test
  void aFutureTokenCreationTimeIsRefused() {
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "x", "--token-created",
        "9999-12-31T00:00:00Z").err).contains("is in the future");
  }

  @Test
  void aHugeDomainIsNotEchoedWhole() {
    CliRun run = CliRun.run("check", "a".repeat(100_000) + ".com", "--dns-txt", "x");
    assertThat(run.err.length()).isLessThan(1200);
    assertThat(run.err).contains("100004 characters");
  }

  @Test
  void subcommandsPrintTheVersion() {
    for (String command : new String[] {"check", "demo"}) {
      CliRun run = CliRun.run(command, "--version");
      assertThat(run.exitCode).isZero();
      assertThat(run.out).startsWith("dvi ");
    }
  }

  @Test
  void checkHelpExamplesStayIndentedWhenNotOnATerminal() {
    CliRun run = CliRun.run("check", "--help");
    String examples = run.out.substring(run.out.indexOf("Examples:") + "Examples:".length());
    for (String line : examples.lines().filter(l -> !l.isBlank()).toArray(String[]::new)) {
      assertThat(line).as("example line").startsWith("  ").hasSizeLessThanOrEqualTo(80);
    }
  }
}
