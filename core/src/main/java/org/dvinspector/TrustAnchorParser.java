package org.dvinspector;

import org.dvinspector.spi.Text;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads {@link TrustAnchor}s from anchor files without a DNS library: zone-file DS and DNSKEY
 * lines (RFC 1035 §5.1 syntax, the subset anchor files use) and IANA's root-anchors.xml (RFC 9718).
 */
final class TrustAnchorParser {
  /** Most anchors one file may hold (a real file has two or three). */
  private static final int MAX_ANCHORS = 1_000;

  /** Algorithm mnemonics (RFC 8624 §2 and the IANA registry) accepted beside the numbers. */
  private static final Map<String, Integer> ALGORITHMS = Map.ofEntries(
      Map.entry("RSAMD5", 1), Map.entry("DSA", 3), Map.entry("RSASHA1", 5),
      Map.entry("DSA-NSEC3-SHA1", 6), Map.entry("RSASHA1-NSEC3-SHA1", 7),
      Map.entry("RSASHA256", 8), Map.entry("RSASHA512", 10), Map.entry("ECC-GOST", 12),
      Map.entry("ECDSAP256SHA256", 13), Map.entry("ECDSAP384SHA384", 14),
      Map.entry("ED25519", 15), Map.entry("ED448", 16));

  private TrustAnchorParser() {}

  static List<TrustAnchor> parse(String text) {
    String t = text.strip();
    if (t.startsWith("\ufeff")) {
      t = t.substring(1).strip();
    }
    List<TrustAnchor> out = t.startsWith("<") ? parseXml(t) : parseZoneFile(text);
    if (out.isEmpty()) {
      throw new IllegalArgumentException("No DS or DNSKEY trust anchor found");
    }
    return List.copyOf(out);
  }

  // ------------------------------------------------------------------ zone file

