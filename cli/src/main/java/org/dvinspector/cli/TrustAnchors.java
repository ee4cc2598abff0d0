package org.dvinspector.cli;

import java.util.List;
import org.dvinspector.TrustAnchor;

/** Reads a {@code --trust-anchor} file: a usage error naming the file and the line when it is bad. */
final class TrustAnchors {
  /** Anchor files are a few lines (IANA's XML is under 2 KB); anything larger is not one. */
  static final long MAX_BYTES = 100_000;

  private TrustAnchors() {}

  /**
   * The anchors in {@code file}.
   *
   * @throws UsageException when the file cannot be read, is too large, or holds no valid anchor
   */
  static List<TrustAnchor> read(String file) {
    String text = RequestFactory.readFile("--trust-anchor", file, MAX_BYTES);
    try {
      return TrustAnchor.parse(text);
    } catch (IllegalArgumentException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new UsageException("--trust-anchor " + Style.safe(file) + ": "
          + Style.safe(why.replaceAll("\\s+", " ")), e);
    }
  }
}
