package org.dvinspector;

import org.dvinspector.spi.Text;

/** Argument checks shared by the built-in check types. */
final class Checks {
  private Checks() {}

  static void requireValue(String what, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("The expected " + what + " is empty");
    }
    if (value.length() > 4096) {
      throw new IllegalArgumentException(
          "The expected " + what + " is " + value.length() + " characters long; the limit is 4096");
    }
  }

  static void requireLabel(String label) {
    if (label.isEmpty() || label.contains(".") || label.equals("*")) {
      throw new IllegalArgumentException(
          "The record label \"" + Text.escape(label) + "\" must be one DNS label such as _dnsauth");
    }
    // Reuse the name parser's label rules.
    DomainName.parse(label + ".invalid");
  }
}
