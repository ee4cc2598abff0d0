package org.dvinspector.cli;

import java.util.Objects;
import java.util.function.Consumer;
import org.dvinspector.FindingCode;
import org.dvinspector.Verdict;

/**
 * One case of the hostile HTTP battery: how the hostile servers are set up, the one verdict the
 * inspection must reach (READY where the CA would still validate, NOT_READY where the domain's
 * server is at fault, UNKNOWN where the inspector cannot decide), and the finding that must name
 * the server and the fault.
 */
final class HostileHttpCase {
  final String name;
  final String why;
  final Consumer<HostileHttpBattery.Env> setup;
  final Verdict verdict;
  final FindingCode code;
  final String server;
  final String fault;

  private HostileHttpCase(String name, String why, Consumer<HostileHttpBattery.Env> setup,
      Verdict verdict, FindingCode code, String server, String fault) {
    this.name = name;
    this.why = why;
    this.setup = setup;
    this.verdict = verdict;
    this.code = code;
    this.server = server;
    this.fault = fault;
  }

  /** A case; the expectation is given with {@link Builder#expect}. */
  static Builder named(String name, String why) {
    return new Builder(name, why);
  }

  @Override
  public String toString() {
    return name + " -> " + verdict + " (" + code + ")";
  }

  static final class Builder {
    private final String name;
    private final String why;
    private Consumer<HostileHttpBattery.Env> setup = e -> {};

    Builder(String name, String why) {
      this.name = name;
      this.why = why;
    }

    Builder setup(Consumer<HostileHttpBattery.Env> setup) {
      this.setup = Objects.requireNonNull(setup);
      return this;
    }

    /**
     * The verdict, and a finding with {@code code} whose message or evidence names {@code server}
     * (host name or address) and says {@code fault}.
     */
    HostileHttpCase expect(Verdict verdict, FindingCode code, String server, String fault) {
      return new HostileHttpCase(name, why, setup, verdict, code, server, fault);
    }
  }
}
