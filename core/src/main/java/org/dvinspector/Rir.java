package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.Locale;

/**
 * The five Regional Internet Registries. BR 3.2.2.9 asks that the remote perspectives that
 * corroborate the primary one fall within the service regions of at least two of them (from
 * 2026-03-15).
 */
public enum Rir {
  /** Africa. */
  AFRINIC("AFRINIC"),
  /** Asia-Pacific. */
  APNIC("APNIC"),
  /** North America (Canada, the United States, parts of the Caribbean). */
  ARIN("ARIN"),
  /** Latin America and parts of the Caribbean. */
  LACNIC("LACNIC"),
  /** Europe, the Middle East and parts of Central Asia. */
  RIPE_NCC("RIPE NCC");

  private final String displayName;

  Rir(String displayName) {
    this.displayName = displayName;
  }

  /** The registry's usual name, e.g. {@code RIPE NCC}. */
  public String displayName() {
    return displayName;
  }

  /**
   * The registry with this name, ignoring case, spaces, hyphens and underscores ({@code ripe},
   * {@code RIPE NCC}, {@code ripe-ncc} all name {@link #RIPE_NCC}).
   *
   * @throws IllegalArgumentException if no registry has this name
   */
  public static Rir fromName(String name) {
    String n = name.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "")
        .replace("_", "");
    if (n.equals("RIPE")) {
      return RIPE_NCC;
    }
    for (Rir r : values()) {
      if (r.name().replace("_", "").equals(n)) {
        return r;
      }
    }
    throw new IllegalArgumentException("Unknown regional internet registry \"" + Text.escape(name)
        + "\"; known: AFRINIC, APNIC, ARIN, LACNIC, RIPE NCC");
  }
}
