package org.dvinspector.caa;

import java.util.ArrayList;
import java.util.List;
import org.dvinspector.CaaRules;
import org.dvinspector.IssueParameter;
import org.dvinspector.IssueValue;

/**
 * The RFC 8659 §4.2 {@code issue-value} grammar (see {@link CaaIssueValue}): the parser lives in
 * core ({@link IssueValue}), shared with dns-persist-01, whose TXT record uses the same grammar.
 */
final class IssueValueParser {
  private IssueValueParser() {}

  static CaaIssueValue parse(String value, CaaRules rules) {
    IssueValue parsed = IssueValue.parse(value, rules);
    if (parsed.problem().isPresent()) {
      return CaaIssueValue.malformed(parsed.problem().get());
    }
    List<CaaParameter> parameters = new ArrayList<>();
    for (IssueParameter p : parsed.parameters()) {
      parameters.add(CaaParameter.of(p.tag(), p.value()));
    }
    return CaaIssueValue.of(parsed.issuerDomain(), parameters);
  }

  /** {@code (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT))}. */
  static boolean isLdhLabel(String label) {
    return IssueValue.isLdhLabel(label);
  }
}
