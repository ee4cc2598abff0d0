package org.dvinspector.caa;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dvinspector.CaaRules;
import org.dvinspector.Text;

/** The RFC 8659 §4.2 {@code issue-value} grammar (see {@link CaaIssueValue}). */
final class IssueValueParser {
  private final String s;
  private int pos;

  private IssueValueParser(String s) {
    this.s = s;
  }

  static CaaIssueValue parse(String value, CaaRules rules) {
    return new IssueValueParser(value).run(rules);
  }

  private CaaIssueValue run(CaaRules rules) {
    skipWsp();
    int start = pos;
    while (pos < s.length() && !isWsp(s.charAt(pos)) && s.charAt(pos) != ';') {
      pos++;
    }
    String issuer = s.substring(start, pos);
    if (!issuer.isEmpty()) {
      Optional<String> bad = checkIssuerDomainName(issuer);
      if (bad.isPresent()) {
        return CaaIssueValue.malformed(bad.get());
      }
    }
    Optional<String> issuerDomain = issuer.isEmpty() ? Optional.empty() : Optional.of(issuer);
    skipWsp();
    List<CaaParameter> parameters = new ArrayList<>();
    if (pos == s.length()) {
      return CaaIssueValue.of(issuerDomain, parameters);
    }
    if (s.charAt(pos) != ';') {
      return CaaIssueValue.malformed("unexpected " + describe(pos) + " after the issuer domain name"
          + " (parameters follow a \";\")");
    }
    pos++;
    skipWsp();
    if (pos == s.length()) {
      return CaaIssueValue.of(issuerDomain, parameters);
    }
    while (true) {
      int tagStart = pos;
      while (pos < s.length() && !isWsp(s.charAt(pos)) && s.charAt(pos) != '='
          && s.charAt(pos) != ';') {
        pos++;
      }
      String tag = s.substring(tagStart, pos);
      if (tag.isEmpty()) {
        return CaaIssueValue.malformed(pos == s.length()
            ? "a \";\" is not followed by a parameter"
            : "a parameter tag is missing before " + describe(pos));
      }
      Optional<String> badTag = checkTag(tag, rules);
      if (badTag.isPresent()) {
        return CaaIssueValue.malformed(badTag.get());
      }
      skipWsp();
      if (pos == s.length() || s.charAt(pos) != '=') {
        return CaaIssueValue.malformed(
            "the parameter " + Text.quote(tag) + " is not written tag=value");
      }
      pos++;
      skipWsp();
      int valueStart = pos;
      while (pos < s.length() && isValueChar(s.charAt(pos))) {
        pos++;
      }
      parameters.add(CaaParameter.of(tag, s.substring(valueStart, pos)));
      skipWsp();
      if (pos == s.length()) {
        return CaaIssueValue.of(issuerDomain, parameters);
      }
      if (s.charAt(pos) != ';') {
        return CaaIssueValue.malformed("unexpected " + describe(pos) + " in the value of parameter "
            + Text.quote(tag));
      }
      pos++;
      skipWsp();
    }
  }

  private static Optional<String> checkIssuerDomainName(String issuer) {
    String[] labels = issuer.split("\\.", -1);
    for (String label : labels) {
      if (!isLdhLabel(label)) {
        return Optional.of("the issuer domain name " + Text.quote(issuer) + " is not a domain name"
            + (issuer.endsWith(".") ? " (a trailing dot is not allowed)" : "")
            + " (RFC 8659 §4.2: letters, digits and inner hyphens, dot-separated)");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> checkTag(String tag, CaaRules rules) {
    if (!isLdhLabel(tag)) {
      return Optional.of("the parameter tag " + Text.quote(tag)
          + " is not letters and digits (with inner hyphens)");
    }
    if (rules.rejectHyphenInParameterTags() && tag.indexOf('-') >= 0) {
      return Optional.of("the parameter tag " + Text.quote(tag)
          + " contains a hyphen, which this CA does not accept");
    }
    return Optional.empty();
  }

  /** {@code (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))}. */
  static boolean isLdhLabel(String label) {
    if (label.isEmpty() || !isAlnum(label.charAt(0)) || !isAlnum(label.charAt(label.length() - 1))) {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!isAlnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isWsp(char c) {
    return c == ' ' || c == '\t';
  }

  /** {@code %x21-3A / %x3C-7E}: visible ASCII except ";". */
  private static boolean isValueChar(char c) {
    return c >= 0x21 && c <= 0x7e && c != ';';
  }

  private void skipWsp() {
    while (pos < s.length() && isWsp(s.charAt(pos))) {
      pos++;
    }
  }

  private String describe(int at) {
    return "character " + Text.quote(String.valueOf(s.charAt(at))) + " at position " + (at + 1);
  }
}
