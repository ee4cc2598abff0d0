package org.dvinspector;

import java.util.Locale;
import org.immutables.value.Value;

/** One {@code tag=value} parameter of an {@link IssueValue} (RFC 8659 §4.2). */
@Value.Immutable
public abstract class IssueParameter {
  /** The parameter tag as written, e.g. {@code accounturi}. */
  @Value.Parameter
  public abstract String tag();

  /** The parameter value as written (may be empty). */
  @Value.Parameter
  public abstract String value();

  /** Creates a parameter. */
  public static IssueParameter of(String tag, String value) {
    return ImmutableIssueParameter.of(tag, value);
  }

  /** The tag in lower case, for comparison (tags are case-insensitive, RFC 8659 §4.2). */
  public String tagKey() {
    return tag().toLowerCase(Locale.ROOT);
  }

  /** {@code tag=value}. */
  @Override
  public String toString() {
    return tag() + "=" + value();
  }
}
