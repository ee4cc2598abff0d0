package org.dvinspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing trust-anchor files ({@link TrustAnchor#parse}, what {@code --trust-anchor} reads): any
 * text, zone-file lines made of the tokens anchor files use, and root-anchors.xml-like documents
 * (DOCTYPEs and entities included) are either read into anchors or refused with an {@link
 * IllegalArgumentException} that says why, never another exception, and the library writes
 * nothing to standard output or standard error while reading them.
 */
final class TrustAnchorFuzzTest {
  private static final String DS =
      ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withChars(" \t\n\r;()$.<>/=\"'&#!-[]0123456789aAdDsSxX")
            .ofMaxLength(200));
  }

  @Provide
  Arbitrary<String> zoneFiles() {
    Arbitrary<String> token = Arbitraries.oneOf(
        Arbitraries.of(".", "@", "example.", "com", "IN", "CH", "DS", "DNSKEY", "ds", "dnskey",
            "3600", "1h", "99999999999999999999", "-1", "0", "256", "257", "65535", "65536", "8",
            "RSASHA256", "ECDSAP256SHA256", "ed25519", "2", "4", "(", ")", ";", "\"", "\\",
            "$ORIGIN", "$TTL", "$INCLUDE", "$GENERATE", "A", "TXT", "\u0000", "\u202e",
            "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D", "E06D44",
            "AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3", "====", "a..b.",
            "x".repeat(64) + ".", ("a".repeat(63) + ".").repeat(5)),
        Arbitraries.strings().ascii().ofMaxLength(12));
    Arbitrary<String> line = token.list().ofMaxSize(10).map(t -> String.join(" ", t));
    Arbitrary<String> lineOrReal = Arbitraries.oneOf(line, Arbitraries.just(DS));
    return lineOrReal.list().ofMaxSize(8).map(ls -> String.join(
        Arbitraries.of("\n", "\r\n", "\r").sample(), ls));
  }

  @Provide
  Arbitrary<String> xmlDocuments() {
    Arbitrary<String> text = Arbitraries.oneOf(
        Arbitraries.of(".", "20326", "8", "2", "x", "-5", "2017-02-02T00:00:00+00:00",
            "not a date", "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
            "&xxe;", "&lol9;", "<![CDATA[8]]>", "&#0;", "&#x202e;", ""),
        Arbitraries.strings().alpha().numeric().ofMaxLength(20));
    Arbitrary<String> element = Combinators.combine(
            Arbitraries.of("Zone", "KeyDigest", "KeyTag", "Algorithm", "DigestType", "Digest",
                "TrustAnchor", "Other"),
            text,
            Arbitraries.of("", " id=\"Kjqmt7v\"", " validFrom=\"2010-07-15T00:00:00+00:00\"",
                " validUntil=\"bad\"", " id=\"\u001b[31m\""))
        .as((tag, body, attr) -> "<" + tag + attr + ">" + body + "</" + tag + ">");
    Arbitrary<String> prolog = Arbitraries.of("", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<!DOCTYPE TrustAnchor [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol9 \"&lol;&lol;&lol;&lol;\">]>",
        "<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/x.dtd\">");
    return Combinators.combine(prolog, element.list().ofMaxSize(12),
            Arbitraries.of("TrustAnchor", "Anchor", "KeyDigest"), Arbitraries.of("", "</", "<"))
        .as((p, children, root, tail) -> p + "<" + root + ">" + String.join("", children)
            + "</" + root + ">" + tail);
  }

  @Property
  void anyTextIsReadOrRefusedWithAReason(@ForAll("anyText") String text) {
    readsOrRefuses(text);
  }

  @Property
  void zoneFileLinesAreReadOrRefusedWithAReason(@ForAll("zoneFiles") String text) {
    readsOrRefuses(text);
  }

  @Property
  void xmlDocumentsAreReadOrRefusedWithAReason(@ForAll("xmlDocuments") String text) {
    readsOrRefuses(text);
  }

  private static void readsOrRefuses(String text) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      List<TrustAnchor> anchors = TrustAnchor.parse(text);
      assertThat(anchors).isNotEmpty();
      for (TrustAnchor a : anchors) {
        assertThat(a.zone()).endsWith(".");
      }
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).as("printed while reading").isEmpty();
  }
}
