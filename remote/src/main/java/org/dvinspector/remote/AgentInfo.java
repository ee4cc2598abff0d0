package org.dvinspector.remote;

import java.time.Duration;
import java.util.Optional;
import org.dvinspector.Rir;
import org.immutables.value.Value;

/** What an agent says about itself ({@code GET /v1/agent}): where it is and its limits. */
@Value.Immutable
public abstract class AgentInfo {
  /** The agent's region label, e.g. {@code eu-central}. */
  public abstract String region();

  /** The Regional Internet Registry whose service region the agent is in, when configured. */
  public abstract Optional<Rir> rir();

  /** The protocol version the agent speaks. */
  public abstract int protocolVersion();

  /** The software, e.g. {@code dvinspector 0.1.0}. */
  public abstract String software();

  /** How many inspections the agent runs at once before it answers 503. */
  public abstract int maxConcurrent();

  /** The longest deadline the agent grants one inspection. */
  public abstract Duration deadline();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AgentInfo}. */
  public static final class Builder extends ImmutableAgentInfo.Builder {
    Builder() {}
  }
}
