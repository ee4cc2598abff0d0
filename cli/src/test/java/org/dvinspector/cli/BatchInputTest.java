package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class BatchInputTest {
  @Test
  void jsonLinesUseOptionNamesAsKeys() {
    List<BatchInput.Line> lines = BatchInput.parse(
        "{\"domain\":\"a.example.com\",\"dns-txt\":\"t1\",\"caa-issuer\":[\"letsencrypt.org\"]}\n"
            + "\n"
            + "{\"domain\":\"b.example.com\",\"caa\":false,\"http-file\":\"x\"}\n",
        "in.jsonl", BatchInput.Format.AUTO);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).number()).isEqualTo(1);
    assertThat(lines.get(0).spec().text(RequestField.DNS_TXT)).isEqualTo("t1");
    assertThat(lines.get(0).spec().list(RequestField.CAA_ISSUER)).containsExactly("letsencrypt.org");
    assertThat(lines.get(1).number()).isEqualTo(3);
    assertThat(lines.get(1).spec().bool(RequestField.CAA)).isFalse();
  }

  @Test
  void csvHasAHeaderRowAndQuotedCells() {
    List<BatchInput.Line> lines = BatchInput.parse(
        "domain,dns-txt,caa-issuer\n"
            + "a.example.com,\"t,1\",letsencrypt.org;pki.goog\n"
            + "b.example.com,\"say \"\"hi\"\"\",\n",
        "in.csv", BatchInput.Format.AUTO);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).number()).isEqualTo(2);
    assertThat(lines.get(0).spec().text(RequestField.DNS_TXT)).isEqualTo("t,1");
    assertThat(lines.get(0).spec().list(RequestField.CAA_ISSUER))
        .containsExactly("letsencrypt.org", "pki.goog");
    assertThat(lines.get(1).spec().text(RequestField.DNS_TXT)).isEqualTo("say \"hi\"");
    assertThat(lines.get(1).spec().has(RequestField.CAA_ISSUER)).isFalse();
  }

  @Test
  void formatIsDetectedFromTheFirstCharacterWithoutAnExtension() {
    assertThat(BatchInput.detect("  {\"domain\":\"x\"}", "requests")).isEqualTo(BatchInput.Format.JSONL);
    assertThat(BatchInput.detect("domain\nx\n", "requests")).isEqualTo(BatchInput.Format.CSV);
  }

  @Test
  void unknownKeyNamesTheLineAndTheKnownKeys() {
    assertThatThrownBy(() -> BatchInput.parse("{\"domain\":\"a\"}\n{\"dns_txt\":\"x\",\"colour\":1}\n",
        "in.jsonl", BatchInput.Format.JSONL))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--input in.jsonl line 2: unknown field 'colour'")
        .hasMessageContaining("dns-txt");
  }

  @Test
  void invalidJsonNamesTheLine() {
    assertThatThrownBy(() -> BatchInput.parse("{\"domain\":\"a\"}\n{\"domain\":\n",
        "in.jsonl", BatchInput.Format.JSONL))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--input in.jsonl line 2: not valid JSON");
  }

  @Test
  void csvWithoutDomainColumnIsRejected() {
    assertThatThrownBy(() -> BatchInput.parse("dns-txt\nabc\n", "in.csv", BatchInput.Format.CSV))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'domain' column");
  }

  @Test
  void csvRowWithTooManyCellsIsRejected() {
    assertThatThrownBy(() -> BatchInput.parse("domain\na,b\n", "in.csv", BatchInput.Format.CSV))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void unclosedQuoteIsRejected() {
    assertThatThrownBy(() -> BatchInput.parse("domain\n\"a\n", "in.csv", BatchInput.Format.CSV))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not closed");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> BatchInput.parse("\n\n", "in.jsonl", BatchInput.Format.JSONL))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("holds no request");
  }
}
