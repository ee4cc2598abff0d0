package org.dvinspector.internal.keys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader for one JSON object (RFC 8259), enough for a JWK: members whose values are
 * strings are kept; other values (numbers, booleans, null, arrays, objects) are read and skipped.
 */
final class JsonObject {
  private final String text;
  private int i;

  private JsonObject(String text) {
    this.text = text;
  }

  /** The string members of the object {@code text} holds. */
  static Map<String, String> stringMembers(String text) {
    JsonObject r = new JsonObject(text);
    r.space();
    Map<String, String> out = new LinkedHashMap<>();
    r.expect('{');
    r.space();
    if (r.peek() == '}') {
      r.i++;
    } else {
      while (true) {
        r.space();
        String key = r.string();
        r.space();
        r.expect(':');
        r.space();
        if (r.peek() == '"') {
          String value = r.string();
          if (out.put(key, value) != null) {
            throw r.error("the member \"" + key + "\" appears twice");
          }
        } else {
          r.skipValue(0);
        }
        r.space();
        char c = r.next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw r.error("expected ',' or '}'");
        }
      }
    }
    r.space();
    if (r.i != text.length()) {
      throw r.error("text after the JSON object");
    }
    return out;
  }

  private void skipValue(int depth) {
    if (depth > 32) {
      throw error("nested too deeply");
    }
    char c = peek();
    if (c == '"') {
      string();
    } else if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      i++;
      space();
      if (peek() == close) {
        i++;
        return;
      }
      while (true) {
        space();
        if (close == '}') {
          string();
          space();
          expect(':');
          space();
        }
        skipValue(depth + 1);
        space();
        char n = next();
        if (n == close) {
          return;
        }
        if (n != ',') {
          throw error("expected ',' or '" + close + "'");
        }
      }
    } else {
      int start = i;
      while (i < text.length() && "+-.0123456789eEtruefalsn".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      String literal = text.substring(start, i);
      if (literal.isEmpty() || !(literal.equals("true") || literal.equals("false")
          || literal.equals("null") || literal.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?"))) {
        throw error("not a JSON value");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("control character in a string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            b.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          i += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private void space() {
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
  }

  private char peek() {
    if (i >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      i--;
      throw error("expected '" + c + "'");
    }
  }

  private KeyFormatException error(String what) {
    return new KeyFormatException("not a JSON object: " + what + " at character " + (i + 1));
  }
}
