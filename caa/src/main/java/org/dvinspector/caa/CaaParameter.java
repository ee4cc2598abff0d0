package org.dvinspector.caa;

import java.util.Locale;
import org.immutables.value.Value;

/** One {@code tag=value} parameter of an {@code issue} or {@code issuewild} value (RFC 8659 §4.2). */
@Value.Immutable
public abstract class CaaParameter {
  /** The parameter tag as written, e.g. {@code accounturi}. */
  @Value.Parameter
  public abstract String tag();

  /** The parameter value as written (may be empty). */
  @Value.Parameter
  public abstract String value();

  /** Creates a parameter. */
  public static CaaParameter of(String tag, String value) {
    return ImmutableCaaParameter.of(tag, value);
  }

  /** The tag in lower case, for comparison. */
  public String tagKey() {
    return tag().toLowerCase(Locale.ROOT);
  }

  /** {@code tag=value}. */
  @Override
  public String toString() {
    return tag() + "=" + value();
  }
}
