package org.dvinspector.cli;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * One case of the hostile DNS battery: how hostile servers stand in for the zone's nameservers
 * (or its parent's), the one verdict the inspection must reach (READY where a CA would still
 * validate, NOT_READY where the domain's server is at fault, UNKNOWN where the inspector cannot
 * decide), the finding that must name the server and the fault, and optionally one more thing
 * the report must show (a regression the case guards).
 */
final class HostileDnsCase {
  final String name;
  final String why;
  final Consumer<HostileDnsBattery.Env> setup;
  final Verdict verdict;
  /** The finding's code; null when an observation is expected instead. */
  final @Nullable FindingCode code;
  final String server;
  final String fault;
  /** Null when the report shows what it must; else what is wrong. */
  final Function<InspectionReport, @Nullable String> also;
  /**
   * Why the case is disabled: a known bug outside the battery's reach (in the resolution core,
   * which its owner fixes), described in full where the case is declared; null when it runs.
   */
  final @Nullable String knownBug;

  private HostileDnsCase(String name, String why, Consumer<HostileDnsBattery.Env> setup,
      Verdict verdict, @Nullable FindingCode code, String server, String fault,
      Function<InspectionReport, @Nullable String> also, @Nullable String knownBug) {
    this.knownBug = knownBug;
    this.name = name;
    this.why = why;
    this.setup = setup;
    this.verdict = verdict;
    this.code = code;
    this.server = server;
    this.fault = fault;
    this.also = also;
  }

  /** A case; the expectation is given with {@link Builder#expect}. */
  static Builder named(String name, String why) {
    return new Builder(name, why);
  }

  @Override
  public String toString() {
    return name + " -> " + verdict + " (" + (code == null ? "observed" : code) + ")";
  }

  static final class Builder {
    private final String name;
    private final String why;
    private Consumer<HostileDnsBattery.Env> setup = e -> {};
    private Function<InspectionReport, @Nullable String> also = r -> null;
    private @Nullable String knownBug;

    Builder(String name, String why) {
      this.name = name;
      this.why = why;
    }

    Builder setup(Consumer<HostileDnsBattery.Env> setup) {
      this.setup = Objects.requireNonNull(setup);
      return this;
    }

    /**
     * Disables the case for a known bug in code the battery must not change: the case is skipped
     * (and counted as disabled) until the bug is fixed.
     */
    Builder knownBug(String reason) {
      this.knownBug = Objects.requireNonNull(reason);
      return this;
    }

    /** One more thing the report must show: null when it does, else what is wrong. */
    Builder also(Function<InspectionReport, @Nullable String> also) {
      this.also = Objects.requireNonNull(also);
      return this;
    }

    /**
     * The verdict, and a finding with {@code code} whose message or evidence names {@code server}
     * (a host name or address) and says {@code fault}.
     */
    HostileDnsCase expect(Verdict verdict, FindingCode code, String server, String fault) {
      return new HostileDnsCase(name, why, setup, verdict, code, server, fault, also, knownBug);
    }

    /**
     * The verdict, and an observation of {@code server} (its perspective label: a host name or
     * address, and the transport) whose query or result says {@code fault}: for READY cases whose
     * hostile behaviour a CA never notices (spoofed replies discarded, a TCP retry that works),
     * where no finding is due and the observation shows the right answer came from that server.
     */
    HostileDnsCase expectObserved(Verdict verdict, String server, String fault) {
      return new HostileDnsCase(name, why, setup, verdict, null, server, fault, also, knownBug);
    }
  }
}
