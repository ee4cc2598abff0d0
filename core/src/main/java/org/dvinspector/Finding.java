package org.dvinspector;

import org.dvinspector.spi.Text;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One diagnosis: a stable {@linkplain FindingCode code}, a severity, a one-line message, the
 * evidence (which perspective saw what), and a remedy a person can act on.
 *
 * <p>Messages and evidence never contain raw network data: values from servers are {@linkplain
 * Text#quote(String) escaped} first.
 */
@Value.Immutable
public abstract class Finding {
  /** The stable code. */
  public abstract FindingCode code();

  /** The severity; by default the code's {@linkplain FindingCode#defaultSeverity() usual one}. */
  @Value.Default
  public Severity severity() {
    return code().defaultSeverity();
  }

  /** One line saying what is wrong (or, for INFO, what was found). */
  public abstract String message();

  /** What to do about it; empty for purely informational findings. */
  public abstract Optional<String> remedy();

  /** The validation method the finding concerns, when it concerns one. */
  public abstract Optional<Method> method();

  /** Which perspective saw what. */
  public abstract List<Evidence> evidence();

  /**
   * Structured facts for programs (e.g. {@code expected}, {@code found}, {@code classification},
   * {@code waitSeconds}); keys are stable per code.
   */
  public abstract Map<String, String> attributes();

  @Value.Check
  void check() {
    if (message().isBlank()) {
      throw new IllegalStateException("A finding needs a message");
    }
  }

  /** Starts a finding with the given code. */
  public static Builder builder(FindingCode code) {
    return new Builder().code(code);
  }

  /** Builds a {@link Finding}. */
  public static final class Builder extends ImmutableFinding.Builder {
    Builder() {}

    /** Adds evidence: {@code perspective} saw {@code detail}. */
    public Builder evidence(Perspective perspective, String detail) {
      addEvidence(Evidence.of(perspective, detail));
      return this;
    }

    /** Adds a structured fact. */
    public Builder attribute(String key, Object value) {
      putAttributes(key, String.valueOf(value));
      return this;
    }
  }

  @Override
  public String toString() {
    return severity() + " " + code() + ": " + message();
  }
}
