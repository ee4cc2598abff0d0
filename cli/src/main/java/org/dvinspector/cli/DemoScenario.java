package org.dvinspector.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dvinspector.FindingCode;
import org.dvinspector.InspectionReport;
import org.dvinspector.Verdict;
import org.dvinspector.testkit.DnsLab;
import org.jspecify.annotations.Nullable;

/**
 * One situation of the seed FAQ, staged on the demo lab: the zones it declares, what it changes
 * once the lab runs (a record added after a resolver cached its absence, a nameserver frozen, a
 * web server that stalls), and the {@code dvi check} arguments that inspect it. The expected
 * finding is what {@code dvi demo} and its test check the report for.
 */
final class DemoScenario {
  private final String name;
  private final String situation;
  private final @Nullable FindingCode expected;
  private final List<Consumer<DemoPlan>> zones;
  private final List<Consumer<DemoLab>> steps;
  private final List<String> webHosts;
  private final Function<DemoLab, List<String>> arguments;
  private final boolean agents;

  private DemoScenario(Builder b) {
    this.name = b.name;
    this.situation = b.situation;
    this.expected = b.expected;
    this.zones = List.copyOf(b.zones);
    this.steps = List.copyOf(b.steps);
    this.webHosts = List.copyOf(b.webHosts);
    this.arguments = b.arguments;
    this.agents = b.agents;
  }

  /** A scenario that should show {@code expected}. */
  static Builder shows(String name, String situation, FindingCode expected) {
    return new Builder(name, situation, expected);
  }

  /** A scenario that should be READY. */
  static Builder ready(String name, String situation) {
    return new Builder(name, situation, null);
  }

  /** Short stable name, e.g. {@code record-missing}. */
  String name() {
    return name;
  }

  /** The seed FAQ's situation, in a few words. */
  String situation() {
    return situation;
  }

  /** The finding the report must show; empty for the READY scenario. */
  Optional<FindingCode> expected() {
    return Optional.ofNullable(expected);
  }

  /** What the report must show, for listings: a finding code or READY. */
  String expectation() {
    return expected == null ? "READY" : expected.name();
  }

  /** Whether the report shows what this scenario is about. */
  boolean isShownBy(InspectionReport report) {
    return expected == null ? report.verdict() == Verdict.READY : report.hasFinding(expected);
  }

  /** Whether the scenario is inspected with the lab's two local agents as remote perspectives. */
  boolean usesAgents() {
    return agents;
  }

  /** Declares the scenario's zones. */
  void declare(DemoPlan plan) {
    zones.forEach(z -> z.accept(plan));
  }

  /** Host names its web servers answer for (for the lab's HTTPS certificate). */
  List<String> webHosts() {
    return webHosts;
  }

  /** Stages what happens once the lab runs. */
  void prepare(DemoLab lab) {
    steps.forEach(s -> s.accept(lab));
  }

  /** The {@code dvi check} arguments (domain and request options) that inspect the scenario. */
  List<String> arguments(DemoLab lab) {
    return arguments.apply(lab);
  }

  /** Builds a {@link DemoScenario}. */
  static final class Builder {
    private final String name;
    private final String situation;
    private final @Nullable FindingCode expected;
    private final List<Consumer<DemoPlan>> zones = new ArrayList<>();
    private final List<Consumer<DemoLab>> steps = new ArrayList<>();
    private final List<String> webHosts = new ArrayList<>();
    private Function<DemoLab, List<String>> arguments = lab -> List.of();
    private boolean agents;

    private Builder(String name, String situation, @Nullable FindingCode expected) {
      this.name = name;
      this.situation = situation;
      this.expected = expected;
    }

    /** Declares a zone with two nameservers of its own and these records. */
    Builder zone(String zone, String... records) {
      zones.add(plan -> plan.zone(zone, z -> z.records(records)));
      return this;
    }

    /** Declares a zone with full control over its declaration. */
    Builder zone(String zone, Consumer<DnsLab.ZoneSpec> spec) {
      zones.add(plan -> plan.zone(zone, spec));
      return this;
    }

    /** Declares zones with direct use of the plan (e.g. a lame nameserver on its own address). */
    Builder plan(Consumer<DemoPlan> declaration) {
      zones.add(declaration);
      return this;
    }

    /** A host name served by the lab's web servers. */
    Builder webHost(String host) {
      webHosts.add(host);
      return this;
    }

    /** Inspects with the lab's two local agents too (their options follow the arguments). */
    Builder withAgents() {
      this.agents = true;
      return this;
    }

    /** A step run once the lab is up, before the inspection. */
    Builder then(Consumer<DemoLab> step) {
      steps.add(step);
      return this;
    }

    /** The {@code dvi check} arguments. */
    Builder check(String... args) {
      List<String> fixed = List.of(args);
      this.arguments = lab -> fixed;
      return this;
    }

    /** The {@code dvi check} arguments, computed when the lab runs (e.g. a time). */
    Builder check(Function<DemoLab, List<String>> args) {
      this.arguments = args;
      return this;
    }

    DemoScenario build() {
      if (agents) {
        Function<DemoLab, List<String>> own = arguments;
        this.arguments = lab -> {
          List<String> all = new ArrayList<>(own.apply(lab));
          all.addAll(lab.agents().arguments());
          return all;
        };
      }
      return new DemoScenario(this);
    }
  }
}