  private static List<TrustAnchor> parseZoneFile(String text) {
    List<TrustAnchor> out = new ArrayList<>();
    @Nullable String origin = null;
    @Nullable String lastOwner = null;
    String[] lines = text.split("\r?\n|\r", -1);
    int i = 0;
    while (i < lines.length) {
      int first = i + 1;
      StringBuilder logical = new StringBuilder();
      int depth = 0;
      boolean startsBlank = !lines[i].isEmpty() && Character.isWhitespace(lines[i].charAt(0));
      do {
        String line = stripComment(lines[i++]);
        for (char c : line.toCharArray()) {
          if (c == '(') {
            depth++;
          } else if (c == ')') {
            depth--;
            if (depth < 0) {
              throw error(first, "unbalanced ')'");
            }
          }
        }
        logical.append(line.replace('(', ' ').replace(')', ' ')).append(' ');
      } while (depth > 0 && i < lines.length);
      if (depth > 0) {
        throw error(first, "'(' is never closed");
      }
      String[] tokens = logical.toString().trim().split("\\s+");
      if (tokens.length == 0 || tokens[0].isEmpty()) {
        continue;
      }
      if (tokens[0].startsWith("$")) {
        String directive = tokens[0].toUpperCase(Locale.ROOT);
        if (directive.equals("$ORIGIN") && tokens.length == 2) {
          origin = absolute(tokens[1], first);
        } else if (!directive.equals("$TTL")) {
          throw error(first, "unsupported directive " + Text.quote(tokens[0]));
        }
        continue;
      }
      int k = 0;
      String owner;
      if (startsBlank) {
        if (lastOwner == null) {
          throw error(first, "a record without an owner name comes first");
        }
        owner = lastOwner;
      } else {
        owner = ownerName(tokens[k++], origin, first);
      }
      lastOwner = owner;
      // Optional TTL and class, in either order (RFC 1035 §5.1).
      for (int skip = 0; skip < 2 && k < tokens.length; skip++) {
        String tok = tokens[k];
        if (tok.matches("\\d+[smhdwSMHDW0-9]*") || tok.equalsIgnoreCase("IN")) {
          k++;
        }
      }
      if (k >= tokens.length) {
        throw error(first, "no record type");
      }
      String type = tokens[k++].toUpperCase(Locale.ROOT);
      List<String> rdata = List.of(tokens).subList(k, tokens.length);
      try {
        if (type.equals("DS")) {
          if (rdata.size() < 4) {
            throw error(first, "a DS record has key tag, algorithm, digest type and digest");
          }
          out.add(TrustAnchor.ds(owner, number(rdata.get(0), "key tag", first),
              algorithm(rdata.get(1), first), number(rdata.get(2), "digest type", first),
              String.join("", rdata.subList(3, rdata.size()))));
        } else if (type.equals("DNSKEY")) {
          if (rdata.size() < 4) {
            throw error(first, "a DNSKEY record has flags, protocol, algorithm and public key");
          }
          if (number(rdata.get(1), "protocol", first) != TrustAnchor.PROTOCOL) {
            throw error(first, "the DNSKEY protocol must be 3 (RFC 4034 §2.1.2)");
          }
          out.add(TrustAnchor.dnskey(owner, number(rdata.get(0), "flags", first),
              algorithm(rdata.get(2), first), String.join("", rdata.subList(3, rdata.size()))));
        } else {
          throw error(first, "only DS and DNSKEY records can be trust anchors, got "
              + Text.quote(type));
        }
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("line ")) {
          throw e;
        }
        throw error(first, e.getMessage());
      }
      if (out.size() > MAX_ANCHORS) {
        throw error(first, "more than " + MAX_ANCHORS + " trust anchors");
      }
    }
    return out;
  }

  private static String stripComment(String line) {
    int semi = line.indexOf(';');
    return semi < 0 ? line : line.substring(0, semi);
  }

  private static String ownerName(String token, @Nullable String origin, int line) {
    if (token.equals("@")) {
      if (origin == null) {
        throw error(line, "'@' without $ORIGIN");
      }
      return origin;
    }
    if (token.endsWith(".")) {
      return absolute(token, line);
    }
    if (origin == null) {
      throw error(line, "the owner name " + Text.quote(token)
          + " is relative; write it with a trailing dot (\".\" for the root)");
    }
    return absolute(token + (origin.equals(".") ? "." : "." + origin), line);
  }

  private static String absolute(String name, int line) {
    try {
      return zoneName(name);
    } catch (IllegalArgumentException e) {
      throw error(line, String.valueOf(e.getMessage()));
    }
  }

  /** A zone name, absolute and lower case; checks label and name lengths (RFC 1035 §2.3.4). */
  static String zoneName(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.isEmpty() || n.equals(".")) {
      return ".";
    }
    if (!n.endsWith(".")) {
      n = n + ".";
    }
    if (n.length() > 254 || n.startsWith(".")) {
      throw new IllegalArgumentException("Not a domain name: " + Text.quote(name));
    }
    for (String label : n.substring(0, n.length() - 1).split("\\.", -1)) {
      if (label.isEmpty() || label.length() > 63 || !label.matches("[\\x21-\\x7e]+")) {
        throw new IllegalArgumentException("Not a domain name: " + Text.quote(name));
      }
    }
    return n;
  }

  private static int number(String token, String what, int line) {
    try {
      return Integer.parseInt(token);
    } catch (NumberFormatException e) {
      throw error(line, "the " + what + " is not a number: " + Text.quote(token));
    }
  }

  private static int algorithm(String token, int line) {
    Integer mnemonic = ALGORITHMS.get(token.toUpperCase(Locale.ROOT));
    return mnemonic != null ? mnemonic : number(token, "algorithm", line);
  }

  static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The public key is not Base64", e);
    }
  }

  private static IllegalArgumentException error(int line, @Nullable String why) {
    return new IllegalArgumentException("line " + line + ": " + why);
  }

  // ------------------------------------------------------------------ root-anchors.xml

  private static List<TrustAnchor> parseXml(String text) {
    Document doc;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // The file comes from outside: no DTD, no external entities (XXE).
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      doc = b.parse(new InputSource(new StringReader(text)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException("Not a root-anchors.xml document: " + e.getMessage(), e);
    }
    Element root = doc.getDocumentElement();
    if (!root.getTagName().equals("TrustAnchor")) {
      throw new IllegalArgumentException("Not a root-anchors.xml document: the top element is <"
          + Text.escape(root.getTagName()) + ">, not <TrustAnchor>");
    }
    String zone = child(root, "Zone").orElseThrow(
        () -> new IllegalArgumentException("root-anchors.xml: <TrustAnchor> has no <Zone>"));
    List<TrustAnchor> out = new ArrayList<>();
    NodeList digests = root.getElementsByTagName("KeyDigest");
    for (int i = 0; i < digests.getLength() && i <= MAX_ANCHORS; i++) {
      Element kd = (Element) digests.item(i);
      String id = kd.getAttribute("id");
      String where = "root-anchors.xml KeyDigest " + Text.quote(id) + ": ";
      try {
        TrustAnchor a = TrustAnchor.ds(zone,
            Integer.parseInt(required(kd, "KeyTag")),
            Integer.parseInt(required(kd, "Algorithm")),
            Integer.parseInt(required(kd, "DigestType")),
            required(kd, "Digest"));
        out.add(a.withValidity(instant(kd.getAttribute("validFrom")),
            instant(kd.getAttribute("validUntil"))));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException(where + e.getMessage(), e);
      }
    }
    if (out.size() > MAX_ANCHORS) {
      throw new IllegalArgumentException("root-anchors.xml: more than " + MAX_ANCHORS + " anchors");
    }
    return out;
  }

  private static String required(Element parent, String name) {
    return child(parent, name).orElseThrow(
        () -> new IllegalArgumentException("no <" + name + ">"));
  }

  private static Optional<String> child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return Optional.of(e.getTextContent().strip());
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(String value) {
    return value.isBlank() ? Optional.empty()
        : Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
  }
}
