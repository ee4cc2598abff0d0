package org.dvinspector.caa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dvinspector.CaaRules;
import org.immutables.value.Value;

/**
 * The value of an {@code issue} or {@code issuewild} property, parsed by the RFC 8659 §4.2 grammar:
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
 * formed and authorizes no CA. A value that does not match the grammar is {@linkplain
 * #problem() malformed}; RFC 8659 §4.2 says a CA must not treat it as authorizing itself, so it
 * authorizes nobody. A trailing {@code ;} after the last parameter does not match the grammar.
 */
@Value.Immutable
public abstract class CaaIssueValue {
  /** The issuer domain name as written, or empty when the value names no CA (or is malformed). */
  public abstract Optional<String> issuerDomain();

  /** The parameters in order, duplicates kept (RFC 8657 makes duplicates unsatisfiable). */
  public abstract List<CaaParameter> parameters();

  /** Why the value does not match the grammar, when it does not. */
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
        .map(CaaParameter::value)
        .collect(Collectors.toList());
  }

  /**
   * Parses a property value. Never throws for bad input: a value that does not parse comes back
   * with a {@link #problem()}.
   *
   * @param rules the CA's strictness; {@link CaaRules#rejectHyphenInParameterTags()} makes a
   *     hyphen in a parameter tag a syntax error, as Let's Encrypt does
   */
  public static CaaIssueValue parse(String value, CaaRules rules) {
    return IssueValueParser.parse(value, rules);
  }

  static CaaIssueValue malformed(String problem) {
    return ImmutableCaaIssueValue.builder().problem(problem).build();
  }

  static CaaIssueValue of(Optional<String> issuer, List<CaaParameter> parameters) {
    return ImmutableCaaIssueValue.builder().issuerDomain(issuer).parameters(parameters).build();
  }
}
