package org.dvinspector.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A batch file: one request per line, as JSON Lines (one object per line) or CSV (a header row
 * naming the columns, then one row per request). Keys and column names are the long option names
 * of {@code dvi check} ({@link RequestField}); values given on the command line apply to every line
 * that does not set them.
 */
final class BatchInput {
  /** The file format. */
  enum Format {
    /** Choose by the file name's extension, else by the first character. */
    AUTO,
    /** JSON Lines: one JSON object per line. */
    JSONL,
    /** CSV with a header row. */
    CSV
  }

  /** One request of the file and the line it came from (1-based). */
  static final class Line {
    private final int number;
    private final RequestSpec spec;

    Line(int number, RequestSpec spec) {
      this.number = number;
      this.spec = spec;
    }

    int number() {
      return number;
    }

    RequestSpec spec() {
      return spec;
    }
  }

  /** Longest line of a batch file: a request is a few hundred characters. */
  static final int MAX_LINE_LENGTH = 64 * 1024;

  private BatchInput() {}

  /**
   * Parses the text of a batch file.
   *
   * @throws UsageException naming the file and line of the first problem
   */
  static List<Line> parse(String text, String file, Format format) {
    int number = 1;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i - start > MAX_LINE_LENGTH) {
          throw error(file, number, "longer than " + MAX_LINE_LENGTH + " characters ("
              + (i - start) + "); one request is a few hundred");
        }
        number++;
        start = i + 1;
      }
    }
    Format f = format == Format.AUTO ? detect(text, file) : format;
    List<Line> lines = f == Format.JSONL ? jsonLines(text, file) : csv(text, file);
    if (lines.isEmpty()) {
      throw new UsageException("--input " + Style.safe(file) + " holds no request");
    }
    return lines;
  }

  static Format detect(String text, String file) {
    String name = file.toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return Format.JSONL;
    }
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\ufeff' || Character.isWhitespace(c)) {
        continue;
      }
      return c == '{' ? Format.JSONL : Format.CSV;
    }
    return Format.CSV;
  }

  private static List<Line> jsonLines(String text, String file) {
    List<Line> out = new ArrayList<>();
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = stripBom(rows[i]).strip();
      if (row.isEmpty()) {
        continue;
      }
      int number = i + 1;
      JsonNode node;
      try {
        node = ReportJson.mapper().readTree(row);
      } catch (JsonProcessingException e) {
        throw error(file, number, "not valid JSON ("
            + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
      }
      if (node == null || !node.isObject()) {
        throw error(file, number, "not a JSON object");
      }
      RequestSpec spec = RequestSpec.empty();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        RequestField field = field(file, number, e.getKey());
        spec = spec.with(field, jsonValue(file, number, field, e.getValue()));
      }
      out.add(new Line(number, spec));
    }
    return out;
  }

  private static Object jsonValue(String file, int line, RequestField field, JsonNode v) {
    if (v.isNull()) {
      throw error(file, line, "\"" + field.key() + "\" is null; leave it out instead");
    }
    switch (field.kind()) {
      case BOOLEAN:
        if (!v.isBoolean()) {
          throw error(file, line, "\"" + field.key() + "\" must be true or false");
        }
        return v.booleanValue();
      case LIST:
        List<String> list = new ArrayList<>();
        if (v.isArray()) {
          for (JsonNode item : v) {
            if (!item.isTextual()) {
              throw error(file, line, "\"" + field.key() + "\" must be a list of strings");
            }
            list.add(item.textValue());
          }
        } else if (v.isTextual()) {
          list.addAll(splitList(v.textValue()));
        } else {
          throw error(file, line, "\"" + field.key() + "\" must be a string or a list of strings");
        }
        return list;
      default:
        if (!v.isTextual()) {
          throw error(file, line, "\"" + field.key() + "\" must be a string");
        }
        return v.textValue();
    }
  }

  private static List<Line> csv(String text, String file) {
    List<List<String>> rows = Csv.parse(stripBom(text), file);
    List<Line> out = new ArrayList<>();
    List<RequestField> header = null;
    for (List<String> row : rows) {
      int number = Csv.lineOf(row);
      List<String> cells = Csv.cells(row);
      if (cells.stream().allMatch(String::isBlank)) {
        continue;
      }
      if (header == null) {
        header = new ArrayList<>();
        for (String name : cells) {
          header.add(field(file, number, name));
        }
        if (!header.contains(RequestField.DOMAIN)) {
          throw error(file, number,
              "the CSV header must name a 'domain' column (columns are dvi check's long option names)");
        }
        continue;
      }
      if (cells.size() > header.size()) {
        throw error(file, number, cells.size() + " cells, but the header names " + header.size()
            + " columns");
      }
      RequestSpec spec = RequestSpec.empty();
      for (int i = 0; i < cells.size(); i++) {
        String cell = cells.get(i);
        if (cell.isEmpty()) {
          continue;
        }
        RequestField field = header.get(i);
        switch (field.kind()) {
          case BOOLEAN:
            String c = cell.strip().toLowerCase(Locale.ROOT);
            if (!c.equals("true") && !c.equals("false")) {
              throw error(file, number, "column '" + field.key() + "' must be true or false");
            }
            spec = spec.with(field, Boolean.valueOf(c));
            break;
          case LIST:
            spec = spec.with(field, splitList(cell));
            break;
          default:
            spec = spec.with(field, cell);
            break;
        }
      }
      out.add(new Line(number, spec));
    }
    return out;
  }

  private static List<String> splitList(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split("[\\s;,]+")) {
      if (!part.isEmpty()) {
        out.add(part);
      }
    }
    return out;
  }

  private static RequestField field(String file, int line, String key) {
    return RequestField.byKey(key).orElseThrow(() -> error(file, line,
        "unknown field '" + Style.safe(key) + "'; known: " + known()));
  }

  private static String known() {
    List<String> keys = new ArrayList<>();
    for (RequestField f : RequestField.values()) {
      keys.add(f.key());
    }
    return String.join(", ", keys);
  }

  private static String stripBom(String s) {
    return s.startsWith("\ufeff") ? s.substring(1) : s;
  }

  static UsageException error(String file, int line, String message) {
    return new UsageException("--input " + Style.safe(file) + " line " + line + ": " + message);
  }
}
