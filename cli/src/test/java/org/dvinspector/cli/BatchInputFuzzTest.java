package org.dvinspector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.dvinspector.RootServer;

/**
 * Fuzzing what the CLI reads from files: CSV and JSON Lines batch input and root hints. Any text
 * is read or refused with a {@link UsageException} (one line, exit 64), never another exception;
 * CSV cells written with RFC 4180 quoting read back as written.
 */
final class BatchInputFuzzTest {
  private static final String FIELDS = "domain,dns-txt,txt-label,profile,caa,caa-issuer,bogus";

  @Provide
  Arbitrary<String> batchTexts() {
    Arbitrary<String> csvish = Arbitraries.strings()
        .withChars("domain,dns-txt\"\n\r example.com;true{}[]:\\\u0000\ufeff\u202e")
        .ofMaxLength(120);
    Arbitrary<String> jsonish = Arbitraries.strings()
        .withChars("{}[]\":, \n\\domain\"dns-txtcaa-issuer truefalsenull0123456789.e-")
        .ofMaxLength(120);
    Arbitrary<String> headed = csvish.map(s -> FIELDS + "\n" + s);
    Arbitrary<String> objects = jsonish.map(s -> "{\"domain\":\"example.com\"," + s);
    return Arbitraries.oneOf(csvish, jsonish, headed, objects,
        Arbitraries.strings().all().ofMaxLength(200));
  }

  @Property
  void batchInputIsReadOrRefusedWithAUsageError(@ForAll("batchTexts") String text) {
    for (BatchInput.Format format : BatchInput.Format.values()) {
      List<BatchInput.Line> lines;
      try {
        lines = BatchInput.parse(text, "fuzz.txt", format);
      } catch (UsageException e) {
        assertThat(e.getMessage()).isNotBlank();
        continue;
      }
      assertThat(lines).isNotEmpty();
      for (BatchInput.Line line : lines) {
        assertThat(line.number()).isPositive();
        try {
          RequestFactory.build(line.spec());
        } catch (UsageException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
    }
  }

  @Provide
  Arbitrary<List<List<String>>> tables() {
    Arbitrary<String> cell = Arbitraries.strings()
        .withChars("ab ,\"\n\r\t;=\u00e9\u202e").ofMaxLength(12);
    return cell.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property
  void csvCellsWrittenWithQuotingReadBack(@ForAll("tables") List<List<String>> table) {
    StringBuilder text = new StringBuilder();
    for (List<String> row : table) {
      List<String> quoted = new ArrayList<>();
      for (String cell : row) {
        quoted.add("\"" + cell.replace("\"", "\"\"") + "\"");
      }
      text.append(String.join(",", quoted)).append("\n");
    }
    List<List<String>> rows = Csv.parse(text.toString(), "fuzz.csv");
    assertThat(rows).hasSize(table.size());
    for (int i = 0; i < table.size(); i++) {
      List<String> expected = new ArrayList<>();
      for (String cell : table.get(i)) {
        expected.add(cell.strip());
      }
      assertThat(Csv.cells(rows.get(i))).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<String> hints() {
    Arbitrary<String> zoneish = Arbitraries.strings()
        .withChars(". NSAIN3600000a.root-servers.net198.41.0.4:\n;$ORIGINCLUDEGENERATTL()\\\"@*")
        .ofMaxLength(160);
    Arbitrary<String> prefixed = zoneish.map(s -> ". 3600000 NS a.root-servers.net.\n"
        + "a.root-servers.net. 3600000 A 198.41.0.4\n" + s);
    return Arbitraries.oneOf(zoneish, prefixed, Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.of("$INCLUDE /dev/zero\n", "$INCLUDE /etc/passwd\n",
            "$GENERATE 1-4294967295 a$ A 192.0.2.1\n", ". NS \\000.\n\\000. A 192.0.2.1\n"));
  }

  @Property
  void rootHintsAreReadOrRefusedWithAUsageError(@ForAll("hints") String text) {
    List<RootServer> servers;
    try {
      servers = RootHints.parse(text, "fuzz.root");
    } catch (UsageException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(servers).isNotEmpty();
    for (RootServer s : servers) {
      assertThat(s.addresses()).isNotEmpty();
    }
  }
}
