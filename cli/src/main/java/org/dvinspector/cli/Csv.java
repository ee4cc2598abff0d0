package org.dvinspector.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated cells, double-quoted cells may hold commas, quotes
 * (doubled) and line breaks. Each row remembers the line it started on, for error messages.
 */
final class Csv {
  private Csv() {}

  /**
   * The rows; the first element of each row is its line number as text, the rest are the cells.
   *
   * @throws UsageException for an unterminated quoted cell
   */
  static List<List<String>> parse(String text, String file) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    boolean quoted = false;
    boolean any = false;
    row.add("1");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append(c);
        }
        continue;
      }
      switch (c) {
        case '"':
          quoted = true;
          any = true;
          break;
        case ',':
          row.add(cell.toString());
          cell.setLength(0);
          any = true;
          break;
        case '\r':
          break;
        case '\n':
          row.add(cell.toString());
          cell.setLength(0);
          rows.add(row);
          line++;
          rowLine = line;
          row = new ArrayList<>();
          row.add(String.valueOf(rowLine));
          any = false;
          break;
        default:
          cell.append(c);
          any = true;
          break;
      }
    }
    if (quoted) {
      throw BatchInput.error(file, rowLine, "a quoted cell is not closed");
    }
    if (any || cell.length() > 0) {
      row.add(cell.toString());
      rows.add(row);
    }
    return rows;
  }

  static int lineOf(List<String> row) {
    return Integer.parseInt(row.get(0));
  }

  static List<String> cells(List<String> row) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < row.size(); i++) {
      out.add(row.get(i).strip());
    }
    return out;
  }
}
