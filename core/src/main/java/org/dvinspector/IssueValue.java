package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * An RFC 8659 §4.2 {@code issue-value}, parsed: the value of a CAA {@code issue} or {@code
 * issuewild} property, and of a dns-persist-01 {@code _validation-persist} TXT record (which
 * reuses the grammar: draft-ietf-acme-dns-persist-01, "Challenge Response and Verification").
 *
 * <pre>
 * issue-value = *WSP [issuer-domain-name *WSP] [";" *WSP [parameters *WSP]]
 * issuer-domain-name = label *("." label)
 * label = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))
 * parameters = (parameter *WSP ";" *WSP parameters) / parameter
 * parameter = tag *WSP "=" *WSP value
 * tag = (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))
 * value = *(%x21-3A / %x3C-7E)
 * </pre>
 *
 * <p>WSP is a space or a tab. A value with no issuer domain name ({@code ""}, {@code ";"}) is well
 * formed and names no CA. A value that does not match the grammar is {@linkplain #problem()
 * malformed}. A trailing {@code ;} after the last parameter does not match the grammar.
 */
@Value.Immutable
public abstract class IssueValue {
  /** The issuer domain name as written, or empty when the value names no CA (or is malformed). */
  public abstract Optional<String> issuerDomain();

  /** The parameters in order, duplicates kept. */
  public abstract List<IssueParameter> parameters();

  /** Why the value does not match the grammar, when it does not (escaped, for messages). */
  public abstract Optional<String> problem();

  /** Whether the value matches the grammar. */
  public boolean isWellFormed() {
    return problem().isEmpty();
  }

  /** The values of every parameter whose tag equals {@code tag} (case-insensitively). */
  public List<String> parameterValues(String tag) {
    String key = tag.toLowerCase(Locale.ROOT);
    return parameters().stream()
        .filter(p -> p.tagKey().equals(key))
        .map(IssueParameter::value)
        .collect(Collectors.toList());
  }

  /**
   * Parses a value. Never throws for bad input: a value that does not parse comes back with a
   * {@link #problem()}.
   *
   * @param rules the CA's strictness; {@link CaaRules#rejectHyphenInParameterTags()} makes a hyphen
   *     in a parameter tag a syntax error, as Let's Encrypt does
   */
  public static IssueValue parse(String value, CaaRules rules) {
    return new Parser(value).run(rules.rejectHyphenInParameterTags());
  }

  /** {@code (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))}: an issuer-domain-name label or a tag. */
  public static boolean isLdhLabel(String label) {
    if (label.isEmpty() || !isAlnum(label.charAt(0))
        || !isAlnum(label.charAt(label.length() - 1))) {
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

  static IssueValue malformed(String problem) {
    return ImmutableIssueValue.builder().problem(problem).build();
  }

  static IssueValue of(Optional<String> issuer, List<IssueParameter> parameters) {
    return ImmutableIssueValue.builder().issuerDomain(issuer).parameters(parameters).build();
  }

  /** A recursive-descent reading of the grammar above, one value per instance. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    IssueValue run(boolean rejectHyphenInTags) {
      skipWsp();
      int start = pos;
      while (pos < s.length() && !isWsp(s.charAt(pos)) && s.charAt(pos) != ';') {
        pos++;
      }
      String issuer = s.substring(start, pos);
      if (!issuer.isEmpty()) {
        Optional<String> bad = checkIssuerDomainName(issuer);
        if (bad.isPresent()) {
          return malformed(bad.get());
        }
      }
      Optional<String> issuerDomain = issuer.isEmpty() ? Optional.empty() : Optional.of(issuer);
      skipWsp();
      List<IssueParameter> parameters = new ArrayList<>();
      if (pos == s.length()) {
        return of(issuerDomain, parameters);
      }
      if (s.charAt(pos) != ';') {
        return malformed("unexpected " + describe(pos) + " after the issuer domain name"
            + " (parameters follow a \";\")");
      }
      pos++;
      skipWsp();
      if (pos == s.length()) {
        return of(issuerDomain, parameters);
      }
      while (true) {
        int tagStart = pos;
        while (pos < s.length() && !isWsp(s.charAt(pos)) && s.charAt(pos) != '='
            && s.charAt(pos) != ';') {
          pos++;
        }
        String tag = s.substring(tagStart, pos);
        if (tag.isEmpty()) {
          return malformed(pos == s.length()
              ? "a \";\" is not followed by a parameter"
              : "a parameter tag is missing before " + describe(pos));
        }
        Optional<String> badTag = checkTag(tag, rejectHyphenInTags);
        if (badTag.isPresent()) {
          return malformed(badTag.get());
        }
        skipWsp();
        if (pos == s.length() || s.charAt(pos) != '=') {
          return malformed("the parameter " + Text.quote(tag) + " is not written tag=value");
        }
        pos++;
        skipWsp();
        int valueStart = pos;
        while (pos < s.length() && isValueChar(s.charAt(pos))) {
          pos++;
        }
        parameters.add(IssueParameter.of(tag, s.substring(valueStart, pos)));
        skipWsp();
        if (pos == s.length()) {
          return of(issuerDomain, parameters);
        }
        if (s.charAt(pos) != ';') {
          return malformed("unexpected " + describe(pos) + " in the value of parameter "
              + Text.quote(tag));
        }
        pos++;
        skipWsp();
      }
    }

    private static Optional<String> checkIssuerDomainName(String issuer) {
      for (String label : issuer.split("\\.", -1)) {
        if (!isLdhLabel(label)) {
          return Optional.of("the issuer domain name " + Text.quote(issuer)
              + " is not a domain name"
              + (issuer.endsWith(".") ? " (a trailing dot is not allowed)" : "")
              + " (RFC 8659 §4.2: letters, digits and inner hyphens, dot-separated)");
        }
      }
      return Optional.empty();
    }

    private static Optional<String> checkTag(String tag, boolean rejectHyphen) {
      if (!isLdhLabel(tag)) {
        return Optional.of("the parameter tag " + Text.quote(tag)
            + " is not letters and digits (with inner hyphens)");
      }
      if (rejectHyphen && tag.indexOf('-') >= 0) {
        return Optional.of("the parameter tag " + Text.quote(tag)
            + " contains a hyphen, which this CA does not accept");
      }
      return Optional.empty();
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
}
