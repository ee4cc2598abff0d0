package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class DviTest {
  @Test
  void unknownOptionIsAUsageErrorOnOneLine() {
    CliRun r = CliRun.run("check", "example.com", "--dns-txt", "v", "--colour");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).containsExactly(
        "dvi check: Unknown option: '--colour' (see 'dvi check --help')");
    assertThat(r.out).isEmpty();
  }

  @Test
  void invalidDomainIsAUsageErrorOnOneLineWithoutStackTrace() {
    CliRun r = CliRun.run("check", "exa_mple..com", "--dns-txt", "v");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.errLines()[0]).startsWith("dvi check: ").contains("exa_mple..com")
        .doesNotContain("Exception");
  }

  @Test
  void badDurationIsAUsageError() {
    CliRun r = CliRun.run("check", "example.com", "--dns-txt", "v", "--deadline", "soon");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).singleElement().asString()
        .contains("'soon' is not a duration");
  }

  @Test
  void missingDomainIsAUsageError() {
    CliRun r = CliRun.run("check", "--dns-txt", "v");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).containsExactly("dvi check: Give a DOMAIN to check, or --input FILE");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun r = CliRun.run();
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).singleElement().asString().contains("Give a command");
  }

  @Test
  void versionNamesTheProgram() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).startsWith("dvi ");
  }

  @Test
  void helpListsTheCommands() {
    CliRun r = CliRun.run("--help");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("check").contains("generate-completion");
  }

  @Test
  void completionScriptIsGenerated() {
    CliRun r = CliRun.run("generate-completion");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("complete -F").contains("--dns-txt").contains("letsencrypt");
  }

  @Test
  void checkHelpDocumentsExitCodes() {
    CliRun r = CliRun.run("check", "--help");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).contains("0 READY, 1 NOT_READY, 2 UNKNOWN, 64");
  }

  @Test
  void checkHelpStartsWithItsHeaderAndEveryLineFitsEightyColumns() {
    CliRun r = CliRun.run("check", "--help");
    assertThat(r.exitCode).isZero();
    assertThat(r.out).startsWith("Predict whether");
    String examples = r.out.substring(r.out.indexOf("Examples:"));
    assertThat(examples.lines().skip(1)).isNotEmpty()
        .allSatisfy(l -> assertThat(l).as("an example line indented, not wrapped").startsWith("  "));
  }

  @Test
  void anUnknownCommandSuggestsTheClosestOne() {
    CliRun r = CliRun.run("chek", "example.com");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).containsExactly(
        "dvi: Unknown command 'chek'; did you mean 'check'? (see 'dvi --help')");
    assertThat(CliRun.run("dmeo").errLines()[0]).contains("did you mean 'demo'?");
  }

  @Test
  void anUnknownOptionSuggestsTheClosestOne() {
    CliRun r = CliRun.run("check", "example.com", "--dns-text", "v");
    assertThat(r.exitCode).isEqualTo(64);
    assertThat(r.errLines()).containsExactly(
        "dvi check: Unknown options: '--dns-text', 'v'; did you mean '--dns-txt'? (see 'dvi check --help')");
    assertThat(CliRun.run("check", "example.com", "--dns-txt", "v", "--no-cca").errLines()[0])
        .contains("did you mean '--no-caa'?");
    assertThat(CliRun.run("check", "example.com", "--accont-key=k.pem").errLines()[0])
        .contains("did you mean '--account-key'?");
    assertThat(CliRun.run("demo", "--jsno").errLines()[0]).contains("did you mean '--json'?");
  }

  @Test
  void farFetchedWordsGetNoSuggestion() {
    CliRun r = CliRun.run("launch");
    assertThat(r.errLines()).containsExactly(
        "dvi: Unknown command 'launch' (see 'dvi --help')");
  }
}
