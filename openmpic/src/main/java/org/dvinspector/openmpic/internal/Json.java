package org.dvinspector.openmpic.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dvinspector.spi.Text;

/** JSON in and out, bounded and strict. */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(64).maxStringLength(1_000_000).maxNumberLength(40).build());
  }

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** A JSON object, or a {@link MpicFormatException} saying why not. */
  static JsonNode parse(byte[] body) throws MpicFormatException {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || !n.isObject()) {
        throw new MpicFormatException("the body is not a JSON object (" + excerpt(body) + ")");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new MpicFormatException("the body is not valid JSON (" + excerpt(body) + ")", e);
    } catch (IOException e) {
      throw new MpicFormatException("the body could not be read", e);
    }
  }

  /** The first bytes of a body, escaped and quoted, for messages. */
  static String excerpt(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
    return body.length == 0 ? "empty" : Text.quote(s, 80);
  }

  static String text(JsonNode n, String field, String where) throws MpicFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new MpicFormatException(where + field + ": expected a string");
    }
    return v.textValue();
  }

  static Optional<String> optText(JsonNode n, String field, String where)
      throws MpicFormatException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new MpicFormatException(where + field + ": expected a string or null");
    }
    return Optional.of(v.textValue());
  }

  static boolean bool(JsonNode n, String field, String where) throws MpicFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new MpicFormatException(where + field + ": expected true or false");
    }
    return v.booleanValue();
  }

  /** A boolean that may be missing or null (the engine's pydantic models default some). */
  static Optional<Boolean> optBool(JsonNode n, String field, String where)
      throws MpicFormatException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isBoolean()) {
      throw new MpicFormatException(where + field + ": expected true, false or null");
    }
    return Optional.of(v.booleanValue());
  }

  static Optional<Integer> optInt(JsonNode n, String field, String where)
      throws MpicFormatException {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isInt()) {
      throw new MpicFormatException(where + field + ": expected an integer or null");
    }
    return Optional.of(v.intValue());
  }
}
